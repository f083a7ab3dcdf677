import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention: when a finished journey's personal data was pseudonymised, and when a citizen's CPR
 * number was replaced by a random token (the row stays: history, notes and the access log refer to it).
 */
export class AddRetentionColumns1795700300000 implements MigrationInterface {
  name = 'AddRetentionColumns1795700300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journey ADD COLUMN redacted_at timestamptz`);
    await q.query(`ALTER TABLE citizen ADD COLUMN pseudonymised_at timestamptz`);
    // The nightly job looks only at finished journeys not yet redacted, oldest first.
    await q.query(`
      CREATE INDEX journey_retention ON journey ((COALESCE(completed_at, updated_at)))
       WHERE status IN ('completed','dismissed') AND redacted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX journey_retention`);
    await q.query(`ALTER TABLE citizen DROP COLUMN pseudonymised_at`);
    await q.query(`ALTER TABLE journey DROP COLUMN redacted_at`);
  }
}
