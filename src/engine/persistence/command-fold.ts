import type { EntityManager } from 'typeorm';
import type { JourneyCommand } from '../../../journeys/shared/contract';
import { markOutboxWritten, type OutboxPayload } from '../../platform/queue/outbox';
import { QUEUES } from '../../platform/queue/queue-names';
import type { StatementParams } from './statement-params';

/*
 * The integration tasks and letters a journey's own write statement carries (CommandWriter.fold
 * decides which), as two JSON parameters and the statement parts that insert them with their
 * outbox rows (JourneyRepository.advance and insertStarted).
 */

/** An integration task a journey write inserts, with the outbox row that queues it unless it waits for a consent. */
export interface FoldedTask {
  id: string;
  step: string;
  task: string;
  system: string;
  input: Record<string, unknown>;
  /** The step's legal basis is the citizen's consent to this task: held while the journey's step has none. */
  asks_consent: boolean;
  outbox_id: string;
  payload: OutboxPayload;
}

/** A notification (in-app row) a journey write inserts, with the outbox row that delivers its letter. */
export interface FoldedLetter {
  id: string;
  template: string;
  step: string | null;
  params: Record<string, unknown>;
  dedup_key: string;
  deliver_after: string;
  outbox_id: string;
  payload: OutboxPayload;
}

/** What a journey write carries of a transition's commands (CommandWriter.fold), and the commands left to write one by one. */
export interface FoldedCommands {
  tasks: FoldedTask[];
  letters: FoldedLetter[];
  rest: JourneyCommand[];
}

export const NO_COMMANDS: FoldedCommands = { tasks: [], letters: [], rest: [] };

/**
 * The statement parts that write the tasks and letters of the journey the CTE `j` wrote, each from
 * one JSON parameter (`$tasks`, `$letters`); a kind the write does not carry has no part, so the
 * statement does not open its tables. A task whose step asks for consent is `held` (no outbox
 * row) while the journey's step has none; a letter already sent for the same key adds nothing.
 */
export function commandsSql(params: { tasks?: number; letters?: number }): string[] {
  const parts: string[] = [];
  const { tasks, letters } = params;
  if (tasks !== undefined)
    parts.push(
      `tasks AS (
         INSERT INTO integration_task (id, journey_id, step, task, system, input, status)
         SELECT t.id, j.id, t.step, t.task, t.system, t.input,
                CASE WHEN t.asks_consent AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.journey_id = j.id AND c.step = t.step
                                                           AND c.withdrawn_at IS NULL) THEN 'held' ELSE 'queued' END
           FROM j CROSS JOIN jsonb_to_recordset($${tasks}::jsonb)
                AS t (id uuid, step text, task text, system text, input jsonb, asks_consent boolean)
         RETURNING id, status)`,
      `queued AS (
         INSERT INTO outbox (id, journey_id, seq, command_type, payload)
         SELECT t.outbox_id, j.id, j.version, 'queue.add', t.payload
           FROM j CROSS JOIN jsonb_to_recordset($${tasks}::jsonb) AS t (id uuid, outbox_id uuid, payload jsonb)
           JOIN tasks w ON w.id = t.id AND w.status = 'queued')`,
    );
  if (letters !== undefined)
    parts.push(
      `letters AS (
         INSERT INTO notification (id, citizen_id, journey_id, template, step, params, dedup_key, deliver_after)
         SELECT n.id, j.citizen_id, j.id, n.template, n.step, n.params, n.dedup_key, n.deliver_after
           FROM j CROSS JOIN jsonb_to_recordset($${letters}::jsonb)
                AS n (id uuid, template text, step text, params jsonb, dedup_key text, deliver_after timestamptz)
         ON CONFLICT (journey_id, dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING
         RETURNING id)`,
      `delivered AS (
         INSERT INTO outbox (id, journey_id, seq, command_type, payload)
         SELECT n.outbox_id, j.id, j.version, 'queue.add', n.payload
           FROM j CROSS JOIN jsonb_to_recordset($${letters}::jsonb) AS n (id uuid, outbox_id uuid, payload jsonb)
           JOIN letters w ON w.id = n.id)`,
    );
  return parts;
}

