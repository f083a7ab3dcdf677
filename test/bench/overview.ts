import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { latestDefinition } from '../../journeys';
import { JOURNEY_TYPE_IDS } from '../../journeys/shared/contract';
import { derivedColumns } from '../../src/engine/runtime/journey-facts';
import * as runtime from '../../src/engine/runtime/journey-runtime';
import { createDataSource, runMigrations } from '../../src/platform/database/data-source';
import { citizenToken } from './driver';
import { checkPerformanceDocs, headCommit, updatePerformanceDocs } from './performance-docs';
import { peakRssMb, repoRoot, SandboxChild, ServiceChild } from './processes';
import { percentile, round } from './stats';

export interface OverviewScenarioOptions {
  /** Citizens seeded, each with one running journey of every type (eleven). */
  citizens: number;
  /** Measured requests of `GET /api/me/overview?benefits=false`, spread over the citizens. */
  requests: number;
  concurrency: number;
  nodeFlags: string[];
  /** Rewrite the overview figures in docs/performance.md with this run's. */
  updateDocs: boolean;
  say: (m: string) => void;
}

const DATABASE = 'lf_bench_overview';
/** The latest definition of every journey type: what a citizen's running journeys are started on. */
const definitions = () => JOURNEY_TYPE_IDS.map((id) => latestDefinition(id)!);

/** A CPR-shaped number per seeded citizen (DDMMYY-SSSS), distinct for the first 840,000. */
function cprOf(n: number): string {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const year = String(50 + (Math.floor(n / 336) % 50)).padStart(2, '0');
  const seq = String(2000 + Math.floor(n / 16800)).padStart(4, '0');
  return `${day}${month}${year}${seq}`;
}

/**
 * `npm run bench -- --scenario overview [--citizens 1000] [--requests 2000] [--concurrency 8] [--update-docs]`:
 * Mit overblik's read. Seeds `--citizens` citizens, each with eleven running journeys (one of every
 * type, snapshots from the real machines, the first authority step of each asked and waiting), then
 * times `GET /api/me/overview?benefits=false` through the HTTP API, `--concurrency` at a time, round
 * robin over the citizens. `benefits=false` leaves out the paying systems' read, which runs in
 * parallel per system with its own timeout (BENEFITS_TIMEOUT_MS) and a per-citizen cache: its time
 * is the slowest system's, not the engine's. It is timed apart, once per citizen (no cache), with the
 * sandbox answering at zero latency.
 */
export async function runOverviewScenario(adminUrl: string, o: OverviewScenarioOptions) {
  if (o.updateDocs) checkPerformanceDocs(['overview']);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${DATABASE}`;
  const ds = createDataSource(dbUrl.toString());
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();

  const db = new Client({ connectionString: dbUrl.toString() });
  await db.connect();
  const started = Date.now();
  const journeys = await seed(db, o.citizens);
  await db.query('VACUUM ANALYZE');
  o.say(`[overview] seeded ${o.citizens} citizens with ${journeys} running journeys (${round((Date.now() - started) / 1000)} s)`);

  const sandbox = new SandboxChild(3197);
  await sandbox.start();
  const secret = randomBytes(24).toString('hex');
  const api = new ServiceChild(
    'api',
    {
      DATABASE_URL: dbUrl.toString(),
      ROLE: 'api',
      PORT: '3195',
      METRICS_PORT: '3196',
      AUTH_MODE: 'dev',
      DEV_AUTH_SECRET: secret,
      AUTHORITY_BASE_URL: sandbox.url,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    o.nodeFlags,
  );
  api.start();
  await api.ready('3195');
  const base = 'http://127.0.0.1:3195';
  const tokens = await Promise.all(Array.from({ length: o.citizens }, (_, n) => citizenToken(secret, cprOf(n))));

  const get = async (token: string, query: string): Promise<{ ms: number; body: OverviewBody }> => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/me/overview${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as OverviewBody;
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`GET /api/me/overview${query} answered ${res.status}: ${JSON.stringify(body)}`);
    return { ms, body };
  };

  // Warm-up: one read per citizen (connections, prepared plans, the JIT), not counted.
  const first = await get(tokens[0], '?benefits=false');
  if (first.body.runningJourneys !== definitions().length) throw new Error(`a seeded citizen has ${first.body.runningJourneys} journeys`);
  for (const token of tokens.slice(0, Math.min(tokens.length, 200))) await get(token, '?benefits=false');

  const latencies: number[] = [];
  let issued = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (issued < o.requests) {
        const n = issued++;
        latencies.push((await get(tokens[n % tokens.length], '?benefits=false')).ms);
      }
    }),
  );
  const elapsed = (Date.now() - t0) / 1000;

  // The same read with the paying systems, each citizen once (nothing cached), one at a time.
  const withBenefits: number[] = [];
  for (const token of tokens.slice(0, Math.min(tokens.length, 200))) withBenefits.push((await get(token, '')).ms);
  const rss = peakRssMb(api.pid);
  await api.stop();
  await sandbox.stop();
  await db.end();

  const result = {
    at: new Date().toISOString(),
    commit: headCommit(),
    scenario: 'overview',
    citizens: o.citizens,
    journeysPerCitizen: definitions().length,
    waitingStepsPerCitizen: first.body.cases.reduce((n, c) => n + c.steps.length, 0),
    authoritiesWaitedFor: first.body.cases.length,
    concurrency: o.concurrency,
    overviewMs: {
      p50: round(percentile(latencies, 50), 1),
      p95: round(percentile(latencies, 95), 1),
      p99: round(percentile(latencies, 99), 1),
      samples: latencies.length,
    },
    requestsPerSecond: round(latencies.length / elapsed),
    withBenefitsUncachedMs: {
      p50: round(percentile(withBenefits, 50), 1),
      p95: round(percentile(withBenefits, 95), 1),
      samples: withBenefits.length,
    },
    apiPeakRssMb: rss,
  };
  const dir = path.join(repoRoot(), 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `overview-${result.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));

  const row = figuresRow(result);
  o.say('');
  o.say(FIGURES_HEAD);
  o.say(row);
  if (o.updateDocs) {
    updatePerformanceDocs({ overview: `${figuresParagraph(result)}\n\n${FIGURES_HEAD}\n${row}` });
    o.say('docs/performance.md: overview figures rewritten');
  }
  o.say(`results in ${path.relative(process.cwd(), file)}`);
  return result;
}

