import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox trigger sent NOTIFY inside every transaction that queued work. PostgreSQL serialises
 * the commits of notifying transactions on one database-wide lock held through the WAL flush, so
 * transitions committed single file. The service now notifies after the commit, on a connection of
 * its own (src/outbox/outbox-signal.ts).
 */
export class DropOutboxNotifyTrigger1795700700000 implements MigrationInterface {
  name = 'DropOutboxNotifyTrigger1795700700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_inserted ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }
}
