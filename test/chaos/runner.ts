import 'reflect-metadata';
import * as os from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { allDefinitions } from '../../journeys';
import { AppModule } from '../../src/app.module';
import { AuthorityGateway } from '../../src/authorities/ports/authority-gateway.port';
import { Prng } from '../../src/authorities/sandbox/prng';
import { startSandbox } from '../../src/authorities/sandbox/sandbox.server';
import { CitizenRepository } from '../../src/engine/persistence/citizen.repository';
import { CreateClientUseCase } from '../../src/engine/self-service/create-client.use-case';
import { StartJourneyUseCase } from '../../src/engine/use-cases/start-journey.use-case';
import { loadConfig } from '../../src/platform/config/app.config';
import { DomainError } from '../../src/platform/errors/domain-error';
import { Queues } from '../../src/platform/queue/queues';
import { ChaosDriver, type DriveOutcome, type EngineStarter } from './chaos-driver';
import { check, settle, type CheckResult, type Pending } from './checks';
import { ChaosCluster } from './cluster';
import { ChaosMonkey, type KillKind } from './monkey';
import { Oracle, startFacts, type Expectation } from './oracle';
import { scenarios as makeScenarios, type Scenario } from './scenarios';

export interface ChaosOptions {
  journeys: number;
  seed: number;
  /** `random`: strikes every few seconds until the workload is done; `once-each`: one of each kind; `none`: a calm run. */
  kills: 'random' | 'once-each' | 'none';
  /** Pause between random strikes, ms. */
  gapMs?: [number, number];
  /** Citizens driven at once. */
  concurrency?: number;
  apis?: number;
  workers?: number;
  /** How long the engine may take to catch up after the workload before the checks. */
  settleMs?: number;
  /** Share of POST answers thrown away and the request sent again (default 0.1), as after a connection lost post-commit. */
  lostAnswerRate?: number;
  /** How long one request may keep failing before its driver gives up (a journey may stay busy 4 × as long). */
  patienceMs?: number;
  log?: (message: string) => void;
}

export interface ChaosReport extends CheckResult {
  seed: number;
  kills: Record<KillKind, number>;
  elapsedSeconds: number;
  workloadSeconds: number;
  requestRetries: number;
  /** Answers thrown away on purpose, each followed by the same request again. */
  lostAnswers: number;
  /** 429 answers waited out (Retry-After), each followed by the same request again. */
  rateLimited: number;
  /** Jobs lost with a restarted Redis that the outbox sweeper queued again. */
  requeuedBySweeper: number;
  leftAfterSettle: Pending;
  machine: { cpus: number; cpuModel?: string; memoryGb: number; node: string };
}

class UnusedGateway extends AuthorityGateway {
  execute(): Promise<never> {
    return Promise.reject(new Error('the runner never calls authorities'));
  }
}

