import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { signatureHeader } from '../engine/self-service/webhook-signature';
import { AppConfig } from '../platform/config/app.config';
import { JobRegistry } from '../platform/queue/job-registry';
import type { WebhookJobData } from '../platform/queue/queue-names';
import { sendWebhook } from './webhook-sender';

interface DeliveryRow {
  id: string;
  event: string;
  body: string;
  status: string;
  attempts: number;
  url: string;
  secret: string;
  deleted_at: Date | null;
  disabled_at: Date | null;
}

/**
 * Delivers one webhook: the same body and delivery id on every attempt, signed afresh each time.
 * The attempts are counted in the `webhook_delivery` row (what the solution's operators see); a
 * failed attempt moves the job to the delayed set at the next attempt time the row shows
 * (exponential backoff with jitter), so the log and the queue agree.
 */
@Injectable()
export class WebhookProcessor {
  private readonly logger = new Logger(WebhookProcessor.name);

  constructor(
    registry: JobRegistry,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    registry.register('webhook.deliver', (job, token) => this.handle(job as Job<WebhookJobData>, token));
  }

  async handle(job: Job<WebhookJobData>, token?: string): Promise<string> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.id, d.event, d.body, d.status, d.attempts, s.url, s.secret, s.deleted_at, c.disabled_at
         FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id JOIN system_client c ON c.client_id = s.client_id
        WHERE d.id = $1`,
      [job.data.deliveryId],
    );
    const delivery = rows[0];
    if (!delivery || delivery.status !== 'pending') return 'skipped';
    if (delivery.deleted_at || delivery.disabled_at) {
      await this.finish(delivery, 'cancelled', { attempts: delivery.attempts, error: 'subscription deleted or client disabled' });
      return 'cancelled';
    }

    const attempts = delivery.attempts + 1;
    const { statusCode, error } = await this.post(delivery);
    if (statusCode !== undefined && statusCode >= 200 && statusCode < 300) {
      await this.finish(delivery, 'delivered', { attempts, statusCode });
      return 'delivered';
    }
    if (attempts >= this.config.selfService.webhookAttempts) {
      await this.finish(delivery, 'failed', { attempts, statusCode, error });
      this.logger.warn({ deliveryId: delivery.id, event: delivery.event, attempts }, 'webhook delivery failed after its last attempt');
      return 'failed';
    }
    const nextAttemptAt = new Date(Date.now() + this.backoffMs(attempts));
    await this.dataSource.query(
      `UPDATE webhook_delivery SET attempts = $2, last_status_code = $3, last_error = $4, next_attempt_at = $5, updated_at = now() WHERE id = $1`,
      [delivery.id, attempts, statusCode ?? null, error ?? null, nextAttemptAt],
    );
    if (!token) throw new Error(`webhook delivery attempt ${attempts} failed: ${error}`);
    await job.moveToDelayed(nextAttemptAt.getTime(), token);
    throw new DelayedError();
  }

  /** Exponential with ±25 % jitter, so the retries of many deliveries to a solution that was down spread out. */
  private backoffMs(attempts: number): number {
    const base = this.config.selfService.webhookBackoffMs * 2 ** (attempts - 1);
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }

  private async post(delivery: DeliveryRow): Promise<{ statusCode?: number; error?: string }> {
    const { statusCode, failure } = await sendWebhook(delivery.url, {
      body: delivery.body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Livsforloeb-Webhooks/1',
        'x-livsforloeb-delivery': delivery.id,
        'x-livsforloeb-event': delivery.event,
        'x-livsforloeb-signature': signatureHeader(delivery.secret, delivery.body),
      },
      timeoutMs: this.config.selfService.webhookTimeoutMs,
      allowLoopback: this.config.selfService.allowLocalHttpTargets,
    });
    return { statusCode, error: failure };
  }

  /** Final outcome; a task token in the body is no longer needed at rest. */
  private async finish(delivery: DeliveryRow, status: 'delivered' | 'failed' | 'cancelled', r: { attempts: number; statusCode?: number; error?: string }): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery SET status = $2, attempts = $3, last_status_code = $4, last_error = $5, next_attempt_at = NULL,
              delivered_at = CASE WHEN $2 = 'delivered' THEN now() END, body = $6, updated_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [delivery.id, status, r.attempts, r.statusCode ?? null, r.error ?? null, scrubToken(delivery.body)],
    );
  }
}

function scrubToken(body: string): string {
  try {
    const parsed = JSON.parse(body) as { data?: { task?: Record<string, unknown> } };
    const task = parsed.data?.task;
    if (!task || typeof task.token !== 'string') return body;
    parsed.data!.task = { ...task, token: '[redacted]', completeUrl: '[redacted]', failUrl: '[redacted]' };
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}
