import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { loadConfig, type QueueBackendKind } from '../../src/platform/config/app.config';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { SERVICE_NODE_FLAGS } from '../../src/platform/node-flags';
import { QueueFactory } from '../../src/platform/queue/queue-factory';
import { citizenToken, driveJourney, RateLimiter } from './driver';
import { clearNamespace, count, drive, nextCpr, warmUp } from './drive-many';
import { measureLimitsAround } from './http-floor';
import { postgresFacts, redisFacts } from './machine-facts';
import { checkResults, renderBenchTargets, renderMovingFigures } from './moving-report';
import type { BenchMachine, MovingBenchResult, MovingRun } from './moving-result';
import { consoleSummary } from './console-summary';
import { runOverviewScenario } from './overview';
import { checkPerformanceDocs, headCommit, updatePerformanceDocs } from './performance-docs';
import { CpuMeter, isRedisServer, killStarted, SyscallMeter, peakRssMb, repoRoot, SandboxChild, ServiceChild } from './processes';
import { storedFigures } from './stored-figures';
import { bucketSummary, EVENT_LOOP_SAMPLE_MS, eventLoopDelayMs, parseEventBuckets, percentile, round, scrape } from './stats';
import { arg } from './args';

/**
 * `npm run bench -- [--journeys 2000] [--concurrency 32] [--mix 10] [--backends redis,postgres] [--wait stream|poll]
 *   [--poll-ms 250] [--latency-rate N] [--node-flags '…'] [--profile] [--update-docs [--add-results bench/results/….json]]`
 * Drives journeys end to end through the HTTP API (separate API and worker processes, authority
 * sandbox at zero latency, each a process of its own) and measures the machine's own commit rate in the same run.
 * `--update-docs` rewrites the run's figures and targets in docs/performance.md (./moving-report.ts); `--add-results`
 * shows an earlier run's result beside them, e.g. the other backend's.
 * `--scenario overview [--citizens 1000] [--requests 2000] [--concurrency 8] [--update-docs]` measures Mit overblik's
 * read instead (./overview.ts).
 */
const JOURNEYS = Number(arg('journeys', '2000'));
const CONCURRENCY = Number(arg('concurrency', '32'));
/**
 * Journeys driven flat out before phase 1 and not counted in it: V8 compiles the processes' hot code
 * in their first tens of seconds, which a service that runs for days pays once. Their own CPU per
 * transition is reported apart (`warmup` in the result).
 */
const WARMUP = Number(arg('warmup', '500'));
const MIX = Number(arg('mix', '10'));
/** Phase 2's rate of starts and events per second (default: half of phase 1's), to compare latency of two builds at the same load. */
const LATENCY_RATE = Number(arg('latency-rate', 'NaN'));
/** How a citizen waiting for the workers learns that they are done: the journey's event stream, or polling. */
const WAIT = arg('wait', 'stream') === 'poll' ? 'poll' : 'stream';
/** With `--wait poll`: how often a waiting citizen's page looks again (ms). */
const POLL_MS = Number(arg('poll-ms', '250'));
/** Node flags of the API and worker processes (default: the service's own; `--node-flags ''` for V8's defaults). */
const NODE_FLAGS = arg('node-flags', SERVICE_NODE_FLAGS.join(' ')).split(' ').filter(Boolean);
const UPDATE_DOCS = process.argv.includes('--update-docs');
/** With `--update-docs`: results of earlier runs (bench/results/*.json) shown beside this one's. */
const ADD_RESULTS = arg('add-results', '').split(',').filter(Boolean);
const say = (m: string) => process.stdout.write(`${m}\n`);

