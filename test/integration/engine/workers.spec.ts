import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createHttpAuthorities } from '../../../src/authorities/authorities.factory';
import { startSandbox, type Sandbox } from '../../../src/authorities/sandbox/sandbox.server';
import { CommandWriter } from '../../../src/engine/persistence/command-writer';
import { JourneyTimerRepository, type ClaimedTimer } from '../../../src/engine/persistence/journey-timer.repository';
import { JourneyRepository } from '../../../src/engine/persistence/journey.repository';
import { SendEventUseCase } from '../../../src/engine/use-cases/send-event.use-case';
import type { Job } from 'bullmq';
import { IntegrationProcessor } from '../../../src/workers/integration.processor';
import type { IntegrationJobData } from '../../../src/platform/queue/queue-names';
import { TimerPoller } from '../../../src/workers/timer-poller';
import { TimerProcessor } from '../../../src/workers/timer.processor';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import { createTestApp, ownerActor } from '../../support/app';
import { queueBackends } from '../../support/backends';
import { createTestDatabase } from '../../support/database';
import { errandV1 } from '../../support/fixtures/errand.journey';
import { waitFor } from '../../support/private-redis';

const citizen = { kind: 'citizen' as const, id: 'c' };
const caseworker = { kind: 'caseworker' as const, id: 'cw', authority: 'health-insurance' };

