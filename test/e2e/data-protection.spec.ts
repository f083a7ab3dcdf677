import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RetentionUseCase } from '../../src/engine/data-protection/retention.use-case';
import { Queues } from '../../src/platform/queue/queues';
import { createTestApp } from '../support/app';
import { contractCheck } from '../support/openapi-contract';
import { createTestDatabase } from '../support/database';
import { bearer, grantProxy, engineEvent, startErrand, tokenFor, UnusedGateway } from '../support/experience';
import { errandV1 } from '../support/fixtures/errand.journey';
import { waitFor } from '../support/private-redis';
import { AcceptingGateway } from '../support/self-service';

const CPR_LIKE = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/;
const R = { redacted: true };

/** The right of access (GET /api/me/export) and retention (finished journeys pseudonymised after RETENTION_DAYS). */
describe('data protection', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let http: ReturnType<typeof request>;
  let sql: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('data_protection');
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'data_protection',
      env: { RETENTION_DAYS: '30' },
    });
    http = request(app.getHttpServer());
    sql = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** An errand taken to its end: a task, a reminder notification, a note, the citizen's answer. */
  async function finishedErrand(token: string, finishedDaysAgo: number): Promise<string> {
    const id = (
      await http
        .post('/api/journeys')
        .set(bearer(token))
        .send({ type: 'moving', answers: { remindAfterMs: 3_600_000 } })
        .expect(201)
    ).body.id;
    await engineEvent(app, id, 'integration.completed', { step: 'ask', task: 'order-health-card', output: {} });
    await engineEvent(app, id, 'timer.fired', { key: 'remind' });
    await sql.query(`UPDATE notification SET params = '{"deadline":"2030-01-02","count":2}' WHERE journey_id = $1`, [id]);
    const cw = await tokenFor(http, 'sik-sb-301', 'caseworker', 'health-insurance', 'Sofie Dahl');
    await http
      .post(`/api/caseworker/journeys/${id}/notes`)
      .set(bearer(cw))
      .send({ body: 'Borgeren ringede om sit sygesikringskort.' })
      .expect(201);
    await http
      .post(`/api/journeys/${id}/events`)
      .set(bearer(token))
      .send({ type: 'confirm', data: { answer: 'yes' } })
      .expect(200);
    await sql.query(`UPDATE journey SET completed_at = now() - make_interval(days => $2) WHERE id = $1`, [id, finishedDaysAgo]);
    return id;
  }

  it('does export everything about the citizen as JSON, with the CPR number once, without logging the read', async () => {
    const anna = await tokenFor(http, '0101901234');
    const bo = await tokenFor(http, '0202802345');
    const id = await finishedErrand(anna, 0);
    const cw = await tokenFor(http, 'sik-sb-301', 'caseworker', 'health-insurance', 'Sofie Dahl');
    await http.get(`/api/caseworker/journeys/${id}`).set(bearer(cw)).expect(200);
    const until = new Date(Date.now() + 86_400_000).toISOString();
    await grantProxy(http, anna, { proxyCpr: '0202802345', access: 'read', expiresAt: until });
    await grantProxy(http, bo, { proxyCpr: '0101901234', access: 'act', expiresAt: until });
    const logged = (await http.get('/api/me/access-log').set(bearer(anna)).expect(200)).body.total;

    const res = await http.get('/api/me/export').set(bearer(anna)).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="livsforloeb-export.json"');
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.body;
    expect(data.citizen).toEqual({
      id: expect.any(String),
      cpr: '0101901234',
      // As the CPR register named her when Bo gave her a power of attorney.
      name: 'Anna Jensen',
      birthDate: '1990-01-01',
      createdAt: expect.any(String),
    });
    expect(res.text.match(/0101901234|010190-1234/g)).toHaveLength(1);
    expect(data.journeys).toEqual([expect.objectContaining({ journey: expect.objectContaining({ id, status: 'completed' }) })]);
    expect(data.journeys[0].history.map((h: { event: string }) => h.event)).toEqual(
      expect.arrayContaining(['journey.started', 'integration.completed', 'confirm']),
    );
    expect(data.journeys[0].tasks).toEqual([expect.objectContaining({ task: 'order-health-card', system: 'health-insurance' })]);
    expect(data.journeys[0].notes).toEqual([
      expect.objectContaining({ body: 'Borgeren ringede om sit sygesikringskort.', author: 'Sofie Dahl' }),
    ]);
    expect(data.notifications).toEqual([expect.objectContaining({ journeyId: id, template: 'step-needs-you' })]);
    expect(data.accessLog.map((a: { action: string }) => a.action)).toEqual(['view', 'note']);
    expect(data.proxies.granted).toEqual([expect.objectContaining({ counterpart: '020280-xxxx', access: 'read' })]);
    expect(data.proxies.received).toEqual([
      expect.objectContaining({ counterpart: '010190-xxxx'.replace('010190', '020280'), access: 'act' }),
    ]);

    // The citizen's own read is not in "who looked at my data"; another citizen sees only their own.
    expect((await http.get('/api/me/access-log').set(bearer(anna)).expect(200)).body.total).toBe(logged);
    const other = await http.get('/api/me/export').set(bearer(bo)).expect(200);
    expect(other.body.journeys).toEqual([]);
    expect(other.text).not.toContain('0101901234');
    await http.get('/api/me/export').expect(401);
  });

  it('does pseudonymise journeys finished longer ago than RETENTION_DAYS, keeping the history’s shape', async () => {
    const carl = await tokenFor(http, '0303703456', 'citizen', undefined, 'Carl Berg');
    const old = await finishedErrand(carl, 40);
    const recent = await finishedErrand(await tokenFor(http, '0404704567'), 5);
    const dana = await tokenFor(http, '0505705678');
    const danasOld = await finishedErrand(dana, 31);
    await startErrand(http, dana); // an active journey: Dana's CPR number stays
    const before = await sql.query('SELECT seq, event_type, actor, state FROM journey_history WHERE journey_id = $1 ORDER BY seq', [old]);
    // "Er det forkert?" requests: they follow their journey, once answered longer ago than RETENTION_DAYS.
    const correction = async (journeyId: string, status: string, answeredDaysAgo: number | null) =>
      (
        await sql.query(
          `INSERT INTO correction_request (citizen_id, journey_id, fact, authority, description, requested_by, status, answer, answered_at)
           SELECT citizen_id, id, 'address', 'municipality', 'Jeg bor på Vestergade 3, 8000 Aarhus C.', 'citizen', $2,
                  CASE WHEN $2 = 'awaiting' THEN NULL ELSE 'Adressen er rettet.' END,
                  CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END
             FROM journey WHERE id = $1 RETURNING id`,
          [journeyId, status, answeredDaysAgo],
        )
      )[0].id as string;
    const answeredLongAgo = await correction(old, 'corrected', 40);
    const answeredLately = await correction(danasOld, 'rejected', 3);
    const ofRecentJourney = await correction(recent, 'corrected', 40);
    const stillAwaiting = await correction(danasOld, 'awaiting', null);

    expect(await app.get(RetentionUseCase).execute()).toEqual({
      journeys: 2,
      corrections: 1,
      citizens: 1,
      pendingGrants: 0,
      lookupCounts: 0,
    });

    const corrections = await sql.query(`SELECT id, description, answer, redacted_at FROM correction_request WHERE id = ANY($1)`, [
      [answeredLongAgo, answeredLately, ofRecentJourney, stillAwaiting],
    ]);
    const byId = (id: string) => corrections.find((c: { id: string }) => c.id === id);
    expect(byId(answeredLongAgo)).toMatchObject({ description: '[redacted]', answer: '[redacted]', redacted_at: expect.any(Date) });
    for (const kept of [answeredLately, ofRecentJourney, stillAwaiting]) {
      expect(byId(kept)).toMatchObject({ description: 'Jeg bor på Vestergade 3, 8000 Aarhus C.', redacted_at: null });
    }
    const danasExport = (await http.get('/api/me/export').set(bearer(dana)).expect(200)).body.corrections;
    expect(danasExport).toEqual([
      expect.objectContaining({ id: answeredLately, status: 'rejected', answer: 'Adressen er rettet.' }),
      expect.objectContaining({ id: stillAwaiting, status: 'awaiting' }),
    ]);

    const [j] = await sql.query('SELECT snapshot, redacted_at, status, state, version FROM journey WHERE id = $1', [old]);
    expect(j.redacted_at).not.toBeNull();
    expect(j.snapshot.context).toEqual({
      answers: { remindAfterMs: R },
      facts: {},
      notes: [],
      startedAt: expect.any(String),
      reminderDays: [7, 2],
      reminded: R,
      steps: { ask: { status: 'done' }, confirm: { status: 'done' } },
    });
    const after = await sql.query(
      'SELECT seq, event_type, event_data, actor, state FROM journey_history WHERE journey_id = $1 ORDER BY seq',
      [old],
    );
    expect(after.slice(0, -1).map(({ event_data, ...rest }: { event_data: unknown }) => rest)).toEqual(before);
    expect(after.find((h: { event_type: string }) => h.event_type === 'confirm').event_data).toEqual({ answer: R });
    expect(after.at(-1)).toMatchObject({
      seq: j.version,
      event_type: 'journey.redacted',
      actor: { kind: 'engine', id: 'retention' },
      event_data: { retentionDays: 30 },
    });
    const [n] = await sql.query('SELECT params FROM notification WHERE journey_id = $1', [old]);
    expect(n.params).toEqual({ deadline: R, count: R });
    const [task] = await sql.query('SELECT input FROM integration_task WHERE journey_id = $1', [old]);
    expect(task.input).toEqual({ reason: R });
    const [note] = await sql.query('SELECT body FROM caseworker_note WHERE journey_id = $1', [old]);
    expect(note.body).toBe('[redacted]');

    // Carl has nothing left in full: the CPR number is a random token now; Dana keeps hers; the recent journey is untouched.
    const citizens = await sql.query(
      `SELECT c.cpr, c.name, c.birth_date, c.pseudonymised_at FROM citizen c JOIN journey j ON j.citizen_id = c.id
        WHERE j.id = ANY($1) ORDER BY j.created_at`,
      [[old, danasOld]],
    );
    expect(citizens[0]).toMatchObject({ name: null, birth_date: null, pseudonymised_at: expect.any(Date) });
    expect(citizens[0].cpr).toMatch(/^P[0-9A-F]{9}$/);
    expect(citizens[0].cpr).not.toMatch(CPR_LIKE);
    expect(citizens[1]).toMatchObject({ cpr: '0505705678', pseudonymised_at: null });
    const [untouched] = await sql.query('SELECT redacted_at, snapshot FROM journey WHERE id = $1', [recent]);
    expect(untouched.redacted_at).toBeNull();
    expect(untouched.snapshot.context.answers).toEqual({ remindAfterMs: 3_600_000 });

    // The journey still shows to a caseworker; Carl signing in again is a new, empty citizen; a second run does nothing.
    const cw = await tokenFor(http, 'sik-sb-301', 'caseworker', 'health-insurance', 'Sofie Dahl');
    const timeline = await http.get(`/api/caseworker/journeys/${old}/timeline`).set(bearer(cw)).expect(200);
    expect(timeline.body.notes[0].body).toBe('[redacted]');
    await http.get(`/api/caseworker/journeys/${old}`).set(bearer(cw)).expect(200);
    expect((await http.get('/api/me/export').set(bearer(carl)).expect(200)).body.journeys).toEqual([]);
    expect(await app.get(RetentionUseCase).execute()).toEqual({
      journeys: 0,
      corrections: 0,
      citizens: 0,
      pendingGrants: 0,
      lookupCounts: 0,
    });
  });
});

describe('retention schedule', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('retention_schedule');
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new AcceptingGateway(),
      role: 'worker',
      namespace: `retention_schedule_${process.pid}`,
      env: { RETENTION_SCHEDULE: '15 2 * * *' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('does schedule the retention job on the worker, and its handler runs it', async () => {
    const queue = app.get(Queues).get('maintenance');
    const scheduler = await queue.getJobScheduler('retention');
    expect(scheduler).toMatchObject({ pattern: '15 2 * * *', tz: 'Europe/Copenhagen', name: 'retention.run' });
    const job = await queue.add('retention.run', {});
    await waitFor(async () => (await queue.getJob(job.id!))?.finishedOn !== undefined, 10_000);
    expect((await queue.getJob(job.id!))!.returnvalue).toEqual({
      journeys: 0,
      corrections: 0,
      citizens: 0,
      pendingGrants: 0,
      lookupCounts: 0,
    });
  });
});
