import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { movingV2 } from '../../journeys/moving';
import { addDays } from '../../journeys/shared/calendar';
import { createHttpAuthorities } from '../../src/authorities/authorities.factory';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { bearer, grantProxy, tokenFor } from '../support/experience';
import { csrfOf, signInAs } from '../support/sign-in';

const inDays = (n: number) => addDays(new Date().toISOString().slice(0, 10), n);
const renting = () => ({ ...movingV2.startExamples[1], movingDate: inDays(10) });

async function eventually<T>(read: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const value = await read();
    if (value !== undefined) return value;
  }
  throw new Error('timed out waiting');
}

/**
 * Consents end to end: the housing-benefit step of moving fetches the household income from
 * eIndkomst (the sandbox's Skattestyrelsen) only with the citizen's consent. The API process runs no
 * workers until the test starts one, so what is queued and what is held can be seen before anything runs.
 */
describe('consents (samtykker)', () => {
  let api: NestExpressApplication;
  let worker: NestExpressApplication | undefined;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sandbox: Sandbox;
  let http: ReturnType<typeof request>;
  let gateway: ReturnType<typeof createHttpAuthorities>['gateway'];
  const namespace = `consents_${process.pid}`;

  const incomeTask = async (journeyId: string) =>
    (
      await api
        .get(DataSource)
        .query<{ id: string; status: string; generation: number; attempts: number }[]>(
          `SELECT id, status, generation, attempts FROM integration_task WHERE journey_id = $1 AND task = 'fetch-income'`,
          [journeyId],
        )
    )[0];
  const incomeCalls = () => sandbox.calls().filter((c) => c.task === 'fetch-income');

  async function reportedMove(token: string): Promise<string> {
    const journey = await http.post('/api/journeys').set(bearer(token)).send({ type: 'moving', answers: renting() }).expect(201);
    await http
      .post(`/api/journeys/${journey.body.id}/events`)
      .set(bearer(token))
      .send({ type: 'move.reported', data: { reportedOn: inDays(0) } })
      .expect(200);
    return journey.body.id as string;
  }

  /** The citizen applied for housing benefit: the step ends, with or without the fetch. */
  async function appliedForHousingBenefit(token: string, journeyId: string): Promise<void> {
    await http
      .post(`/api/journeys/${journeyId}/events`)
      .set(bearer(token))
      .send({ type: 'housing-benefit.applied', data: { appliedOn: inDays(0) } })
      .expect(200);
  }

  beforeAll(async () => {
    db = await createTestDatabase('consents');
    sandbox = await startSandbox({ latencyScale: 0, seed: 5 });
    ({ gateway } = createHttpAuthorities({ systems: {}, defaultBaseUrl: sandbox.url, timeoutMs: 5000 }));
    api = await createTestApp({ databaseUrl: db.url, backend: 'postgres', definitions: [movingV2], gateway, role: 'api', namespace });
    http = request(api.getHttpServer());
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sandbox?.close();
    await db?.drop();
  });

  it('cancels a fetch a consent released but no worker started when its step ends: nothing fetched for an application made', async () => {
    const citizen = await tokenFor(http, '0909909012');
    const journeyId = await reportedMove(citizen);
    await http.post('/api/me/consents').set(bearer(citizen)).send({ journeyId, step: 'housing-benefit' }).expect(201);
    expect((await incomeTask(journeyId)).status).toBe('queued');
    await appliedForHousingBenefit(citizen, journeyId);
    expect((await incomeTask(journeyId)).status).toBe('cancelled');
    // The next test starts a worker and checks that no income is fetched before its own consent:
    // this journey's job, still on the queue, must find its task cancelled.
  });

  it('holds the fetch without consent, runs it once given, and never runs what was withdrawn before it started', async () => {
    const citizen = await tokenFor(http, '0101901234');
    const journeyId = await reportedMove(citizen);

    // Without a consent the fetch is written held: nothing is queued for it.
    const held = await incomeTask(journeyId);
    expect(held.status).toBe('held');
    const queued = await api.get(DataSource).query(`SELECT 1 FROM outbox WHERE payload -> 'data' ->> 'taskId' = $1`, [held.id]);
    expect(queued).toHaveLength(0);

    const given = await http.post('/api/me/consents').set(bearer(citizen)).send({ journeyId, step: 'housing-benefit' }).expect(201);
    expect(given.body).toMatchObject({
      journey: { id: journeyId, type: 'moving' },
      step: { id: 'housing-benefit' },
      from: { da: 'Skattestyrelsen (eIndkomst)' },
      givenBy: 'citizen',
      withdrawnAt: null,
      valid: true,
    });
    expect((await incomeTask(journeyId)).status).toBe('queued');
    const twice = await http.post('/api/me/consents').set(bearer(citizen)).send({ journeyId, step: 'housing-benefit' }).expect(409);
    expect(twice.body.code).toBe('CONSENT_ALREADY_GIVEN');

    // Withdrawn before any worker started it: held again, under a generation the queued job does not run.
    const withdrawn = await http.post(`/api/me/consents/${given.body.id}/withdraw`).set(bearer(citizen)).expect(200);
    expect(withdrawn.body).toMatchObject({ id: given.body.id, valid: false, withdrawnBy: 'citizen' });
    expect(withdrawn.body.withdrawnAt).toEqual(expect.any(String));
    const again = await http.post(`/api/me/consents/${given.body.id}/withdraw`).set(bearer(citizen)).expect(409);
    expect(again.body.code).toBe('CONSENT_ALREADY_WITHDRAWN');
    expect(await incomeTask(journeyId)).toMatchObject({ status: 'held', generation: 2, attempts: 0 });

    worker = await createTestApp({ databaseUrl: db.url, backend: 'postgres', definitions: [movingV2], gateway, role: 'worker', namespace });
    // The other tasks of the journey run (CPR's confirmation answers): the withdrawn fetch does not.
    await eventually(() => Promise.resolve(sandbox.calls().some((c) => c.system === 'cpr') ? true : undefined));
    await new Promise((r) => setTimeout(r, 1000));
    expect(incomeCalls()).toHaveLength(0);
    expect((await incomeTask(journeyId)).status).toBe('held');

    // Given again: released, fetched from the sandbox's eIndkomst, and the answer reaches the journey.
    await http.post('/api/me/consents').set(bearer(citizen)).send({ journeyId, step: 'housing-benefit' }).expect(201);
    await eventually(async () => ((await incomeTask(journeyId)).status === 'completed' ? true : undefined));
    expect(incomeCalls()).toHaveLength(1);
    const history = await http.get(`/api/journeys/${journeyId}/history`).set(bearer(citizen)).expect(200);
    const events = (history.body as { event: string; title: { da: string } }[]).map((h) => h.event);
    expect(events.filter((e) => e.startsWith('consent.'))).toEqual(['consent.given', 'consent.withdrawn', 'consent.given']);
    expect(events).toContain('integration.completed');
    const withdrawnEntry = (history.body as { event: string; title: { da: string } }[]).find((h) => h.event === 'consent.withdrawn')!;
    expect(withdrawnEntry.title.da).toBe('Samtykke trukket tilbage: intet hentes, før der gives samtykke igen');

    const mine = await http.get('/api/me/consents').set(bearer(citizen)).expect(200);
    expect(mine.body.map((c: { valid: boolean }) => c.valid)).toEqual([true, false]);
    const overview = await http.get('/api/me/overview?benefits=false').set(bearer(citizen)).expect(200);
    expect(overview.body.consents).toHaveLength(2);
    const exported = await http.get('/api/me/export').set(bearer(citizen)).expect(200);
    expect(exported.body.consents).toEqual([
      expect.objectContaining({ journeyId, step: 'housing-benefit', givenBy: 'citizen', withdrawnBy: 'citizen' }),
      expect.objectContaining({ journeyId, step: 'housing-benefit', givenBy: 'citizen', withdrawnAt: null }),
    ]);
  });

  it('lets the citizen fill the income in instead: the held fetch is cancelled and a later consent runs nothing', async () => {
    const citizen = await tokenFor(http, '0202902345');
    const journeyId = await reportedMove(citizen);
    expect((await incomeTask(journeyId)).status).toBe('held');
    await http
      .post(`/api/journeys/${journeyId}/events`)
      .set(bearer(citizen))
      .send({ type: 'housing-benefit.income-entered', data: { annualIncome: 285000 } })
      .expect(200);
    expect((await incomeTask(journeyId)).status).toBe('cancelled');
    const before = incomeCalls().length;
    await http.post('/api/me/consents').set(bearer(citizen)).send({ journeyId, step: 'housing-benefit' }).expect(201);
    await new Promise((r) => setTimeout(r, 500));
    expect(incomeCalls()).toHaveLength(before);
  });

  it('cancels the held fetch when its step ends without it: the citizen applied, so nothing is fetched for the application', async () => {
    const citizen = await tokenFor(http, '0808908901');
    const journeyId = await reportedMove(citizen);
    expect((await incomeTask(journeyId)).status).toBe('held');
    await appliedForHousingBenefit(citizen, journeyId);
    expect((await incomeTask(journeyId)).status).toBe('cancelled');
  });

  it('answers 404 for another citizen’s consent or journey and 400 naming the field for bad input', async () => {
    const owner = await tokenFor(http, '0303903456');
    const other = await tokenFor(http, '0404904567');
    const journeyId = await reportedMove(owner);
    const given = await http.post('/api/me/consents').set(bearer(owner)).send({ journeyId, step: 'housing-benefit' }).expect(201);
    await http.post(`/api/me/consents/${given.body.id}/withdraw`).set(bearer(other)).expect(404);
    await http.post('/api/me/consents/6f1c1c4e-8d7e-4f51-9d0b-1b2c3d4e5f60/withdraw').set(bearer(owner)).expect(404);
    await http.post('/api/me/consents').set(bearer(other)).send({ journeyId, step: 'housing-benefit' }).expect(404);
    expect((await http.get('/api/me/consents').set(bearer(other)).expect(200)).body).toEqual([]);
    const noStep = await http.post('/api/me/consents').set(bearer(owner)).send({ journeyId, step: 'gp-choice' }).expect(400);
    expect(noStep.body.fields).toEqual([{ field: 'step', reason: 'is not a step of this journey that asks for consent' }]);
    const noId = await http.post('/api/me/consents').set(bearer(owner)).send({ journeyId: 'x', step: 'housing-benefit' }).expect(400);
    expect(noId.body.fields).toEqual([{ field: 'journeyId', reason: 'must be a journey id (uuid)' }]);
    // Still valid: the other citizen's attempt changed nothing.
    expect((await http.get('/api/me/consents').set(bearer(owner)).expect(200)).body[0].valid).toBe(true);
  });

  it('records a proxy’s consent as given by the proxy, and logs the proxy’s read for the citizen', async () => {
    const citizen = await tokenFor(http, '0505905678');
    const proxy = await tokenFor(http, '0606906789');
    const reader = await tokenFor(http, '0707907890');
    const journeyId = await reportedMove(citizen);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    await grantProxy(http, citizen, { proxyCpr: '0606906789', access: 'act', expiresAt });
    await grantProxy(http, citizen, { proxyCpr: '0707907890', access: 'read', expiresAt });

    await http.post(`/api/me/represented/journeys/${journeyId}/consents`).set(bearer(reader)).send({ step: 'housing-benefit' }).expect(403);
    const given = await http
      .post(`/api/me/represented/journeys/${journeyId}/consents`)
      .set(bearer(proxy))
      .send({ step: 'housing-benefit' })
      .expect(201);
    expect(given.body.givenBy).toBe('proxy');
    const seen = await http.get(`/api/me/represented/journeys/${journeyId}/consents`).set(bearer(reader)).expect(200);
    expect(seen.body).toEqual([expect.objectContaining({ id: given.body.id, givenBy: 'proxy', valid: true })]);
    const own = await http.get('/api/me/consents').set(bearer(citizen)).expect(200);
    expect(own.body[0]).toMatchObject({ id: given.body.id, givenBy: 'proxy' });
    const log = await http.get('/api/me/access-log').set(bearer(citizen)).expect(200);
    const actions = (log.body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['consent:give', 'consents']));

    const withdrawn = await http
      .post(`/api/me/represented/journeys/${journeyId}/consents/${given.body.id}/withdraw`)
      .set(bearer(proxy))
      .expect(200);
    expect(withdrawn.body).toMatchObject({ givenBy: 'proxy', withdrawnBy: 'proxy', valid: false });
    const history = await http.get(`/api/journeys/${journeyId}/history`).set(bearer(citizen)).expect(200);
    const consentEntries = (history.body as { event: string; actor: { kind: string } }[]).filter((h) => h.event.startsWith('consent.'));
    expect(consentEntries.map((h) => h.actor.kind)).toEqual(['proxy', 'proxy']);
  });

  it('offers the choice on the journey page to a proxy who may act, who gives consent there; a read-only proxy gets neither', async () => {
    const bo = await tokenFor(http, '0202802345');
    const journeyId = await reportedMove(bo);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    await grantProxy(http, bo, { proxyCpr: '1512954321', access: 'act', expiresAt });
    await grantProxy(http, bo, { proxyCpr: '0101901234', access: 'read', expiresAt });

    const reader = await signInAs(api, 'anna');
    const read = await reader.get(`/journeys/${journeyId}`).expect(200);
    expect(read.text).not.toContain('Giv samtykke');
    await reader
      .post(`/journeys/${journeyId}/consents`)
      .type('form')
      .send({ step: 'housing-benefit', _csrf: csrfOf(read.text) })
      .expect(403);

    const actor = await signInAs(api, 'clara');
    const page = await actor.get(`/journeys/${journeyId}`).expect(200);
    expect(page.text).toContain('<h4 id="task-0-give" class="mt-5">Giv samtykke</h4>');
    expect(page.text).toContain('Skattestyrelsen (eIndkomst)');
    expect(page.text).toContain('<h4 id="task-0-self" class="mt-6">Udfyld selv</h4>');
    const given = await actor
      .post(`/journeys/${journeyId}/consents`)
      .type('form')
      .send({ step: 'housing-benefit', _csrf: csrfOf(page.text) })
      .expect(303);
    expect(given.headers.location).toBe(`/journeys/${journeyId}?sent=consent`);
    const after = await actor.get(given.headers.location).expect(200);
    expect(after.text).toContain('Tak. Dit samtykke er givet, og vi henter nu oplysningerne.');
    expect(after.text).not.toContain('task-0-give');
    expect(after.text).toContain('Samtykke givet');

    const own = await http.get('/api/me/consents').set(bearer(bo)).expect(200);
    expect(own.body).toEqual([expect.objectContaining({ journey: expect.objectContaining({ id: journeyId }), givenBy: 'proxy' })]);
    // Released: the worker started in the first test fetches it.
    await eventually(async () => ((await incomeTask(journeyId)).status === 'completed' ? true : undefined));
    const log = await http.get('/api/me/access-log').set(bearer(bo)).expect(200);
    expect((log.body.items as { action: string }[]).map((e) => e.action)).toContain('consent:give');
  });
});
