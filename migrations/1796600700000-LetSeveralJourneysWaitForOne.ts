import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A journey another journey already waits for can be waited for by more: a citizen whose `moving`
 * journey is linked to one journey's step, and who starts a second journey with a step that links
 * `moving` too, gets both told when the move is done. The first is the journey's parent
 * (`parent_journey_id`, `linked_step`); the others are `waiting_journeys`, `[{journeyId, step}]`, on
 * the same row, so the write that ends the journey reads them under the row lock a new waiter takes.
 * A waiting journey's page finds the journeys it waits for this way through `journey_waiting`.
 */
export class LetSeveralJourneysWaitForOne1796600700000 implements MigrationInterface {
  name = 'LetSeveralJourneysWaitForOne1796600700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journey ADD COLUMN waiting_journeys jsonb`);
    await q.query(`CREATE INDEX journey_waiting ON journey USING gin (waiting_journeys jsonb_path_ops) WHERE waiting_journeys IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX journey_waiting`);
    await q.query(`ALTER TABLE journey DROP COLUMN waiting_journeys`);
  }
}
