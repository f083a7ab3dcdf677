import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Powers of attorney in two steps. The citizen's name (from the sign-in, or from the CPR register
 * when someone is given a power of attorney) is kept beside the CPR number so every page names a
 * person the same way. A grant is first a `pending_proxy_grant`, shown with the grantee's name, and
 * becomes a `proxy_grant` only when the citizen confirms it; a pending one gives no access and
 * lapses after `valid_until`. `proxy_name_lookup` counts a citizen's CPR name lookups per Danish
 * calendar day, so nobody can walk the register through the form.
 */
export class AddCitizenNameAndPendingProxyGrants1796600500000 implements MigrationInterface {
  name = 'AddCitizenNameAndPendingProxyGrants1796600500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE citizen ADD COLUMN name text`);
    await q.query(`
      CREATE TABLE pending_proxy_grant (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id        uuid NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
        proxy_citizen_id  uuid NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
        journey_id        uuid REFERENCES journey (id) ON DELETE CASCADE,
        access            text NOT NULL CHECK (access IN ('read', 'act')),
        expires_at        timestamptz NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        valid_until       timestamptz NOT NULL,
        CHECK (citizen_id <> proxy_citizen_id)
      )`);
    await q.query(`CREATE INDEX pending_proxy_grant_citizen ON pending_proxy_grant (citizen_id)`);
    await q.query(`
      CREATE TABLE proxy_name_lookup (
        citizen_id  uuid NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
        day         date NOT NULL,
        count       int  NOT NULL,
        PRIMARY KEY (citizen_id, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE proxy_name_lookup`);
    await q.query(`DROP TABLE pending_proxy_grant`);
    await q.query(`ALTER TABLE citizen DROP COLUMN name`);
  }
}
