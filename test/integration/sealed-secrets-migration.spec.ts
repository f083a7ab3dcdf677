import { createDataSource, runMigrations } from '../../src/platform/database/data-source';
import { createTestDatabase } from '../support/database';

/** Migration 1796523590884 goes down cleanly, and refuses to while a secret exists only sealed (SQL cannot unseal it). */
describe('migration AddSealedSecretColumns', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: ReturnType<typeof createDataSource>;

  beforeAll(async () => {
    db = await createTestDatabase('sealed_secrets_migration');
    sql = createDataSource(db.url, 2);
    await sql.initialize();
    await runMigrations(sql);
  });
  afterAll(async () => {
    await sql?.destroy();
    await db?.drop();
  });

  /**
   * Undoes migrations, newest first, down to and including AddSealedSecretColumns; the later ones it returns are applied
   * again by `runMigrations`.
   */
  const revertSealed = async () => {
    for (;;) {
      const [last] = await sql.query(`SELECT name FROM typeorm_migrations ORDER BY timestamp DESC, id DESC LIMIT 1`);
      await sql.undoLastMigration({ transaction: 'each' });
      if (last.name === 'AddSealedSecretColumns1796523590884') return;
    }
  };

  const columns = async () =>
    (
      await sql.query(
        `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
          WHERE column_name IN ('secret_sealed', 'token_sealed', 'task_token_id') ORDER BY 1`,
      )
    ).map((r: { c: string }) => r.c);

  it('reverts and applies again on a database without sealed secrets', async () => {
    expect(await columns()).toEqual(['task_token.token_sealed', 'webhook_delivery.task_token_id', 'webhook_subscription.secret_sealed']);
    await revertSealed();
    expect(await columns()).toEqual([]);
    expect(await runMigrations(sql)).toContain('AddSealedSecretColumns1796523590884');
    expect(await columns()).toHaveLength(3);
  });

  it('refuses to revert while a live subscription has only a sealed secret', async () => {
    await sql.query(`INSERT INTO system_client (client_id, authority, secret_hash) VALUES ('c1', 'municipality', 'x')`);
    await sql.query(
      `INSERT INTO webhook_subscription (client_id, authority, url, events, secret_sealed)
        VALUES ('c1', 'municipality', 'https://x.example', '{step.awaiting}', 'sb1.k.AAAA')`,
    );
    await expect(revertSealed()).rejects.toThrow(/the database cannot unseal them/);
    await runMigrations(sql);
    expect(await columns()).toHaveLength(3);
  });
});
