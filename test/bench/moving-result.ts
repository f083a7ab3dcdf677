import type { QueueBackendKind } from '../../src/platform/config/settings';
import type { HttpFloor } from './http-floor';
import type { MachineLimit } from './machine-limit';

/** The moving-journeys benchmark's result, as bench/results/*.json holds it. */

/** What the run measured on, read by the bench itself. */
export interface BenchMachine {
  cpus: number;
  cpuModel?: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** `SHOW server_version` (its first word) and `SHOW autovacuum`; `local` when on this machine. */
  postgres: { version: string; autovacuum: boolean; source: 'DATABASE_URL' | 'embedded'; local: boolean };
  /** From `INFO server`, when REDIS_URL is set. */
  redis?: { version: string; local: boolean };
}

/** The command-line options and environment the run was started with. */
export interface BenchOptions {
  backends: QueueBackendKind[];
  journeys: number;
  /** Journeys driven before phase 1 and not counted (absent in results written before the bench warmed up). */
  warmup?: number;
  concurrency: number;
  mix: number;
  wait: 'stream' | 'poll';
  pollMs: number;
  /** `--latency-rate`, or null for half of phase 1's rate. */
  latencyRate: number | null;
  profile: boolean;
  /** PGOPTIONS and WORKER_NICE as passed to the service processes, when set. */
  pgOptions?: string;
  workerNice?: string;
}

/** One backend's figures. A percentile of no samples is NaN (null in the JSON). */
export interface MovingRun {
  backend: QueueBackendKind;
  journeys: number;
  completed: number;
  transitionsPerSecond: number;
  integrationJobsPerSecond: number;
  cpuMsPerTransition: { api: number; worker: number; postgres: number; redis: number; driver: number; sandbox: number };
  /** The warm-up before phase 1: the API's and the worker's CPU per transition while the processes were new. */
  warmup?: { journeys: number; transitions: number; cpuMsPerTransition: { api: number; worker: number } };
  /** How late the driver's own event loop ran in phase 2 (absent in results written before the bench measured it). */
  driverEventLoopDelayMs?: { p99: number; max: number };
  /** Read and write system calls per transition in phase 1, by process (absent in results written before the bench counted them). */
  syscallsPerTransition?: { api: number; worker: number; redis?: number; driver: number; sandbox: number };
  eventLatencyMsAtHalfLoad: { p50: number; p95: number; p99: number; samples: number };
  serverEventTimeAtHalfLoad: {
    requests: number;
    p99AtMostMs: number;
    shareOver50Ms: number;
    eventLoopDelayMs: { p99: number; max: number };
  };
  eventLatencyMsAtMaxLoad: { p99: number };
  outboxToJobLagMs: { p50: number; p99: number; samples: number };
  peakRssMb: { api: number; worker: number };
  ratioToRawCommits: number;
  ratioToHttpFloor: number;
}

export interface MovingBenchResult {
  at: string;
  commit: string;
  options: BenchOptions;
  machine: BenchMachine;
  serviceNodeFlags: readonly string[];
  limit: MachineLimit;
  httpFloor: HttpFloor;
  runs: MovingRun[];
}
