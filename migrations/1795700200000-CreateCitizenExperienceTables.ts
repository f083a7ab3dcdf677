import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What citizens and caseworkers see around a journey: who read it (access log), who may act for
 * whom (proxies), caseworker notes, and the Digital Post delivery of notifications.
 */
export class CreateCitizenExperienceTables1795700200000 implements MigrationInterface {
  name = 'CreateCitizenExperienceTables1795700200000';

  async up(q: QueryRunner): Promise<void> {
    // The caseworker search pages newest first with a keyset on (created_at, id): walking this index
    // and filtering on systems stops after one page instead of sorting every journey it matches.
    await q.query(`CREATE INDEX journey_created ON journey (created_at DESC, id DESC)`);

    // Append-only: "Hvem har set mine data". The viewer is named as their token named them; never a CPR number.
    await q.query(`
      CREATE TABLE access_log (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id   uuid NOT NULL REFERENCES citizen(id),
        journey_id   uuid REFERENCES journey(id) ON DELETE SET NULL,
        viewer_kind  text NOT NULL CHECK (viewer_kind IN ('caseworker','proxy','system')),
        viewer_id    text NOT NULL,
        viewer_name  text,
        authority    text,
        purpose      text NOT NULL,
        action       text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX access_log_citizen ON access_log (citizen_id, created_at DESC)`);

    // Fuldmagt: one journey (journey_id) or all (NULL), read-only or acting, until expires_at.
    await q.query(`
      CREATE TABLE proxy_grant (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id        uuid NOT NULL REFERENCES citizen(id),
        proxy_citizen_id  uuid NOT NULL REFERENCES citizen(id),
        journey_id        uuid REFERENCES journey(id) ON DELETE CASCADE,
        access            text NOT NULL CHECK (access IN ('read','act')),
        expires_at        timestamptz NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        revoked_at        timestamptz,
        CHECK (citizen_id <> proxy_citizen_id)
      )`);
    await q.query(`CREATE INDEX proxy_grant_citizen ON proxy_grant (citizen_id, created_at DESC)`);
    await q.query(`CREATE INDEX proxy_grant_proxy ON proxy_grant (proxy_citizen_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE caseworker_note (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id   uuid NOT NULL REFERENCES journey(id) ON DELETE CASCADE,
        author_id    text NOT NULL,
        author_name  text,
        authority    text NOT NULL,
        body         text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX caseworker_note_journey ON caseworker_note (journey_id, created_at)`);

    // Delivery through Digital Post: one row is one letter at most (dedup_key), sent in daytime only.
    await q.query(`
      ALTER TABLE notification
        ADD COLUMN dedup_key text,
        ADD COLUMN delivery_status text NOT NULL DEFAULT 'pending'
          CHECK (delivery_status IN ('pending','sent','skipped','failed')),
        ADD COLUMN deliver_after timestamptz,
        ADD COLUMN delivered_at timestamptz,
        ADD COLUMN delivery_ref text,
        ADD COLUMN delivery_note text`);
    await q.query(`CREATE UNIQUE INDEX notification_dedup ON notification (journey_id, dedup_key) WHERE dedup_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_dedup`);
    await q.query(`
      ALTER TABLE notification DROP COLUMN dedup_key, DROP COLUMN delivery_status, DROP COLUMN deliver_after,
        DROP COLUMN delivered_at, DROP COLUMN delivery_ref, DROP COLUMN delivery_note`);
    await q.query(`DROP TABLE caseworker_note`);
    await q.query(`DROP TABLE proxy_grant`);
    await q.query(`DROP TABLE access_log`);
    await q.query(`DROP INDEX journey_created`);
  }
}
