import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthoritySystemId } from '../../../journeys/shared/contract';

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

  /** The task with the citizen's CPR number, which only the call to the authority needs. */
  async forRun(id: string): Promise<(IntegrationTaskRow & { cpr: string }) | undefined> {
    const rows: (IntegrationTaskRow & { cpr: string })[] = await this.dataSource.query(
      `SELECT t.*, c.cpr FROM integration_task t JOIN journey j ON j.id = t.journey_id JOIN citizen c ON c.id = j.citizen_id
        WHERE t.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** The task of a journey (a caseworker's retry names both). */
  async ofJourney(id: string, journeyId: string): Promise<IntegrationTaskRow | undefined> {
    const rows: IntegrationTaskRow[] = await this.dataSource.query('SELECT * FROM integration_task WHERE id = $1 AND journey_id = $2', [
      id,
      journeyId,
    ]);
    return rows[0];
  }

  /**
   * Starts an attempt, unless the task is no longer this job's to run: held for want of a consent
   * (withdrawn after the job was queued), cancelled, or of another generation. The row lock orders
   * it against a withdrawal: whichever commits first decides.
   */
  async claimForRun(id: string, generation: number): Promise<boolean> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH claimed AS (UPDATE integration_task SET status = 'running', attempts = attempts + 1, updated_at = now()
                         WHERE id = $1 AND generation = $2 AND status IN ('queued', 'running', 'failed') RETURNING id)
       SELECT id FROM claimed`,
      [id, generation],
    );
    return rows.length > 0;
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

  async markCompleted(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE integration_task SET status = 'completed', last_error = NULL, updated_at = now() WHERE id = $1`, [
      id,
    ]);
  }
}
