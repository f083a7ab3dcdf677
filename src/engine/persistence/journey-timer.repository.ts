import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Sql } from './journey.repository';

/** A due timer a worker has claimed: this generation is its to fire until the lease runs out. */
export interface ClaimedTimer {
  journeyId: string;
  key: string;
  generation: number;
  dueAt: Date;
  attempts: number;
}

/**
 * The `journey_timer` rows, which are the timers themselves: the transition that schedules or
 * cancels a timer writes its row in its own transaction (CommandWriter, JourneyRepository.advance),
 * and workers claim the rows that are due. A claim is a lease (`claimed_until`), not a state: the
 * row stays `scheduled` until the timer event's transaction marks it fired, so a worker that dies
 * holding a claim leaves a row that another claims once the lease has run out.
 */
@Injectable()
export class JourneyTimerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` due timers, soonest first, for `leaseMs`. Rows another worker is claiming
   * right now are skipped, not waited for, so any number of workers can poll.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedTimer[]> {
    const [rows]: [{ journey_id: string; key: string; generation: number; due_at: Date; attempts: number }[], number] =
      await this.dataSource.query(
        `UPDATE journey_timer t SET claimed_until = now() + ($2 || ' milliseconds')::interval
          WHERE (t.journey_id, t.key) IN (
                  SELECT journey_id, key FROM journey_timer
                   WHERE status = 'scheduled' AND due_at <= now() AND (claimed_until IS NULL OR claimed_until <= now())
                   ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING t.journey_id, t.key, t.generation, t.due_at, t.attempts`,
        [limit, String(leaseMs)],
      );
    return rows
      .map((r) => ({ journeyId: r.journey_id, key: r.key, generation: r.generation, dueAt: new Date(r.due_at), attempts: r.attempts }))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  /**
   * Milliseconds (by the database's clock) until the next unclaimed timer is due, or undefined when
   * none is scheduled. Reads the first entries of the due-time index only.
   */
  async msUntilNextDue(): Promise<number | undefined> {
    const [row]: { ms: number | null }[] = await this.dataSource.query(
      `SELECT EXTRACT(EPOCH FROM (SELECT due_at FROM journey_timer WHERE status = 'scheduled' AND claimed_until IS NULL
                                   ORDER BY due_at LIMIT 1) - now()) * 1000 AS ms`,
    );
    return row?.ms === null || row?.ms === undefined ? undefined : Number(row.ms);
  }

  /**
   * Marks this generation fired, unless it was cancelled or rescheduled (a newer generation) in the
   * meantime. Run on the timer event's transaction, it makes firing and the event one: the row
   * lock it takes waits for a transition that is cancelling the timer. Returns whether it did.
   */
  async markFired(sql: Sql, t: Pick<ClaimedTimer, 'journeyId' | 'key' | 'generation'>): Promise<boolean> {
    const [, affected]: [unknown[], number] = await sql.query(
      `UPDATE journey_timer SET status = 'fired', claimed_until = NULL, updated_at = now()
        WHERE journey_id = $1 AND key = $2 AND generation = $3 AND status = 'scheduled'`,
      [t.journeyId, t.key, t.generation],
    );
    return affected === 1;
  }

  /** A delivery failed: the claim ends, and the timer waits `retryInMs` before a worker claims it again. */
  async release(t: ClaimedTimer, retryInMs: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE journey_timer SET claimed_until = now() + ($4 || ' milliseconds')::interval, attempts = attempts + 1, last_error = $5
        WHERE journey_id = $1 AND key = $2 AND generation = $3 AND status = 'scheduled'`,
      [t.journeyId, t.key, t.generation, String(Math.round(retryInMs)), error.slice(0, 300)],
    );
  }
}
