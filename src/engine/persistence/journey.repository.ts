import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../actor';
import { markJourneyChanged } from '../../platform/database/journey-changes';
import { markOutboxWritten } from '../../platform/queue/outbox';
import {
  advanceStatement,
  childrenSql,
  LIVE_TOKENS_SQL,
  subscriptionsSql,
  type Advance,
  type JourneyStatus,
  type JourneyWrite,
  type Sql,
  type SubscriptionRef,
} from './advance-statement';

export type { Advance, JourneyStatus, JourneyWrite, Sql, SubscriptionRef } from './advance-statement';
import { commandParams, commandsSql, mayHaveToldParent, NO_COMMANDS, type FoldedCommands, type WaitingJourney } from './command-fold';
import { StatementParams } from './statement-params';
import { scheduleTimersSql, timerColumns, type ScheduledTimer } from './timer-fold';

export interface JourneyRow {
  id: string;
  citizen_id: string;
  parent_journey_id: string | null;
  linked_step: string | null;
  /** Journeys besides the parent that wait for this one to end, each at its step. */
  waiting_journeys: WaitingJourney[] | null;
  type: string;
  definition_version: number;
  status: JourneyStatus;
  state: string;
  snapshot: Record<string, unknown>;
  version: number;
  broken_reason: string | null;
  next_deadline: string | null;
  has_failed_step: boolean;
  systems: string[];
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  started_by: string | null;
}

export type LockedJourney = JourneyRow & {
  applied_seq: number | null;
  subscriptions: SubscriptionRef[];
  /** Whether a task token of the journey is awaiting, or failed and not resolved (`Advance.liveTokens`). */
  has_live_tokens: boolean;
};

export type JourneyChild = Pick<JourneyRow, 'id' | 'type' | 'status' | 'linked_step'>;

export interface HistoryRow {
  journey_id: string;
  seq: number;
  event_type: string;
  event_data: Record<string, unknown>;
  actor: Actor;
  state: string;
  created_at: Date;
}

/** Raw SQL on the hot path: one round trip per statement, no entity hydration. */
@Injectable()
export class JourneyRepository {
  constructor(readonly dataSource: DataSource) {}

  /** READ COMMITTED, PostgreSQL's default (naming it would cost a statement per transaction). */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Locks the journey for one event and, in the same round trip, reads what applying it needs: the
   * history entry an idempotency key already applied, and the live webhook subscriptions of the
   * authorities the journey involves.
   */
  async lock(tx: Sql, id: string, idempotencyKey?: string): Promise<LockedJourney | undefined> {
    const row = await this.readForEvent(tx, id, idempotencyKey, true);
    if (!row) return undefined;
    const { read_version, ...journey } = row;
    // A lock that waited for another transaction returns the row as that transaction wrote it, but the
    // statement's other reads keep the snapshot from before (READ COMMITTED): the key it applied, if
    // it was this one, and a task token it made live are not seen. The version the snapshot saw
    // tells; both are then read again.
    if (read_version !== journey.version) {
      const [again]: { applied_seq: number | null; has_live_tokens: boolean }[] = await tx.query(
        `SELECT (SELECT seq FROM journey_idempotency WHERE journey_id = $1 AND key = $2) AS applied_seq,
                ${LIVE_TOKENS_SQL} AS has_live_tokens`,
        [id, idempotencyKey ?? null],
      );
      journey.applied_seq = again.applied_seq;
      journey.has_live_tokens = again.has_live_tokens;
    }
    return journey;
  }

  /**
   * As `lock`, without taking the row lock: for an optimistic attempt, whose write (`advance`)
   * checks the version it read and finds out if another transaction wrote first.
   */
  async read(sql: Sql, id: string, idempotencyKey?: string): Promise<LockedJourney | undefined> {
    return this.readForEvent(sql, id, idempotencyKey, false);
  }

  /** With the lock, also the version the statement's snapshot saw (`read_version`), which `lock` compares. */
  private async readForEvent(
    sql: Sql,
    id: string,
    idempotencyKey: string | undefined,
    lock: boolean,
  ): Promise<(LockedJourney & { read_version?: number }) | undefined> {
    const rows: (LockedJourney & { read_version?: number })[] = await sql.query(
      `SELECT j.*, ${lock ? '(SELECT version FROM journey s WHERE s.id = $1) AS read_version,' : ''}
              (SELECT seq FROM journey_idempotency k WHERE k.journey_id = j.id AND k.key = $2) AS applied_seq,
              ${LIVE_TOKENS_SQL} AS has_live_tokens, ${subscriptionsSql('j.systems')} AS subscriptions
         FROM journey j WHERE j.id = $1 ${lock ? 'FOR UPDATE OF j' : ''}`,
      [id, idempotencyKey ?? null],
    );
    return rows[0];
  }

