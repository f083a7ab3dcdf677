import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuthorityError, AuthorityGateway } from '../authorities/ports/authority-gateway.port';
import { NotificationRepository } from '../engine/notifications/notification.repository';
import { isQuietHour, nextDeliveryTime } from '../engine/notifications/quiet-hours';
import { AppConfig } from '../platform/config/app.config';
import { JobRegistry } from '../platform/queue/job-registry';
import type { NotificationJobData } from '../platform/queue/queue-names';

const CLOSED = ['done', 'skipped'];

/**
 * Delivers one notification as a Digital Post letter. Everything is decided at delivery time, not
 * when the notification was made: a step finished meanwhile means no letter, and a retry that
 * drifted into the quiet hours waits for their end (by default 07:00). The notification id is the
 * idempotency key towards Digital Post, so a job that runs twice sends one letter.
 */
@Injectable()
export class NotificationProcessor {
  private readonly logger = new Logger(NotificationProcessor.name);
  /** The clock; tests set it to check the quiet hours. */
  now: () => Date = () => new Date();

  constructor(
    registry: JobRegistry,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly gateway: AuthorityGateway,
    private readonly config: AppConfig,
  ) {
    registry.register('notification.deliver', (job, token) => this.handle(job as Job<NotificationJobData>, token));
  }

  async handle(job: Job<NotificationJobData>, token?: string): Promise<string> {
    const n = await this.notifications.forDelivery(this.dataSource, job.data.notificationId);
    if (!n || n.delivery_status !== 'pending') return 'skipped';
    const now = this.now();
    if (isQuietHour(now, this.config.engine.quietHours) && token) {
      await job.moveToDelayed(nextDeliveryTime(now, this.config.engine.quietHours).getTime(), token);
      throw new DelayedError();
    }
    if (n.step && n.step_status && CLOSED.includes(n.step_status)) {
      await this.notifications.settle(this.dataSource, n.id, 'skipped', 'step-closed');
      return 'step-closed';
    }
    if (n.journey_status === 'dismissed') {
      await this.notifications.settle(this.dataSource, n.id, 'skipped', 'journey-dismissed');
      return 'journey-dismissed';
    }
    try {
      const { output } = await this.gateway.execute({
        system: 'digital-post',
        task: 'send-letter',
        input: { template: n.template, recipient: 'self', language: 'da' },
        idempotencyKey: n.id,
        journeyId: n.journey_id,
        step: n.step ?? 'notification',
        subject: { cpr: n.cpr },
      });
      await this.notifications.settle(this.dataSource, n.id, 'sent', null, typeof output.messageId === 'string' ? output.messageId : null);
      return 'sent';
    } catch (e) {
      const error = e instanceof AuthorityError ? e : new AuthorityError('ADAPTER_ERROR', true, (e as Error).message);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (error.retryable && !lastAttempt) throw error;
      await this.notifications.settle(this.dataSource, n.id, 'failed', error.code);
      this.logger.warn({ notificationId: n.id, code: error.code }, 'notification not delivered');
      return 'failed';
    }
  }
}