/**
 * The chaos run: its own PostgreSQL and redis-server, separate API and worker processes, the
 * authority sandbox, a workload of journeys over all types driven through the HTTP API, and a
 * monkey that kills and restarts processes, Redis and PostgreSQL meanwhile. Then the checks.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? ((m: string) => process.stdout.write(`${m}\n`));
  const t0 = Date.now();
  const definitions = allDefinitions();
  const scenarios = makeScenarios(definitions, options.journeys, options.seed);
  const oracle = new Oracle(definitions, options.seed);
  const expectations: Expectation[] = [];
  for (const s of scenarios) expectations.push(await oracle.expect(s));
  const unstable = expectations.filter((e) => e.unstable);
  if (unstable.length)
    log(`${unstable.length} scenarios have timers falling due while the run lasts (accepted fired or not), e.g. ${unstable[0].unstable}`);

  const sandbox = await startSandbox({ latencyScale: 1, seed: options.seed });
  const cluster = new ChaosCluster({ apis: options.apis ?? 2, workers: options.workers ?? 2, authorityUrl: sandbox.url, log });
  let db: Pool | undefined;
  let engine: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | undefined;
  try {
    log(`starting PostgreSQL, redis-server, ${options.apis ?? 2} API and ${options.workers ?? 2} worker processes`);
    await cluster.start();
    db = new Pool({ connectionString: cluster.databaseUrl, max: 8 });
    db.on('error', () => undefined); // connections cut by a PostgreSQL restart
    const config = loadConfig({
      NODE_ENV: 'test',
      ROLE: 'api',
      DATABASE_URL: cluster.databaseUrl,
      REDIS_URL: cluster.redis.url,
      QUEUE_NAMESPACE: cluster.namespace,
      AUTH_MODE: 'dev',
      DEV_AUTH_SECRET: cluster.devSecret,
      LOG_LEVEL: 'silent',
      DB_POOL_SIZE: '4',
    });
    engine = await NestFactory.createApplicationContext(AppModule.forRoot(config, { definitions, gateway: new UnusedGateway() }), {
      logger: false,
    });
    // The runner's producers see Redis go away too; without a listener BullMQ prints every error.
    for (const queue of engine.get(Queues).all()) queue.on('error', () => undefined);
    const startInEngine = engineStarter(engine.get(StartJourneyUseCase), engine.get(CitizenRepository));
    // The CPR register feed is one self-service client of the cpr authority: it signs in once, the
    // first time a driver needs it, and every driver uses that token (sign-ins are rate-limited).
    const feedClient = await engine.get(CreateClientUseCase).execute({ authority: 'cpr' });
    let feedToken: Promise<string> | undefined;
    const registerFeed = () =>
      (feedToken ??= signInFeed(
        cluster.apis.map((_, i) => cluster.apiUrl(i)),
        feedClient,
      ));

    const monkey = new ChaosMonkey(cluster, options.seed, (m) => log(`  chaos: ${m}`));
    const outcomes = new Array<DriveOutcome>(scenarios.length);
    let done = 0;
    let next = 0;
    if (options.kills === 'random') monkey.startRandom(options.gapMs ?? [1000, 4000]);
    else if (options.kills === 'once-each') monkey.startOnceEach(() => done / scenarios.length);
    log(`driving ${scenarios.length} journeys (${options.concurrency ?? 32} citizens at a time), seed ${options.seed}`);
    const w0 = Date.now();
    const drivers: ChaosDriver[] = [];
    const progress = setInterval(
      () => log(`  ${done}/${scenarios.length} journeys driven, ${Math.round((Date.now() - w0) / 1000)} s`),
      15_000,
    );
    try {
      await Promise.all(
        Array.from({ length: options.concurrency ?? 32 }, async (_, d) => {
          const driver = new ChaosDriver({
            rng: Prng.from(options.seed, 'driver', d),
            lostAnswerRate: options.lostAnswerRate ?? 0.1,
            apis: cluster.apis.map((_, i) => cluster.apiUrl(i)),
            devSecret: cluster.devSecret,
            registerFeed,
            db: db!,
            startInEngine,
            patienceMs: options.patienceMs ?? 60_000,
          });
          drivers.push(driver);
          while (next < scenarios.length) {
            const i = next++;
            outcomes[i] = await driver.drive(scenarios[i]);
            done++;
          }
        }),
      );
    } finally {
      clearInterval(progress);
      await monkey.stop();
    }
    const workloadSeconds = (Date.now() - w0) / 1000;
    log(`workload done in ${Math.round(workloadSeconds)} s; waiting for the engine to catch up`);
    cluster.reviveCrashed();
    const leftAfterSettle = await settle(db, options.settleMs ?? 120_000);

    const result = await check({
      db,
      sandbox,
      scenarios,
      expectations,
      outcomes,
      redisUrl: cluster.redis.url,
      namespace: cluster.namespace,
      databaseUrl: cluster.databaseUrl,
      unplannedExits: cluster.unplannedExits(),
    });
    return {
      ...result,
      seed: options.seed,
      kills: monkey.kills,
      elapsedSeconds: Math.round((Date.now() - t0) / 1000),
      workloadSeconds: Math.round(workloadSeconds),
      requestRetries: drivers.reduce((s, d) => s + d.retries, 0),
      lostAnswers: drivers.reduce((s, d) => s + d.lostAnswers, 0),
      rateLimited: drivers.reduce((s, d) => s + d.rateLimited, 0),
      requeuedBySweeper: cluster.services.reduce((s, c) => s + c.requeuedBySweeper, 0),
      leftAfterSettle,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
    };
  } finally {
    await engine?.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await cluster.stop();
    await sandbox.close();
  }
}

/** The `engine` start channel: the runner stands in for a register look-up no route does yet. */
function engineStarter(start: StartJourneyUseCase, citizens: CitizenRepository): EngineStarter {
  return async (scenario: Scenario) => {
    const citizenId = await citizens.idFor(scenario.cpr);
    try {
      const { journeyId } = await start.execute({
        citizenId,
        type: scenario.type,
        answers: scenario.answers,
        facts: startFacts(scenario),
        actor: { kind: 'register', id: `register:chaos-lookup-${scenario.index}` },
      });
      return { journeyId };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e; // the database went away: the driver tries again
      if (e.code === 'JOURNEY_ALREADY_ACTIVE') return { journeyId: e.details.journeyId as string };
      return { rejected: `${e.code}: ${e.message}` };
    }
  };
}

