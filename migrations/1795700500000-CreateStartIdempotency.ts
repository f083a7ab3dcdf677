import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A citizen's retried start (an answer lost on the way) must not start a second journey. */
export class CreateStartIdempotency1795700500000 implements MigrationInterface {
  name = 'CreateStartIdempotency1795700500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE start_idempotency (
        citizen_id  uuid NOT NULL REFERENCES citizen(id),
        key         text NOT NULL,
        journey_id  uuid REFERENCES journey(id) ON DELETE CASCADE,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (citizen_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE start_idempotency`);
  }
}
