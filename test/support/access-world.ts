import type { NestExpressApplication } from '@nestjs/platform-express';
import { grantProxy } from './experience';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { allDefinitions } from '../../journeys';
import { TokenService } from '../../src/api/auth/token.service';
import { PageSessions } from '../../src/api/sign-in/page-sessions';
import { CitizenRepository } from '../../src/engine/persistence/citizen.repository';
import { SendEventUseCase } from '../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../src/engine/use-cases/start-journey.use-case';
import { selfServiceHelpers } from './self-service';

/** The callers of the access matrix, in its column order. */
export const ROLES = [
  'anonymous',
  'citizenA',
  'citizenB',
  'proxyAct',
  'proxyRead',
  'proxyOther',
  'proxyExpired',
  'caseworkerIn',
  'caseworkerOut',
  'systemIn',
  'systemOut',
] as const;
export type MatrixRole = (typeof ROLES)[number];

/** An authority that handles no step of the fixture journeys (moving, new-job). */
export const OTHER_AUTHORITY = 'optagelse-dk';
const PROXIES = { proxyAct: '0303803456', proxyRead: '0404804567', proxyOther: '0505805678', proxyExpired: '0606806789' } as const;
const CITIZEN_B = '0707807890';

/** What one owner's world holds: citizen A with journeys, grants and a notification, and the ids to reach them. */
export interface Fixture {
  citizenA: string;
  /** Moving, reported: the municipality's host declaration awaits (task token minted). */
  journeyId: string;
  /** New-job, with a dead integration task (skattestyrelsen's): the caseworker retry target; the proxyOther grant's only journey. */
  otherJourneyId: string;
  deadTaskId: string;
  taskToken: string;
  notificationId: string;
  /** A grant of A's to someone outside the matrix, to revoke. */
  grantId: string;
  /** A webhook subscription of systemIn's municipality client, to delete. */
  subscriptionId: string;
  /** The proxyRead grant (all of A's journeys, read): the handle of A's overview for that proxy. */
  readGrantId: string;
  /** The proxyAct grant (all of A's journeys, act): the handle of a correction that proxy may request for A. */
  actGrantId: string;
  /** The task token of A's request to correct their civil status (the municipality's). */
  correctionId: string;
  /** A power of attorney of A's waiting for A's confirmation (it gives nobody access), to confirm or cancel. */
  pendingId: string;
  /** A's valid consent for the moving journey's housing-benefit step. */
  consentId: string;
}

