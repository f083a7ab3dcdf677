import type { MovingBenchResult } from '../../bench/moving-result';

/** The machine both runs below measured on: two shared cores, PostgreSQL and Redis on the same machine. */
const machine: MovingBenchResult['machine'] = {
  cpus: 2,
  cpuModel: 'AMD EPYC',
  memoryGb: 23.5,
  node: 'v20.20.2',
  platform: 'linux 6.1.0-28-cloud-amd64',
  postgres: { version: '15.20', autovacuum: false, source: 'DATABASE_URL', local: true },
  redis: { version: '7.0.15', local: true },
};

const options: MovingBenchResult['options'] = {
  backends: ['redis'],
  journeys: 2000,
  concurrency: 32,
  mix: 10,
  wait: 'stream',
  pollMs: 250,
  latencyRate: null,
  profile: false,
};

/** `npm run bench -- --backends redis`: the figures of docs/performance.md's Redis row. */
export const redisRun = (): MovingBenchResult => ({
  at: '2026-12-06T14:12:31.402Z',
  commit: 'e6c46c9',
  options: { ...options, backends: ['redis'] },
  machine: structuredClone(machine),
  serviceNodeFlags: ['--max-semi-space-size=64', '--max-old-space-size=1024'],
  limit: { method: 'pgbench -N', clients: 32, commitsPerSecond: 4224 },
  httpFloor: { commitsPerSecond: 2039, clients: 32, cpuMsPerRequest: { server: 0.21, postgres: 0.19, driver: 0.12 } },
  runs: [
    {
      backend: 'redis',
      journeys: 2000,
      completed: 2000,
      transitionsPerSecond: 196.2,
      integrationJobsPerSecond: 39.2,
      cpuMsPerTransition: { api: 4.06, worker: 1.66, postgres: 2.11, redis: 0.27, driver: 0.58, sandbox: 0.23 },
      eventLatencyMsAtHalfLoad: { p50: 8.8, p95: 18.4, p99: 58.3, samples: 1994 },
      serverEventTimeAtHalfLoad: { requests: 1994, p99AtMostMs: 50, shareOver50Ms: 0.008, eventLoopDelayMs: { p99: 4.3, max: 31.2 } },
      eventLatencyMsAtMaxLoad: { p99: 299.4 },
      outboxToJobLagMs: { p50: 116.8, p99: 284.1, samples: 3920 },
      peakRssMb: { api: 257, worker: 224 },
      ratioToRawCommits: 0.05,
      ratioToHttpFloor: 0.1,
    },
  ],
});

/** `npm run bench -- --backends postgres`, right after: the PostgreSQL row. */
export const postgresRun = (): MovingBenchResult => ({
  at: '2026-12-06T14:31:05.118Z',
  commit: 'e6c46c9',
  options: { ...options, backends: ['postgres'] },
  machine: structuredClone(machine),
  serviceNodeFlags: ['--max-semi-space-size=64', '--max-old-space-size=1024'],
  limit: { method: 'pgbench -N', clients: 32, commitsPerSecond: 4891 },
  httpFloor: { commitsPerSecond: 2459, clients: 32, cpuMsPerRequest: { server: 0.2, postgres: 0.18, driver: 0.11 } },
  runs: [
    {
      backend: 'postgres',
      journeys: 2000,
      completed: 2000,
      transitionsPerSecond: 160.4,
      integrationJobsPerSecond: 32.1,
      cpuMsPerTransition: { api: 4.04, worker: 1.72, postgres: 4.89, redis: 0, driver: 0.59, sandbox: 0.24 },
      eventLatencyMsAtHalfLoad: { p50: 10.7, p95: 34.7, p99: 62.8, samples: 1990 },
      serverEventTimeAtHalfLoad: { requests: 1990, p99AtMostMs: 50, shareOver50Ms: 0.009, eventLoopDelayMs: { p99: 7.3, max: 42.9 } },
      eventLatencyMsAtMaxLoad: { p99: 352.2 },
      outboxToJobLagMs: { p50: 154.3, p99: 523, samples: 3914 },
      peakRssMb: { api: 270, worker: 218 },
      ratioToRawCommits: 0.03,
      ratioToHttpFloor: 0.07,
    },
  ],
});
