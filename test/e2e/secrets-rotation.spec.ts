import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { allDefinitions } from '../../journeys';
import { tablesHolding } from '../support/at-rest';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { waitFor } from '../support/private-redis';
import { AcceptingGateway, selfServiceHelpers } from '../support/self-service';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const OLD = `old:${Buffer.alloc(32, 11).toString('base64')}`;
const NEW = `new:${Buffer.alloc(32, 22).toString('base64')}`;

function verifies(secret: string, header: string | undefined, rawBody: string): boolean {
  const parts = new Map((header ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  const expected = createHmac('sha256', secret)
    .update(`${parts.get('t')}.${rawBody}`)
    .digest();
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** SECRETS_KEY rotation, and rows written before secrets were sealed: both are sealed with the newest key when a process starts. */
describe('sealed secrets across key rotation and upgrades', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let receiver: WebhookReceiver;
  let app: NestExpressApplication | undefined;
  let client: { clientId: string; clientSecret: string };
  let secret: string;

  const start = async (secretsKey: string) => {
    await app?.close();
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: allDefinitions().filter((d) => d.id === 'moving'),
      gateway: new AcceptingGateway(),
      namespace: `secrets_rotation_${process.pid}`,
      env: {
        WEBHOOK_BACKOFF_MS: '100',
        WEBHOOK_ATTEMPTS: '30',
        SECRETS_KEY: secretsKey,
        CLIENT_TOKEN_SECRET: 'rotation-spec-client-token-secret-0123456789',
      },
    });
    return { h: selfServiceHelpers(app), sql: app.get(DataSource) };
  };
  const attemptsOf = (journeyId: string) => receiver.received.filter((r) => JSON.parse(r.body).data.journey.id === journeyId);
  const delivered = (sql: DataSource, journeyId: string) =>
    waitFor(
      async () => (await sql.query(`SELECT status FROM webhook_delivery WHERE journey_id = $1`, [journeyId]))[0]?.status === 'delivered',
      30_000,
    );
  const keyIdOf = (sealed: string | null) => sealed?.split('.')[1];

  beforeAll(async () => {
    db = await createTestDatabase('secrets_rotation');
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await db?.drop();
  });

  it(
    'opens rows sealed with a retired key after a new key is put in front, seals them again, and then needs only the new ' + 'key',
    async () => {
      let { h, sql } = await start(OLD);
      client = await h.createClient('municipality');
      const created = await h
        .http()
        .post('/api/self-service/webhooks')
        .set('Authorization', `Bearer ${await h.clientToken(client)}`)
        .send({ url: receiver.url, events: ['step.awaiting'] })
        .expect(201);
      secret = created.body.secret;
      receiver.failNext(...Array<number>(50).fill(503));
      const first = await h.reportedMove('0101901234');
      await waitFor(() => attemptsOf(first.journeyId).length >= 1, 10_000);
      expect(keyIdOf((await sql.query('SELECT secret_sealed FROM webhook_subscription'))[0].secret_sealed)).toBe('old');

      ({ h, sql } = await start(`${NEW},${OLD}`));
      expect(keyIdOf((await sql.query('SELECT secret_sealed FROM webhook_subscription'))[0].secret_sealed)).toBe('new');
      expect(
        keyIdOf((await sql.query('SELECT token_sealed FROM task_token WHERE journey_id = $1', [first.journeyId]))[0].token_sealed),
      ).toBe('new');
      receiver.acceptAll();
      await delivered(sql, first.journeyId);
      const sent = attemptsOf(first.journeyId);
      for (const a of sent) expect(verifies(secret, a.headers['x-livsforloeb-signature'] as string, a.body)).toBe(true);
      const token = JSON.parse(sent.at(-1)!.body).data.task.token;
      await h
        .http()
        .post(`/api/hooks/tasks/${token}/complete`)
        .set('Authorization', `Bearer ${await h.clientToken(client)}`)
        .send({ data: { confirmed: true, decidedOn: '2026-05-22' } })
        .expect(200);

      ({ h, sql } = await start(NEW));
      const second = await h.reportedMove('0202902345');
      await delivered(sql, second.journeyId);
      const [last] = attemptsOf(second.journeyId).slice(-1);
      expect(verifies(secret, last.headers['x-livsforloeb-signature'] as string, last.body)).toBe(true);
    },
  );

  it('seals a clear secret and takes the token out of a pending body written before secrets were sealed', async () => {
    const { h: before, sql: beforeSql } = await start(NEW);
    receiver.failNext(...Array<number>(50).fill(503));
    const { journeyId } = await before.reportedMove('0303903456');
    await waitFor(() => attemptsOf(journeyId).length >= 1, 10_000);
    const oldBody = attemptsOf(journeyId)[0].body;
    const token: string = JSON.parse(oldBody).data.task.token;
    await app!.close();
    app = undefined;
    // The layout before migration 1796523590884: the secret in clear, the token in the body.
    const old = new Client({ connectionString: db.url });
    await old.connect();
    await old.query('UPDATE webhook_subscription SET secret = $1, secret_sealed = NULL', [secret]);
    await old.query('UPDATE webhook_delivery SET body = $2, task_token_id = NULL WHERE journey_id = $1', [journeyId, oldBody]);
    await old.query('UPDATE task_token SET token_sealed = NULL WHERE journey_id = $1', [journeyId]);
    await old.end();

    expect(beforeSql.isInitialized).toBe(false);
    const { h, sql } = await start(NEW);
    expect(await tablesHolding(sql, secret)).toEqual({});
    expect(await tablesHolding(sql, token)).toEqual({});
    receiver.acceptAll();
    await delivered(sql, journeyId);
    const [last] = attemptsOf(journeyId).slice(-1);
    expect(last.body).toBe(oldBody);
    expect(verifies(secret, last.headers['x-livsforloeb-signature'] as string, last.body)).toBe(true);
    await h
      .http()
      .post(`/api/hooks/tasks/${token}/complete`)
      .set('Authorization', `Bearer ${await h.clientToken(client)}`)
      .send({ data: { confirmed: true, decidedOn: '2026-05-22' } })
      .expect(200);
  });
});
