import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { BenchMachine } from './moving-result';

const isLoopback = (host: string) => host === '' || host === 'localhost' || host === '[::1]' || host.startsWith('127.');

/** The PostgreSQL the run measures on: its version and whether autovacuum runs. */
export async function postgresFacts(adminUrl: string, embedded: boolean): Promise<BenchMachine['postgres']> {
  const db = new Client({ connectionString: adminUrl });
  await db.connect();
  const show = async (setting: string) => (await db.query<Record<string, string>>(`SHOW ${setting}`)).rows[0][setting];
  const facts = {
    version: (await show('server_version')).split(' ')[0],
    autovacuum: (await show('autovacuum')) === 'on',
    source: embedded ? ('embedded' as const) : ('DATABASE_URL' as const),
    local: embedded || isLoopback(new URL(adminUrl).hostname),
  };
  await db.end();
  return facts;
}

/** The Redis at REDIS_URL: its version (`INFO server`). */
export async function redisFacts(redisUrl: string): Promise<BenchMachine['redis']> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info('server');
    return { version: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown', local: isLoopback(new URL(redisUrl).hostname) };
  } finally {
    redis.disconnect();
  }
}
