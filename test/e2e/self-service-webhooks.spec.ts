import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { allDefinitions } from '../../journeys';
import { SendEventUseCase } from '../../src/engine/use-cases/send-event.use-case';
import { createTestApp } from '../support/app';
import { contractCheck } from '../support/openapi-contract';
import { queueBackends } from '../support/backends';
import { createTestDatabase } from '../support/database';
import { waitFor } from '../support/private-redis';
import { AcceptingGateway, selfServiceHelpers } from '../support/self-service';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * How a receiver verifies a delivery, exactly as docs/self-service.md documents it (deliberately not the
 * service's own signing code): parse `t` and `v1`, refuse a timestamp more than 5 minutes away,
 * compare HMAC-SHA256(secret, "<t>.<raw body>") in constant time.
 */
function verifySignature(secret: string, header: string | undefined, rawBody: string, nowSeconds = Date.now() / 1000): boolean {
  const parts = new Map((header ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  const t = Number(parts.get('t'));
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const moving = allDefinitions().filter((d) => d.id === 'moving');

describe.each(queueBackends())('self-service webhooks on %s', (backend) => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let receiver: WebhookReceiver;
  let h: ReturnType<typeof selfServiceHelpers>;
  let sql: DataSource;
  let token: string;
  let subscription: { id: string; secret: string };

  beforeAll(async () => {
    db = await createTestDatabase(`self_service_webhooks_${backend}`);
    receiver = await startWebhookReceiver();
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend,
      definitions: moving,
      gateway: new AcceptingGateway(),
      namespace: `ss_webhooks_${backend}_${process.pid}`,
      env: { WEBHOOK_BACKOFF_MS: '50', WEBHOOK_ATTEMPTS: '5' },
    });
    h = selfServiceHelpers(app);
    sql = app.get(DataSource);
    token = await h.clientToken(await h.createClient('municipality'));
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await db?.drop();
  });

  const api = () => ({
    post: (path: string, body: object) => h.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    get: (path: string) => h.http().get(path).set('Authorization', `Bearer ${token}`),
  });

  it('subscribes to https targets (http://127.0.0.1 in development) and returns the signing secret once', async () => {
    const plain = await api()
      .post('/api/self-service/webhooks', { url: 'http://example.org/hooks', events: ['step.awaiting'] })
      .expect(400);
    expect(plain.body.fields).toEqual([{ field: 'url', reason: 'must be https (or http://127.0.0.1 in development)' }]);
    const unknown = await api()
      .post('/api/self-service/webhooks', { url: receiver.url, events: ['journey.started'] })
      .expect(400);
    expect(unknown.body.fields[0].field).toBe('events');

    const created = await api()
      .post('/api/self-service/webhooks', { url: receiver.url, events: ['step.awaiting', 'step.completed', 'step.failed'] })
      .expect(201);
    expect(created.body).toMatchObject({ id: expect.any(String), url: receiver.url, secret: expect.stringMatching(/^whsec_/) });
    subscription = created.body;
    const listed = await api().get('/api/self-service/webhooks').expect(200);
    expect(listed.body).toEqual([
      { id: subscription.id, url: receiver.url, events: ['step.awaiting', 'step.completed', 'step.failed'], createdAt: expect.any(String) },
    ]);

    const other = await h.clientToken(await h.createClient('municipality'));
    await h.http().get(`/api/self-service/webhooks/${subscription.id}/deliveries`).set('Authorization', `Bearer ${other}`).expect(404);
    await h.http().delete(`/api/self-service/webhooks/${subscription.id}`).set('Authorization', `Bearer ${other}`).expect(404);
  });

  it('signs each delivery and retries a failing receiver with backoff, logging every attempt', async () => {
    receiver.failNext(500, 503);
    const { journeyId } = await h.reportedMove('0101901234');
    const delivery = async () =>
      (await sql.query(`SELECT * FROM webhook_delivery WHERE journey_id = $1 AND event = 'step.awaiting'`, [journeyId]))[0];
    await waitFor(async () => (await delivery())?.status === 'delivered', 15_000);

    const attempts = receiver.received.filter((r) => JSON.parse(r.body).data.journey.id === journeyId);
    expect(attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    // One delivery id and one body on every attempt, each attempt signed afresh and verifiable.
    expect(new Set(attempts.map((a) => a.headers['x-livsforloeb-delivery'])).size).toBe(1);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    for (const a of attempts)
      expect(verifySignature(subscription.secret, a.headers['x-livsforloeb-signature'] as string, a.body)).toBe(true);
    const last = attempts[2];
    const header = last.headers['x-livsforloeb-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(subscription.secret, header, last.body.replace('logivaert-check', 'gp-choice'))).toBe(false);
    expect(verifySignature('whsec_someone-else', header, last.body)).toBe(false);
    expect(verifySignature(subscription.secret, header, last.body, Date.now() / 1000 + 301)).toBe(false);

    const body = JSON.parse(last.body);
    expect(body).toMatchObject({
      id: last.headers['x-livsforloeb-delivery'],
      type: 'step.awaiting',
      data: {
        journey: { id: journeyId, type: 'moving' },
        step: { id: 'logivaert-check', system: 'municipality' },
        task: { completeEvent: 'logivaert.decided' },
      },
    });
    expect(last.headers['x-livsforloeb-event']).toBe('step.awaiting');

    const row = await delivery();
    expect(row).toMatchObject({ status: 'delivered', attempts: 3, last_status_code: 200, last_error: null, next_attempt_at: null });
    // Once delivered, the task token is not kept at rest in the log.
    expect(row.body).not.toContain(body.data.task.token);
    const log = await api().get(`/api/self-service/webhooks/${subscription.id}/deliveries`).expect(200);
    expect(log.body.find((d: { id: string }) => d.id === row.id)).toMatchObject({
      event: 'step.awaiting',
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
      journeyId,
    });
  });

  it('logs the next attempt while a receiver is down, and gives up after the last attempt', async () => {
    receiver.failNext(500, 500, 500, 500, 500);
    const { journeyId } = await h.reportedMove('0202902345');
    const delivery = async () => (await sql.query(`SELECT * FROM webhook_delivery WHERE journey_id = $1`, [journeyId]))[0];
    let waiting: Record<string, any> | undefined;
    await waitFor(async () => {
      const row = await delivery();
      if (row?.status === 'pending' && row.attempts >= 1) waiting = row;
      return !!waiting || row?.status === 'failed';
    }, 10_000);
    expect(waiting).toMatchObject({ last_status_code: 500, last_error: 'http_5xx', next_attempt_at: expect.any(Date) });
    await waitFor(async () => (await delivery()).status === 'failed', 15_000);
    expect(await delivery()).toMatchObject({ status: 'failed', attempts: 5, last_status_code: 500, next_attempt_at: null });
    // Exponential backoff from 50 ms with ±25 % jitter: 50, 100, 200, 400 ms between the five attempts.
    const times = receiver.received.filter((r) => JSON.parse(r.body).data.journey.id === journeyId).map((r) => r.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps).toHaveLength(4);
    expect(gaps[3]).toBeGreaterThanOrEqual(300);
    expect(times[4] - times[0]).toBeGreaterThanOrEqual(560);
  });

  it("announces completed and failed steps to their authority's subscribers only", async () => {
    const { journeyId } = await h.reportedMove('0303903456');
    const awaiting = () => receiver.ofType('step.awaiting').find((b) => b.data.journey.id === journeyId);
    await waitFor(() => !!awaiting(), 10_000);
    await api()
      .post(`/api/hooks/tasks/${awaiting().data.task.token}/complete`, { data: { confirmed: false, decidedOn: '2026-05-22' } })
      .expect(200);
    const failed = () => receiver.ofType('step.failed').find((b) => b.data.journey.id === journeyId);
    await waitFor(() => !!failed(), 10_000);
    expect(failed().data.step).toEqual({ id: 'logivaert-check', system: 'municipality', status: 'failed', reason: 'host-did-not-confirm' });
    // The CPR step follows a caseworker's new answer; it is CPR's step, not the municipality's.
    await app.get(SendEventUseCase).execute({
      origin: 'client',
      journeyId,
      type: 'logivaert.decided',
      data: { confirmed: true, decidedOn: '2026-05-27' },
      actor: { kind: 'caseworker', id: 'cw', authority: 'municipality' },
    });
    const completed = () => receiver.ofType('step.completed').filter((b) => b.data.journey.id === journeyId);
    await waitFor(
      async () => (await sql.query(`SELECT state FROM journey WHERE id = $1`, [journeyId]))[0].state.includes('registered'),
      10_000,
    );
    await waitFor(() => completed().length >= 1, 10_000);
    expect(completed().map((b) => b.data.step.id)).toEqual(['logivaert-check']);
    // Deliveries are written with the transition: none was ever made for the CPR step.
    const made = await sql.query(`SELECT event FROM webhook_delivery WHERE journey_id = $1 ORDER BY created_at`, [journeyId]);
    expect(made.map((r: { event: string }) => r.event)).toEqual(['step.awaiting', 'step.failed', 'step.completed']);
  });

  it('delivered only what the published AsyncAPI document describes (/api/asyncapi.json)', () => {
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.contractProblems).toEqual([]);
  });
});
