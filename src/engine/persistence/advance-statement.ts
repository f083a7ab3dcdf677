import type { EntityManager } from 'typeorm';
import type { Actor } from '../actor';
import { commandParams, commandsSql, NO_COMMANDS, tellParentSql, type FoldedCommands } from './command-fold';
import { StatementParams } from './statement-params';
import { endsTimers, scheduleTimersSql, timerColumns, type ScheduledTimer } from './timer-fold';

/*
 * The statement a journey's event is written with (JourneyRepository.advance, which re-exports the
 * types here), and the reads of a journey's live task tokens and linked journeys that it shares
 * with the repository's reads.
 */

/** A journey's lifecycle status (the `journey.status` column). */
export type JourneyStatus = 'active' | 'completed' | 'dismissed' | 'broken';

/** Anything that runs SQL: the DataSource, or the EntityManager of a transaction. */
export type Sql = Pick<EntityManager, 'query'>;

export interface JourneyWrite {
  status: JourneyStatus;
  state: string;
  snapshot: Record<string, unknown>;
  nextDeadline: string | null;
  hasFailedStep: boolean;
  systems: string[];
}

export interface Advance {
  id: string;
  expectedVersion: number;
  write: JourneyWrite;
  eventType: string;
  eventData: Record<string, unknown>;
  actor: Actor;
  idempotencyKey?: string;
  /** Steps that stopped waiting in this transition: their task tokens close. */
  settledSteps: string[];
  /**
   * Whether the journey had a live task token when it was read (`LockedJourney.has_live_tokens`);
   * without one, the write does not look at task tokens. A token is only ever made live by a
   * transition of its own journey, in the transaction that writes the journey's row: after an
   * unlocked read, the write's version check vouches that none appeared since; after `lock`, the
   * lock does (it reads them again when it waited for such a transaction). Defaults to true.
   */
  liveTokens?: boolean;
  /** Timer keys the transition cancelled (and did not schedule again). */
  cancelledTimers: string[];
  /** Timers the transition scheduled (`foldTimers`). */
  scheduledTimers: ScheduledTimer[];
  /** An integration task whose result this event applies: marked completed with it. */
  completesTask?: string;
  /** Whether the row comes back with its linked journeys (`children`); without, it has no `children` at all. Defaults to true. */
  withChildren?: boolean;
  /** The tasks and letters the transition asked for that the write carries (`CommandWriter.fold`). */
  commands?: FoldedCommands;
  /**
   * For a write prepared on a row this process remembered rather than read (`JourneyRowCache`): the
   * webhook subscriptions it was prepared with. The write goes ahead only while they are still the
   * live ones for the journey's authorities, and only on an active journey, so it writes nothing in
   * any case where a read would have prepared it differently.
   */
  knownSubscriptions?: SubscriptionRef[];
  /** Whether the row comes back with the live subscriptions of its authorities as written (`subscriptions`), to be remembered. */
  withSubscriptions?: boolean;
}

/** A live webhook subscription: which events of which authority's steps it wants. */
export interface SubscriptionRef {
  id: string;
  authority: string;
  events: string[];
}

/**
 * The live webhook subscriptions of the authorities in `systems` (an SQL array), as a JSON array of
 * `SubscriptionRef` in the order of their ids, so two reads of the same subscriptions compare equal.
 */
export function subscriptionsSql(systems: string): string {
  return `COALESCE((SELECT json_agg(json_build_object('id', s.id, 'authority', s.authority, 'events', s.events) ORDER BY s.id)
                      FROM webhook_subscription s JOIN system_client c ON c.client_id = s.client_id
                     WHERE s.authority = ANY (${systems}) AND s.deleted_at IS NULL AND c.disabled_at IS NULL), '[]')`;
}

/** Whether the task token `t` names is still in play: awaiting, or failed and not resolved. */
const liveToken = (t: string) => `(${t}.status = 'awaiting' OR (${t}.status = 'failed' AND ${t}.resolved_at IS NULL))`;

/** Whether journey `$1` holds a live task token. */
export const LIVE_TOKENS_SQL = `EXISTS (SELECT 1 FROM task_token t WHERE t.journey_id = $1 AND ${liveToken('t')})`;

/**
 * The journeys `row` (a table or CTE with an `id`) waits for, oldest first, as a JSON array of
 * `JourneyChild`: those it is the parent of, and those it waits for beside their parent
 * (`waiting_journeys`), each with the step of `row` that waits.
 */
