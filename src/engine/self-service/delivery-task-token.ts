import type { Sql } from '../persistence/journey.repository';
import type { SelfServiceLinks } from './self-service-links';

interface DeliveryBody {
  data?: { task?: Record<string, unknown> };
}

/**
 * A `step.awaiting` body as sent: the stored body with the task token and its hook URLs filled in.
 * Parsing keeps the keys' order, so every attempt sends, and signs, the same bytes.
 */
export function withTaskToken(storedBody: string, token: string, links: SelfServiceLinks): string {
  const body = JSON.parse(storedBody) as DeliveryBody;
  if (!body.data?.task) return storedBody;
  body.data.task = { ...body.data.task, token, completeUrl: links.hook(token, 'complete'), failUrl: links.hook(token, 'fail') };
  return JSON.stringify(body);
}

/** A body written before task tokens were kept out of stored bodies: the token it holds, and the body without it. */
export function takeTaskToken(storedBody: string): { token: string; body: string } | undefined {
  let body: DeliveryBody;
  try {
    body = JSON.parse(storedBody) as DeliveryBody;
  } catch {
    return undefined;
  }
  const task = body.data?.task;
  if (!task || typeof task.token !== 'string' || !task.token.startsWith('lft_')) return undefined;
  const token = task.token;
  body.data!.task = { ...task, token: null, completeUrl: null, failUrl: null };
  return { token, body: JSON.stringify(body) };
}

/**
 * Deletes the sealed copy of these task tokens where no pending delivery needs it any more; called
 * on the transaction that ended deliveries. The token rows are locked first, in id order (after the
 * deliveries, as everywhere), so that of two deliveries of a token that end together the second
 * sees the first one's end and neither leaves the copy to the other.
 */
export async function forgetSealedToken(tx: Sql, taskTokenIds: string[]): Promise<void> {
  await tx.query('SELECT 1 FROM task_token WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [taskTokenIds]);
  await tx.query(
    `UPDATE task_token t SET token_sealed = NULL
      WHERE t.id = ANY($1::uuid[]) AND t.token_sealed IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.task_token_id = t.id AND d.status = 'pending')`,
    [taskTokenIds],
  );
}
