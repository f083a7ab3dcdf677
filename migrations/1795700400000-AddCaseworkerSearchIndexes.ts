import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Caseworker search orders by (created_at, id) and filters by type, broken or failed. Without an
 * index per filter in that order, a filter that matches few rows in the authority's scope walks the
 * whole created_at index (seconds at 1,000,000 journeys, npm run bench:seed); with one, about a
 * millisecond.
 */
export class AddCaseworkerSearchIndexes1795700400000 implements MigrationInterface {
  name = 'AddCaseworkerSearchIndexes1795700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX journey_type_created ON journey (type, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX journey_broken_created ON journey (created_at DESC, id DESC) WHERE status = 'broken'`);
    await q.query(`CREATE INDEX journey_failed_created ON journey (created_at DESC, id DESC) WHERE has_failed_step`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX journey_failed_created`);
    await q.query(`DROP INDEX journey_broken_created`);
    await q.query(`DROP INDEX journey_type_created`);
  }
}
