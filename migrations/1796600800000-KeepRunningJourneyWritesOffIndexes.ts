import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A journey's row is written at every transition. PostgreSQL writes the new version on the same page
 * and adds nothing to any index (a heap-only update) when no indexed value changes and the page has
 * room; otherwise each of the table's indexes gets an entry for every transition. Two indexes held
 * `updated_at`, which every write changes:
 *
 * - `journey_type_status` (type, status, updated_at): no query sorts or filters by its last column;
 *   it is (type, status) now.
 * - `journey_retention`, which ordered finished journeys by COALESCE(completed_at, updated_at): it
 *   is on `ended_at` now, the moment a journey was completed or dismissed, NULL while it runs. Two
 *   triggers keep it: one when a row is written ended, one when a write changes the status or the
 *   completion time (a running journey's writes call neither). A finished journey is kept for
 *   `RETENTION_DAYS` from that moment, whatever touches its row later.
 *
 * New pages are filled to 80 %, so a write finds room on its own page. The indexes are rebuilt in
 * this migration's transaction: writes to journeys wait while they build.
 */
export class KeepRunningJourneyWritesOffIndexes1796600800000 implements MigrationInterface {
  name = 'KeepRunningJourneyWritesOffIndexes1796600800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journey ADD COLUMN ended_at timestamptz`);
    await q.query(`UPDATE journey SET ended_at = COALESCE(completed_at, updated_at) WHERE status IN ('completed', 'dismissed')`);
    await q.query(`
      CREATE FUNCTION journey_ended_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status NOT IN ('completed', 'dismissed') THEN
          NEW.ended_at := NULL;
        ELSIF NEW.completed_at IS NOT NULL THEN
          NEW.ended_at := NEW.completed_at;
        ELSIF TG_OP = 'INSERT' THEN
          NEW.ended_at := now();
        ELSIF OLD.status IS DISTINCT FROM NEW.status THEN
          NEW.ended_at := now();
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER journey_ended_inserted BEFORE INSERT ON journey FOR EACH ROW
        WHEN (NEW.status IN ('completed', 'dismissed')) EXECUTE FUNCTION journey_ended_at()`);
    await q.query(`
      CREATE TRIGGER journey_ended_updated BEFORE UPDATE OF status, completed_at ON journey FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.completed_at IS DISTINCT FROM NEW.completed_at)
        EXECUTE FUNCTION journey_ended_at()`);
    await q.query(`DROP INDEX journey_retention`);
    await q.query(`CREATE INDEX journey_retention ON journey (ended_at) WHERE ended_at IS NOT NULL AND redacted_at IS NULL`);
    await q.query(`DROP INDEX journey_type_status`);
    await q.query(`CREATE INDEX journey_type_status ON journey (type, status)`);
    await q.query(`ALTER TABLE journey SET (fillfactor = 80)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journey RESET (fillfactor)`);
    await q.query(`DROP INDEX journey_type_status`);
    await q.query(`CREATE INDEX journey_type_status ON journey (type, status, updated_at DESC)`);
    await q.query(`DROP INDEX journey_retention`);
    await q.query(
      `CREATE INDEX journey_retention ON journey ((COALESCE(completed_at, updated_at)))
         WHERE status IN ('completed', 'dismissed') AND redacted_at IS NULL`,
    );
    await q.query(`DROP TRIGGER journey_ended_updated ON journey`);
    await q.query(`DROP TRIGGER journey_ended_inserted ON journey`);
    await q.query(`DROP FUNCTION journey_ended_at()`);
    await q.query(`ALTER TABLE journey DROP COLUMN ended_at`);
  }
}