/**
 * Adds the JSON parameters of `commandsSql` to `params`, for the kinds `folded` carries; marks the
 * transaction as one that writes outbox rows when it may.
 */
export function commandParams(
  sql: Pick<EntityManager, 'query'>,
  params: StatementParams,
  folded: FoldedCommands,
): { tasks?: number; letters?: number } {
  if (folded.tasks.length || folded.letters.length) markOutboxWritten(sql);
  return {
    tasks: folded.tasks.length ? params.add(JSON.stringify(folded.tasks)) : undefined,
    letters: folded.letters.length ? params.add(JSON.stringify(folded.letters)) : undefined,
  };
}

const LINKED_COMPLETED_JOB = 'journey.deliver-event';

/** What tells a parent journey that a journey linked to one of its steps has ended. */
export function linkedCompletedPayload(child: { id: string; type: string }, waiting: WaitingJourney): OutboxPayload {
  return {
    op: 'add',
    queue: QUEUES.journeyEvents,
    name: LINKED_COMPLETED_JOB,
    data: {
      journeyId: waiting.journeyId,
      idempotencyKey: `linked:${child.id}`,
      event: { type: 'journey.linked-completed', step: waiting.step, journeyType: child.type },
    },
  };
}

/** A journey waiting for another journey to end, at one of its steps (`journey.waiting_journeys`). */
export interface WaitingJourney {
  journeyId: string;
  step: string;
}

/** Who waits for `row` to end: its parent at the linked step, then every other journey that linked it. */
export function waitingFor(row: {
  parent_journey_id: string | null;
  linked_step: string | null;
  waiting_journeys?: WaitingJourney[] | null;
}): WaitingJourney[] {
  const parent = row.parent_journey_id && row.linked_step ? [{ journeyId: row.parent_journey_id, step: row.linked_step }] : [];
  return [...parent, ...(row.waiting_journeys ?? [])];
}

/** Whether a journey write that returned `row` may have queued a waiting journey's event (`tellParentSql`). */
export function mayHaveToldParent(row: {
  status: string;
  parent_journey_id: string | null;
  waiting_journeys?: WaitingJourney[] | null;
}): boolean {
  return row.status === 'completed' && (!!row.parent_journey_id || !!row.waiting_journeys?.length);
}

/**
 * The statement part that queues `linkedCompletedPayload` for every journey waiting for the journey
 * the CTE `row` wrote (its parent, and `waiting_journeys`), when that write ended it. It reads them
 * from the written row: a link made after the event's read and before its write is on it, because
 * the link waits for the row.
 */
export function tellParentSql(row: string): string {
  return `INSERT INTO outbox (id, journey_id, seq, command_type, payload)
         SELECT gen_random_uuid(), ${row}.id, ${row}.version, 'queue.add',
                jsonb_build_object('op', 'add', 'queue', '${QUEUES.journeyEvents}', 'name', '${LINKED_COMPLETED_JOB}',
                  'data', jsonb_build_object('journeyId', w.journey_id, 'idempotencyKey', 'linked:' || ${row}.id,
                    'event', jsonb_build_object('type', 'journey.linked-completed', 'step', w.step,
                                                'journeyType', ${row}.type)))
           FROM ${row} CROSS JOIN LATERAL (
                  SELECT ${row}.parent_journey_id::text AS journey_id, ${row}.linked_step AS step
                   WHERE ${row}.parent_journey_id IS NOT NULL AND ${row}.linked_step IS NOT NULL
                  UNION ALL
                  SELECT e->>'journeyId', e->>'step' FROM jsonb_array_elements(COALESCE(${row}.waiting_journeys, '[]')) AS e) AS w
          WHERE ${row}.status = 'completed'`;
}
