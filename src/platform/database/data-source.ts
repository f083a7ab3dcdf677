import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations';
import { DEFAULT_POOL_IDLE_SECONDS } from '../config/app.config';

// Calendar dates stay 'YYYY-MM-DD' strings: a Date object would shift them by the time zone.
types.setTypeParser(1082, (value: string) => value);

/**
 * The one place that describes how TypeORM talks to PostgreSQL. The schema is what the migrations
 * write, and only that: no entity classes describe it a second time (the service's SQL is written
 * by hand, so entities would only drift), and `synchronize` is never on. The
 * role names the connections (`livsforloeb-api`, `livsforloeb-worker`) so pg_stat_activity and the
 * server's log tell which process holds a connection, a lock or a slow statement.
 */
export function dataSourceOptions(url: string, poolSize: number, role: string | undefined, idleSeconds: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: poolSize,
      // A new connection is a new PostgreSQL backend: its catalog caches are cold and it prepares and
      // plans every statement afresh (binding the journey write took 30-75 ms on a new backend under
      // load), so idle connections are kept for minutes rather than node-postgres's default 10 s, and
      // the first request after a quiet spell finds them ready; 0 keeps them for good. TCP keepalive
      // keeps them open through firewalls and load balancers that drop silent connections.
      idleTimeoutMillis: idleSeconds * 1000,
      keepAlive: true,
      application_name: role ? `livsforloeb-${role}` : 'livsforloeb',
    },
  };
}

export function createDataSource(url: string, poolSize = 10, idleSeconds = DEFAULT_POOL_IDLE_SECONDS): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize, undefined, idleSeconds));
}

/** Applies pending migrations; returns the names applied. Safe to run from several processes at once. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  // Serialise concurrent starters (api and worker booting together) on an advisory lock.
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(4215151)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(4215151)').catch(() => undefined);
    await runner.release();
  }
}
