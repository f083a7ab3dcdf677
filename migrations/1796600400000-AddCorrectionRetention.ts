import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Er det forkert?" requests follow the journey retention: when their text was redacted, and which
 * proxy made a request for the citizen (a power of attorney that lets them act), so the citizen
 * sees who asked on their behalf. Retention looks only at answered requests not yet redacted.
 */
export class AddCorrectionRetention1796600400000 implements MigrationInterface {
  name = 'AddCorrectionRetention1796600400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE correction_request ADD COLUMN redacted_at timestamptz`);
    await q.query(`ALTER TABLE correction_request ADD COLUMN requested_by_citizen_id uuid REFERENCES citizen (id) ON DELETE SET NULL`);
    await q.query(
      `CREATE INDEX correction_request_retention ON correction_request (answered_at) WHERE redacted_at IS NULL AND status <> 'awaiting'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX correction_request_retention`);
    await q.query(`ALTER TABLE correction_request DROP COLUMN requested_by_citizen_id`);
    await q.query(`ALTER TABLE correction_request DROP COLUMN redacted_at`);
  }
}
