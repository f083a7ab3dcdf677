import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { withTaskToken } from '../engine/self-service/delivery-task-token';
import { SelfServiceLinks } from '../engine/self-service/self-service-links';
import { WebhookDeliveryRepository, type DeliveryToSend } from '../engine/self-service/webhook-delivery.repository';
import { signatureHeader } from '../engine/self-service/webhook-signature';
import { AppConfig } from '../platform/config/app.config';
import { SecretBox, SecretBoxError, sealContext } from '../platform/crypto/secret-box';
import { JobRegistry } from '../platform/queue/job-registry';
import type { WebhookJobData } from '../platform/queue/queue-names';
import { sendWebhook } from './webhook-sender';

/** The delivery with the signing secret opened by `prepare`, for this attempt only. */
type DeliveryRow = DeliveryToSend & { secret: string };

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
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly config: AppConfig,
    private readonly box: SecretBox,
    private readonly links: SelfServiceLinks,
  ) {
    registry.register('webhook.deliver', (job, token) => this.handle(job as Job<WebhookJobData>, token));
  }

  async handle(job: Job<WebhookJobData>, token?: string): Promise<string> {
    const delivery = (await this.deliveries.toSend(job.data.deliveryId)) as DeliveryRow | undefined;
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
    await this.deliveries.failedAttempt(delivery.id, { attempts, statusCode, error }, nextAttemptAt);
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

  /** Final outcome, once; the sealed task token goes with the last delivery that could still send it. */
  private finish(
    delivery: DeliveryRow,
    status: 'delivered' | 'failed' | 'cancelled',
    r: { attempts: number; statusCode?: number; error?: string },
  ): Promise<void> {
    return this.deliveries.finish(delivery, status, r);
  }
}
