import { Client, type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/platform/config/app.config';
import { dataSourceOptions } from '../../../src/platform/database/data-source';
import { createTestDatabase } from '../../support/database';

/**
 * A connection the pool closes comes back as a new PostgreSQL backend, with cold catalog caches and
 * no prepared statements: the pool keeps idle connections for DB_POOL_IDLE_SECONDS (5 minutes unless
 * set), not node-postgres's 10 seconds.
 */
describe('connection pool', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let observer: Client;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('connection_pool');
    observer = new Client({ connectionString: db.url });
    await observer.connect();
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
    await observer?.end();
    await db?.drop();
  });

  /** A pool of one connection, built as the service builds its own from the environment `env`. */
  async function servicePool(env: Record<string, string>): Promise<{ pool: Pool; pid: number }> {
    const config = loadConfig({ DATABASE_URL: db.url, AUTH_MODE: 'dev', ...env });
    const source = new DataSource(dataSourceOptions(db.url, 1, 'pool-test', config.database.poolIdleSeconds));
    sources.push(source);
    await source.initialize();
    const [{ pid }] = await source.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
    return { pool: (source.driver as unknown as { master: Pool }).master, pid };
  }
  const connected = async (pid: number) => (await observer.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 1;

  it('closes a connection idle for longer than DB_POOL_IDLE_SECONDS, and keeps one that has been idle for less', async () => {
    const short = await servicePool({ DB_POOL_IDLE_SECONDS: '1' });
    const kept = await servicePool({});
    await new Promise((r) => setTimeout(r, 2500));
    expect(await connected(short.pid)).toBe(false);
    expect(await connected(kept.pid)).toBe(true);
  });

  it("gives node-postgres's pool 300 s unless set, and 0 (never closed) for DB_POOL_IDLE_SECONDS=0", async () => {
    expect((await servicePool({})).pool.options.idleTimeoutMillis).toBe(300_000);
    expect((await servicePool({ DB_POOL_IDLE_SECONDS: '0' })).pool.options.idleTimeoutMillis).toBe(0);
    expect((await servicePool({ DB_POOL_IDLE_SECONDS: '45' })).pool.options.idleTimeoutMillis).toBe(45_000);
  });
});
