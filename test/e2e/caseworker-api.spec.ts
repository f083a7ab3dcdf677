import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../support/app';
import { contractCheck } from '../support/openapi-contract';
import { createTestDatabase } from '../support/database';
import { bearer, failTask, startErrand, tokenFor, UnusedGateway } from '../support/experience';
import { errandV1 } from '../support/fixtures/errand.journey';

/** GET /api/caseworker/journeys (+ /{id}, /timeline), retry of a dead task, notes. */
describe('caseworker API', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let http: ReturnType<typeof request>;
  let cw: string;
  let other: string;
  const journeys: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('caseworker_api');
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'caseworker_api',
    });
    http = request(app.getHttpServer());
    cw = await tokenFor(http, 'sik-sb-301', 'caseworker', 'health-insurance', 'Sofie Dahl');
    other = await tokenFor(http, 'udk-sb-401', 'caseworker', 'udbetaling-danmark-housing');
    for (let i = 0; i < 5; i++) journeys.push(await startErrand(http, await tokenFor(http, `01019${String(i).padStart(5, '0')}`)));
    const sql = app.get(DataSource);
    // Journey 0 is overdue, journey 1 is broken.
    await sql.query(`UPDATE journey SET next_deadline = '2020-01-01' WHERE id = $1`, [journeys[0]]);
    await sql.query(`UPDATE journey SET status = 'broken', broken_reason = 'test' WHERE id = $1`, [journeys[1]]);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const ids = (body: { items: { id: string }[] }) => body.items.map((j) => j.id);

  it('does search only in the authority’s scope, newest first, in keyset pages', async () => {
    const first = await http.get('/api/caseworker/journeys?limit=2').set(bearer(cw)).expect(200);
    expect(ids(first.body)).toEqual([journeys[4], journeys[3]]);
    expect(first.body.items[0]).toMatchObject({
      type: 'moving',
      title: { da: 'Ærinde', en: 'Errand' },
      status: 'active',
      state: 'requesting',
    });
    const second = await http.get(`/api/caseworker/journeys?limit=2&cursor=${first.body.nextCursor}`).set(bearer(cw)).expect(200);
    expect(ids(second.body)).toEqual([journeys[2], journeys[1]]);
    const third = await http.get(`/api/caseworker/journeys?limit=2&cursor=${second.body.nextCursor}`).set(bearer(cw)).expect(200);
    expect(third.body).toMatchObject({ items: [{ id: journeys[0] }], nextCursor: null });
    expect((await http.get('/api/caseworker/journeys').set(bearer(other)).expect(200)).body.items).toEqual([]);
  });

  it.each([
    ['overdue=true', () => [journeys[0]]],
    ['broken=true', () => [journeys[1]]],
    ['status=broken', () => [journeys[1]]],
    ['state=request&type=moving&limit=1', () => [journeys[4]]],
    ['type=retiring', () => []],
  ])('does filter by %s', async (query, expected) => {
    const res = await http.get(`/api/caseworker/journeys?${query}`).set(bearer(cw)).expect(200);
    expect(ids(res.body)).toEqual(expected());
  });

  it('does answer bad filters with 400 naming the field, and citizens with 403', async () => {
    const res = await http.get('/api/caseworker/journeys?limit=500&overdue=maybe').set(bearer(cw)).expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'overdue']);
    const cursor = await http.get('/api/caseworker/journeys?cursor=abc').set(bearer(cw)).expect(400);
    expect(cursor.body.fields).toEqual([{ field: 'cursor', reason: 'must be a nextCursor from a previous page' }]);
    const citizen = await tokenFor(http, '0101900000');
    await http.get('/api/caseworker/journeys').set(bearer(citizen)).expect(403);
  });

  it('does open a journey in scope (404 outside it) and shows its timeline', async () => {
    await http.get(`/api/caseworker/journeys/${journeys[2]}`).set(bearer(other)).expect(404);
    const view = await http.get(`/api/caseworker/journeys/${journeys[2]}`).set(bearer(cw)).expect(200);
    expect(view.body.nextActions.map((a: { event: string }) => a.event)).toEqual(['note']);
    const tl = await http.get(`/api/caseworker/journeys/${journeys[2]}/timeline`).set(bearer(cw)).expect(200);
    expect(tl.body.history).toEqual([
      expect.objectContaining({ seq: 1, event: 'journey.started', title: { da: 'Forløbet er startet', en: 'Journey started' } }),
    ]);
    expect(tl.body.tasks).toEqual([
      expect.objectContaining({ step: 'ask', task: 'order-health-card', system: 'health-insurance', status: 'queued', retryable: false }),
    ]);
    expect(tl.body).toMatchObject({ timers: [], notes: [] });
  });

  it('does retry a dead-lettered task once through integration.retry, and refuses a live one', async () => {
    const id = journeys[3];
    const [live] = await app.get(DataSource).query(`SELECT id FROM integration_task WHERE journey_id = $1`, [id]);
    const refused = await http.post(`/api/caseworker/journeys/${id}/tasks/${live.id}/retry`).set(bearer(cw)).expect(409);
    expect(refused.body.code).toBe('TASK_NOT_RETRYABLE');

    const dead = await failTask(app, id);
    const retried = await http.post(`/api/caseworker/journeys/${id}/tasks/${dead}/retry`).set(bearer(cw)).expect(200);
    expect(retried.body).toMatchObject({ result: { state: 'requesting', duplicate: false }, journey: { state: 'requesting' } });
    const again = await http.post(`/api/caseworker/journeys/${id}/tasks/${dead}/retry`).set(bearer(cw)).expect(200);
    expect(again.body.result.duplicate).toBe(true);

    const tl = await http.get(`/api/caseworker/journeys/${id}/timeline`).set(bearer(cw)).expect(200);
    expect(tl.body.history.map((h: { event: string }) => h.event)).toEqual(['journey.started', 'integration.failed', 'integration.retry']);
    expect(tl.body.history[2].actor).toEqual({ kind: 'caseworker', id: 'sik-sb-301', authority: 'health-insurance' });
    // Each entry's title in both languages names the step, never the event id.
    expect(tl.body.history[2].title).toEqual({
      da: expect.stringMatching(/^Nyt forsøg hos myndigheden: \S/),
      en: expect.stringMatching(/^New attempt at the authority: \S/),
    });
    expect(JSON.stringify(tl.body.history.map((h: { title: unknown }) => h.title))).not.toMatch(/integration\.|journey\./);
    expect(tl.body.history[2].data).toMatchObject({ step: 'ask', task: 'order-health-card' });
    expect(tl.body.tasks.map((t: { status: string }) => t.status)).toEqual(['dead', 'queued']);
  });

  it('does add a note shown in the timeline, and refuses an empty one', async () => {
    const id = journeys[4];
    await http.post(`/api/caseworker/journeys/${id}/notes`).set(bearer(cw)).send({ body: 'Ringede til borgeren.' }).expect(201);
    const empty = await http.post(`/api/caseworker/journeys/${id}/notes`).set(bearer(cw)).send({ body: '' }).expect(400);
    expect(empty.body.fields).toEqual([{ field: 'body', reason: 'must be longer than or equal to 1 characters' }]);
    const tl = await http.get(`/api/caseworker/journeys/${id}/timeline`).set(bearer(cw)).expect(200);
    expect(tl.body.notes).toEqual([
      expect.objectContaining({ author: 'Sofie Dahl', authority: 'health-insurance', body: 'Ringede til borgeren.' }),
    ]);
  });

  it('does show a note in the citizen’s access log only once it is written', async () => {
    const citizen = await tokenFor(http, '0101980000');
    const id = await startErrand(http, citizen);
    const notes = () => http.post(`/api/caseworker/journeys/${id}/notes`);
    const logged = async () =>
      (await http.get('/api/me/access-log').set(bearer(citizen)).expect(200)).body.items.map((a: { action: string }) => a.action);

    // Blank once trimmed: refused by the note itself, after the request passed its shape check.
    const blank = await notes().set(bearer(cw)).send({ body: '   ' }).expect(400);
    expect(blank.body.fields).toEqual([{ field: 'body', reason: 'must be 1-2000 characters' }]);
    // An authority without a step in the journey: as if it did not exist.
    await notes().set(bearer(other)).send({ body: 'Ringede til borgeren.' }).expect(404);
    expect(await logged()).toEqual([]);

    await notes().set(bearer(cw)).send({ body: 'Ringede til borgeren.' }).expect(201);
    expect(await logged()).toEqual(['note']);
  });
});
