import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pending power of attorney holds the person looked up in the CPR register (number and name) in
 * its own row instead of pointing at a citizen row: the citizen row is made, or named from the
 * register, only when the grant is confirmed, so a grant cancelled or left to lapse leaves nothing
 * of that person behind once its row goes. Pending grants waiting now keep the number and the name
 * their citizen row holds.
 */
export class KeepLookedUpPersonInPendingGrant1796600600000 implements MigrationInterface {
  name = 'KeepLookedUpPersonInPendingGrant1796600600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pending_proxy_grant ADD COLUMN proxy_cpr text, ADD COLUMN proxy_name text`);
    await q.query(`UPDATE pending_proxy_grant p SET proxy_cpr = c.cpr, proxy_name = c.name FROM citizen c WHERE c.id = p.proxy_citizen_id`);
    await q.query(`DELETE FROM pending_proxy_grant WHERE proxy_cpr IS NULL OR proxy_name IS NULL`);
    await q.query(
      `ALTER TABLE pending_proxy_grant ALTER COLUMN proxy_cpr SET NOT NULL, ALTER COLUMN proxy_name SET NOT NULL,
         DROP COLUMN proxy_citizen_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pending_proxy_grant ADD COLUMN proxy_citizen_id uuid REFERENCES citizen (id) ON DELETE CASCADE`);
    await q.query(`UPDATE pending_proxy_grant p SET proxy_citizen_id = c.id FROM citizen c WHERE c.cpr = p.proxy_cpr`);
    await q.query(`DELETE FROM pending_proxy_grant WHERE proxy_citizen_id IS NULL`);
    await q.query(
      `ALTER TABLE pending_proxy_grant ALTER COLUMN proxy_citizen_id SET NOT NULL, ADD CHECK (citizen_id <> proxy_citizen_id),
         DROP COLUMN proxy_cpr, DROP COLUMN proxy_name`,
    );
  }
}
