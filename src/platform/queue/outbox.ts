import type { EntityManager, QueryRunner } from 'typeorm';
import type { DeliverEventJobData, IntegrationJobData, NotificationJobData, WebhookJobData } from './queue-names';
import type { RetryPolicy } from './retry-policy';

/**
 * An outbox row's payload: what the relay does with the queue once the transaction that wrote the
 * row has committed. The engine writes them; the relay (src/outbox) reads them.
 */
export interface OutboxPayload {
  op: 'add';
  queue: string;
  name: string;
  data: IntegrationJobData | DeliverEventJobData | NotificationJobData | WebhookJobData;
  dueAt?: string;
  retry?: RetryPolicy;
}

const MARK = 'outboxWritten';

/** The channel whose notification wakes the outbox relays (src/outbox/outbox-signal.ts). */
export const OUTBOX_CHANNEL = 'outbox';

/**
 * Notes that the transaction running `sql` wrote outbox rows, so that its commit wakes the relays.
 * Outside a transaction (a bare DataSource) there is nothing to wait for: the relays' poll finds the row.
 */
export function markOutboxWritten(sql: Pick<EntityManager, 'query'>): void {
  const runner = (sql as Partial<EntityManager>).queryRunner;
  if (runner) runner.data = { ...runner.data, [MARK]: true };
}

/**
 * At the end of a transaction: whether it wrote outbox rows, clearing the mark so a commit wakes the
 * relays once. A released savepoint is not the end: the outer transaction is still active.
 */
export function takeOutboxWritten(runner: QueryRunner | undefined): boolean {
  if (!runner?.data?.[MARK] || runner.isTransactionActive) return false;
  runner.data[MARK] = false;
  return true;
}

/**
 * Deletes the outbox rows of jobs that have run (the row id is the job id): they are no longer needed
 * to recover the job. Best effort: a row a failed delete leaves is deleted by the relay's sweep, which
 * sees its job finished.
 */
export async function forgetOutboxRows(sql: Pick<EntityManager, 'query'>, ids: string[]): Promise<void> {
  if (ids.length) await sql.query('DELETE FROM outbox WHERE id = ANY($1::uuid[])', [ids]).catch(() => undefined);
}
