import { Redis } from 'ioredis';
import type { Client } from 'pg';
import type { DriveResult } from './driver';
import { cpuMs } from './processes';
import { round } from './stats';

let serial = 0;
/** A fresh, valid-looking CPR number for each journey the bench drives. */
export function nextCpr(): string {
  const n = serial++;
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const year = String(50 + (Math.floor(n / 336) % 50)).padStart(2, '0');
  const seq = String(1000 + Math.floor(n / 16800)).padStart(4, '0');
  return `${day}${month}${year}${seq}`;
}

/** Runs `count` drivers, `concurrency` at a time. */
export async function drive(count: number, concurrency: number, make: () => Promise<DriveResult>): Promise<DriveResult[]> {
  const results: DriveResult[] = [];
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < count) {
        issued++;
        results.push(await make());
      }
    }),
  );
  return results;
}

/** The number a `SELECT count(*) AS n …` answers. */
export async function count(db: Client, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.query<{ n: number | string }>(sql, params)).rows[0].n);
}

/**
 * A run starts from an empty queue namespace: what earlier runs left in Redis (delayed letters,
 * kept job results) would otherwise weigh on this one, more with every run.
 */
export async function clearNamespace(redisUrl: string, namespace: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let removed = 0;
  for await (const keys of redis.scanStream({ match: `${namespace}:*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length) removed += await redis.unlink(...keys);
  }
  redis.disconnect();
  return removed;
}

/**
 * Drives the warm-up (`run`) and then `ANALYZE`s the database; answers how many transitions it made
 * and the API's and the worker's CPU per transition meanwhile, while the processes were new.
 */
export async function warmUp(db: Client, pids: { api: number; worker: number }, run: () => Promise<DriveResult[]>) {
  const before = { api: cpuMs(pids.api), worker: cpuMs(pids.worker) };
  const since = new Date().toISOString();
  const results = await run();
  const transitions = await count(db, `SELECT count(*) AS n FROM journey_history WHERE created_at >= $1`, [since]);
  const per = (ms: number) => round(ms / Math.max(1, transitions), 2);
  // A server that has run for a while has statistics for its tables, as autovacuum keeps them; without
  // them (where autovacuum is off) the planner would go on planning for empty tables.
  await db.query('ANALYZE');
  return {
    journeys: results.length,
    transitions,
    cpuMsPerTransition: { api: per(cpuMs(pids.api) - before.api), worker: per(cpuMs(pids.worker) - before.worker) },
  };
}