async function runBackend(backend: QueueBackendKind, adminUrl: string, redisUrl: string | undefined) {
  const database = `lf_bench_${backend}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${database}`;

  if (backend === 'redis' && redisUrl) {
    const removed = await clearNamespace(redisUrl, `bench_${backend}`);
    if (removed) say(`[${backend}] removed ${removed} keys an earlier run left in Redis`);
  }
  const sandbox = new SandboxChild(3187);
  await sandbox.start();
  const secret = randomBytes(24).toString('hex');
  const common = {
    DATABASE_URL: dbUrl.toString(),
    ...(backend === 'redis' && redisUrl ? { REDIS_URL: redisUrl } : {}),
    AUTH_MODE: 'dev',
    DEV_AUTH_SECRET: secret,
    AUTHORITY_BASE_URL: sandbox.url,
    QUEUE_NAMESPACE: `bench_${backend}`,
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: '20',
    NODE_ENV: 'test',
    // Letters go at any hour, so a run in Danish quiet hours does the same work as one in daytime
    // (their delivery is about a tenth of the CPU per transition).
    QUIET_HOURS: 'none',
    // e.g. PGOPTIONS='-c log_statement=all' to count the statements a journey costs.
    ...(process.env.PGOPTIONS ? { PGOPTIONS: process.env.PGOPTIONS } : {}),
    // e.g. WORKER_NICE=0 to measure the worker at the API's priority.
    ...(process.env.WORKER_NICE ? { WORKER_NICE: process.env.WORKER_NICE } : {}),
  };
  // --profile writes V8 CPU profiles of both processes (open them in Chrome DevTools).
  const execArgv = [
    ...NODE_FLAGS,
    ...(process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${path.join(repoRoot(), 'bench/results/profiles')}`] : []),
  ];
  const api = new ServiceChild('api', { ...common, ROLE: 'api', PORT: '3180', METRICS_PORT: '3182' }, execArgv);
  const worker = new ServiceChild(
    'worker',
    { ...common, ROLE: 'worker', PORT: '3181', METRICS_PORT: '3183', WORKER_CONCURRENCY: '32' },
    execArgv,
  );
  api.start();
  await api.ready('3180'); // migrations run once, before the worker starts
  worker.start();
  await worker.ready('3181');
  const base = 'http://127.0.0.1:3180';
  const apiMetrics = 'http://127.0.0.1:3182';
  const db = new Client({ connectionString: dbUrl.toString() });
  await db.connect();

  const movingDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const types = (await (await fetch(`${base}/api/journey-types`)).json()) as { id: string; startExample: Record<string, unknown> }[];
  const moving = types.find((t) => t.id === 'moving')!;
  const movingAnswers = { ...moving.startExample, movingDate };

  let warmup: Awaited<ReturnType<typeof warmUp>> | undefined;
  if (WARMUP > 0) {
    say(`[${backend}] warm-up: ${WARMUP} moving journeys, not counted`);
    const flatOut = new RateLimiter(Infinity);
    warmup = await warmUp(db, { api: api.pid, worker: worker.pid }, () =>
      drive(WARMUP, CONCURRENCY, async () =>
        driveJourney(base, await citizenToken(secret, nextCpr()), 'moving', movingAnswers, flatOut, 40, 20_000, POLL_MS, WAIT),
      ),
    );
  }

  // Phase 1: as fast as it goes.
  say(`[${backend}] phase 1: ${JOURNEYS} moving journeys, ${CONCURRENCY} concurrent citizens`);
  // CPU time per transition holds on a machine busy with other work, where throughput does not.
  const backends = async () =>
    (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [database])).rows.map((r: { pid: number }) => r.pid);
  const redis = backend === 'redis' && redisUrl ? new Redis(redisUrl) : undefined;
  const redisCpuMs = async () => {
    if (!redis) return 0;
    const info = await redis.info('cpu');
    return ['used_cpu_sys', 'used_cpu_user'].reduce(
      (sum, key) => sum + Number(new RegExp(`${key}:([\\d.]+)`).exec(info)?.[1] ?? 0) * 1000,
      0,
    );
  };
  const cpu = {
    api: new CpuMeter([api.pid]),
    worker: new CpuMeter([worker.pid]),
    sandbox: new CpuMeter([sandbox.pid]),
    postgres: new CpuMeter(await backends()),
    redis: await redisCpuMs(),
    driver: process.cpuUsage(),
  };
  // Socket reads and writes: every round trip between the processes costs each side one of each.
  // Redis counts only when the pid it reports is a redis-server on this machine.
  const redisPid = redis ? Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? 0) : 0;
  const syscallMeter = new SyscallMeter({
    api: [api.pid],
    worker: [worker.pid],
    ...(isRedisServer(redisPid) ? { redis: [redisPid] } : {}),
    driver: [process.pid],
    sandbox: [sandbox.pid],
  });
  const t0 = Date.now();
  const unlimited = new RateLimiter(Infinity);
  const max = await drive(JOURNEYS, CONCURRENCY, async () =>
    driveJourney(base, await citizenToken(secret, nextCpr()), 'moving', movingAnswers, unlimited, 40, 20_000, POLL_MS, WAIT),
  );
  const elapsed = (Date.now() - t0) / 1000;
  const driverCpu = process.cpuUsage(cpu.driver);
  const cpuUsed = {
    api: cpu.api.elapsedMs([api.pid]),
    worker: cpu.worker.elapsedMs([worker.pid]),
    postgres: cpu.postgres.elapsedMs(await backends()),
    redis: (await redisCpuMs()) - cpu.redis,
    driver: (driverCpu.user + driverCpu.system) / 1000,
    sandbox: cpu.sandbox.elapsedMs([sandbox.pid]),
  };
  const syscallCounts = syscallMeter.elapsed();
  redis?.disconnect();
  // Phase 1's own journeys, by id: a warm-up's late work is not phase 1's.
  const phase1 = max.flatMap((r) => (r.journeyId ? [r.journeyId] : []));
  const transitions = await count(db, `SELECT count(*) AS n FROM journey_history WHERE journey_id = ANY($1)`, [phase1]);
  const jobs = await count(db, `SELECT count(*) AS n FROM integration_task WHERE status = 'completed' AND journey_id = ANY($1)`, [phase1]);
  const apiEvents = max.reduce((s, r) => s + r.events, 0);
  const pageReads = max.reduce((s, r) => s + r.reads, 0);
  const errors = max.filter((r) => r.error);

  // Outbox-to-job lag: from the transaction that wrote the outbox row to the job starting.
  const factory = new QueueFactory({ backend, redisUrl, namespace: `bench_${backend}`, concurrency: 1, lockMs: 30_000 }, dbUrl.toString());
  const queue = factory.createQueue<{ taskId: string }>('integration');
  const done = await queue.getJobs(['completed'], 0, 5000);
  const created = new Map<string, number>(
    (
      await db.query(
        `SELECT id, extract(epoch from created_at) * 1000 AS ms FROM integration_task WHERE id = ANY($1) AND journey_id = ANY($2)`,
        [done.map((j) => j.data.taskId), phase1],
      )
    ).rows.map((r: { id: string; ms: string }) => [r.id, Number(r.ms)]),
  );
  const lags = done.filter((j) => j.processedOn && created.has(j.data.taskId)).map((j) => j.processedOn! - created.get(j.data.taskId)!);
  await factory.close();

  // Phase 2: event latency at half of the maximum rate of writes (starts and events, paced alike).
  const halfRate = Number.isFinite(LATENCY_RATE) ? LATENCY_RATE : (JOURNEYS + apiEvents) / elapsed / 2;
  const latencyJourneys = Math.max(100, Math.round(JOURNEYS / 4));
  say(
    `[${backend}] phase 2: ${latencyJourneys} journeys at ${round(halfRate)} starts and events/s ` +
      `(${Number.isFinite(LATENCY_RATE) ? 'as given' : 'half of phase 1'})`,
  );
  const limiter = new RateLimiter(halfRate);
  const serverBefore = parseEventBuckets(await scrape(apiMetrics)); // also starts the event-loop delay afresh
  // The driver's own event loop: an answer that arrives while it is busy (or collecting garbage) is
  // timed late, which the API's histogram does not see.
  const driverLoop = monitorEventLoopDelay({ resolution: EVENT_LOOP_SAMPLE_MS });
  driverLoop.enable();
  const half = await drive(latencyJourneys, CONCURRENCY, async () =>
    driveJourney(base, await citizenToken(secret, nextCpr()), 'moving', movingAnswers, limiter, 40, 20_000, POLL_MS, WAIT),
  );
  const latencies = half.flatMap((r) => r.latenciesMs);
  const serverAfter = await scrape(apiMetrics);
  driverLoop.disable();
  const serverSide = { ...bucketSummary(serverBefore, parseEventBuckets(serverAfter)), eventLoopDelayMs: eventLoopDelayMs(serverAfter) };
  // The histogram holds whole timer periods: less the period, as the API's figure is.
  const late = (ns: number) => round(Math.max(0, ns / 1e6 - EVENT_LOOP_SAMPLE_MS), 1);
  const driverEventLoopDelayMs = { p99: late(driverLoop.percentile(99)), max: late(driverLoop.max) };

  // The mix: every journey type from its first start example, as far as citizen actions take it.
  say(`[${backend}] mix: ${MIX} journeys of each of ${types.length} types`);
  const mix: Record<string, { completed: number; active: number; failed: number; events: number }> = {};
  for (const type of types) {
    const answers = type.id === 'moving' ? movingAnswers : type.startExample;
    const rs = await drive(MIX, Math.min(MIX, 10), async () =>
      driveJourney(base, await citizenToken(secret, nextCpr()), type.id, answers, unlimited, 60, 5000, POLL_MS, WAIT),
    );
    mix[type.id] = {
      completed: rs.filter((r) => r.status === 'completed').length,
      active: rs.filter((r) => r.status === 'active').length,
      failed: rs.filter((r) => r.error).length,
      events: rs.reduce((s, r) => s + r.events, 0),
    };
  }

  const rss = { api: peakRssMb(api.pid), worker: peakRssMb(worker.pid) };
  await worker.stop();
  await api.stop();
  await sandbox.stop();
  const stored = await storedFigures(db);
  await db.end();

  return {
    backend,
    journeys: JOURNEYS,
    completed: max.filter((r) => r.status === 'completed').length,
    errors: errors.length,
    firstError: errors[0]?.error,
    elapsedSeconds: round(elapsed, 2),
    transitionsPerSecond: round(transitions / elapsed),
    integrationJobsPerSecond: round(jobs / elapsed),
    /** Per journey in phase 1: transitions, citizen events over HTTP, requests while waiting for the workers (polls, streams opened). */
    perJourney: { transitions: round(transitions / JOURNEYS), events: round(apiEvents / JOURNEYS), pageReads: round(pageReads / JOURNEYS) },
    /** CPU time per transition in phase 1, by process (ms). */
    cpuMsPerTransition: Object.fromEntries(
      Object.entries(cpuUsed).map(([k, v]) => [k, round(v / Math.max(1, transitions), 2)]),
    ) as typeof cpuUsed,
    /** Read and write system calls per transition in phase 1, by process (`/proc/<pid>/io`; Redis when it runs on this machine). */
    syscallsPerTransition: Object.fromEntries(
      Object.entries(syscallCounts).map(([k, v]) => [k, round(v / Math.max(1, transitions), 1)]),
    ) as NonNullable<MovingRun['syscallsPerTransition']>,
    /** The journeys before phase 1, not counted in it: their API and worker CPU per transition while the processes were new. */
    warmup,
    /** Phase 2's pace: starts and events per second. */
    latencyPhaseRate: round(halfRate),
    eventLatencyMsAtHalfLoad: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      samples: latencies.length,
    },
    /** The same events as the API timed them (its /metrics histogram: bucket bounds, not exact values). */
    serverEventTimeAtHalfLoad: serverSide,
    /** How late a timer in the driver's own process ran in phase 2 (ms). */
    driverEventLoopDelayMs,
    eventLatencyMsAtMaxLoad: {
      p99: round(
        percentile(
          max.flatMap((r) => r.latenciesMs),
          99,
        ),
      ),
    },
    outboxToJobLagMs: { p50: round(percentile(lags, 50)), p99: round(percentile(lags, 99)), samples: lags.length },
    peakRssMb: rss,
    storedBytesPerJourney: stored.bytesPerJourney,
    journeyWritesOffIndexes: stored.writesOffIndexes,
    mix,
  };
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', AUTH_MODE: 'dev' });
  let adminUrl = config.database.url;
  const embedded = adminUrl ? undefined : await startEmbeddedPostgres(config.database, say);
  adminUrl ??= embedded!.adminUrl;
  if (arg('scenario', '') === 'overview') {
    await runOverviewScenario(adminUrl, {
      citizens: Number(arg('citizens', '1000')),
      requests: Number(arg('requests', '2000')),
      concurrency: Number(arg('concurrency', '8')),
      nodeFlags: NODE_FLAGS,
      updateDocs: UPDATE_DOCS,
      say,
    });
    await embedded?.stop();
    return;
  }
  const backends = arg('backends', config.queue.redisUrl ? 'redis,postgres' : 'postgres').split(',') as QueueBackendKind[];
  const earlier = ADD_RESULTS.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as MovingBenchResult);
  if (UPDATE_DOCS) {
    checkPerformanceDocs(['moving', 'targets']);
    checkResults(earlier, backends);
  }
  const machine: BenchMachine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    postgres: await postgresFacts(adminUrl, embedded !== undefined),
    redis: config.queue.redisUrl ? await redisFacts(config.queue.redisUrl) : undefined,
  };
  say(
    `machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB, PostgreSQL ${machine.postgres.version}` +
      `${machine.redis ? `, Redis ${machine.redis.version}` : ''}`,
  );

  const {
    result: runs,
    limit,
    httpFloor,
  } = await measureLimitsAround(adminUrl, CONCURRENCY, say, async () => {
    const runs = [];
    for (const backend of backends) runs.push(await runBackend(backend, adminUrl, config.queue.redisUrl));
    return runs;
  });

  const result: MovingBenchResult = {
    at: new Date().toISOString(),
    commit: headCommit(),
    options: {
      backends,
      journeys: JOURNEYS,
      warmup: WARMUP,
      concurrency: CONCURRENCY,
      mix: MIX,
      wait: WAIT,
      pollMs: POLL_MS,
      latencyRate: Number.isFinite(LATENCY_RATE) ? LATENCY_RATE : null,
      profile: process.argv.includes('--profile'),
      ...(process.env.PGOPTIONS ? { pgOptions: process.env.PGOPTIONS } : {}),
      ...(process.env.WORKER_NICE ? { workerNice: process.env.WORKER_NICE } : {}),
    },
    machine,
    serviceNodeFlags: NODE_FLAGS,
    limit,
    httpFloor,
    runs: runs.map((r) => ({
      ...r,
      ratioToRawCommits: round(r.transitionsPerSecond / limit.commitsPerSecond, 2),
      // Three decimals: the target is a bound (0.2), and 0.199 shown as 0.20 would read as met.
      ratioToHttpFloor: round(r.transitionsPerSecond / httpFloor.commitsPerSecond, 3),
    })),
  };
  const dir = path.join(repoRoot(), 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));

  say('');
  for (const line of consoleSummary(result)) say(line);
  if (UPDATE_DOCS) {
    const shown = [...earlier, result];
    updatePerformanceDocs({ moving: renderMovingFigures(shown), targets: renderBenchTargets(shown) });
    say('docs/performance.md: benchmark figures and targets rewritten');
  }
  say(`results in ${path.relative(process.cwd(), file)}`);
  await embedded?.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  killStarted();
  process.exit(1);
});
