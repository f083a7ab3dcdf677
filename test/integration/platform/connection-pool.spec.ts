import { Client } from 'pg';
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

  /** A pool of one connection for `role`, which has run one statement and is now idle. */
  async function idlePool(role: string, idleSeconds?: number): Promise<number> {
    const source = new DataSource(dataSourceOptions(db.url, 1, role, idleSeconds));
    sources.push(source);
    await source.initialize();
    const [{ pid }] = await source.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
    return pid;
  }
  const connected = async (pid: number) => (await observer.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 1;

  it('closes a connection idle for longer than the setting, and keeps one under the default', async () => {
    const short = await idlePool('pool-short', 1);
    const kept = await idlePool('pool-default');
    await new Promise((r) => setTimeout(r, 2500));
    expect(await connected(short)).toBe(false);
    expect(await connected(kept)).toBe(true);
  });

  it('reads DB_POOL_IDLE_SECONDS, 300 unless set, 0 for connections kept for good, and refuses what is not a count of seconds', () => {
    expect(loadConfig({}).database.poolIdleSeconds).toBe(300);
    expect(loadConfig({ DB_POOL_IDLE_SECONDS: '0' }).database.poolIdleSeconds).toBe(0);
    expect(() => loadConfig({ DB_POOL_IDLE_SECONDS: '-1' })).toThrow(/DB_POOL_IDLE_SECONDS must not be less than 0/);
    expect(() => loadConfig({ DB_POOL_IDLE_SECONDS: 'soon' })).toThrow(/DB_POOL_IDLE_SECONDS/);
  });
});
