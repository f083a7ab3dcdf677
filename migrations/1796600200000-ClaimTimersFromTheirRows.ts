import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timers fire from their `journey_timer` rows: a worker claims the rows that are due (`FOR UPDATE
 * SKIP LOCKED`) for a lease (`claimed_until`), and the timer event's own transaction marks the row
 * fired. A timer no longer has a delayed job, so `job_id` goes, and with it the outbox rows that
 * queued or removed such jobs (the rows themselves still say which timers are due).
 */
export class ClaimTimersFromTheirRows1796600200000 implements MigrationInterface {
  name = 'ClaimTimersFromTheirRows1796600200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE journey_timer
        ADD COLUMN claimed_until timestamptz,
        ADD COLUMN attempts      int NOT NULL DEFAULT 0,
        ADD COLUMN last_error    text,
        DROP COLUMN job_id`);
    await q.query(`DELETE FROM outbox WHERE payload->>'queue' = 'timers'`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Timers scheduled meanwhile get no delayed job back: they wait until something reschedules them.
    await q.query(`
      ALTER TABLE journey_timer
        ADD COLUMN job_id uuid,
        DROP COLUMN claimed_until,
        DROP COLUMN attempts,
        DROP COLUMN last_error`);
  }
}
