import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';
import { httpJson } from './http-client';
import { measureMachineLimit, prepareRawTables, type MachineLimit } from './machine-limit';
import { CpuMeter, stopChild, track } from './processes';
import { round } from './stats';

export interface HttpFloor {
  /** Requests answered per second, each one commit (BEGIN, UPDATE, INSERT, COMMIT). */
  commitsPerSecond: number;
  clients: number;
  /** CPU per request (ms): the HTTP server, its PostgreSQL backends, the driver (this process). */
  cpuMsPerRequest: { server: number; postgres: number; driver: number };
  /**
   * Commits per second of each measurement, in order, when the floor is their mean (`meanFloor`):
   * measured before and after the journeys, so a change of the machine's pace during the run shows.
   */
  measuredCommitsPerSecond?: number[];
}

/** More apart than this, the floor's measurements say the machine's pace moved during the run. */
export const FLOOR_SPREAD = 0.15;

/** The floor as the mean of several measurements (each one's commits per second kept). */
export function meanFloor(floors: HttpFloor[]): HttpFloor {
  const mean = (pick: (f: HttpFloor) => number) => floors.reduce((s, f) => s + pick(f), 0) / floors.length;
  return {
    commitsPerSecond: Math.round(mean((f) => f.commitsPerSecond)),
    clients: floors[0].clients,
    cpuMsPerRequest: {
      server: round(
        mean((f) => f.cpuMsPerRequest.server),
        2,
      ),
      postgres: round(
        mean((f) => f.cpuMsPerRequest.postgres),
        2,
      ),
      driver: round(
        mean((f) => f.cpuMsPerRequest.driver),
        2,
      ),
    },
    measuredCommitsPerSecond: floors.map((f) => f.commitsPerSecond),
  };
}

/** How far apart the floor's measurements are, as a share of their mean (0 for one measurement). */
export function floorSpread(floor: HttpFloor): number {
  const measured = floor.measuredCommitsPerSecond ?? [floor.commitsPerSecond];
  return (Math.max(...measured) - Math.min(...measured)) / floor.commitsPerSecond;
}

/**
 * How many commits per second any HTTP service can reach on this machine: the raw loop's
 * transaction behind a bare `node:http` handler (http-floor.server.ts), driven over `node:http` by the
 * same number of clients as the journeys. Everything the engine adds (framework, authentication,
 * validation, the state machine, commands, outbox, workers) comes on top of this.
 */
export async function measureHttpFloor(adminUrl: string, database: string, clients: number, seconds = 10, port = 3189): Promise<HttpFloor> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  await prepareRawTables(url.toString());
  const child = track(
    spawn(process.execPath, [path.join(__dirname, 'http-floor.server.js')], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: url.toString(), PORT: String(port), DB_POOL_SIZE: '20' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`HTTP floor server exited with ${code}`)));
  });
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  const backends = async () =>
    (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database])).rows.map(
      (r: { pid: number }) => r.pid,
    );
  const base = `http://127.0.0.1:${port}/`;
  const once = async () => {
    const res = await httpJson('POST', base, {}, { id: 1 + Math.floor(Math.random() * 100_000) });
    if (res.status !== 200) throw new Error(`HTTP floor answered ${res.status}`);
  };
  await Promise.all(Array.from({ length: clients }, once)); // opens the pool's connections
  const serverCpu = new CpuMeter([child.pid!]);
  const pgCpu = new CpuMeter(await backends());
  const driverCpu = process.cpuUsage();
  let requests = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        await once();
        requests++;
      }
    }),
  );
  const driver = process.cpuUsage(driverCpu);
  const perRequest = (ms: number) => round(ms / Math.max(1, requests), 2);
  const result: HttpFloor = {
    commitsPerSecond: Math.round(requests / seconds),
    clients,
    cpuMsPerRequest: {
      server: perRequest(serverCpu.elapsedMs([child.pid!])),
      postgres: perRequest(pgCpu.elapsedMs(await backends())),
      driver: perRequest((driver.user + driver.system) / 1000),
    },
  };
  await db.end();
  await stopChild(child);
  return result;
}

/**
 * The machine's limits around `work` (the journeys), in a database of their own: the HTTP floor
 * before and after it, whose mean is the run's floor and whose spread shows whether the machine's
 * pace or the database's state moved meanwhile (one measurement in a slow moment skews the ratio),
 * and raw commits after it.
 */
export async function measureLimitsAround<T>(
  adminUrl: string,
  clients: number,
  say: (line: string) => void,
  work: () => Promise<T>,
): Promise<{ result: T; limit: MachineLimit; httpFloor: HttpFloor }> {
  const database = 'lf_bench_limit';
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  say('HTTP floor, before the journeys');
  const before = await measureHttpFloor(adminUrl, database, clients);
  const result = await work();
  const limit = await measureMachineLimit(adminUrl, database, clients);
  say('HTTP floor, after the journeys');
  const httpFloor = meanFloor([before, await measureHttpFloor(adminUrl, database, clients)]);
  return { result, limit, httpFloor };
}
