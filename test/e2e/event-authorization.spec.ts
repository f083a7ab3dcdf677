import type { NestExpressApplication } from '@nestjs/platform-express';
import { grantProxy } from '../support/experience';
import { DataSource } from 'typeorm';
import { allDefinitions } from '../../journeys';
import { AUTHORITY_SYSTEM_IDS, ENGINE_EVENT_TYPES, type JourneyDefinition } from '../../journeys/shared/contract';
import type { Actor } from '../../src/engine/actor';
import { CitizenRepository } from '../../src/engine/persistence/citizen.repository';
import { DismissJourneyUseCase } from '../../src/engine/use-cases/dismiss-journey.use-case';
import { SendEventUseCase } from '../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../src/engine/use-cases/start-journey.use-case';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { waitFor } from '../support/private-redis';
import { movingAnswers, selfServiceHelpers } from '../support/self-service';
import { UnusedGateway } from '../support/unused-gateway';

/**
 * The event policy, generated from the journey definitions: for every journey, every event it
 * accepts from outside and every engine event, and every kind of caller, the answer the definitions
 * imply, asserted through the HTTP API (and through the use case for the engine and the register
 * feed, which have no HTTP route of their own for events).
 *
 * An allowed event is sent with data its schema refuses, so the answer is 400 VALIDATION_FAILED and
 * the journey does not move: the matrix can then ask every caller about every event on one journey.
 */
const WHO = [
  'owner',
  'otherCitizen',
  'proxyAct',
  'proxyRead',
  'proxyExpired',
  'caseworkerOwner',
  'caseworkerOther',
  'caseworkerOutside',
  'systemOwner',
  'systemOther',
  'engine',
  'register',
] as const;
type Who = (typeof WHO)[number];
type Expected = 'allowed' | 403 | 404;

interface World {
  def: JourneyDefinition;
  journeyId: string;
  /** The same journey type for another citizen, dismissed: the engine and the register feed are asked on it. */
  dismissedId: string;
  systems: string[];
  status: Record<string, string>;
  /** The authority handling each step for this citizen, as the citizen's view shows it. */
  handler: Record<string, string | undefined>;
  tokens: Partial<Record<Who, string>>;
}

const definitions = allDefinitions().filter(
  (d, _, all) => d.version === Math.max(...all.filter((o) => o.id === d.id).map((o) => o.version)),
);
/** Each journey with its first facts example, and again wherever the law routes a step to another authority for some citizens. */
const cases: [string, JourneyDefinition, Record<string, unknown>][] = definitions.flatMap((d) => {
  const examples = d.factsExamples?.length ? d.factsExamples : [{}];
  const rerouted = d.steps.some((s) => s.alternativeSystems?.length) ? examples.slice(1) : [];
  return [
    [d.id, d, examples[0]],
    ...rerouted.map((f, i): [string, JourneyDefinition, Record<string, unknown>] => [`${d.id} (facts example ${i + 2})`, d, f]),
  ];
});

/** The authority that decides the event (the one handling its first step that has one), if any. */
function ownerOf(world: World, type: string): string | undefined {
  return world.def.events[type]?.steps.map((id) => world.handler[id]).find(Boolean);
}

/** An authority on the journey that handles none of the event's steps. */
function otherOf(world: World, type: string): string | undefined {
  const named = new Set((world.def.events[type]?.steps ?? []).map((id) => world.handler[id]));
  return world.systems.find((s) => !named.has(s));
}

function expected(world: World, who: Who, type: string): Expected | undefined {
  const { def, status } = world;
  const spec = def.events[type];
  const engineEvent = !spec;
  const owner = ownerOf(world, type);
  const applies = (authority: string | undefined) =>
    !!spec?.steps.some((id) => world.handler[id] === authority && status[id] !== 'skipped');
  switch (who) {
    case 'owner':
    case 'proxyAct':
      return spec?.actors.includes('citizen') ? 'allowed' : 403;
    case 'otherCitizen':
    case 'proxyExpired':
    case 'caseworkerOutside':
      return 404;
    case 'proxyRead':
      return 403;
    case 'caseworkerOwner':
      if (!owner) return undefined;
      // An authority whose steps all are skipped is not on the journey: it cannot see it at all.
      if (!world.systems.includes(owner)) return 404;
      return !engineEvent && spec.actors.includes('caseworker') && applies(owner) ? 'allowed' : 403;
    case 'systemOwner':
      if (!owner) return undefined;
      if (!world.systems.includes(owner)) return 404;
      return !engineEvent && spec.actors.includes('system') && applies(owner) ? 'allowed' : 403;
    case 'caseworkerOther':
    case 'systemOther':
      return otherOf(world, type) ? 403 : undefined;
    case 'engine':
      return engineEvent ? 'allowed' : 403;
    case 'register':
      if (engineEvent) return undefined;
      return spec.actors.includes('register') ? 'allowed' : 403;
  }
}