  async find(sql: Sql, id: string): Promise<JourneyRow | undefined> {
    const rows: JourneyRow[] = await sql.query('SELECT * FROM journey WHERE id = $1', [id]);
    return rows[0];
  }

  async findActive(tx: Sql, citizenId: string, type: string): Promise<JourneyRow | undefined> {
    const rows: JourneyRow[] = await tx.query(`SELECT * FROM journey WHERE citizen_id = $1 AND type = $2 AND status = 'active'`, [
      citizenId,
      type,
    ]);
    return rows[0];
  }

  async listForCitizen(sql: Sql, citizenId: string): Promise<JourneyRow[]> {
    return sql.query('SELECT * FROM journey WHERE citizen_id = $1 ORDER BY created_at DESC LIMIT 200', [citizenId]);
  }

  /** The journey with its linked journeys, in one round trip (the read a page makes). */
  async findWithChildren(sql: Sql, id: string): Promise<(JourneyRow & { children: JourneyChild[] }) | undefined> {
    const rows: (JourneyRow & { children: JourneyChild[] })[] = await sql.query(
      `SELECT j.*, ${childrenSql('j')} AS children FROM journey j WHERE j.id = $1`,
      [id],
    );
    return rows[0];
  }

  async children(sql: Sql, parentId: string): Promise<JourneyChild[]> {
    const [{ children }]: { children: JourneyChild[] }[] = await sql.query(
      `SELECT ${childrenSql('j')} AS children FROM (SELECT $1::uuid AS id) j`,
      [parentId],
    );
    return children;
  }

  /**
   * Writes a new journey with its first history entry, the timers its start scheduled and the
   * integration tasks it requested (with their outbox rows), in one statement, unless the citizen has an
   * active journey of the type already (the unique index decides, so two starts at once cannot both
   * win): then nothing is written and the answer names that journey, when this statement can see it
   * (looked up only then). The row comes with the live webhook subscriptions of its authorities, for
   * the process to remember it (JourneyRowCache).
   */
  async insertStarted(
    tx: Sql,
    j: JourneyWrite & {
      id: string;
      citizenId: string;
      type: string;
      definitionVersion: number;
      parentJourneyId?: string;
      linkedStep?: string;
      startedBy?: string;
    },
    first: { eventType: string; eventData: Record<string, unknown>; actor: Actor },
    timers: ScheduledTimer[] = [],
    commands: FoldedCommands = NO_COMMANDS,
  ): Promise<{ row: JourneyRow; subscriptions: SubscriptionRef[] } | { activeId: string | null }> {
    const params = new StatementParams();
    params.add(
      j.id,
      j.citizenId,
      j.parentJourneyId ?? null,
      j.linkedStep ?? null,
      j.type,
      j.definitionVersion,
      j.status,
      j.state,
      j.snapshot,
      j.nextDeadline,
      j.hasFailedStep,
      j.systems,
      j.startedBy ?? null,
      first.eventType,
      first.eventData,
      first.actor,
    );
    const parts = [
      `j AS (
         INSERT INTO journey (id, citizen_id, parent_journey_id, linked_step, type, definition_version, status, state, snapshot,
                              version, next_deadline, has_failed_step, systems, completed_at, started_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,1,$10,$11,$12, CASE WHEN $7 = 'completed' THEN now() END, $13)
         ON CONFLICT (citizen_id, type) WHERE status = 'active' DO NOTHING
         RETURNING *)`,
      `h AS (
         INSERT INTO journey_history (journey_id, seq, event_type, event_data, actor, state)
         SELECT id, 1, $14, $15, $16, state FROM j)`,
    ];
    if (timers.length) parts.push(`timers AS (${scheduleTimersSql(params.add(...timerColumns(timers)))})`);
    parts.push(...commandsSql(commandParams(tx, params, commands)));
    const rows: (JourneyRow & { active_id: string | null; subscriptions: SubscriptionRef[] })[] = await tx.query(
      `WITH ${parts.join(',\n       ')}
       SELECT j.*, CASE WHEN j.id IS NULL
                        THEN (SELECT id FROM journey WHERE citizen_id = $2 AND type = $5 AND status = 'active') END AS active_id,
              ${subscriptionsSql('j.systems')} AS subscriptions
         FROM (SELECT 1) AS one LEFT JOIN j ON true`,
      params.values,
    );
    const [{ active_id, subscriptions, ...row }] = rows;
    return row.id ? { row, subscriptions } : { activeId: active_id };
  }

