import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../platform/errors/domain-error';
import { forgetSealedToken } from './delivery-task-token';
import type { SystemCaller } from './system-caller';
import type { WebhookEvent } from './webhook-fanout';

export interface WebhookSubscriptionView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: string;
}

export interface WebhookDeliveryView {
  id: string;
  event: string;
  journeyId: string | null;
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  lastStatusCode: number | null;
  /** A failure class (`DeliveryFailure`), never the socket's error text. */
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

type DeliveryRow = Pick<WebhookDeliveryView, 'id' | 'event' | 'status' | 'attempts'> & {
  journey_id: string | null;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A client sees and removes only its own subscriptions; another client's look missing. */
@Injectable()
export class WebhookQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(caller: SystemCaller): Promise<WebhookSubscriptionView[]> {
    const rows: { id: string; url: string; events: WebhookEvent[]; created_at: Date }[] = await this.dataSource.query(
      'SELECT id, url, events, created_at FROM webhook_subscription WHERE client_id = $1 AND deleted_at IS NULL ORDER BY created_at',
      [caller.clientId],
    );
    return rows.map((r) => ({ id: r.id, url: r.url, events: r.events, createdAt: iso(r.created_at)! }));
  }

  /**
   * Deliveries already queued are cancelled (and task tokens only they would have carried forgotten); the log stays for
   * the operators.
   */
  async remove(caller: SystemCaller, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [rows]: [unknown[], number] = await tx.query(
        'UPDATE webhook_subscription SET deleted_at = now() WHERE id = $1 AND client_id = $2 AND deleted_at IS NULL RETURNING id',
        [id, caller.clientId],
      );
      if (!rows.length) throw new DomainError('NOT_FOUND', 'Webhook subscription not found');
      const [cancelled]: [{ task_token_id: string | null }[], number] = await tx.query(
        `UPDATE webhook_delivery SET status = 'cancelled', next_attempt_at = NULL, updated_at = now()
          WHERE subscription_id = $1 AND status = 'pending' RETURNING task_token_id`,
        [id],
      );
      const tokens = cancelled.map((d) => d.task_token_id).filter((t): t is string => !!t);
      if (tokens.length) await forgetSealedToken(tx, tokens);
    });
  }

  /** The delivery log, newest first: status, attempts, last answer. Bodies are not shown (a body may carry a task token). */
  async deliveries(caller: SystemCaller, subscriptionId: string, limit: number): Promise<WebhookDeliveryView[]> {
    const owned: unknown[] = await this.dataSource.query('SELECT 1 FROM webhook_subscription WHERE id = $1 AND client_id = $2', [
      subscriptionId,
      caller.clientId,
    ]);
    if (!owned.length) throw new DomainError('NOT_FOUND', 'Webhook subscription not found');
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT id, event, journey_id, status, attempts, last_status_code, last_error, next_attempt_at, delivered_at, created_at
         FROM webhook_delivery WHERE subscription_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [subscriptionId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      event: r.event,
      journeyId: r.journey_id,
      status: r.status,
      attempts: r.attempts,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      nextAttemptAt: iso(r.next_attempt_at),
      deliveredAt: iso(r.delivered_at),
      createdAt: iso(r.created_at)!,
    }));
  }
}
