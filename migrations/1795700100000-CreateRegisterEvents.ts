import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Register feed events (births, deaths, birthdays, pension age) that start journeys proactively. */
export class CreateRegisterEvents1795700100000 implements MigrationInterface {
  name = 'CreateRegisterEvents1795700100000';

  async up(q: QueryRunner): Promise<void> {
    // The event id from the register is the primary key: a replayed event starts nothing twice.
    await q.query(`
      CREATE TABLE register_event (
        id           text PRIMARY KEY,
        type         text NOT NULL,
        occurred_on  date NOT NULL,
        outcome      jsonb NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE journey ADD COLUMN started_by text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journey DROP COLUMN started_by`);
    await q.query(`DROP TABLE register_event`);
  }
}
