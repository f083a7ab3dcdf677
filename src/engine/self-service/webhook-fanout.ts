import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OutboxPayload } from '../../platform/queue/outbox';
import type { Sql } from '../persistence/journey.repository';

/** `correction.requested`: a citizen asks the authority to correct a register fact (Mit overblik). */
export const WEBHOOK_EVENTS = ['step.awaiting', 'step.completed', 'step.failed', 'correction.requested'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Turns a step event into one `webhook_delivery` row per live subscription of the step's system,
 * on the caller's transaction, and returns the outbox payloads that queue them: a delivery exists
 * exactly when the transition that caused it was committed.
 */
@Injectable()
export class WebhookFanout {
  /**
   * `known`: the subscriptions, when the caller has read them already. `taskTokenId`: the task token
   * the processor puts into `data.task` when it sends (the stored body never holds it).
   */
  async queue(
    tx: Sql,
    journeyId: string,
    system: string,
    event: WebhookEvent,
    data: Record<string, unknown>,
    known?: { id: string }[],
    taskTokenId?: string,
  ): Promise<OutboxPayload[]> {
    const subscriptions: { id: string }[] =
      known ??
      (await tx.query(
        `SELECT s.id FROM webhook_subscription s JOIN system_client c ON c.client_id = s.client_id
        WHERE s.authority = $1 AND s.deleted_at IS NULL AND c.disabled_at IS NULL AND $2 = ANY (s.events)`,
        [system, event],
      ));
    const createdAt = new Date().toISOString();
    const payloads: OutboxPayload[] = [];
    for (const subscription of subscriptions) {
      const id = randomUUID();
      // The body is fixed here so that every attempt sends (and signs) the same bytes.
      const body = JSON.stringify({ id, type: event, createdAt, data });
      await tx.query(
        `INSERT INTO webhook_delivery (id, subscription_id, journey_id, event, body, status, task_token_id)
          VALUES ($1,$2,$3,$4,$5,'pending',$6)`,
        [id, subscription.id, journeyId, event, body, taskTokenId ?? null],
      );
      payloads.push({ op: 'add', queue: 'webhooks', name: 'webhook.deliver', data: { deliveryId: id, journeyId } });
    }
    return payloads;
  }
}
