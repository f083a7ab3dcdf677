import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The caseworker search's scope: one row per journey and authority system with a step in it
 * (`journey.systems`), carrying what the search filters and orders on. The journey's `systems` is an
 * array, and no index on the journey can both find "journeys of this system" and walk them in
 * `created_at` order: a search whose authority has no journey of the type (or none at all) would
 * walk the whole `created_at` index, seconds at 1,000,000 journeys (npm run bench:seed).
 *
 * A trigger keeps the rows in step with the journey row, in the same transaction as every write of
 * `systems`, `status`, `has_failed_step`, `type` or `created_at`, whichever code (or SQL) writes it.
 * They change seldom (a status change, a skipped branch, a failure), so an ordinary transition does
 * not touch the scope. The journey's own search indexes are dropped: nothing else reads them, and
 * each is one more entry to write on every journey update.
 */
export class CreateJourneyScope1795700600000 implements MigrationInterface {
  name = 'CreateJourneyScope1795700600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE journey_scope (
        created_at       timestamptz NOT NULL,
        journey_id       uuid NOT NULL REFERENCES journey(id) ON DELETE CASCADE,
        has_failed_step  boolean NOT NULL,
        system           text NOT NULL,
        type             text NOT NULL,
        status           text NOT NULL
      )`);
    // Rewrites every row of the journey (a handful, only when one of the columns changed): simpler
    // than a diff, and the journey's row lock serialises it.
    await q.query(`
      CREATE FUNCTION journey_scope_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM journey_scope WHERE journey_id = OLD.id;
        END IF;
        INSERT INTO journey_scope (created_at, journey_id, has_failed_step, system, type, status)
        SELECT DISTINCT NEW.created_at, NEW.id, NEW.has_failed_step, s, NEW.type, NEW.status FROM unnest(NEW.systems) s;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER journey_scope_inserted AFTER INSERT ON journey FOR EACH ROW EXECUTE FUNCTION journey_scope_sync()`);
    await q.query(`
      CREATE TRIGGER journey_scope_updated AFTER UPDATE OF systems, status, has_failed_step, type, created_at ON journey FOR EACH ROW
      WHEN (OLD.systems IS DISTINCT FROM NEW.systems OR OLD.status IS DISTINCT FROM NEW.status
            OR OLD.has_failed_step IS DISTINCT FROM NEW.has_failed_step OR OLD.type IS DISTINCT FROM NEW.type
            OR OLD.created_at IS DISTINCT FROM NEW.created_at)
      EXECUTE FUNCTION journey_scope_sync()`);
    // The triggers' lock on journey holds writers back until this commits, so nothing slips between.
    await q.query(`
      INSERT INTO journey_scope (created_at, journey_id, has_failed_step, system, type, status)
      SELECT DISTINCT j.created_at, j.id, j.has_failed_step, s, j.type, j.status FROM journey j, unnest(j.systems) s`);

    // The search walks one of these per status (see CaseworkerQueries): equality on every column
    // before created_at, so a walk reads one page and stops, whether the scope is large or empty.
    await q.query(`CREATE INDEX journey_scope_type ON journey_scope (system, type, status, created_at DESC, journey_id DESC)`);
    await q.query(`CREATE INDEX journey_scope_status ON journey_scope (system, status, created_at DESC, journey_id DESC)`);
    await q.query(
      `CREATE INDEX journey_scope_failed ON journey_scope (system, created_at DESC, journey_id DESC)
         INCLUDE (type, status) WHERE has_failed_step`,
    );
    await q.query(`CREATE INDEX journey_scope_journey ON journey_scope (journey_id)`);

    await q.query(`DROP INDEX journey_systems`);
    await q.query(`DROP INDEX journey_created`);
    await q.query(`DROP INDEX journey_type_created`);
    await q.query(`DROP INDEX journey_broken_created`);
    await q.query(`DROP INDEX journey_failed_created`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX journey_failed_created ON journey (created_at DESC, id DESC) WHERE has_failed_step`);
    await q.query(`CREATE INDEX journey_broken_created ON journey (created_at DESC, id DESC) WHERE status = 'broken'`);
    await q.query(`CREATE INDEX journey_type_created ON journey (type, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX journey_created ON journey (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX journey_systems ON journey USING gin (systems)`);
    await q.query(`DROP TRIGGER journey_scope_updated ON journey`);
    await q.query(`DROP TRIGGER journey_scope_inserted ON journey`);
    await q.query(`DROP FUNCTION journey_scope_sync()`);
    await q.query(`DROP TABLE journey_scope`);
  }
}
