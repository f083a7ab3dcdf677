import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/platform/database/embedded-postgres';
import { SERVICE_NODE_FLAGS } from '../../src/platform/node-flags';
import { freePort } from '../support/ports';
import { PrivateRedis } from '../support/private-redis';

type Log = (message: string) => void;

/** The repository root (where package.json is), from `test/chaos` or `dist/test/chaos`. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/**
 * A PostgreSQL cluster of the run's own (embedded binaries, data in a temporary directory, a private
 * port), so the run can stop and start it without touching the machine's shared server.
 */
export class PrivatePostgres {
  private server?: EmbeddedDatabase;
  url = '';

  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly log: Log,
  ) {}

  async start(): Promise<void> {
    this.server = await startEmbeddedPostgres({ dataDir: this.dataDir, embeddedPort: this.port }, this.log);
    this.url = this.server.url;
  }

  /** Fast shutdown (every connection is cut, open transactions roll back), then start again. */
  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }
}

/** A service process (`dist/src/main.js`) with a role, killed and restarted by the run. */
export class ServiceChild {
  private child?: ChildProcess;
  private expectedExit = false;
  output = '';
  /** Exits the run did not cause (a crash). */
  unplannedExits: string[] = [];
  /** Jobs the outbox sweeper found missing from the queue (lost with Redis) and queued again, from the log. */
  requeuedBySweeper = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    /** The process's metrics listener (`GET /metrics`), apart from its public port. */
    readonly metricsPort: number,
  ) {}

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    this.expectedExit = false;
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, path.join(repoRoot(), 'dist/src/main.js')], {
      cwd: repoRoot(),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        ...this.env,
        PORT: String(this.port),
        METRICS_PORT: String(this.metricsPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => {
      const text = d.toString();
      for (const m of text.matchAll(/(\d+) jobs were missing from the queue/g)) this.requeuedBySweeper += Number(m[1]);
      this.output = (this.output + text).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code, signal) => {
      if (!this.expectedExit) this.unplannedExits.push(`${this.name} exited (${signal ?? code}): ${this.output.slice(-600)}`);
    });
    this.child = child;
  }

  async ready(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!this.running) throw new Error(`${this.name} exited: ${this.output.slice(-800)}`);
      try {
        if ((await fetch(`http://127.0.0.1:${this.port}/health/ready`, { signal: AbortSignal.timeout(2000) })).ok) return;
      } catch {
        /* not yet */
      }
      await sleep(150);
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms: ${this.output.slice(-800)}`);
  }

  /** kill -9: no shutdown hooks, jobs in flight are abandoned mid-way. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.expectedExit = true;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.expectedExit = true;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
  }
}

export interface ClusterOptions {
  apis: number;
  workers: number;
  authorityUrl: string;
  log: Log;
  /** Extra environment for every service process. */
  env?: Record<string, string>;
}

/**
 * Everything the run kills and restarts: its own PostgreSQL and redis-server, API processes and
 * worker processes (the authority sandbox stays up: it plays the authorities, whose idempotency the
 * engine relies on).
 */
export class ChaosCluster {
  readonly devSecret = randomBytes(24).toString('hex');
  readonly namespace = 'chaos';
  postgres!: PrivatePostgres;
  redis!: PrivateRedis;
  apis: ServiceChild[] = [];
  workers: ServiceChild[] = [];
  private workDir = '';

  constructor(private readonly options: ClusterOptions) {}

  get databaseUrl(): string {
    return this.postgres.url;
  }

  get services(): ServiceChild[] {
    return [...this.apis, ...this.workers];
  }

  async start(): Promise<void> {
    this.workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livsforloeb-chaos-'));
    // Run as root, the embedded server drops to user postgres, who must be able to enter the directory.
    fs.chmodSync(this.workDir, 0o755);
    this.postgres = new PrivatePostgres(this.workDir, await freePort(), (m) => this.options.log(`[postgres] ${m}`));
    await this.postgres.start();
    this.redis = new PrivateRedis(await freePort());
    await this.redis.start();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: this.postgres.url,
      REDIS_URL: this.redis.url,
      QUEUE_NAMESPACE: this.namespace,
      AUTH_MODE: 'dev',
      DEV_AUTH_SECRET: this.devSecret,
      CLIENT_TOKEN_SECRET: randomBytes(24).toString('hex'),
      AUTHORITY_BASE_URL: this.options.authorityUrl,
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: '10',
      OUTBOX_POLL_MS: '100',
      // A killed worker's jobs come back after the lock expires; 5 s instead of 30 s keeps the run short.
      WORKER_LOCK_MS: '5000',
      SHUTDOWN_TIMEOUT_MS: '10000',
      ...this.options.env,
    };
    for (let i = 0; i < this.options.apis; i++)
      this.apis.push(new ServiceChild(`api-${i + 1}`, await freePort(), { ...env, ROLE: 'api' }, await freePort()));
    for (let i = 0; i < this.options.workers; i++)
      this.workers.push(new ServiceChild(`worker-${i + 1}`, await freePort(), { ...env, ROLE: 'worker' }, await freePort()));
    // The first process runs the migrations; the others start once they are in.
    const [first, ...rest] = this.services;
    first.start();
    await first.ready();
    for (const s of rest) s.start();
    await Promise.all(rest.map((s) => s.ready()));
  }

  apiUrl(i: number): string {
    return `http://127.0.0.1:${this.apis[i % this.apis.length].port}`;
  }

  async restartRedis(downMs: number): Promise<void> {
    await this.redis.stop();
    await sleep(downMs);
    await this.redis.start();
  }

  async restartPostgres(downMs: number): Promise<void> {
    await this.postgres.stop();
    await sleep(downMs);
    await this.postgres.start();
  }

  /** Processes that died on their own are started again, so the run can finish; the crash is reported. */
  reviveCrashed(): void {
    for (const s of this.services) if (!s.running) s.start();
  }

  unplannedExits(): string[] {
    return this.services.flatMap((s) => s.unplannedExits);
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.services.map((s) => s.stop()));
    await this.redis?.stop().catch(() => undefined);
    await this.postgres?.stop().catch(() => undefined);
    if (this.workDir) fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
