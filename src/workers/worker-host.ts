import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app.config';
import { JobRegistry } from '../platform/queue/job-registry';
import { forgetOutboxRows } from '../platform/queue/outbox';
import { QUEUES, type QueueName } from '../platform/queue/queue-names';
import { Queues } from '../platform/queue/queues';
import { MetricsService } from '../platform/metrics/metrics.service';
import { isUuid } from '../platform/ids';

/** Finished jobs whose outbox rows are deleted together: at most this many, or after this long. */
const FORGET_BATCH = 200;
const FORGET_AFTER_MS = 50;

/**
 * Starts one BullMQ worker per queue in worker processes, after checking that every job has
 * exactly one handler. On shutdown it stops taking jobs and waits for the ones in flight.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];
  private readonly finished: string[] = [];
  private forgetTimer?: NodeJS.Timeout;

  constructor(
    private readonly registry: JobRegistry,
    private readonly queues: Queues,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.assertComplete();
    if (this.config.app.role === 'api') return;
    for (const name of Object.values(QUEUES) as QueueName[]) {
      const worker = this.queues.factory.createWorker(name, this.registry.dispatcher(name), {
        concurrency: this.config.queue.concurrency,
        lockDuration: this.config.queue.lockMs,
        stalledInterval: Math.max(500, Math.round(this.config.queue.lockMs / 2)),
        maxStalledCount: 5,
      });
      worker.on('completed', (job) => {
        this.metrics.jobOutcomes.inc({ queue: name, outcome: 'completed' });
        this.forget(job.id);
      });
      worker.on('failed', (job) => {
        const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
        this.metrics.jobOutcomes.inc({ queue: name, outcome: final ? 'failed' : 'retry' });
        if (final) this.forget(job?.id);
      });
      worker.on('error', (e) => this.logger.warn(`worker ${name}: ${e.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`workers started on ${this.queues.factory.kind}: ${Object.values(QUEUES).join(', ')}`);
  }

  /**
   * The job has run: its outbox row is no longer needed to recover it. Rows are deleted in batches
   * (one statement and one commit for every job that finished within FORGET_AFTER_MS, instead of one
   * each); a row whose delete a crash lost is found by the relay's sweep, which sees the job finished.
   */
  private forget(jobId: string | undefined): void {
    if (!jobId || !isUuid(jobId)) return;
    this.finished.push(jobId);
    if (this.finished.length >= FORGET_BATCH) void this.flushFinished();
    else this.forgetTimer ??= setTimeout(() => void this.flushFinished(), FORGET_AFTER_MS);
  }

  private async flushFinished(): Promise<void> {
    clearTimeout(this.forgetTimer);
    this.forgetTimer = undefined;
    const ids = this.finished.splice(0);
    await forgetOutboxRows(this.dataSource, ids);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // close() stops fetching new jobs and resolves when the active ones have finished.
    await Promise.allSettled(this.workers.splice(0).map((w) => w.close()));
    await this.flushFinished();
  }
}
