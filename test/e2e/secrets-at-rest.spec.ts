import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { allDefinitions } from '../../journeys';
import { tablesHolding } from '../support/at-rest';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { waitFor } from '../support/private-redis';
import { AcceptingGateway, selfServiceHelpers } from '../support/self-service';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/** The receiver's check, as the README documents it. */
function verifies(secret: string, header: string | undefined, rawBody: string): boolean {
  const parts = new Map((header ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  const expected = createHmac('sha256', secret)
    .update(`${parts.get('t')}.${rawBody}`)
    .digest();
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * What a dump of the database gives away: neither a webhook signing secret nor a live task token
 * waiting for its delivery is stored in clear anywhere (queue tables included), and subscribers
 * still get verifiable deliveries with a working token.
 */
describe('secrets at rest', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let receiver: WebhookReceiver;
  let h: ReturnType<typeof selfServiceHelpers>;
  let sql: DataSource;
  let municipality: string;
  let secret: string;
  let subscriptionId: string;

  beforeAll(async () => {
    db = await createTestDatabase('secrets_at_rest');
    receiver = await startWebhookReceiver();
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: allDefinitions().filter((d) => d.id === 'moving'),
      gateway: new AcceptingGateway(),
      namespace: `secrets_at_rest_${process.pid}`,
      // Retries come slowly enough to look at the database while a delivery is pending.
      env: { WEBHOOK_BACKOFF_MS: '200', WEBHOOK_ATTEMPTS: '30' },
    });
    h = selfServiceHelpers(app);
    sql = app.get(DataSource);
    municipality = await h.clientToken(await h.createClient('municipality'));
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('stores no webhook signing secret in clear', async () => {
    const created = await h
      .http()
      .post('/api/self-service/webhooks')
      .set('Authorization', `Bearer ${municipality}`)
      .send({ url: receiver.url, events: ['step.awaiting'] })
      .expect(201);
    secret = created.body.secret;
    subscriptionId = created.body.id;
    expect(secret).toMatch(/^whsec_/);
    expect(await tablesHolding(sql, secret)).toEqual({});
    expect(await tablesHolding(sql, secret.slice('whsec_'.length))).toEqual({});
  });

  it('keeps the task token of a pending step.awaiting out of every table; the subscriber still gets a working token', async () => {
    receiver.failNext(...Array<number>(10).fill(503));
    const { journeyId } = await h.reportedMove('0101901234');
    const attempts = () => receiver.received.filter((r) => JSON.parse(r.body).data.journey.id === journeyId);
    await waitFor(() => attempts().length >= 1, 10_000);
    const token: string = JSON.parse(attempts()[0].body).data.task.token;
    expect(token).toMatch(/^lft_/);

    // One snapshot: the delivery is still pending in the very state the search looks at.
    await sql.transaction('REPEATABLE READ', async (tx) => {
      const [delivery] = await tx.query(`SELECT status FROM webhook_delivery WHERE journey_id = $1`, [journeyId]);
      expect(delivery.status).toBe('pending');
      expect(await tablesHolding(tx, token)).toEqual({});
      expect(await tablesHolding(tx, token.slice('lft_'.length))).toEqual({});
    });

    receiver.acceptAll();
    await waitFor(
      async () => (await sql.query(`SELECT status FROM webhook_delivery WHERE journey_id = $1`, [journeyId]))[0].status === 'delivered',
      30_000,
    );
    const sent = attempts();
    // Every attempt carried the same bytes (the token filled in the same way each time), each signed with the subscriber's secret.
    expect(new Set(sent.map((a) => a.body)).size).toBe(1);
    for (const a of sent) expect(verifies(secret, a.headers['x-livsforloeb-signature'] as string, a.body)).toBe(true);
    const task = JSON.parse(sent.at(-1)!.body).data.task;
    expect(task).toMatchObject({
      token,
      completeUrl: `http://localhost:3000/api/hooks/tasks/${token}/complete`,
      failUrl: `http://localhost:3000/api/hooks/tasks/${token}/fail`,
    });
    expect(await tablesHolding(sql, token)).toEqual({});
    // Its last delivery done, not even the sealed copy is kept.
    expect(await sql.query('SELECT token_sealed FROM task_token WHERE journey_id = $1', [journeyId])).toEqual([{ token_sealed: null }]);

    await h
      .http()
      .post(`/api/hooks/tasks/${token}/complete`)
      .set('Authorization', `Bearer ${municipality}`)
      .send({ data: { confirmed: true, decidedOn: '2026-05-22' } })
      .expect(200);
  });

  it('forgets the sealed token once no delivery can send it any more: the subscription is deleted while its delivery waits', async () => {
    receiver.failNext(...Array<number>(10).fill(503));
    const { journeyId } = await h.reportedMove('0202902345');
    await waitFor(() => receiver.received.some((r) => JSON.parse(r.body).data.journey.id === journeyId), 10_000);
    const sealed = () => sql.query('SELECT token_sealed FROM task_token WHERE journey_id = $1', [journeyId]);
    expect((await sealed())[0].token_sealed).toMatch(/^sb1\./);
    await h.http().delete(`/api/self-service/webhooks/${subscriptionId}`).set('Authorization', `Bearer ${municipality}`).expect(204);
    expect(await sealed()).toEqual([{ token_sealed: null }]);
    expect(await sql.query('SELECT status FROM webhook_delivery WHERE journey_id = $1', [journeyId])).toEqual([{ status: 'cancelled' }]);
    receiver.acceptAll();
  });
});
