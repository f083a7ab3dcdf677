import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { contractCheck } from '../support/openapi-contract';
import { createTestDatabase } from '../support/database';
import { errandV1 } from '../support/fixtures/errand.journey';
import { UnusedGateway } from '../support/unused-gateway';

describe('citizen API', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let http: ReturnType<typeof request>;

  async function tokenFor(subject: string, role = 'citizen', authority?: string): Promise<string> {
    const res = await http.post('/api/dev/token').send({ role, subject, authority }).expect(201);
    return res.body.token;
  }

  beforeAll(async () => {
    db = await createTestDatabase('citizen_api');
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'citizen_api',
    });
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('lists journey types without signing in', async () => {
    const res = await http.get('/api/journey-types').expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({ id: 'moving', steps: expect.arrayContaining([expect.objectContaining({ id: 'ask' })]) }),
    ]);
  });

  it('lists the authority systems with their names and the steps each handles', async () => {
    const res = await http.get('/api/authorities').expect(200);
    expect(res.body).toHaveLength(25);
    const healthInsurance = res.body.find((a: { id: string }) => a.id === 'health-insurance');
    expect(healthInsurance.name).toEqual({ da: expect.any(String), en: expect.any(String) });
    expect(healthInsurance.steps).toEqual([expect.objectContaining({ journey: 'moving', step: 'ask' })]);
    expect(healthInsurance.operations.map((o: { task: string }) => o.task)).toContain('order-health-card');
  });

  it("serves each journey type's diagram generated from its machine", async () => {
    const res = await http.get('/api/journey-types/moving/diagram').expect(200);
    expect(res.body.mermaid).toMatch(/^stateDiagram-v2\n/);
    expect(res.body.mermaid).toContain('requesting --> ');
    await http.get('/api/journey-types/space-travel/diagram').expect(404);
  });

  it('starts a journey (201 with the view), shows it in my list, and hides it from another citizen', async () => {
    const anna = await tokenFor('0101901234');
    const created = await http.post('/api/journeys').set('Authorization', `Bearer ${anna}`).send({ type: 'moving' }).expect(201);
    expect(created.body).toMatchObject({ type: 'moving', status: 'active', state: 'requesting' });
    expect(created.body.steps.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ['ask', 'active'],
      ['confirm', 'pending'],
    ]);
    const mine = await http.get('/api/journeys').set('Authorization', `Bearer ${anna}`).expect(200);
    expect(mine.body.map((j: { id: string }) => j.id)).toEqual([created.body.id]);

    const bo = await tokenFor('0202902345');
    await http.get(`/api/journeys/${created.body.id}`).set('Authorization', `Bearer ${bo}`).expect(404);
    await http
      .post(`/api/journeys/${created.body.id}/events`)
      .set('Authorization', `Bearer ${bo}`)
      .send({ type: 'note', data: { n: 1 } })
      .expect(404);
  });

  it('answers 409 EVENT_NOT_ALLOWED naming event and state, and 400 with the field for bad data', async () => {
    const token = await tokenFor('0303903456');
    const { body: journey } = await http.post('/api/journeys').set('Authorization', `Bearer ${token}`).send({ type: 'moving' }).expect(201);
    const refused = await http
      .post(`/api/journeys/${journey.id}/events`)
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'confirm', data: { answer: 'yes' } })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'EVENT_NOT_ALLOWED', event: 'confirm', state: 'requesting' });
    const bad = await http
      .post(`/api/journeys/${journey.id}/events`)
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'note', data: { n: 'x' } })
      .expect(400);
    expect(bad.body.fields).toEqual([{ field: 'data.n', reason: 'must be integer' }]);
  });

  it('answers a second start of a running journey type with 409 naming the running journey, also when two starts race', async () => {
    const carl = await tokenFor('0707907890');
    const start = () => http.post('/api/journeys').set('Authorization', `Bearer ${carl}`).send({ type: 'moving' });
    const [a, b] = await Promise.all([start(), start()]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const [won, lost] = a.status === 201 ? [a, b] : [b, a];
    expect(lost.body).toMatchObject({ code: 'JOURNEY_ALREADY_ACTIVE', journeyId: won.body.id });
    const again = await start().expect(409);
    expect(again.body).toMatchObject({ code: 'JOURNEY_ALREADY_ACTIVE', journeyId: won.body.id });
    const mine = await http.get('/api/journeys').set('Authorization', `Bearer ${carl}`).expect(200);
    expect(mine.body.map((j: { id: string }) => j.id)).toEqual([won.body.id]);
    const history = await http.get(`/api/journeys/${won.body.id}/history`).set('Authorization', `Bearer ${carl}`).expect(200);
    expect(history.body.map((h: { event: string }) => h.event)).toEqual(['journey.started']);
  });

  it('starts one journey for a retried start with the same idempotency key', async () => {
    const token = await tokenFor('0606906789');
    const start = () =>
      http.post('/api/journeys').set('Authorization', `Bearer ${token}`).send({ type: 'moving', idempotencyKey: 'start-1' }).expect(201);
    const [a, b] = await Promise.all([start(), start()]);
    expect(b.body.id).toBe(a.body.id);
    // Even after the first journey ended, the retry does not start a second one.
    await http.post(`/api/journeys/${a.body.id}/dismiss`).set('Authorization', `Bearer ${token}`).expect(200);
    expect((await start()).body.id).toBe(a.body.id);
    const mine = await http.get('/api/journeys').set('Authorization', `Bearer ${token}`).expect(200);
    expect(mine.body).toHaveLength(1);
  });

  it('applies a repeated idempotency key once', async () => {
    const token = await tokenFor('0404904567');
    const { body: journey } = await http.post('/api/journeys').set('Authorization', `Bearer ${token}`).send({ type: 'moving' }).expect(201);
    const send = () =>
      http
        .post(`/api/journeys/${journey.id}/events`)
        .set('Authorization', `Bearer ${token}`)
        .send({ type: 'note', data: { n: 5 }, idempotencyKey: 'same' })
        .expect(200);
    const first = await send();
    const second = await send();
    expect(second.body.result).toEqual({ ...first.body.result, duplicate: true });
    const history = await http.get(`/api/journeys/${journey.id}/history`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(history.body.filter((h: { event: string }) => h.event === 'note')).toHaveLength(1);
  });

  it.each([
    ['no token', undefined, 401],
    ['a forged token', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x', 401],
  ])('refuses %s', async (_label, header, status) => {
    const req = http.get('/api/journeys');
    if (header) req.set('Authorization', header);
    const res = await req.expect(status);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('answers bad input with 400, the field and the reason, never a 500', async () => {
    const token = await tokenFor('0505905678');
    const auth = { Authorization: `Bearer ${token}` };
    const unknownType = await http.post('/api/journeys').set(auth).send({ type: 'space-travel' }).expect(404);
    expect(unknownType.body).toMatchObject({ code: 'JOURNEY_TYPE_UNKNOWN', types: [errandV1.id] });
    expect(unknownType.body.fields).toEqual([{ field: 'type', reason: 'is not a known journey type' }]);
    const extra = await http.post('/api/journeys').set(auth).send({ type: 'moving', colour: 'red' }).expect(400);
    expect(extra.body.fields).toEqual([{ field: 'colour', reason: 'property colour should not exist' }]);
    const malformed = await http.post('/api/journeys').set(auth).set('Content-Type', 'application/json').send('{"type":').expect(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    await http.get('/api/journeys/not-a-uuid').set(auth).expect(400);
    const huge = await http
      .post('/api/journeys')
      .set(auth)
      .send({ type: 'moving', answers: { x: 'a'.repeat(200_000) } })
      .expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the OpenAPI document and health', async () => {
    const docs = await http.get('/api/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/journeys', '/api/journeys/{id}/events', '/health/ready']));
    const ready = await http.get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, queue: { status: 'up', backend: 'postgres' } });
  });
});