/** Journeys driven by real workers, a real queue and the authority sandbox over HTTP. */
describe.each(queueBackends())('integration jobs and timers on %s', (backend) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sandbox: Sandbox;
  const apps: INestApplication[] = [];
  let sql: DataSource;
  let n = 0;

  async function boot(env: Record<string, string> = {}): Promise<INestApplication> {
    const { gateway } = createHttpAuthorities({
      systems: {},
      defaultBaseUrl: sandbox.url,
      timeoutMs: 2000,
      breaker: { volumeThreshold: 1000 },
    });
    const app = await createTestApp({
      databaseUrl: db.url,
      backend,
      definitions: [errandV1],
      gateway,
      role: 'all',
      namespace: `workers_${backend}_${process.pid}`,
      env: { INTEGRATION_ATTEMPTS: '3', INTEGRATION_BACKOFF_MS: '20', WORKER_LOCK_MS: '2000', ...env },
    });
    apps.push(app);
    return app;
  }

  async function startErrand(app: INestApplication, remindAfterMs: number): Promise<string> {
    const [c] = await app
      .get(DataSource)
      .query(`INSERT INTO citizen (cpr) VALUES ($1) RETURNING id`, [`0101${String(++n).padStart(6, '0')}`]);
    return (await app.get(StartJourneyUseCase).execute({ citizenId: c.id, type: 'moving', answers: { remindAfterMs }, actor: citizen }))
      .journeyId;
  }

  const journey = async (id: string) => (await sql.query('SELECT state, status, snapshot FROM journey WHERE id = $1', [id]))[0];
  const events = async (id: string) =>
    (await sql.query('SELECT event_type FROM journey_history WHERE journey_id = $1 ORDER BY seq', [id])).map(
      (r: { event_type: string }) => r.event_type,
    );

  beforeAll(async () => {
    db = await createTestDatabase(`workers_${backend}`);
    sandbox = await startSandbox({ latencyScale: 0, seed: 7 });
    await boot();
    // Assertions read through a connection of their own: worker instances come and go.
    sql = new DataSource({ type: 'postgres', url: db.url });
    await sql.initialize();
  });
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await sql?.destroy();
    await sandbox?.close();
    await db?.drop();
  });
  beforeEach(() => sandbox.reset());

  it('carries a journey through the authority and a durable timer to the end, with one side effect per task', async () => {
    const app = apps[0];
    const id = await startErrand(app, 300);
    await waitFor(async () => (await journey(id)).state === 'waiting', 10_000);
    await waitFor(async () => (await journey(id)).snapshot.context.reminded === 1, 10_000);
    const [note] = await sql.query('SELECT template, step FROM notification WHERE journey_id = $1', [id]);
    expect(note).toEqual({ template: 'step-needs-you', step: 'confirm' });
    await app
      .get(SendEventUseCase)
      .execute({ origin: 'client', journeyId: id, type: 'confirm', data: { answer: 'yes' }, actor: await ownerActor(app, id) });
    expect((await journey(id)).status).toBe('completed');
    expect(await events(id)).toEqual(['journey.started', 'integration.completed', 'timer.fired', 'confirm']);

    const [task] = await sql.query('SELECT id, status, attempts FROM integration_task WHERE journey_id = $1', [id]);
    expect(task).toMatchObject({ status: 'completed', attempts: 1 });
    expect(sandbox.sideEffects({ key: task.id })).toEqual([
      expect.objectContaining({ count: 1, system: 'health-insurance', task: 'order-health-card' }),
    ]);
  });

  it('marks a task completed when its result reaches a journey that has moved on, and leaves that journey as it was', async () => {
    const app = apps[0];
    const id = await startErrand(app, 60_000);
    await waitFor(async () => (await journey(id)).state === 'waiting', 10_000);
    // A second run of the same call arrives late: the journey no longer waits for it.
    const [first] = await sql.query('SELECT step, task, system, input FROM integration_task WHERE journey_id = $1', [id]);
    const [late] = await sql.query(
      `INSERT INTO integration_task (id, journey_id, step, task, system, input, status)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'queued')
       RETURNING id, generation`,
      [id, first.step, first.task, first.system, first.input],
    );
    const job = {
      data: { taskId: late.id, generation: late.generation },
      opts: { attempts: 1 },
      attemptsMade: 0,
    } as Job<IntegrationJobData>;
    expect(await app.get(IntegrationProcessor).handle(job)).toBe('completed');
    expect(await sql.query('SELECT status, attempts FROM integration_task WHERE id = $1', [late.id])).toEqual([
      { status: 'completed', attempts: 1 },
    ]);
    expect(await events(id)).toEqual(['journey.started', 'integration.completed']);
    // Run again, the finished task is not this job's to run: no second call to the authority.
    expect(await app.get(IntegrationProcessor).handle(job)).toBe('skipped');
    expect(sandbox.sideEffects({ key: late.id })).toEqual([expect.objectContaining({ count: 1 })]);
  });

  it('does not fire a timer that was cancelled by leaving its state', async () => {
    const app = apps[0];
    const id = await startErrand(app, 1500);
    await waitFor(async () => (await journey(id)).state === 'waiting', 10_000);
    await app
      .get(SendEventUseCase)
      .execute({ origin: 'client', journeyId: id, type: 'confirm', data: { answer: 'yes' }, actor: await ownerActor(app, id) });
    await new Promise((r) => setTimeout(r, 2500));
    expect(await events(id)).toEqual(['journey.started', 'integration.completed', 'confirm']);
    expect(await sql.query('SELECT status FROM journey_timer WHERE journey_id = $1', [id])).toEqual([{ status: 'cancelled' }]);
  });

  /** Claims the journey's timer the way a worker does, for `leaseMs`, once it is due; the worker's own poller is paused meanwhile. */
  async function claimTimer(app: INestApplication, id: string, leaseMs: number): Promise<ClaimedTimer> {
    let claims: ClaimedTimer[] = [];
    await waitFor(async () => (claims = await app.get(JourneyTimerRepository).claimDue(10, leaseMs)).length > 0, 10_000, 50);
    expect(claims.map((c) => c.journeyId)).toEqual([id]);
    return claims[0];
  }

  it('does not fire a timer that the journey cancelled after a worker had claimed it', async () => {
    const app = apps[0];
    const poller = app.get(TimerPoller);
    await poller.stop();
    try {
      const id = await startErrand(app, 200);
      await waitFor(async () => (await journey(id)).state === 'waiting', 10_000);
      const claim = await claimTimer(app, id, 60_000);
      // The journey stops its timers (as completing or dismissing it does) while the claim is held.
      const [j] = await sql.query('SELECT citizen_id, version FROM journey WHERE id = $1', [id]);
      await app
        .get(JourneyRepository)
        .transaction((tx) => app.get(CommandWriter).cancelAllTimers(tx, { journeyId: id, citizenId: j.citizen_id, seq: j.version }));
      expect(await app.get(TimerProcessor).fire(claim)).toBe('skipped');
      expect(await events(id)).toEqual(['journey.started', 'integration.completed']);
      expect((await journey(id)).snapshot.context.reminded).toBe(0);
    } finally {
      poller.start();
    }
  });

  it('fires a timer once when the worker that claimed it died before firing it, and once when that worker was only slow', async () => {
    const app = apps[0];
    const poller = app.get(TimerPoller);
    await poller.stop();
    const id = await startErrand(app, 200);
    await waitFor(async () => (await journey(id)).state === 'waiting', 10_000);
    // A worker claims the timer and is gone: its lease is all that is left of it.
    const claim = await claimTimer(app, id, 1000);
    poller.start();
    await waitFor(async () => (await journey(id)).snapshot.context.reminded === 1, 15_000);
    // The first worker comes back with the timer it claimed; it fires nothing more.
    expect(await app.get(TimerProcessor).fire(claim)).toBe('skipped');
    expect((await events(id)).filter((e: string) => e === 'timer.fired')).toEqual(['timer.fired']);
    expect((await journey(id)).snapshot.context.reminded).toBe(1);
    expect(await sql.query('SELECT status FROM journey_timer WHERE journey_id = $1', [id])).toEqual([{ status: 'fired' }]);
  });

  it('fires a timer that came due while no worker was running', async () => {
    const id = await startErrand(apps[0], 1500);
    await waitFor(async () => (await journey(id)).state === 'waiting', 10_000);
    await apps.pop()!.close(); // the only worker goes away
    await new Promise((r) => setTimeout(r, 2000)); // the timer comes due
    expect((await journey(id)).snapshot.context.reminded).toBe(0);
    await boot();
    await waitFor(async () => (await journey(id)).snapshot.context.reminded === 1, 15_000);
  });

  it('gives the journey integration.failed after the last attempt, and a caseworker retry completes it', async () => {
    sandbox.setFaults({ 'health-insurance': { errorRate: 1 } });
    const id = await startErrand(apps[0], 3_600_000);
    await waitFor(async () => (await journey(id)).state === 'stuck', 15_000);
    // The worker marks the task dead once the journey has its integration.failed.
    const status = async () => (await sql.query('SELECT status FROM integration_task WHERE journey_id = $1', [id]))[0].status;
    await waitFor(async () => (await status()) === 'dead', 5_000);
    const view = await journey(id);
    expect(view.snapshot.context.steps.ask).toMatchObject({ status: 'failed' });
    const [dead] = await sql.query('SELECT id, status, attempts FROM integration_task WHERE journey_id = $1', [id]);
    // Three attempts spent; a 429 among the injected errors postpones without spending one, so calls may be more.
    expect(dead.status).toBe('dead');
    expect(dead.attempts).toBeGreaterThanOrEqual(3);
    expect(new Set(sandbox.calls({ key: dead.id }).map((c) => c.idempotencyKey))).toEqual(new Set([dead.id]));

    sandbox.setFaults({});
    await apps[0].get(SendEventUseCase).execute({
      origin: 'engine',
      journeyId: id,
      type: 'integration.retry',
      data: { step: 'ask', task: 'order-health-card' },
      actor: caseworker,
    });
    await waitFor(async () => (await journey(id)).state === 'waiting', 10_000);
    expect(await events(id)).toEqual(['journey.started', 'integration.failed', 'integration.retry', 'integration.completed']);
  });

  it('completes a batch of journeys with 30 % of authority calls failing, and no side effect happens twice', async () => {
    sandbox.setFaults({ 'health-insurance': { errorRate: 0.3 } });
    // Enough attempts that a task failing every one (0.3^8 each) does not make this test flaky.
    const patient = await boot({ INTEGRATION_ATTEMPTS: '8' });
    const ids = await Promise.all(Array.from({ length: 20 }, () => startErrand(patient, 3_600_000)));
    await waitFor(
      async () => (await sql.query(`SELECT count(*)::int AS n FROM journey WHERE id = ANY($1) AND state = 'waiting'`, [ids]))[0].n === 20,
      30_000,
      100,
    );
    const tasks: { id: string }[] = await sql.query('SELECT id FROM integration_task WHERE journey_id = ANY($1)', [ids]);
    expect(tasks).toHaveLength(20);
    expect(sandbox.calls({ system: 'health-insurance' }).some((c) => c.outcome === 'fault')).toBe(true);
    for (const t of tasks) expect(sandbox.sideEffects({ key: t.id })).toEqual([expect.objectContaining({ count: 1 })]);
    sandbox.setFaults({});
    apps.splice(apps.indexOf(patient), 1);
    await patient.close();
  });

  it('handles each job once per attempt with two worker processes on one queue', async () => {
    await boot(); // a second worker instance competing for the same queues
    const ids = await Promise.all(Array.from({ length: 20 }, () => startErrand(apps[0], 3_600_000)));
    await waitFor(
      async () => (await sql.query(`SELECT count(*)::int AS n FROM journey WHERE id = ANY($1) AND state = 'waiting'`, [ids]))[0].n === 20,
      20_000,
    );
    const tasks: { id: string; attempts: number }[] = await sql.query(
      'SELECT id, attempts FROM integration_task WHERE journey_id = ANY($1)',
      [ids],
    );
    expect(tasks).toHaveLength(20);
    expect(tasks.every((t) => t.attempts === 1)).toBe(true);
    for (const t of tasks) expect(sandbox.sideEffects({ key: t.id })).toEqual([expect.objectContaining({ count: 1, requests: 1 })]);
    const [dupes] = await sql.query(
      `SELECT count(*)::int AS n FROM (SELECT journey_id FROM journey_history
        WHERE journey_id = ANY($1) AND event_type = 'integration.completed' GROUP BY journey_id HAVING count(*) > 1) d`,
      [ids],
    );
    expect(dupes.n).toBe(0);
  });
});
