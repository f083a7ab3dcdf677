import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RetentionUseCase } from '../engine/data-protection/retention.use-case';
import { AppConfig } from '../platform/config/app.config';
import { JobRegistry } from '../platform/queue/job-registry';
import { Queues } from '../platform/queue/queues';

export const RETENTION_SCHEDULER_ID = 'retention';

/**
 * Runs the retention job on the RETENTION_SCHEDULE cron (Europe/Copenhagen). The schedule is a
 * BullMQ job scheduler: every worker process upserts the same id, so there is one schedule however
 * many workers run, and one of them takes each run.
 */
@Injectable()
export class RetentionProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionProcessor.name);

  constructor(
    registry: JobRegistry,
    private readonly retention: RetentionUseCase,
    private readonly queues: Queues,
    private readonly config: AppConfig,
  ) {
    registry.register('retention.run', async () => this.retention.execute());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.app.role === 'api') return;
    try {
      await this.queues
        .get('maintenance')
        .upsertJobScheduler(
          RETENTION_SCHEDULER_ID,
          { pattern: this.config.retention.schedule, tz: 'Europe/Copenhagen' },
          { name: 'retention.run', data: {} },
        );
    } catch (e) {
      // A queue that is down now must not stop the worker; the next start schedules it.
      this.logger.warn(`retention schedule not set: ${(e as Error).message}`);
    }
  }
}
