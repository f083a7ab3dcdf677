import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forgetSealedToken } from './delivery-task-token';

/** One delivery as the webhook worker sends it: the stored body, its subscription and what it needs to sign and fill in. */
export interface DeliveryToSend {
  id: string;
  event: string;
  /** As stored; the worker fills the task token in, in memory, for the attempt. */
  body: string;
  status: string;
  attempts: number;
  url: string;
  subscription_id: string;
  secret_sealed: string | null;
  task_token_id: string | null;
  token_sealed: string | null;
  deleted_at: Date | null;
  disabled_at: Date | null;
}

export interface AttemptOutcome {
  attempts: number;
  statusCode?: number;
  error?: string;
}

/**
 * The `webhook_delivery` rows as the webhook worker reads and writes them. The row counts the
 * attempts (what the solution's operators see); its final status is written once, and the sealed
 * task token goes with the last delivery that could still send it.
 */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async toSend(deliveryId: string): Promise<DeliveryToSend | undefined> {
    const rows: DeliveryToSend[] = await this.dataSource.query(
      `SELECT d.id, d.event, d.body, d.status, d.attempts, d.task_token_id, t.token_sealed,
              s.id AS subscription_id, s.url, s.secret_sealed, s.deleted_at, c.disabled_at
         FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id JOIN system_client c ON c.client_id = s.client_id
              LEFT JOIN task_token t ON t.id = d.task_token_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    return rows[0];
  }

  /** A failed attempt that will be tried again at `nextAttemptAt`. */
  async failedAttempt(deliveryId: string, outcome: AttemptOutcome, nextAttemptAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery SET attempts = $2, last_status_code = $3, last_error = $4, next_attempt_at = $5, updated_at = now()
        WHERE id = $1`,
      [deliveryId, outcome.attempts, outcome.statusCode ?? null, outcome.error ?? null, nextAttemptAt],
    );
  }

  /** The final outcome of a pending delivery; the sealed task token it carried is forgotten with it. */
  async finish(
    delivery: Pick<DeliveryToSend, 'id' | 'task_token_id'>,
    status: 'delivered' | 'failed' | 'cancelled',
    outcome: AttemptOutcome,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE webhook_delivery SET status = $2, attempts = $3, last_status_code = $4, last_error = $5, next_attempt_at = NULL,
                delivered_at = CASE WHEN $2 = 'delivered' THEN now() END, updated_at = now()
          WHERE id = $1 AND status = 'pending'`,
        [delivery.id, status, outcome.attempts, outcome.statusCode ?? null, outcome.error ?? null],
      );
      if (delivery.task_token_id) await forgetSealedToken(tx, [delivery.task_token_id]);
    });
  }
}