/** The summary printed at the end (the latest one is in docs/performance.md). */
export function summary(report: ChaosReport): string {
  const f = report.figures;
  const lines = [
    '',
    '| journeys | started / refused | completed | kills: api / worker / redis / postgres | elapsed (workload) | history events ' +
      '| integration tasks | side effects | requests sent again | violations |',
    `|---|---|---|---|---|---|---|---|---|---|`,
    `| ${f.journeys} | ${f.started} / ${f.rejected} | ${f.completed} ` +
      `| ${report.kills.api} / ${report.kills.worker} / ${report.kills.redis} / ${report.kills.postgres} ` +
      `| ${report.elapsedSeconds} s (${report.workloadSeconds} s) | ${f.historyEvents} | ${f.integrationTasks} | ${f.sideEffects} ` +
      `| ${report.requestRetries + report.lostAnswers + report.rateLimited} | ${report.violations.length} |`,
    '',
    `| journey type | journeys | completed | active | broken | refused at start | as expected |`,
    `|---|---|---|---|---|---|---|`,
    ...Object.entries(report.byType)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, s]) => `| ${type} | ${s.journeys} | ${s.completed} | ${s.active} | ${s.broken} | ${s.rejected} | ${s.matched} |`),
    '',
    `machine: ${report.machine.cpus} cores (${report.machine.cpuModel ?? 'unknown'}), ${report.machine.memoryGb} GB, ` +
      `Node ${report.machine.node}; seed ${report.seed}`,
    `requests sent again: ${report.requestRetries} after no answer or a 5xx, ` +
      `${report.lostAnswers} after an answer thrown away on purpose, ${report.rateLimited} after a 429's Retry-After`,
    `jobs lost with Redis and queued again by the outbox sweeper: ${report.requeuedBySweeper}; ` +
      `authority calls answered as replays: ${f.replayedCalls}; dead tasks: ${f.deadTasks}`,
    `outbox rows of delayed jobs waiting for their time (letters after quiet hours): ${f.outboxWaiting}`,
  ];
  const byCheck = new Map<string, string[]>();
  for (const v of report.violations) byCheck.set(v.check, [...(byCheck.get(v.check) ?? []), v.detail]);
  lines.push(report.violations.length === 0 ? 'no violations' : `VIOLATIONS (${report.violations.length}):`);
  for (const [name, details] of byCheck) {
    lines.push(`  ${name}: ${details.length}`);
    for (const d of details.slice(0, 10)) lines.push(`    - ${d}`);
    if (details.length > 10) lines.push(`    … and ${details.length - 10} more`);
  }
  return lines.join('\n');
}

/** A client-credentials token for the register feed, from whichever API answers (one may be down). */
async function signInFeed(apis: string[], client: { clientId: string; clientSecret: string }): Promise<string> {
  const until = Date.now() + 60_000;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${apis[attempt % apis.length]}/api/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    if (res?.ok) return ((await res.json()) as { access_token: string }).access_token;
    if (Date.now() > until) throw new Error(`register feed sign-in: ${res ? res.status : 'no answer'}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
