import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app.config';
import { JobRegistry } from '../platform/queue/job-registry';
import { QUEUES, type QueueName } from '../platform/queue/queue-names';
import { Queues } from '../platform/queue/queues';
import { MetricsService } from '../platform/metrics/metrics.service';

/**
 * Starts one BullMQ worker per queue in worker processes, after checking that every job has
 * exactly one handler. On shutdown it stops taking jobs and waits for the ones in flight.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];

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
        void this.forget(job.id);
      });
      worker.on('failed', (job) => {
        const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
        this.metrics.jobOutcomes.inc({ queue: name, outcome: final ? 'failed' : 'retry' });
        if (final) void this.forget(job?.id);
      });
      worker.on('error', (e) => this.logger.warn(`worker ${name}: ${e.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`workers started on ${this.queues.factory.kind}: ${Object.values(QUEUES).join(', ')}`);
  }

  /** The job has run: its outbox row is no longer needed to recover it. */
  private async forget(jobId: string | undefined): Promise<void> {
    if (!jobId) return;
    await this.dataSource.query('DELETE FROM outbox WHERE id = $1', [jobId]).catch(() => undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // close() stops fetching new jobs and resolves when the active ones have finished.
    await Promise.allSettled(this.workers.splice(0).map((w) => w.close()));
  }
}
