import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations';

// Calendar dates stay 'YYYY-MM-DD' strings: a Date object would shift them by the time zone.
types.setTypeParser(1082, (value: string) => value);

/**
 * The one place that describes how TypeORM talks to PostgreSQL. The schema is what the migrations
 * write, and only that: no entity classes describe it a second time (the service's SQL is written
 * by hand, so entities would only drift), and `synchronize` is never on. The
 * role names the connections (`livsforloeb-api`, `livsforloeb-worker`) so pg_stat_activity and the
 * server's log tell which process holds a connection, a lock or a slow statement.
 */
export function dataSourceOptions(url: string, poolSize = 10, role?: string, idleSeconds = 300): DataSourceOptions {
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
      // plans every statement afresh (tens of ms for the journey write under load), so a pool that let
      // connections go after node-postgres's default 10 idle seconds paid that in the next burst's
      // latency. Idle connections are kept for minutes instead; 0 keeps them for good.
      idleTimeoutMillis: idleSeconds * 1000,
      application_name: role ? `livsforloeb-${role}` : 'livsforloeb',
    },
  };
}

export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
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
