import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app.config';
import { PgListener } from '../platform/database/pg-listener';
import { Queues } from '../platform/queue/queues';
import type { QueueName } from '../platform/queue/queue-names';
import type { OutboxPayload } from '../platform/queue/outbox';
import { jobOptions } from '../platform/queue/retry-policy';

const BATCH = 200;
const ADD_TIMEOUT_MS = 5000;
const SWEEP_EVERY_MS = 15_000;
/** How long a notification waits for others before the relay claims rows (more rows per claim, a few ms of lag). */
const COALESCE_MS = 5;

/**
 * Moves outbox rows to BullMQ. BullMQ cannot join our transaction, so the outbox gives atomicity;
 * `jobId` = outbox row id makes relaying twice harmless. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several relays can run; LISTEN/NOTIFY wakes the loop, a short poll
 * covers missed notifications. A queue that is down leaves rows in place, to be retried.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private notified = false;
  private listener?: PgListener;
  private pollTimer?: NodeJS.Timeout;
  /** Rows claimed since this relay last vacuumed the outbox. */
  private sinceVacuum = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: Queues,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.app.role !== 'api') await this.start();
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.listener = new PgListener(this.dataSource, {
      channel: 'outbox',
      applicationName: 'livsforloeb-outbox-relay',
      // A notification during a batch must not be lost: the loop checks the flag before sleeping.
      onNotification: () => this.nudge(),
      // Rows committed while no one listened are found by the next claim.
      onUp: () => this.nudge(),
    });
    if (!(await this.listener.listen())) this.logger.warn('LISTEN outbox unavailable, polling until it is');
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.pollTimer);
    this.wake?.();
    await this.loop;
    await this.listener?.close();
    this.listener = undefined;
  }

  private nudge(): void {
    this.notified = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let lastSweep = Date.now();
    while (this.running) {
      if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = Date.now();
        await this.sweep().catch((e: Error) => this.logger.warn(`outbox sweep failed: ${e.message}`));
      }
      let moved = 0;
      try {
        moved = await this.relayBatch();
      } catch (e) {
        this.logger.warn(`outbox relay batch failed: ${(e as Error).message}`);
      }
      // A lost connection: polling keeps the relay going while it opens again.
      if (this.listener && !this.listener.listening && this.running) void this.listener.listen();
      if (moved < BATCH && this.running && !this.notified) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.pollTimer = setTimeout(resolve, this.config.engine.outboxPollMs);
        });
        clearTimeout(this.pollTimer);
        this.wake = undefined;
        // Woken by a commit: let the commits arriving with it land too, so one claim takes them all.
        if (this.notified && this.running) await new Promise((r) => setTimeout(r, COALESCE_MS));
      }
      this.notified = false;
    }
  }

  /**
   * Relays one batch; returns how many rows were handled. Public so tests can drive it.
   *
   * Rows are claimed first (one statement, no transaction held open while the queue answers), then
   * added; a row whose add failed is released with a backoff. A relay that dies between the claim
   * and the add leaves claimed rows without jobs: the sweep finds those and queues them again.
   */
  async relayBatch(): Promise<number> {
    const [claimed]: [{ id: string; payload: OutboxPayload; relay_attempts: number; created_at: Date }[], number] =
      // The batch size is a parameter so the claim, run after nearly every commit, is a prepared statement (planned once).
      await this.dataSource.query(
        `UPDATE outbox SET relayed_at = now(), last_error = NULL
        WHERE id IN (SELECT id FROM outbox WHERE relayed_at IS NULL AND available_at <= now()
                      ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, payload, relay_attempts, created_at`,
        [BATCH],
      );
    if (claimed.length === 0) return 0;
    const rows = claimed.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
    const outcomes = await this.performAll(rows);
    const failed = rows.filter((_, i) => outcomes[i].status === 'rejected');
    // A queued job keeps its row until it has run (WorkerHost deletes it), so a job lost with a
    // Redis that kept nothing can be found and queued again (see sweep()).
    for (const row of failed) {
      const reason = (outcomes[rows.indexOf(row)] as PromiseRejectedResult).reason as Error;
      const backoffMs = Math.min(30_000, 250 * 2 ** Math.min(row.relay_attempts, 7));
      await this.dataSource.query(
        `UPDATE outbox SET relayed_at = NULL, relay_attempts = relay_attempts + 1, last_error = $2,
                available_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1`,
        [row.id, String(reason?.message ?? reason).slice(0, 300), String(backoffMs)],
      );
    }
    if (failed.length) this.logger.warn(`outbox: ${failed.length} rows wait for the queue to come back`);
    this.sinceVacuum += rows.length;
    const every = this.config.engine.outboxVacuumAfter;
    if (every > 0 && this.sinceVacuum >= every) {
      this.sinceVacuum = 0;
      await this.vacuum();
    }
    return rows.length;
  }

  /**
   * The outbox is a queue table: every row is inserted, updated when claimed and deleted when its
   * job has run, so it leaves two dead row versions behind, and the claim's index walk reads the
   * entries of all of them until a vacuum clears them: without one, a claim that finds nothing
   * still walks tens of thousands of dead entries. Autovacuum reaches a table this busy only once a
   * minute at best, and some servers run without it, so the relay vacuums its own small table after
   * every OUTBOX_VACUUM_AFTER rows. SKIP_LOCKED: a vacuum already running (or a lock held) is not
   * waited for. A failed vacuum is logged and the relay goes on.
   */
  private async vacuum(): Promise<void> {
    try {
      await this.dataSource.query('VACUUM (SKIP_LOCKED) outbox');
    } catch (e) {
      this.logger.warn(`outbox vacuum failed: ${(e as Error).message}`);
    }
  }

  /**
   * Finds jobs that should have run by now but are not in the queue any more (a Redis restarted
   * without persistence, a flushed queue) and relays their rows again. Rows of jobs that did run
   * but whose clean-up was lost with a crashed worker are deleted.
   */
  async sweep(): Promise<{ requeued: number; cleaned: number }> {
    const stale: { id: string; payload: OutboxPayload }[] = await this.dataSource.query(
      `SELECT id, payload FROM outbox
        WHERE relayed_at < now() - interval '30 seconds'
          AND (payload->>'dueAt' IS NULL OR (payload->>'dueAt')::timestamptz < now() - interval '30 seconds')
        ORDER BY relayed_at LIMIT 500`,
    );
    let requeued = 0;
    let cleaned = 0;
    for (const row of stale) {
      const job = await this.queues.get(row.payload.queue as QueueName)?.getJob(row.id);
      if (!job) {
        await this.dataSource.query('UPDATE outbox SET relayed_at = NULL WHERE id = $1', [row.id]);
        requeued++;
      } else if (job.finishedOn) {
        await this.dataSource.query('DELETE FROM outbox WHERE id = $1', [row.id]);
        cleaned++;
      }
    }
    if (requeued) this.logger.warn(`outbox sweep: ${requeued} jobs were missing from the queue and are queued again`);
    return { requeued, cleaned };
  }

  /**
   * Adds go to each queue in one `addBulk` (one round trip to Redis or PostgreSQL instead of one
   * per row). An outcome per row, in the rows' order.
   */
  private async performAll(rows: { id: string; payload: OutboxPayload }[]): Promise<PromiseSettledResult<void>[]> {
    const outcomes = new Array<PromiseSettledResult<void>>(rows.length);
    const adds = new Map<string, number[]>();
    const work: Promise<void>[] = [];
    rows.forEach((row, i) => adds.set(row.payload.queue, [...(adds.get(row.payload.queue) ?? []), i]));
    for (const [name, indexes] of adds) {
      const queue = this.queues.get(name as QueueName);
      const jobs = indexes.map((i) => {
        const { id, payload } = rows[i];
        const delay = payload.dueAt ? Math.max(0, Date.parse(payload.dueAt) - Date.now()) : 0;
        return { name: payload.name, data: payload.data, opts: { jobId: id, delay, ...jobOptions(payload.queue, payload.retry) } };
      });
      const added = queue ? queue.addBulk(jobs).then(() => undefined) : Promise.reject(new Error(`unknown queue ${name}`));
      work.push(settle(withTimeout(added, ADD_TIMEOUT_MS), outcomes, indexes));
    }
    await Promise.all(work);
    return outcomes;
  }
}

/** Records one promise's outcome for every row it stands for. */
async function settle(p: Promise<void>, outcomes: PromiseSettledResult<void>[], indexes: number[]): Promise<void> {
  const outcome: PromiseSettledResult<void> = await p.then(
    () => ({ status: 'fulfilled', value: undefined }) as const,
    (reason: unknown) => ({ status: 'rejected', reason }) as const,
  );
  for (const i of indexes) outcomes[i] = outcome;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms))),
  ]);
}