export async function accessWorld(app: NestExpressApplication) {
  const h = selfServiceHelpers(app);
  const sql = app.get(DataSource);
  const citizens = app.get(CitizenRepository);
  const citizenToken = (cpr: string, name?: string) => h.devToken({ role: 'citizen', subject: cpr, name });
  const { caseworker, system } = h.authorityTokens();
  const fixed: Partial<Record<MatrixRole, string>> = { citizenB: await citizenToken(CITIZEN_B) };
  for (const [role, cpr] of Object.entries(PROXIES)) fixed[role as MatrixRole] = await citizenToken(cpr, `Proxy ${role}`);
  const municipality = await system('municipality');
  let n = 0;
  let previousSubscription: string | undefined;

  /** A fresh owner (its own CPR number) with everything the matrix's routes need. */
  async function fixture(): Promise<Fixture> {
    n += 1;
    // A fresh fixture serves one mutating route and is done with when the next is made: its webhook
    // subscription goes, so the client stays under its limit of subscriptions (the shared one, the first, stays).
    if (previousSubscription)
      await sql.query(`UPDATE webhook_subscription SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, [previousSubscription]);
    const cpr = `1506${String(70 + (n % 30)).padStart(2, '0')}${String(1000 + n).slice(-4)}`;
    const { body: subscription } = await h
      .http()
      .post('/api/self-service/webhooks')
      .set('Authorization', `Bearer ${municipality}`)
      .send({ url: 'http://127.0.0.1:9/hooks', events: ['step.awaiting', 'correction.requested'] })
      .expect(201);
    const { journeyId, citizen } = await h.reportedMove(cpr);
    const citizenId = await citizens.idFor(cpr);
    // What the municipality's solution would receive with its (undelivered) webhook.
    const taskToken = await h.taskTokenOf(journeyId, 'logivaert-check');

    const newJob = allDefinitions().find((d) => d.id === 'new-job')!;
    const other = await app
      .get(StartJourneyUseCase)
      .execute({ citizenId, type: 'new-job', answers: newJob.startExamples[0], facts: {}, actor: { kind: 'citizen', id: citizenId } });
    const [[task]] = await sql.query(`UPDATE integration_task SET status = 'dead' WHERE journey_id = $1 RETURNING id, step, task`, [
      other.journeyId,
    ]);
    await app.get(SendEventUseCase).execute({
      origin: 'engine',
      journeyId: other.journeyId,
      type: 'integration.failed',
      data: { step: task.step, task: task.task, code: 'UNAVAILABLE' },
      actor: { kind: 'engine', id: 'engine' },
    });

    const grant = async (proxyCpr: string, access: 'read' | 'act', journey?: string) =>
      (
        await grantProxy(h.http(), citizen, {
          proxyCpr,
          access,
          journeyId: journey,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
      ).id;
    const actGrantId = await grant(PROXIES.proxyAct, 'act');
    const readGrantId = await grant(PROXIES.proxyRead, 'read');
    await grant(PROXIES.proxyOther, 'act', other.journeyId);
    const expired = await grant(PROXIES.proxyExpired, 'act');
    await sql.query(`UPDATE proxy_grant SET expires_at = now() - interval '1 day' WHERE id = $1`, [expired]);
    const grantId = await grant(`0808${String(80 + (n % 20))}${String(2000 + n).slice(-4)}`, 'read');
    const { body: pending } = await h
      .http()
      .post('/api/me/proxies/pending')
      .set('Authorization', `Bearer ${citizen}`)
      .send({
        proxyCpr: `0909${String(80 + (n % 20))}${String(3000 + n).slice(-4)}`,
        access: 'act',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      })
      .expect(201);
    const [notification] = await sql.query(
      `INSERT INTO notification (citizen_id, journey_id, template, step, params)
        VALUES ($1, $2, 'step-needs-you', 'gp-choice', '{}') RETURNING id`,
      [citizenId, journeyId],
    );
    // The register facts the journey was started with, as a CPR lookup gives them: what a correction is about.
    await sql.query(
      `UPDATE journey SET snapshot = jsonb_set(snapshot, '{context,facts}', '{"municipalityCode":"0101","civilStatus":"married"}')
        WHERE id = $1`,
      [journeyId],
    );
    await h
      .http()
      .post('/api/me/corrections')
      .set('Authorization', `Bearer ${citizen}`)
      .send({ fact: 'civilStatus', description: 'Vi er skilt.' })
      .expect(201);
    const [correction] = await sql.query(`SELECT body FROM webhook_delivery WHERE journey_id = $1 AND event = 'correction.requested'`, [
      journeyId,
    ]);
    const correctionId = JSON.parse(correction.body).data.correction.id as string;
    // A's consent for the housing-benefit step's income fetch (moving asks for it from version 2).
    const consent = await h
      .http()
      .post('/api/me/consents')
      .set('Authorization', `Bearer ${citizen}`)
      .send({ journeyId, step: 'housing-benefit' })
      .expect(201);
    if (n > 1) previousSubscription = subscription.id as string;
    return {
      citizenA: citizen,
      journeyId,
      otherJourneyId: other.journeyId,
      deadTaskId: task.id,
      taskToken,
      notificationId: notification.id,
      grantId,
      subscriptionId: subscription.id,
      readGrantId,
      actGrantId,
      correctionId,
      pendingId: pending.pendingId as string,
      consentId: consent.body.id as string,
    };
  }

  /** The bearer token of a role; "in" and "out" are relative to the authority the route is about. */
  async function tokenOf(role: MatrixRole, fx: Fixture, authority: string): Promise<string | undefined> {
    switch (role) {
      case 'anonymous':
        return undefined;
      case 'citizenA':
        return fx.citizenA;
      case 'caseworkerIn':
        return caseworker(authority);
      case 'caseworkerOut':
        return caseworker(OTHER_AUTHORITY);
      case 'systemIn':
        return system(authority);
      case 'systemOut':
        return system(OTHER_AUTHORITY);
      default:
        return fixed[role];
    }
  }

  /**
   * A page session for the token's person, in the service's own session store (the fixture's people
   * are no accounts of the local provider; sign-in through it is tested in sign-in.spec and
   * hostile-input), with the CSRF cookie and token its forms carry. Systems have no page sessions:
   * on pages they are anonymous. A signed-in person is shown their own start page first, so a test
   * cannot pass on redirects to the sign-in page.
   */
  async function pageSession(token: string | undefined): Promise<{ cookie: string; csrf: string }> {
    const principal = token ? await app.get(TokenService).verify(token) : undefined;
    let session = '';
    if (principal && principal.role !== 'system') {
      const citizen = principal.role === 'citizen' ? await citizens.identify(principal.subject) : undefined;
      const id = await app.get(PageSessions).create({ ...principal, provider: 'test', citizen, citizenId: citizen?.id });
      session = `lf_session=${id}`;
      await request(app.getHttpServer())
        .get(principal.role === 'citizen' ? '/journeys' : '/caseworker')
        .set('Cookie', session)
        .expect(200);
    }
    const res = await request(app.getHttpServer()).get('/login').set('Cookie', session).expect(200);
    const nonce = /lf_csrf=([^;]+)/.exec(String(res.headers['set-cookie']))![1];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)![1];
    return { cookie: [session, `lf_csrf=${nonce}`].filter(Boolean).join('; '), csrf };
  }

  return { fixture, tokenOf, pageSession, http: h.http };
}

/** Routes as Express has them: every controller route plus what Swagger mounts (not the static-file fallbacks). */
export function appRoutes(app: NestExpressApplication): string[] {
  const express = app.getHttpAdapter().getInstance();
  const stack: { route?: { path: string; methods: Record<string, boolean> } }[] = (express.router ?? express._router).stack;
  return stack
    .filter((l) => l.route && !l.route.path.includes('*'))
    .flatMap((l) =>
      Object.keys(l.route!.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${l.route!.path}`),
    );
}
