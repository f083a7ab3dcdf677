import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { movingV1 } from '../../journeys/moving';
import { addDays } from '../../journeys/shared/calendar';
import { createHttpAuthorities } from '../../src/authorities/authorities.factory';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { createTestApp } from '../support/app';
import { contractCheck } from '../support/openapi-contract';
import { createTestDatabase } from '../support/database';
import { bearer, tokenFor } from '../support/experience';
import { selfServiceHelpers } from '../support/self-service';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const inDays = (n: number) => addDays(new Date().toISOString().slice(0, 10), n);

async function eventually<T>(read: () => T | undefined, ms = 10_000): Promise<T> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    const value = read();
    if (value !== undefined) return value;
  }
  throw new Error('timed out waiting');
}

/**
 * "Er det forkert?" end to end: the citizen's request reaches the municipality's self-service
 * solution as a `correction.requested` webhook with a task token (real workers, a real receiver),
 * the solution reads and answers it, and the citizen sees the answer.
 */
describe('correction requests (Er det forkert?)', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sandbox: Sandbox;
  let receiver: WebhookReceiver;
  let http: ReturnType<typeof request>;
  let h: ReturnType<typeof selfServiceHelpers>;

  beforeAll(async () => {
    db = await createTestDatabase('overview_corrections');
    sandbox = await startSandbox({ latencyScale: 0, seed: 3 });
    receiver = await startWebhookReceiver();
    const { gateway } = createHttpAuthorities({ systems: {}, defaultBaseUrl: sandbox.url, timeoutMs: 5000 });
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [movingV1],
      gateway,
      role: 'all',
      namespace: `overview_corrections_${process.pid}`,
    });
    http = request(app.getHttpServer());
    h = selfServiceHelpers(app);
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await sandbox?.close();
    await db?.drop();
  });

  it('does send a correction to the authority that keeps the fact, and shows its answer to the citizen', async () => {
    const municipality = await h.clientToken(await h.createClient('municipality'));
    const tax = await h.clientToken(await h.createClient('skattestyrelsen'));
    await http
      .post('/api/self-service/webhooks')
      .set(bearer(municipality))
      .send({ url: receiver.url, events: ['correction.requested'] })
      .expect(201);

    const citizen = await tokenFor(http, '0101901234');
    const journey = await http
      .post('/api/journeys')
      .set(bearer(citizen))
      .send({ type: 'moving', answers: { ...movingV1.startExamples[0], movingDate: inDays(10) } })
      .expect(201);
    const overview = await http.get('/api/me/overview?benefits=false').set(bearer(citizen)).expect(200);
    expect(overview.body.facts.map((f: { fact: string }) => f.fact)).toContain('address');

    for (const [body, field, reason] of [
      [{ fact: 'address', description: '' }, 'description', 'must be 1 to 2000 characters'],
      [{ fact: 'address', description: '   ' }, 'description', 'must be 1 to 2000 characters'],
      [{ fact: 'address', description: 'x'.repeat(2001) }, 'description', 'must be 1 to 2000 characters'],
      [{ fact: 'address' }, 'description', 'must be 1 to 2000 characters'],
      [{ fact: 'shoeSize', description: 'Forkert' }, 'fact', 'must be one of address, civilStatus, children'],
    ] as const) {
      const refused = await http.post('/api/me/corrections').set(bearer(citizen)).send(body).expect(400);
      expect(refused.body.fields).toEqual([{ field, reason }]);
    }
    const description = 'Jeg er flyttet til Aarhus Kommune (0751) den 1. i måneden.';
    const made = await http
      .post('/api/me/corrections')
      .set(bearer(citizen))
      .send({ fact: 'address', description: 'x'.repeat(1990) + description.slice(0, 10) })
      .expect(201);
    expect(made.body).toMatchObject({
      fact: 'address',
      authority: 'municipality',
      status: 'awaiting',
      requestedBy: 'citizen',
      answer: null,
    });
    const again = await http.post('/api/me/corrections').set(bearer(citizen)).send({ fact: 'address', description }).expect(409);
    expect(again.body.code).toBe('CORRECTION_PENDING');

    const hook = await eventually(() => receiver.ofType('correction.requested')[0]);
    expect(hook.data).toMatchObject({
      correction: { id: made.body.id, fact: 'address' },
      journey: { id: journey.body.id, type: 'moving' },
    });
    expect(JSON.stringify(hook)).not.toContain('0101901234');
    // The webhook names the request; it carries no bearer secret that a stored body could keep.
    const id = hook.data.correction.id as string;
    expect(hook.data.links.answerUrl).toMatch(new RegExp(`/api/hooks/corrections/${id}/answer$`));
    expect(Object.keys(hook.data).sort()).toEqual(['correction', 'journey', 'links']);

    await http.get(`/api/hooks/corrections/${id}`).set(bearer(tax)).expect(403);
    const details = await http.get(`/api/hooks/corrections/${id}`).set(bearer(municipality)).expect(200);
    expect(details.body).toMatchObject({ id: made.body.id, subject: { cpr: '0101901234' }, status: 'awaiting' });
    const bad = await http
      .post(`/api/hooks/corrections/${id}/answer`)
      .set(bearer(municipality))
      .send({ outcome: 'maybe', message: 'x' })
      .expect(400);
    expect(bad.body.fields).toEqual([{ field: 'outcome', reason: 'must be corrected or rejected' }]);
    await http
      .post(`/api/hooks/corrections/${id}/answer`)
      .set(bearer(municipality))
      .send({ outcome: 'corrected', message: '' })
      .expect(400);
    const answered = await http
      .post(`/api/hooks/corrections/${id}/answer`)
      .set(bearer(municipality))
      .send({ outcome: 'corrected', message: 'Adressen er rettet i CPR.' })
      .expect(200);
    expect(answered.body).toMatchObject({ status: 'corrected', answer: 'Adressen er rettet i CPR.' });
    const twice = await http
      .post(`/api/hooks/corrections/${id}/answer`)
      .set(bearer(municipality))
      .send({ outcome: 'rejected', message: 'Nej' })
      .expect(409);
    expect(twice.body.code).toBe('CORRECTION_ANSWERED');
    await http.get('/api/hooks/corrections/8c0a1f2e-3b4d-4c5e-9f6a-7b8c9d0e1f2a').set(bearer(municipality)).expect(404);
    await http.get('/api/hooks/corrections/not-an-id').set(bearer(municipality)).expect(400);

    const mine = await http.get('/api/me/corrections').set(bearer(citizen)).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ id: made.body.id, status: 'corrected', answer: 'Adressen er rettet i CPR.' })]);
    const after = await http.get('/api/me/overview?benefits=false').set(bearer(citizen)).expect(200);
    expect(after.body.corrections[0]).toMatchObject({ id: made.body.id, status: 'corrected' });
    // Answered: a new request for the fact may be made.
    await http.post('/api/me/corrections').set(bearer(citizen)).send({ fact: 'address', description }).expect(201);
    const exported = await http.get('/api/me/export').set(bearer(citizen)).expect(200);
    expect(exported.body.corrections).toEqual([
      expect.objectContaining({ id: made.body.id, fact: 'address', status: 'corrected', answer: 'Adressen er rettet i CPR.' }),
      expect.objectContaining({ fact: 'address', status: 'awaiting' }),
    ]);
    const log = await http.get('/api/me/access-log').set(bearer(citizen)).expect(200);
    expect(
      log.body.items.map((a: { viewer: { kind: string; authority: string }; action: string }) => [
        a.viewer.kind,
        a.viewer.authority,
        a.action,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['system', 'municipality', 'correction:read'],
        ['system', 'municipality', 'correction:corrected'],
      ]),
    );
  });

  it('does refuse a fact no running journey used', async () => {
    const citizen = await tokenFor(http, '0202802345');
    const refused = await http
      .post('/api/me/corrections')
      .set(bearer(citizen))
      .send({ fact: 'address', description: 'Forkert adresse' })
      .expect(400);
    expect(refused.body.fields).toEqual([{ field: 'fact', reason: 'is not a register fact your running journeys used' }]);
  });
});