export function childrenSql(row: string): string {
  return `COALESCE((SELECT json_agg(json_build_object('id', c.id, 'type', c.type, 'status', c.status, 'linked_step', c.step)
                                     ORDER BY c.created_at)
                      FROM (SELECT c.id, c.type, c.status, c.linked_step AS step, c.created_at
                              FROM journey c WHERE c.parent_journey_id = ${row}.id
                            UNION ALL
                            SELECT c.id, c.type, c.status, w->>'step', c.created_at
                              FROM journey c CROSS JOIN jsonb_array_elements(c.waiting_journeys) AS w
                             WHERE c.waiting_journeys @> jsonb_build_array(jsonb_build_object('journeyId', ${row}.id::text))
                               AND w->>'journeyId' = ${row}.id::text) c), '[]')`;
}

/**
 * The statement of `JourneyRepository.advance` and its parameters: only the parts `a` has something
 * for, each taking its parameter numbers as it is added. Marks the transaction as one that writes
 * outbox rows when the statement may.
 */
export function advanceStatement(tx: Sql, a: Advance): { text: string; values: unknown[] } {
  const params = new StatementParams();
  params.add(
    a.id,
    a.expectedVersion,
    a.write.status,
    a.write.state,
    a.write.snapshot,
    a.write.nextDeadline,
    a.write.hasFailedStep,
    a.write.systems,
    a.eventType,
    a.eventData,
    a.actor,
  );
  const liveTokens = a.liveTokens ?? true;
  const settled = liveTokens ? params.add(a.settledSteps) : undefined;
  // A failure a solution reported on a step still waiting keeps the flag set (`JourneyRepository.advance`).
  const failedToken =
    settled === undefined
      ? ''
      : ` OR EXISTS (SELECT 1 FROM task_token t WHERE t.journey_id = $1 AND t.status = 'failed'
                                                  AND t.resolved_at IS NULL AND NOT (t.step = ANY ($${settled}::text[])))`;
  // A row remembered rather than read is written only while its authorities' subscriptions are the remembered ones.
  const known =
    a.knownSubscriptions === undefined
      ? ''
      : ` AND ${subscriptionsSql('journey.systems')}::jsonb = $${params.add(JSON.stringify(a.knownSubscriptions))}::jsonb`;
  // Every event is prepared on an active journey; one marked broken since (which keeps its version) is not written.
  const parts = [
    `j AS (
         UPDATE journey SET status = $3, state = $4, snapshot = $5, version = version + 1, next_deadline = $6,
                has_failed_step = $7${failedToken},
                systems = $8, updated_at = now(),
                completed_at = CASE WHEN $3 = 'completed' THEN now() ELSE completed_at END
          WHERE id = $1 AND version = $2 AND status = 'active'${known} RETURNING *)`,
    `h AS (INSERT INTO journey_history (journey_id, seq, event_type, event_data, actor, state)
             SELECT id, version, $9, $10, $11, state FROM j)`,
  ];
  if (a.idempotencyKey != null)
    parts.push(`k AS (INSERT INTO journey_idempotency (journey_id, key, seq) SELECT id, $${params.add(a.idempotencyKey)}, version FROM j)`);
  if (settled !== undefined && a.settledSteps.length)
    parts.push(`t AS (UPDATE task_token SET status = CASE WHEN status = 'awaiting' THEN 'closed' ELSE status END, resolved_at = now()
              WHERE journey_id = $1 AND step = ANY ($${settled}::text[]) AND EXISTS (SELECT 1 FROM j) AND ${liveToken('task_token')})`);
  // A journey that ends and schedules nothing cancels every timer it still has.
  const cancels = endsTimers(a) ? '' : a.cancelledTimers.length ? ` AND key = ANY ($${params.add(a.cancelledTimers)}::text[])` : undefined;
  if (cancels !== undefined)
    parts.push(`cancelled AS (UPDATE journey_timer SET status = 'cancelled', claimed_until = NULL, updated_at = now()
              WHERE journey_id = $1 AND status = 'scheduled' AND EXISTS (SELECT 1 FROM j)${cancels})`);
  if (a.scheduledTimers.length) parts.push(`scheduled AS (${scheduleTimersSql(params.add(...timerColumns(a.scheduledTimers)))})`);
  if (a.completesTask != null)
    parts.push(`completed AS (UPDATE integration_task SET status = 'completed', last_error = NULL, updated_at = now()
              WHERE id = $${params.add(a.completesTask)} AND EXISTS (SELECT 1 FROM j))`);
  parts.push(...commandsSql(commandParams(tx, params, a.commands ?? NO_COMMANDS)));
  if (a.write.status === 'completed') parts.push(`told AS (${tellParentSql('j')})`);
  return {
    text: `WITH ${parts.join(',\n       ')}
       SELECT j.*${(a.withChildren ?? true) ? `, ${childrenSql('j')} AS children` : ''}${
         a.withSubscriptions ? `, ${subscriptionsSql('j.systems')} AS subscriptions` : ''
       } FROM j`,
    values: params.values,
  };
}