  /** Optimistic check on top of the row lock: a stale version means someone else wrote first. */
  async update(tx: Sql, id: string, expectedVersion: number, j: JourneyWrite & { definitionVersion?: number }): Promise<boolean> {
    const [, affected]: [unknown[], number] = await tx.query(
      `UPDATE journey SET status = $3, state = $4, snapshot = $5, version = version + 1, next_deadline = $6,
              has_failed_step = $7, systems = $8, updated_at = now(),
              definition_version = COALESCE($9, definition_version),
              completed_at = CASE WHEN $3 = 'completed' THEN now() ELSE completed_at END
        WHERE id = $1 AND version = $2 RETURNING version`,
      [id, expectedVersion, j.status, j.state, j.snapshot, j.nextDeadline, j.hasFailedStep, j.systems, j.definitionVersion ?? null],
    );
    if (affected === 1) markJourneyChanged(tx, id);
    return affected === 1;
  }

  /**
   * One event applied, in one statement: the journey row (optimistic version check), its history
   * row, the idempotency key, the task tokens of steps that stopped waiting, the timers the
   * transition cancelled and scheduled (every scheduled one, when the journey ends and schedules
   * none: `endsTimers`), the tasks and letters it asked for (`commands`), the
   * integration task whose result it applies, and, when the journey ends, the queued event that tells
   * every journey the written row says waits for it (`tellParentSql`). The row
   * comes back with its linked journeys as they were before this statement, unless the caller has no
   * view to show them in (`withChildren`). A failure a
   * self-service solution reported without a fail event lives outside the machine, so an
   * unresolved one on a step still waiting keeps `has_failed_step` set. A part the event has nothing
   * for (no key, no timers, no tasks) is left out of the statement (`StatementParams`). Returns the
   * row as written, or undefined when the version was stale.
   */
  async advance(tx: Sql, a: Advance): Promise<(JourneyRow & { children?: JourneyChild[]; subscriptions?: SubscriptionRef[] }) | undefined> {
    const { text, values } = advanceStatement(tx, a);
    const rows: (JourneyRow & { children?: JourneyChild[]; subscriptions?: SubscriptionRef[] })[] = await tx.query(text, values);
    if (rows[0]) markJourneyChanged(tx, a.id);
    // A journey that ended may have told its parent (`told`): the relays look.
    if (rows[0] && mayHaveToldParent(rows[0])) markOutboxWritten(tx);
    return rows[0];
  }

  async markBroken(sql: Sql, id: string, reason: string): Promise<void> {
    markJourneyChanged(sql, id);
    await sql.query(`UPDATE journey SET status = 'broken', broken_reason = $2, updated_at = now() WHERE id = $1`, [
      id,
      reason.slice(0, 500),
    ]);
  }

  async setStatus(tx: Sql, id: string, status: JourneyStatus): Promise<void> {
    await tx.query(`UPDATE journey SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, status]);
    markJourneyChanged(tx, id);
  }

  async appendHistory(
    tx: Sql,
    h: { journeyId: string; seq: number; eventType: string; eventData: Record<string, unknown>; actor: Actor; state: string },
  ): Promise<void> {
    await tx.query(`INSERT INTO journey_history (journey_id, seq, event_type, event_data, actor, state) VALUES ($1,$2,$3,$4,$5,$6)`, [
      h.journeyId,
      h.seq,
      h.eventType,
      h.eventData,
      h.actor,
      h.state,
    ]);
  }

  async history(sql: Sql, journeyId: string): Promise<HistoryRow[]> {
    return sql.query('SELECT * FROM journey_history WHERE journey_id = $1 ORDER BY seq', [journeyId]);
  }

  async historyEntry(sql: Sql, journeyId: string, seq: number): Promise<HistoryRow | undefined> {
    const rows: HistoryRow[] = await sql.query('SELECT * FROM journey_history WHERE journey_id = $1 AND seq = $2', [journeyId, seq]);
    return rows[0];
  }
}
