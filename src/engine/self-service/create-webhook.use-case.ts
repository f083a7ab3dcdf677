import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../platform/config/app.config';
import { SecretBox, sealContext } from '../../platform/crypto/secret-box';
import { DomainError } from '../../platform/errors/domain-error';
import { newSecret } from './secrets';
import type { SystemCaller } from './system-caller';
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhook-fanout';
import type { WebhookSubscriptionView } from './webhook.queries';
import { checkTarget } from './webhook-target';

const MAX_SUBSCRIPTIONS_PER_CLIENT = 20;

/**
 * A solution subscribes to step events of its own authority's steps. Targets are https on public
 * addresses (see webhook-target.ts); loopback, and plain http to it, only in AUTH_MODE=dev. The
 * signing secret is returned once.
 */
@Injectable()
export class CreateWebhookUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly box: SecretBox,
  ) {}

  async execute(caller: SystemCaller, input: { url: string; events: string[] }): Promise<WebhookSubscriptionView & { secret: string }> {
    const url = checkTarget(input.url, this.config.selfService.allowLocalHttpTargets);
    const events = [...new Set(input.events)];
    const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (unknown.length || events.length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'Unknown webhook event', {
        fields: [{ field: 'events', reason: `must be some of ${WEBHOOK_EVENTS.join(', ')}` }],
      });
    }
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      'SELECT count(*)::int AS count FROM webhook_subscription WHERE client_id = $1 AND deleted_at IS NULL',
      [caller.clientId],
    );
    if (count >= MAX_SUBSCRIPTIONS_PER_CLIENT) {
      throw new DomainError('VALIDATION_FAILED', `A client has at most ${MAX_SUBSCRIPTIONS_PER_CLIENT} subscriptions; delete one first`);
    }
    const secret = newSecret('whsec_');
    // Deliveries must sign with it (HMAC), so it is kept sealed rather than hashed; the row id binds the sealed value to its row.
    const id = randomUUID();
    const [row]: { id: string; created_at: Date }[] = await this.dataSource.query(
      `INSERT INTO webhook_subscription (id, client_id, authority, url, events, secret_sealed)
        VALUES ($1,$2,$3,$4,$5,$6) RETURNING id, created_at`,
      [id, caller.clientId, caller.authority, url, events, this.box.seal(secret, sealContext.webhookSecret(id))],
    );
    return { id: row.id, url, events: events as WebhookEvent[], createdAt: new Date(row.created_at).toISOString(), secret };
  }
}
