import * as os from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { movingV1 } from '../../../journeys/moving';
import { startSandbox, type Sandbox } from '../../../src/authorities/sandbox/sandbox.server';
import { SendEventUseCase } from '../../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import { createTestApp } from '../../support/app';
import { queueBackends } from '../../support/backends';
import { createTestDatabase } from '../../support/database';
import { freePort } from '../../support/ports';
import { ServiceProcess } from '../../support/service-process';
import { UnusedGateway } from '../../support/unused-gateway';

/** kill -9 of a worker process in the middle of a job: the job comes back, nothing is lost or doubled. */
describe.each(queueBackends())('a worker killed mid-job on %s', (backend) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sandbox: Sandbox;
  let api: INestApplication;
  let worker: ServiceProcess;

  beforeAll(async () => {
    db = await createTestDatabase(`crash_${backend}`);
    sandbox = await startSandbox({ latencyScale: 0 });
    const namespace = `crash_${backend}_${process.pid}`;
    api = await createTestApp({
      databaseUrl: db.url,
      backend,
      definitions: [movingV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace,
    });
    worker = new ServiceProcess({
      ROLE: 'worker',
      PORT: String(await freePort()),
      DATABASE_URL: db.url,
      ...(backend === 'redis' ? { REDIS_URL: process.env.REDIS_URL! } : {}),
      QUEUE_NAMESPACE: namespace,
      AUTHORITY_BASE_URL: sandbox.url,
      AUTH_MODE: 'dev',
      WORKER_LOCK_MS: '2000',
      INTEGRATION_BACKOFF_MS: '50',
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'warn',
    });
  });
  afterAll(async () => {
    if (worker?.exitCode === null) {
      worker.signal('SIGKILL');
      await worker.exited().catch(() => undefined);
    }
    await api?.close();
    await sandbox?.close();
    await db?.drop();
  });

  it('completes the step after a restart, and the authority saw the same idempotency key on every attempt', async () => {
    const sql = api.get(DataSource);
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES ('0505051234') RETURNING id`);
    const { journeyId } = await api.get(StartJourneyUseCase).execute({
      citizenId: c.id,
      type: 'moving',
      answers: movingV1.startExamples[0],
      facts: movingV1.factsExamples?.[0] ?? {},
      actor: { kind: 'citizen', id: c.id },
    });
    // The first call is taken but its answer held back, so the worker is killed while it waits.
    sandbox.setFaults({ cpr: { timeoutRate: 1 } });
    worker.start();
    await worker.ready(60_000);
    // A worker gives citizens' requests on the same host the CPU first (WORKER_NICE, default 10).
    expect(os.getPriority(worker.pid)).toBe(Math.min(19, os.getPriority() + 10));
    // Each process names its connections by role, so pg_stat_activity and the server log tell who holds what.
    const names = (
      await sql.query(`SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE datname = current_database()`)
    ).map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['livsforloeb-api', 'livsforloeb-worker']));
    await api.get(SendEventUseCase).execute({
      origin: 'client',
      journeyId,
      type: 'move.reported',
      data: { reportedOn: movingV1.startExamples[0].movingDate as string },
      actor: { kind: 'citizen', id: c.id },
    });
    await worker.until(() => sandbox.calls({ system: 'cpr' }).length > 0, 30_000);
    worker.signal('SIGKILL');
    expect(await worker.exited()).not.toBe(0);
    sandbox.setFaults({});

    worker.start();
    await worker.until(
      async () => {
        const [row] = await sql.query(`SELECT snapshot FROM journey WHERE id = $1`, [journeyId]);
        return row.snapshot.context.steps['cpr-propagation'].status === 'done';
      },
      30_000,
      200,
    );

    const [task] = await sql.query(`SELECT id, status FROM integration_task WHERE journey_id = $1 AND system = 'cpr'`, [journeyId]);
    expect(task.status).toBe('completed');
    const calls = sandbox.calls({ system: 'cpr' });
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every((call) => call.idempotencyKey === task.id)).toBe(true);
    const [{ n }] = await sql.query(
      `SELECT count(*)::int AS n FROM journey_history WHERE journey_id = $1 AND event_type = 'integration.completed'`,
      [journeyId],
    );
    expect(n).toBe(1);
  }, 90_000);
});
