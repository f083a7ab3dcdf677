import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { forgetSealedToken, withTaskToken } from '../engine/self-service/delivery-task-token';
import { SelfServiceLinks } from '../engine/self-service/self-service-links';
import { signatureHeader } from '../engine/self-service/webhook-signature';
import { AppConfig } from '../platform/config/app.config';
import { SecretBox, SecretBoxError, sealContext } from '../platform/crypto/secret-box';
import { JobRegistry } from '../platform/queue/job-registry';
import type { WebhookJobData } from '../platform/queue/queue-names';
import { sendWebhook } from './webhook-sender';

interface DeliveryRow {
  id: string;
  event: string;
  /** As stored; `prepare` turns it into the bytes sent (the task token filled in). */
  body: string;
  status: string;
  attempts: number;
  url: string;
  subscription_id: string;
  secret_sealed: string | null;
  /** Opened from `secret_sealed` by `prepare`, for this attempt only. */
  secret: string;
  task_token_id: string | null;
  token_sealed: string | null;
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
    private readonly box: SecretBox,
    private readonly links: SelfServiceLinks,
  ) {
    registry.register('webhook.deliver', (job, token) => this.handle(job as Job<WebhookJobData>, token));
  }

  async handle(job: Job<WebhookJobData>, token?: string): Promise<string> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.id, d.event, d.body, d.status, d.attempts, d.task_token_id, t.token_sealed,
              s.id AS subscription_id, s.url, s.secret_sealed, s.deleted_at, c.disabled_at
         FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id JOIN system_client c ON c.client_id = s.client_id
              LEFT JOIN task_token t ON t.id = d.task_token_id
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
    const unopened = this.prepare(delivery);
    const { statusCode, error } = unopened ? { statusCode: undefined, error: unopened } : await this.post(delivery);
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
      `UPDATE webhook_delivery SET attempts = $2, last_status_code = $3, last_error = $4, next_attempt_at = $5, updated_at = now()
        WHERE id = $1`,
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

  /**
   * Opens the signing secret and fills the task token into the body, in memory for this attempt.
   * Returns why it could not (a failed attempt: a key missing from SECRETS_KEY may be added back).
   */
  private prepare(delivery: DeliveryRow): string | undefined {
    if (!delivery.secret_sealed) return 'no signing secret is kept for the subscription';
    try {
      delivery.secret = this.box.open(delivery.secret_sealed, sealContext.webhookSecret(delivery.subscription_id));
      if (delivery.task_token_id) {
        if (!delivery.token_sealed) return 'the task token is no longer kept';
        const token = this.box.open(delivery.token_sealed, sealContext.taskToken(delivery.task_token_id));
        delivery.body = withTaskToken(delivery.body, token, this.links);
      }
      return undefined;
    } catch (e) {
      if (!(e instanceof SecretBoxError)) throw e;
      this.logger.error({ deliveryId: delivery.id }, `webhook delivery cannot be prepared: ${e.message}`);
      return 'a stored secret cannot be opened with SECRETS_KEY';
    }
  }

  /** Final outcome. The sealed task token is kept only while a delivery may still send it: the last of its deliveries to end deletes it. */
  private async finish(
    delivery: DeliveryRow,
    status: 'delivered' | 'failed' | 'cancelled',
    r: { attempts: number; statusCode?: number; error?: string },
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE webhook_delivery SET status = $2, attempts = $3, last_status_code = $4, last_error = $5, next_attempt_at = NULL,
                delivered_at = CASE WHEN $2 = 'delivered' THEN now() END, updated_at = now()
          WHERE id = $1 AND status = 'pending'`,
        [delivery.id, status, r.attempts, r.statusCode ?? null, r.error ?? null],
      );
      if (delivery.task_token_id) await forgetSealedToken(tx, [delivery.task_token_id]);
    });
  }
}
