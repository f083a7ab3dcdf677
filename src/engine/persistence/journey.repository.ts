import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../actor';
import type { JourneyStatus } from './journey.entity';

/** Anything that runs SQL: the DataSource, or the EntityManager of a transaction. */
export type Sql = Pick<EntityManager, 'query'>;

export interface JourneyRow {
  id: string;
  citizen_id: string;
  parent_journey_id: string | null;
  linked_step: string | null;
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

export interface HistoryRow {
  journey_id: string;
  seq: number;
  event_type: string;
  event_data: Record<string, unknown>;
  actor: Actor;
  state: string;
  created_at: Date;
}

export interface JourneyWrite {
  status: JourneyStatus;
  state: string;
  snapshot: Record<string, unknown>;
  nextDeadline: string | null;
  hasFailedStep: boolean;
  systems: string[];
}

/** Raw SQL on the hot path: one round trip per statement, no entity hydration. */
@Injectable()
export class JourneyRepository {
  constructor(readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  async lock(tx: Sql, id: string): Promise<JourneyRow | undefined> {
    const rows: JourneyRow[] = await tx.query('SELECT * FROM journey WHERE id = $1 FOR UPDATE', [id]);
    return rows[0];
  }

  async find(sql: Sql, id: string): Promise<JourneyRow | undefined> {
    const rows: JourneyRow[] = await sql.query('SELECT * FROM journey WHERE id = $1', [id]);
    return rows[0];
  }

  async findActive(tx: Sql, citizenId: string, type: string): Promise<JourneyRow | undefined> {
    const rows: JourneyRow[] = await tx.query(`SELECT * FROM journey WHERE citizen_id = $1 AND type = $2 AND status = 'active'`, [citizenId, type]);
    return rows[0];
  }

  async listForCitizen(sql: Sql, citizenId: string): Promise<JourneyRow[]> {
    return sql.query('SELECT * FROM journey WHERE citizen_id = $1 ORDER BY created_at DESC LIMIT 200', [citizenId]);
  }

  async children(sql: Sql, parentId: string): Promise<Pick<JourneyRow, 'id' | 'type' | 'status' | 'linked_step'>[]> {
    return sql.query('SELECT id, type, status, linked_step FROM journey WHERE parent_journey_id = $1 ORDER BY created_at', [parentId]);
  }

  async insert(
    tx: Sql,
    j: JourneyWrite & { id: string; citizenId: string; type: string; definitionVersion: number; parentJourneyId?: string; linkedStep?: string; startedBy?: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO journey (id, citizen_id, parent_journey_id, linked_step, type, definition_version, status, state, snapshot,
                            version, next_deadline, has_failed_step, systems, completed_at, started_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,1,$10,$11,$12, CASE WHEN $7 = 'completed' THEN now() END, $13)`,
      [j.id, j.citizenId, j.parentJourneyId ?? null, j.linkedStep ?? null, j.type, j.definitionVersion, j.status, j.state, j.snapshot,
        j.nextDeadline, j.hasFailedStep, j.systems, j.startedBy ?? null],
    );
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
    return affected === 1;
  }

  async markBroken(sql: Sql, id: string, reason: string): Promise<void> {
    await sql.query(`UPDATE journey SET status = 'broken', broken_reason = $2, updated_at = now() WHERE id = $1`, [id, reason.slice(0, 500)]);
  }

  async setStatus(tx: Sql, id: string, status: JourneyStatus): Promise<void> {
    await tx.query(`UPDATE journey SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, status]);
  }

  async appendHistory(tx: Sql, h: { journeyId: string; seq: number; eventType: string; eventData: Record<string, unknown>; actor: Actor; state: string }): Promise<void> {
    await tx.query(
      `INSERT INTO journey_history (journey_id, seq, event_type, event_data, actor, state) VALUES ($1,$2,$3,$4,$5,$6)`,
      [h.journeyId, h.seq, h.eventType, h.eventData, h.actor, h.state],
    );
  }

  async history(sql: Sql, journeyId: string): Promise<HistoryRow[]> {
    return sql.query('SELECT * FROM journey_history WHERE journey_id = $1 ORDER BY seq', [journeyId]);
  }

  async historyEntry(sql: Sql, journeyId: string, seq: number): Promise<HistoryRow | undefined> {
    const rows: HistoryRow[] = await sql.query('SELECT * FROM journey_history WHERE journey_id = $1 AND seq = $2', [journeyId, seq]);
    return rows[0];
  }

  async findIdempotent(tx: Sql, journeyId: string, key: string): Promise<number | undefined> {
    const rows: { seq: number }[] = await tx.query('SELECT seq FROM journey_idempotency WHERE journey_id = $1 AND key = $2', [journeyId, key]);
    return rows[0]?.seq;
  }

  async rememberIdempotent(tx: Sql, journeyId: string, key: string, seq: number): Promise<void> {
    await tx.query('INSERT INTO journey_idempotency (journey_id, key, seq) VALUES ($1,$2,$3)', [journeyId, key, seq]);
  }
}
