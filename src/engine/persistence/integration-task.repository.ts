import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthoritySystemId } from '../../../journeys/shared/contract';
import type { Sql } from './journey.repository';

export interface IntegrationTaskRow {
  id: string;
  journey_id: string;
  step: string;
  task: string;
  system: AuthoritySystemId;
  input: Record<string, unknown>;
  status: 'held' | 'queued' | 'running' | 'completed' | 'failed' | 'dead' | 'cancelled';
  generation: number;
  attempts: number;
}

/** The `integration_task` rows: what a worker runs against an authority, and how far it got. */
@Injectable()
export class IntegrationTaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The task of a journey (a caseworker's retry names both). */
  async ofJourney(id: string, journeyId: string): Promise<IntegrationTaskRow | undefined> {
    const rows: IntegrationTaskRow[] = await this.dataSource.query('SELECT * FROM integration_task WHERE id = $1 AND journey_id = $2', [
      id,
      journeyId,
    ]);
    return rows[0];
  }

  /**
   * Starts an attempt and hands back the task with the citizen's CPR number (which only the call to
   * the authority needs) and the attempts made before this one; nothing when the task is no longer
   * this job's to run: completed, dead, held for want of a consent (withdrawn after the job was
   * queued), cancelled, or of another generation. The row lock orders it against a withdrawal:
   * whichever commits first decides.
   */
  async claimForRun(id: string, generation: number): Promise<(IntegrationTaskRow & { cpr: string }) | undefined> {
    const rows: (IntegrationTaskRow & { cpr: string })[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE integration_task t SET status = 'running', attempts = t.attempts + 1, updated_at = now()
           FROM journey j JOIN citizen c ON c.id = j.citizen_id
          WHERE t.id = $1 AND t.generation = $2 AND t.status IN ('queued', 'running', 'failed') AND j.id = t.journey_id
          RETURNING t.id, t.journey_id, t.step, t.task, t.system, t.input, t.status, t.generation, t.attempts - 1 AS attempts, c.cpr)
       SELECT * FROM claimed`,
      [id, generation],
    );
    return rows[0];
  }

  /** An attempt failed; the error text is the adapter's code and message, never personal data. */
  async markFailed(id: string, lastError: string): Promise<void> {
    await this.dataSource.query(`UPDATE integration_task SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1`, [
      id,
      lastError.slice(0, 300),
    ]);
  }

  /** The last attempt failed: a caseworker may retry it. */
  async markDead(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE integration_task SET status = 'dead', updated_at = now() WHERE id = $1`, [id]);
  }

  /** On `tx` when given: the event that applies the task's result marks it in its own transaction. */
  async markCompleted(id: string, tx: Sql = this.dataSource): Promise<void> {
    await tx.query(`UPDATE integration_task SET status = 'completed', last_error = NULL, updated_at = now() WHERE id = $1`, [id]);
  }
}
