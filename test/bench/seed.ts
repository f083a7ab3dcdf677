import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { allDefinitions } from '../../journeys';
import { derivedColumns } from '../../src/engine/runtime/journey-facts';
import * as runtime from '../../src/engine/runtime/journey-runtime';
import { loadConfig } from '../../src/platform/config/app.config';
import { createDataSource, runMigrations } from '../../src/platform/database/data-source';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { peakRssMb, repoRoot, ServiceChild } from './processes';
import { percentile, round } from './stats';
import { arg } from './args';

/**
 * `npm run bench:seed -- --journeys 1000000`: fills a database with journeys of all eleven types
 * (snapshots from the real machines, a spread of states, deadlines, failures and broken ones, three
 * history rows each), then measures the caseworker search through the HTTP API. `--reuse` keeps an
 * already-seeded `lf_bench_search` (pending migrations still run on it, backfills included) and only
 * measures, to iterate on the search without seeding again. `--resume` keeps it too and seeds on from
 * the journeys it holds up to `--journeys`: each batch commits on its own, so a seed stopped between
 * or inside batches goes on where the last committed batch ended.
 */
const JOURNEYS = Number(arg('journeys', '1000000'));
const SEARCHES = Number(arg('searches', '300'));
const RESUME = process.argv.includes('--resume');
const REUSE = RESUME || process.argv.includes('--reuse');

/** Tables whose size grows with the journeys: the stored size per journey counts those there are. */
const STORED_TABLES = ['journey', 'journey_history', 'citizen', 'journey_scope'];