type OverviewBody = { runningJourneys: number; cases: { steps: unknown[] }[] };

type Result = Awaited<ReturnType<typeof runOverviewScenario>>;

const FIGURES_HEAD =
  '| citizens × running journeys | steps waiting for an authority (authorities) | concurrency ' +
  '| GET /api/me/overview p50 / p95 / p99 (ms, without benefits) | requests/s | with benefits, uncached p50 / p95 (ms) ' +
  '| peak RSS API (MB) |\n|---|---|---|---|---|---|---|';

function figuresRow(r: Result): string {
  const m = r.overviewMs;
  return (
    `| ${r.citizens.toLocaleString('en')} × ${r.journeysPerCitizen} | ${r.waitingStepsPerCitizen} (${r.authoritiesWaitedFor}) ` +
    `| ${r.concurrency} ` +
    `| ${m.p50} / ${m.p95} / ${m.p99} (${m.samples.toLocaleString('en')} requests) | ${r.requestsPerSecond} ` +
    `| ${r.withBenefitsUncachedMs.p50} / ${r.withBenefitsUncachedMs.p95} | ${r.apiPeakRssMb} |`
  );
}

function figuresParagraph(r: Result): string {
  return (
    `**Mit overblik**, ${r.at.slice(0, 10)}, commit \`${r.commit}\`, \`npm run bench -- --scenario overview --citizens ${r.citizens} ` +
    `--requests ${r.overviewMs.samples} --concurrency ${r.concurrency}\`:`
  );
}

/** Every citizen gets one running journey of each type, as the machine starts it; the first waiting authority step is asked. */
async function seed(db: Client, citizens: number): Promise<number> {
  const templates = definitions().map((def) => {
    const result = runtime.start(def, {
      answers: def.startExamples[0],
      facts: def.factsExamples?.at(-1) ?? {},
      startedAt: new Date().toISOString(),
      reminderDays: [7, 2],
    });
    const steps = (result.snapshot as { context?: { steps?: Record<string, { status: string }> } }).context?.steps ?? {};
    const asked = def.steps.find((s) => s.system && ['active', 'late'].includes(steps[s.id]?.status ?? ''));
    return {
      type: def.id,
      version: def.version,
      state: result.state,
      snapshot: result.snapshot,
      systems: derivedColumns(def, result.context).systems,
      askedStep: asked?.id ?? null,
      askedSystem: asked?.system ?? null,
    };
  });
  await db.query(
    'CREATE TEMP TABLE template (n int, type text, version int, state text, snapshot jsonb, systems text[], step text, system text)',
  );
  for (const [n, t] of templates.entries()) {
    await db.query('INSERT INTO template VALUES ($1,$2,$3,$4,$5,$6,$7,$8)', [
      n,
      t.type,
      t.version,
      t.state,
      t.snapshot,
      t.systems,
      t.askedStep,
      t.askedSystem,
    ]);
  }
  const BATCH = 5000;
  for (let from = 0; from < citizens; from += BATCH) {
    const to = Math.min(citizens, from + BATCH);
    const cprs = Array.from({ length: to - from }, (_, i) => cprOf(from + i));
    await db.query('BEGIN');
    await db.query(`INSERT INTO citizen (id, cpr) SELECT md5('c' || c)::uuid, c FROM unnest($1::text[]) AS x(c)`, [cprs]);
    await db.query(
      `INSERT INTO journey (id, citizen_id, type, definition_version, status, state, snapshot, version, systems, created_at, updated_at)
       SELECT md5('j' || x.c || t.n)::uuid, md5('c' || x.c)::uuid, t.type, t.version, 'active', t.state, t.snapshot, 1, t.systems,
              now() - t.n * interval '1 day', now()
         FROM unnest($1::text[]) AS x(c), template t`,
      [cprs],
    );
    await db.query(
      `INSERT INTO integration_task (id, journey_id, step, task, system, status, created_at)
       SELECT gen_random_uuid(), md5('j' || x.c || t.n)::uuid, t.step, 'seeded', t.system, 'queued', now() - interval '2 days'
         FROM unnest($1::text[]) AS x(c), template t WHERE t.step IS NOT NULL`,
      [cprs],
    );
    await db.query('COMMIT');
  }
  return citizens * templates.length;
}
