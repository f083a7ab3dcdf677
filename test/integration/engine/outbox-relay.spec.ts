import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import { OutboxRelay } from '../../../src/outbox/outbox-relay';
import { Queues } from '../../../src/platform/queue/queues';
import { createTestApp } from '../../support/app';
import { queueBackends } from '../../support/backends';
import { createTestDatabase } from '../../support/database';
import { errandV1 } from '../../support/fixtures/errand.journey';
import { PrivateRedis, waitFor } from '../../support/private-redis';
import { UnusedGateway } from '../../support/unused-gateway';

const citizen = { kind: 'citizen' as const, id: 'c' };

describe.each(queueBackends())(`${OutboxRelay.name} on %s`, (backend) => {
  let app: INestApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase(`relay_${backend}`);
    // Role api: the relay does not run by itself; the test drives it batch by batch.
    app = await createTestApp({
      databaseUrl: db.url,
      backend,
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: `relay_${backend}_${process.pid}`,
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('moves each outbox row to the queue once, with the row id as job id, even when relayed twice', async () => {
    const sql = app.get(DataSource);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES ($1) RETURNING id`, [`01019${String(i).padStart(5, '0')}`]);
      ids.push((await app.get(StartJourneyUseCase).execute({ citizenId: c.id, type: 'moving', actor: citizen })).journeyId);
    }
    const rows: { id: string }[] = await sql.query('SELECT id FROM outbox ORDER BY created_at');
    expect(rows).toHaveLength(5);
    // A relay that crashed after adding the jobs but before deleting the rows: the same rows go again.
    const queue = app.get(Queues).get('integration');
    for (const row of rows) await queue.add('integration.run', { replay: true }, { jobId: row.id });
    expect(await app.get(OutboxRelay).relayBatch()).toBe(5);
    expect(await sql.query('SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL')).toEqual([{ n: 0 }]);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.map((j) => j.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('queues again the jobs a queue lost (a Redis restarted without persistence) and only those', async () => {
    const sql = app.get(DataSource);
    const queue = app.get(Queues).get('integration');
    const relay = app.get(OutboxRelay);
    const rows: { id: string }[] = await sql.query('SELECT id FROM outbox ORDER BY created_at');
    await queue.obliterate({ force: true });
    await queue.add('integration.run', { kept: true }, { jobId: rows[0].id }); // one job survived
    await sql.query(`UPDATE outbox SET relayed_at = now() - interval '5 minutes'`);
    expect(await relay.sweep()).toEqual({ requeued: rows.length - 1, cleaned: 0 });
    expect(await relay.relayBatch()).toBe(rows.length - 1);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.map((j) => j.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('queues the job of a row whose relay died between claiming it and adding the job', async () => {
    const sql = app.get(DataSource);
    const queue = app.get(Queues).get('integration');
    const relay = app.get(OutboxRelay);
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES ('0101990001') RETURNING id`);
    const { journeyId } = await app.get(StartJourneyUseCase).execute({ citizenId: c.id, type: 'moving', actor: citizen });
    const [row] = await sql.query('SELECT id FROM outbox WHERE journey_id = $1', [journeyId]);
    // The claim happened (relayed_at set), the add never did.
    await sql.query(`UPDATE outbox SET relayed_at = now() - interval '5 minutes' WHERE id = $1`, [row.id]);
    expect(await queue.getJob(row.id)).toBeUndefined();
    expect(await relay.sweep()).toEqual({ requeued: 1, cleaned: 0 });
    expect(await relay.relayBatch()).toBe(1);
    expect((await queue.getJob(row.id))?.name).toBe('integration.run');
    expect(await sql.query('SELECT command_type FROM outbox WHERE journey_id = $1', [journeyId])).toEqual([{ command_type: 'queue.add' }]);
  });
});

const redisOnly = process.env.REDIS_URL ? describe : describe.skip;
redisOnly('OutboxRelay when Redis goes away', () => {
  const redis = new PrivateRedis(6391);
  let app: INestApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    await redis.start();
    db = await createTestDatabase('relay_outage');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'redis',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'relay_outage',
      env: { REDIS_URL: redis.url },
    });
  });
  afterAll(async () => {
    await app?.close();
    await redis.stop();
    await db?.drop();
  });

  it('keeps rows in the outbox while the queue is down and drains them when it is back', async () => {
    const sql = app.get(DataSource);
    await redis.stop();
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES ('0202020202') RETURNING id`);
    const { journeyId } = await app.get(StartJourneyUseCase).execute({ citizenId: c.id, type: 'moving', actor: citizen });
    const relay = app.get(OutboxRelay);
    await relay.relayBatch();
    const [row] = await sql.query('SELECT relay_attempts, last_error FROM outbox WHERE journey_id = $1', [journeyId]);
    expect(row.relay_attempts).toBe(1);
    expect(row.last_error).toBeTruthy();

    await redis.start();
    await waitFor(
      async () => {
        await sql.query('UPDATE outbox SET available_at = now()');
        await relay.relayBatch();
        return (await sql.query('SELECT 1 FROM outbox WHERE relayed_at IS NULL')).length === 0;
      },
      15000,
      200,
    );
    expect(await sql.query('SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL')).toEqual([{ n: 0 }]);
    const jobs = await app.get(Queues).get('integration').getJobs(['waiting']);
    expect(jobs).toHaveLength(1);
  }, 60000);
});

describe(`${OutboxRelay.name} keeping its table lean`, () => {
  let app: INestApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('relay_vacuum');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: `relay_vacuum_${process.pid}`,
      env: { OUTBOX_VACUUM_AFTER: '4' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('vacuums the outbox after every OUTBOX_VACUUM_AFTER rows it relays, so claimed and deleted rows stop costing the claim', async () => {
    const sql = app.get(DataSource);
    const vacuums = async () =>
      (await sql.query(`SELECT vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname = 'outbox'`))[0].n as number;
    const start = async (i: number) => {
      const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES ($1) RETURNING id`, [`03039${String(i).padStart(5, '0')}`]);
      await app.get(StartJourneyUseCase).execute({ citizenId: c.id, type: 'moving', actor: citizen });
    };
    const relay = app.get(OutboxRelay);
    for (let i = 0; i < 3; i++) await start(i);
    expect(await relay.relayBatch()).toBe(3);
    expect(await vacuums()).toBe(0);
    // The fourth row since the last vacuum: the relay vacuums. (How many dead versions that vacuum can
    // remove depends on the oldest snapshot any other session on the server holds, so the count of
    // vacuums is what the relay answers for.)
    await sql.query(`DELETE FROM outbox WHERE relayed_at IS NOT NULL`);
    await start(3);
    expect(await relay.relayBatch()).toBe(1);
    expect(await vacuums()).toBe(1);
    // And the count starts again: three more rows do not vacuum, the fourth does.
    for (let i = 4; i < 7; i++) await start(i);
    expect(await relay.relayBatch()).toBe(3);
    expect(await vacuums()).toBe(1);
    await start(7);
    expect(await relay.relayBatch()).toBe(1);
    expect(await vacuums()).toBe(2);
  });
});