type Template = { type: string; version: number; state: string; snapshot: Record<string, unknown>; systems: string[] };
const say = (m: string) => process.stdout.write(`${m}\n`);

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', AUTH_MODE: 'dev' });
  const embedded = config.database.url ? undefined : await startEmbeddedPostgres(config.database, say);
  const adminUrl = config.database.url ?? embedded!.adminUrl;
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = '/lf_bench_search';
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const reuse = REUSE && (await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'lf_bench_search'`)).rowCount === 1;
  if (!reuse) {
    await admin.query('DROP DATABASE IF EXISTS lf_bench_search WITH (FORCE)');
    await admin.query('CREATE DATABASE lf_bench_search');
  }
  await admin.end();
  const ds = createDataSource(dbUrl.toString());
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();

  // One template per journey type, from its machine, as a citizen would start it.
  const templates = allDefinitions().map((def) => {
    const input = {
      answers: def.startExamples[0],
      facts: def.factsExamples?.at(-1) ?? {},
      startedAt: new Date().toISOString(),
      reminderDays: [7, 2],
    };
    const result = runtime.start(def, input);
    return { type: def.id, version: def.version, state: result.state, snapshot: result.snapshot, ...derivedColumns(def, result.context) };
  });
  const db = new Client({ connectionString: dbUrl.toString() });
  await db.connect();
  const held = reuse ? Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM journey')).rows[0].n) : 0;
  if (reuse) say(`reusing lf_bench_search (${held} journeys)`);
  if (!reuse || (RESUME && held < JOURNEYS)) await seed(db, templates, held);
  const tables = (
    await db.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relname = ANY($1)`, [STORED_TABLES])
  ).rows.map((r) => r.relname);
  for (const table of tables) await db.query(`VACUUM ANALYZE ${table}`);
  const sizeRow = (
    await db.query<{ b: number; n: number }>(
      `SELECT (${tables.map((t) => `pg_total_relation_size('${t}')`).join(' + ')})::float / count(*) AS b, count(*)::int AS n FROM journey`,
    )
  ).rows[0];
  const size = sizeRow.b;
  const journeys = sizeRow.n;
  const api = new ServiceChild('api', {
    DATABASE_URL: dbUrl.toString(),
    ROLE: 'api',
    PORT: '3190',
    METRICS_PORT: '3191',
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  });
  api.start();
  await api.ready('3190');
  const base = 'http://127.0.0.1:3190';
  const token = async (authority: string): Promise<string> => {
    const res = await fetch(`${base}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'caseworker', subject: 'cw', authority }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const authorities = ['municipality', 'udbetaling-danmark', 'skattestyrelsen', 'cpr'];
  const tokens = await Promise.all(authorities.map(token));
  const filters: ((type: string) => string)[] = [
    (t: string) => `type=${t}`,
    (t: string) => `type=${t}&status=active`,
    () => 'overdue=true',
    (t: string) => `type=${t}&overdue=true`,
    () => 'failed=true',
    () => 'status=broken',
    () => '',
  ];
  const latencies: number[] = [];
  const cases: { search: string; ms: number }[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const query = filters[i % filters.length](templates[i % templates.length].type);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/caseworker/journeys?${query}`, {
      headers: { authorization: `Bearer ${tokens[i % tokens.length]}` },
    });
    await res.json();
    if (!res.ok) throw new Error(`search ${query} answered ${res.status}`);
    latencies.push(performance.now() - t0);
    cases.push({ search: `${authorities[i % tokens.length]}: ${query || '(no filter)'}`, ms: round(latencies[i]) });
  }
  const rss = peakRssMb(api.pid);
  await api.stop();
  await db.end();
  await embedded?.stop();
  const result = {
    at: new Date().toISOString(),
    journeys,
    storedBytesPerJourney: Math.round(size),
    caseworkerSearchMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      samples: latencies.length,
    },
    apiPeakRssMb: rss,
    // The searches behind the tail, to know which case to look at next.
    slowest: cases.sort((a, b) => b.ms - a.ms).slice(0, 10),
  };
  const dir = path.join(repoRoot(), 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `search-${result.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(result, null, 2));
  say(JSON.stringify(result, null, 2));
}

/** Journeys `from` … `JOURNEYS - 1`; journey g's ids are derived from g, so a resumed seed continues the same population. */
async function seed(db: Client, templates: Template[], from: number): Promise<void> {
  await db.query('CREATE TEMP TABLE template (n int, type text, version int, state text, snapshot jsonb, systems text[])');
  for (const [n, t] of templates.entries()) {
    await db.query('INSERT INTO template VALUES ($1,$2,$3,$4,$5,$6)', [n, t.type, t.version, t.state, t.snapshot, t.systems]);
  }
  const started = Date.now();
  const BATCH = 100_000;
  for (let first = from; first < JOURNEYS; first += BATCH) {
    const to = Math.min(JOURNEYS, first + BATCH) - 1;
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO citizen (id, cpr) SELECT md5('c' || g)::uuid, lpad(g::text, 10, '0') FROM generate_series($1::int, $2::int) g`,
      [first, to],
    );
    // Statuses, deadlines and failures spread like a real population: most active, some overdue.
    await db.query(
      `INSERT INTO journey (id, citizen_id, type, definition_version, status, state, snapshot, version, next_deadline, has_failed_step,
                            systems, created_at, updated_at, completed_at)
       SELECT md5('j' || g)::uuid, md5('c' || g)::uuid, t.type, t.version,
              CASE WHEN g % 20 = 0 THEN 'completed' WHEN g % 97 = 0 THEN 'broken' WHEN g % 31 = 0 THEN 'dismissed' ELSE 'active' END,
              t.state, t.snapshot, 3,
              current_date + ((g % 150) - 30), g % 53 = 0, t.systems,
              now() - (g % 400) * interval '1 hour', now() - (g % 300) * interval '1 minute',
              CASE WHEN g % 20 = 0 THEN now() END
         FROM generate_series($1::int, $2::int) g JOIN template t ON t.n = g % ${templates.length}`,
      [first, to],
    );
    await db.query(
      `INSERT INTO journey_history (journey_id, seq, event_type, event_data, actor, state)
       SELECT md5('j' || g)::uuid, s, CASE s WHEN 1 THEN 'journey.started' ELSE 'integration.completed' END, '{}'::jsonb,
              '{"kind":"citizen","id":"seed"}'::jsonb, 'seeded'
         FROM generate_series($1::int, $2::int) g, generate_series(1, 3) s`,
      [first, to],
    );
    await db.query('COMMIT');
    say(`seeded ${to + 1} journeys (${round((Date.now() - started) / 1000)} s)`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:seed failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