describe('event policy: who may send which event', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let h: ReturnType<typeof selfServiceHelpers>;
  let sql: DataSource;
  let caseworker: (authority: string) => Promise<string>;
  let system: (authority: string) => Promise<string>;

  beforeAll(async () => {
    db = await createTestDatabase('event_policy');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: allDefinitions(),
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: `event_policy_${process.pid}`,
    });
    h = selfServiceHelpers(app);
    ({ caseworker, system } = h.authorityTokens());
    sql = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  let n = 0;
  async function world(def: JourneyDefinition, facts: Record<string, unknown>): Promise<World> {
    n += 1;
    const cpr = (k: number) => `0101${String(40 + k).padStart(2, '0')}${String(1000 + n).slice(-4)}`;
    const start = async (who: string) => {
      const citizenId = await app.get(CitizenRepository).idFor(who);
      const answers = def.startExamples[0];
      return (
        await app.get(StartJourneyUseCase).execute({ citizenId, type: def.id, answers, facts, actor: { kind: 'citizen', id: citizenId } })
      ).journeyId;
    };
    const journeyId = await start(cpr(0));
    const dismissedId = await start(cpr(1));
    const dismisser = await app.get(CitizenRepository).idFor(cpr(1));
    await app.get(DismissJourneyUseCase).execute(dismissedId, { kind: 'citizen', id: dismisser });

    const owner = await h.devToken({ role: 'citizen', subject: cpr(0) });
    const grant = async (proxy: string, access: 'read' | 'act') =>
      (await grantProxy(h.http(), owner, { proxyCpr: proxy, access, expiresAt: new Date(Date.now() + 86_400_000).toISOString() })).id;
    await grant(cpr(3), 'act');
    await grant(cpr(4), 'read');
    const expired = await grant(cpr(5), 'act');
    await sql.query(`UPDATE proxy_grant SET expires_at = now() - interval '1 day' WHERE id = $1`, [expired]);

    const [{ systems: scope }] = await sql.query('SELECT systems FROM journey WHERE id = $1', [journeyId]);
    const view = (await h.http().get(`/api/journeys/${journeyId}`).set('Authorization', `Bearer ${owner}`).expect(200)).body as {
      steps: { id: string; status: string; system?: string }[];
    };
    return {
      def,
      journeyId,
      dismissedId,
      systems: scope,
      status: Object.fromEntries(view.steps.map((s) => [s.id, s.status])),
      handler: Object.fromEntries(view.steps.map((s) => [s.id, s.system])),
      tokens: {
        owner,
        otherCitizen: await h.devToken({ role: 'citizen', subject: cpr(2) }),
        proxyAct: await h.devToken({ role: 'citizen', subject: cpr(3) }),
        proxyRead: await h.devToken({ role: 'citizen', subject: cpr(4) }),
        proxyExpired: await h.devToken({ role: 'citizen', subject: cpr(5) }),
      },
    };
  }

  /** The answer one caller gets for one event: 'allowed', 403 or 404 (anything else is reported as is). */
  async function ask(w: World, who: Who, type: string): Promise<Exclude<Expected, 'allowed'> | string> {
    const data = { matrixProbe: true };
    if (who === 'engine' || who === 'register') {
      const actor: Actor = who === 'engine' ? { kind: 'engine', id: 'engine' } : { kind: 'register', id: 'register:matrix' };
      const error = await app
        .get(SendEventUseCase)
        .execute({ journeyId: w.dismissedId, type, data, actor, origin: 'engine' })
        .then(
          () => undefined,
          (e: { code?: string }) => e,
        );
      // Past the policy, the dismissed journey refuses everything: that is how "allowed" shows.
      if (error?.code === 'JOURNEY_NOT_ACTIVE') return 'allowed';
      return error?.code === 'FORBIDDEN' ? 403 : `use case: ${error?.code ?? 'applied'}`;
    }
    const owner = ownerOf(w, type);
    const other = otherOf(w, type);
    const outside = AUTHORITY_SYSTEM_IDS.find((a) => !w.systems.includes(a))!;
    const [path, token] = await (async (): Promise<[string, string]> => {
      switch (who) {
        case 'owner':
        case 'otherCitizen':
          return [`/api/journeys/${w.journeyId}/events`, w.tokens[who]!];
        case 'proxyAct':
        case 'proxyRead':
        case 'proxyExpired':
          return [`/api/me/represented/journeys/${w.journeyId}/events`, w.tokens[who]!];
        case 'caseworkerOwner':
          return [`/api/caseworker/journeys/${w.journeyId}/events`, await caseworker(owner!)];
        case 'caseworkerOther':
          return [`/api/caseworker/journeys/${w.journeyId}/events`, await caseworker(other!)];
        case 'caseworkerOutside':
          return [`/api/caseworker/journeys/${w.journeyId}/events`, await caseworker(outside)];
        case 'systemOwner':
          return [`/api/self-service/journeys/${w.journeyId}/events`, await system(owner!)];
        default:
          return [`/api/self-service/journeys/${w.journeyId}/events`, await system(other!)];
      }
    })();
    const res = await h.http().post(path).set('Authorization', `Bearer ${token}`).send({ type, data });
    if (res.status === 400 && res.body.code === 'VALIDATION_FAILED') return 'allowed';
    if (res.status === 403 || res.status === 404) {
      // A refusal names the event (403) or looks like a missing journey (404); never a stack trace.
      if (res.status === 403 && !String(res.body.message).includes(type.slice(0, 80)))
        return `403 without the event's name: ${res.body.message}`;
      return res.status;
    }
    return `${res.status} ${res.body.code}`;
  }

  it.each(cases)(
    '%s: every caller gets exactly what the definition allows, and nothing is written when refused',
    async (_id, def, facts) => {
      const w = await world(def, facts);
      const [{ version: before }] = await sql.query('SELECT version FROM journey WHERE id = $1', [w.journeyId]);
      const wrong: string[] = [];
      let asked = 0;
      // Nothing a caller sends here moves the journey, so one event's callers can be asked at once.
      for (const type of [...Object.keys(def.events), ...ENGINE_EVENT_TYPES]) {
        const questions = WHO.map((who) => [who, expected(w, who, type)] as const).filter(([, want]) => want !== undefined);
        asked += questions.length;
        const answers = await Promise.all(questions.map(([who]) => ask(w, who, type)));
        questions.forEach(([who, want], i) => answers[i] !== want && wrong.push(`${type} as ${who}: expected ${want}, got ${answers[i]}`));
      }
      expect(wrong).toEqual([]);
      expect(asked).toBeGreaterThan(Object.keys(def.events).length * 8);
      // Refused or invalid, nothing reached the journey: no transition, no history entry.
      const [{ version: after }] = await sql.query('SELECT version FROM journey WHERE id = $1', [w.journeyId]);
      expect(after).toBe(before);
      const [{ entries }] = await sql.query('SELECT count(*)::int AS entries FROM journey_history WHERE journey_id = $1', [w.journeyId]);
      expect(entries).toBe(1);

      // The views offer a caseworker exactly the events the policy would let them send.
      for (const authority of w.systems) {
        const view = (
          await h
            .http()
            .get(`/api/caseworker/journeys/${w.journeyId}`)
            .set('Authorization', `Bearer ${await caseworker(authority)}`)
            .expect(200)
        ).body as { nextActions: { event: string }[] };
        for (const { event } of view.nextActions) {
          const mine = def.events[event].steps.some((id) => w.handler[id] === authority && w.status[id] !== 'skipped');
          if (!mine || !def.events[event].actors.includes('caseworker')) wrong.push(`${authority}'s caseworker is offered ${event}`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  describe('the findings it closes', () => {
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
    const decided = { type: 'logivaert.decided', data: { confirmed: true, decidedOn: '2026-05-22' } };

    it(
      "refuses another authority's caseworker and system the municipality's decision, logs the attempt, and leaves the " +
        "municipality's step open",
      async () => {
        const { journeyId } = await h.reportedMove('2002901234', movingAnswers());
        const refused = await h
          .http()
          .post(`/api/caseworker/journeys/${journeyId}/events`)
          .set(bearer(await caseworker('health-insurance')))
          .send(decided)
          .expect(403);
        expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
        expect(refused.body.message).toContain('health-insurance');
        expect(refused.body.message).toContain('logivaert.decided');
        await h
          .http()
          .post(`/api/self-service/journeys/${journeyId}/events`)
          .set(bearer(await system('health-insurance')))
          .send(decided)
          .expect(403);

        const log = await sql.query(`SELECT authority, action FROM access_log WHERE journey_id = $1 AND viewer_kind = 'caseworker'`, [
          journeyId,
        ]);
        expect(log).toEqual([{ authority: 'health-insurance', action: 'event:logivaert.decided' }]);
        // The call audit is written once the answer has gone out.
        const audit = async () =>
          sql.query(`SELECT authority, status FROM system_call_audit WHERE journey_id = $1 AND route LIKE '%/events'`, [journeyId]);
        await waitFor(async () => (await audit()).length > 0, 5_000);
        expect(await audit()).toEqual([{ authority: 'health-insurance', status: 403 }]);

        const view = await h
          .http()
          .get(`/api/caseworker/journeys/${journeyId}`)
          .set(bearer(await caseworker('municipality')))
          .expect(200);
        expect(view.body.steps.find((s: { id: string }) => s.id === 'logivaert-check').status).toBe('active');
        expect(view.body.nextActions.map((a: { event: string }) => a.event)).toContain('logivaert.decided');
        const other = await h
          .http()
          .get(`/api/caseworker/journeys/${journeyId}`)
          .set(bearer(await caseworker('health-insurance')))
          .expect(200);
        expect(other.body.nextActions.map((a: { event: string }) => a.event)).not.toContain('logivaert.decided');
        // The citizen happens to use a key (a case number, say) that the municipality uses too: each
        // sender's keys are its own, so the municipality's decision is applied, not taken for a repeat.
        const citizen = await h.devToken({ role: 'citizen', subject: '2002901234' });
        await h
          .http()
          .post(`/api/journeys/${journeyId}/events`)
          .set(bearer(citizen))
          .send({ type: 'gp-choice.made', data: { choice: 'keep-current' }, idempotencyKey: 'case-4711' })
          .expect(200);
        const decision = await h
          .http()
          .post(`/api/caseworker/journeys/${journeyId}/events`)
          .set(bearer(await caseworker('municipality')))
          .send({ ...decided, idempotencyKey: 'case-4711' })
          .expect(200);
        expect(decision.body.result.duplicate).toBe(false);
        expect(decision.body.journey.steps.find((s: { id: string }) => s.id === 'logivaert-check').status).toBe('done');
        // The same sender repeating its key gets the first answer, and nothing is applied twice.
        const again = await h
          .http()
          .post(`/api/caseworker/journeys/${journeyId}/events`)
          .set(bearer(await caseworker('municipality')))
          .send({ ...decided, idempotencyKey: 'case-4711' })
          .expect(200);
        expect(again.body.result).toEqual({ ...decision.body.result, duplicate: true });
      },
    );

    it(
      "keeps client idempotency keys apart from the engine's, and lets a caseworker retry only a task of their own " + 'authority',
      async () => {
        const cpr = '2102901234';
        const citizenId = await app.get(CitizenRepository).idFor(cpr);
        const newJob = definitions.find((d) => d.id === 'new-job')!;
        const { journeyId } = await app
          .get(StartJourneyUseCase)
          .execute({ citizenId, type: 'new-job', answers: newJob.startExamples[0], facts: {}, actor: { kind: 'citizen', id: citizenId } });
        const [[task]] = await sql.query(
          `UPDATE integration_task SET status = 'dead' WHERE journey_id = $1 AND system = 'skattestyrelsen' RETURNING id, step, task`,
          [journeyId],
        );
        await app.get(SendEventUseCase).execute({
          journeyId,
          type: 'integration.failed',
          data: { step: task.step, task: task.task, code: 'UNAVAILABLE' },
          actor: { kind: 'engine', id: 'engine' },
          origin: 'engine',
        });

        // The citizen happens to use the key the engine will use for the caseworker's retry.
        const citizen = await h.devToken({ role: 'citizen', subject: cpr });
        const mine = (await h.http().get(`/api/journeys/${journeyId}`).set(bearer(citizen)).expect(200)).body.nextActions[0];
        await h
          .http()
          .post(`/api/journeys/${journeyId}/events`)
          .set(bearer(citizen))
          .send({ type: mine.event, data: mine.example, idempotencyKey: `retry:${task.id}` })
          .expect(200);

        // Another authority on the journey may not retry skattestyrelsen's task.
        const jobnet = await h
          .http()
          .post(`/api/caseworker/journeys/${journeyId}/tasks/${task.id}/retry`)
          .set(bearer(await caseworker('jobnet')))
          .expect(403);
        expect(jobnet.body.message).toContain('integration.retry');
        const retried = await h
          .http()
          .post(`/api/caseworker/journeys/${journeyId}/tasks/${task.id}/retry`)
          .set(bearer(await caseworker('skattestyrelsen')))
          .expect(200);
        expect(retried.body.result.duplicate).toBe(false);
        const events = (await sql.query('SELECT event_type FROM journey_history WHERE journey_id = $1 ORDER BY seq', [journeyId])).map(
          (r: { event_type: string }) => r.event_type,
        );
        expect(events).toEqual(['journey.started', 'integration.failed', mine.event, 'integration.retry']);
      },
    );
  });
});
