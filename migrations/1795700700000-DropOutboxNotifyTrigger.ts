import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the outbox trigger, which sends NOTIFY inside every transaction that queues work.
 * PostgreSQL serialises the commits of notifying transactions on one database-wide lock held through
 * the WAL flush, so with the trigger transitions commit single file. The service notifies after the
 * commit instead, on a connection of its own (src/outbox/outbox-signal.ts).
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
