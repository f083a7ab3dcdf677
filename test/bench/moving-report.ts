import type { QueueBackendKind } from '../../src/platform/config/settings';
import { SERVICE_NODE_FLAGS } from '../../src/platform/node-flags';
import { FLOOR_SPREAD, floorSpread } from './http-floor';
import type { BenchMachine, MovingBenchResult, MovingRun } from './moving-result';

/**
 * The moving-journeys benchmark's figures (its result: moving-result.ts) as the markdown of
 * docs/performance.md: the `bench:moving` block under "Latest figures" and the `bench:targets` rows.
 * Pure functions of one or more results (a run per backend made apart is shown together).
 */

/** The benchmark's targets (docs/performance.md, "Targets"). */
export const TARGETS = { eventP95Ms: 50, eventP99Ms: 100, cpuMsPerTransition: 4.5, shareOfHttpFloor: 0.2, apiPeakRssMb: 400 };

const BACKENDS: QueueBackendKind[] = ['redis', 'postgres'];
const NAME: Record<QueueBackendKind, { row: string; prose: string; note: string }> = {
  redis: { row: 'Redis', prose: 'on Redis', note: 'Redis' },
  postgres: { row: 'PostgreSQL', prose: 'on the PostgreSQL backend', note: 'PostgreSQL backend' },
};

/** Every figure the markdown shows, by its path in the result: none may be absent (a result of an older bench). */
const RESULT_FIGURES = [
  'at',
  'commit',
  'options.backends',
  'options.journeys',
  'options.concurrency',
  'options.mix',
  'options.wait',
  'options.pollMs',
  'options.latencyRate',
  'machine.cpus',
  'machine.memoryGb',
  'machine.node',
  'machine.postgres.version',
  'machine.postgres.autovacuum',
  'machine.postgres.source',
  'machine.postgres.local',
  'serviceNodeFlags',
  'limit.commitsPerSecond',
  'httpFloor.commitsPerSecond',
  'runs',
];
const RUN_FIGURES = [
  'backend',
  'journeys',
  'completed',
  'transitionsPerSecond',
  'integrationJobsPerSecond',
  ...['p50', 'p95', 'p99'].map((p) => `eventLatencyMsAtHalfLoad.${p}`),
  'eventLatencyMsAtMaxLoad.p99',
  'outboxToJobLagMs.p50',
  'outboxToJobLagMs.p99',
  'peakRssMb.api',
  'peakRssMb.worker',
  ...['api', 'worker', 'postgres', 'redis', 'driver', 'sandbox'].map((p) => `cpuMsPerTransition.${p}`),
  'ratioToHttpFloor',
  'serverEventTimeAtHalfLoad.p99AtMostMs',
  'serverEventTimeAtHalfLoad.shareOver50Ms',
  'serverEventTimeAtHalfLoad.eventLoopDelayMs.p99',
];

const at = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v === null || v === undefined ? undefined : (v as Record<string, unknown>)[key]), value);

/** The paths of the figures a result lacks (empty for a complete one). */
export function missingFigures(result: MovingBenchResult): string[] {
  const missing = RESULT_FIGURES.filter((p) => at(result, p) === undefined);
  (Array.isArray(result.runs) ? result.runs : []).forEach((run, i) =>
    missing.push(...RUN_FIGURES.filter((p) => at(run, p) === undefined).map((p) => `runs[${i}].${p}`)),
  );
  return missing;
}

/** A figure for the docs: `–` where there were no samples (NaN, null in the JSON). */
const shown = (n: number | null, digits: number) => (n === null || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const whole = (n: number | null) => (n === null || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en'));
const list = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
/** One value when the results agree, else one per result in their order: `4,224/s and 4,891/s`. */
const each = (values: string[]) => (new Set(values).size === 1 ? values[0] : list(values));
/** A word that would start a list, heading, quote or table at the start of a line. */
const BLOCK_START = /^(?:[-+*>|]|#+|\d+[.)])$/;

/**
 * A paragraph as the docs write prose: lines of at most `width` characters, broken between words,
 * never inside a code span nor before a word that would start another block.
 */
export function wrap(paragraph: string, width = 100): string {
  const words = paragraph.match(/(?:[^\s`]*`[^`]*`)+[^\s`]*|\S+/g) ?? [];
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    const fits = last !== undefined && last.length + 1 + word.length <= width;
    if (last !== undefined && (fits || BLOCK_START.test(word))) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

function machineLine(m: BenchMachine): string {
  const cores = m.cpus === 1 ? 'that one core' : `those ${NUMBER_WORDS[m.cpus] ?? m.cpus} cores`;
  const here = ['API', 'worker', ...(m.postgres.local ? ['PostgreSQL'] : []), ...(m.redis?.local ? ['Redis'] : []), 'driver', 'sandbox'];
  const elsewhere = [...(m.postgres.local ? [] : ['PostgreSQL']), ...(m.redis && !m.redis.local ? ['Redis'] : [])];
  return (
    `**Machine**: ${m.cpus} ${m.cpus === 1 ? 'core' : 'cores'}${m.cpuModel ? ` (${m.cpuModel})` : ''}, ${m.memoryGb.toFixed(1)} GB RAM, ` +
    `Node ${m.node.replace(/^v/, '')}, PostgreSQL ${m.postgres.version} (autovacuum ${m.postgres.autovacuum ? 'on' : 'off'})` +
    `${m.redis ? `, Redis ${m.redis.version}` : ''}; ${list(here)} all on ${cores}` +
    `${elsewhere.length ? `; ${list(elsewhere)} on another host` : ''}.`
  );
}

/** Where the service processes found PostgreSQL and Redis. */
function services(m: BenchMachine): string {
  const machines = (local: boolean, what: string) => (local ? `the machine's ${what}` : `a ${what} on another host`);
  const redis = m.redis ? machines(m.redis.local, 'Redis') : undefined;
  if (m.postgres.source === 'embedded') return `the embedded PostgreSQL${redis ? `, \`REDIS_URL\` set to ${redis}` : ''}`;
  const postgres = machines(m.postgres.local, 'PostgreSQL');
  if (!m.redis) return `\`DATABASE_URL\` set to ${postgres}`;
  const both = m.postgres.local && m.redis.local ? "the machine's PostgreSQL and Redis" : `${postgres} and ${redis}`;
  return `\`DATABASE_URL\` and \`REDIS_URL\` set to ${both}`;
}

/** The command that repeats the run: every option that shapes the figures, and the environment passed through. */
export function commandLine(r: MovingBenchResult): string {
  const o = r.options;
  const env = [
    ...(o.pgOptions === undefined ? [] : [`PGOPTIONS='${o.pgOptions}'`]),
    ...(o.workerNice === undefined ? [] : [`WORKER_NICE=${o.workerNice}`]),
  ];
  const args = [`--backends ${o.backends.join(',')}`, `--journeys ${o.journeys}`];
  args.push(`--warmup ${o.warmup ?? 0}`); // a result without it was taken before the bench warmed up
  args.push(`--concurrency ${o.concurrency}`, `--mix ${o.mix}`);
  args.push(o.wait === 'poll' ? `--wait poll --poll-ms ${o.pollMs}` : '--wait stream');
  if (o.latencyRate !== null) args.push(`--latency-rate ${o.latencyRate}`);
  if (r.serviceNodeFlags.join(' ') !== SERVICE_NODE_FLAGS.join(' ')) args.push(`--node-flags '${r.serviceNodeFlags.join(' ')}'`);
  if (o.profile) args.push('--profile');
  return [...env, 'npm run bench --', ...args].join(' ');
}

/**
 * Throws unless the results can stand in one table: every figure present, one machine, each backend
 * once (counting `backendsToCome`, those of a run about to start).
 */
export function checkResults(results: MovingBenchResult[], backendsToCome: QueueBackendKind[] = []): void {
  results.forEach((r, i) => {
    const missing = missingFigures(r);
    if (missing.length) throw new Error(`result ${i + 1} (${r.at ?? 'undated'}) lacks ${missing.join(', ')}`);
  });
  const machines = new Set(results.map((r) => `${machineLine(r.machine)} ${services(r.machine)}`));
  if (machines.size > 1) throw new Error('the results come from different machines or versions: show them apart');
  const backends = [...results.flatMap((r) => r.runs.map((run) => run.backend)), ...backendsToCome];
  const twice = BACKENDS.find((b) => backends.filter((x) => x === b).length > 1);
  if (twice) throw new Error(`${NAME[twice].note} is in more than one result: show one run per backend`);
}

/** The runs of all results, after checking they can stand in one table. */
function combined(results: MovingBenchResult[]): MovingRun[] {
  if (results.length === 0) throw new Error('no benchmark result to show');
  checkResults(results);
  return results.flatMap((result) => result.runs);
}

const notRun = (runs: MovingRun[]) => BACKENDS.filter((b) => !runs.some((r) => r.backend === b));

const TABLE_HEAD =
  '| backend | journeys completed | transitions/s | integration jobs/s | event p50 / p95 / p99 at half load (ms) ' +
  '| p99 at full load (ms) | outbox → job lag p50 / p99 (ms) | peak RSS API / worker (MB) ' +
  '| CPU ms per transition: API / worker / PostgreSQL / Redis / driver + sandbox | transitions ÷ HTTP floor |\n' +
  '|---|---|---|---|---|---|---|---|---|---|';

/** CPU time per transition of all processes (ms), as the sum of the figures shown. */
export function cpuTotal(run: MovingRun): number | null {
  const c = run.cpuMsPerTransition;
  const parts = [c.api, c.worker, c.postgres, c.redis, c.driver, c.sandbox];
  return parts.some((n) => n === null || !Number.isFinite(n)) ? null : Math.round(parts.reduce((s, n) => s + n, 0) * 100) / 100;
}

function tableRow(run: MovingRun): string {
  const e = run.eventLatencyMsAtHalfLoad;
  const c = run.cpuMsPerTransition;
  const redis = run.backend === 'redis' ? shown(c.redis, 2) : '–';
  return (
    `| ${NAME[run.backend].row} | ${whole(run.completed)} / ${whole(run.journeys)} | ${whole(run.transitionsPerSecond)} ` +
    `| ${whole(run.integrationJobsPerSecond)} | ${shown(e.p50, 1)} / ${shown(e.p95, 1)} / ${shown(e.p99, 1)} ` +
    `| ${whole(run.eventLatencyMsAtMaxLoad.p99)} | ${whole(run.outboxToJobLagMs.p50)} / ${whole(run.outboxToJobLagMs.p99)} ` +
    `| ${whole(run.peakRssMb.api)} / ${whole(run.peakRssMb.worker)} ` +
    `| ${shown(c.api, 2)} / ${shown(c.worker, 2)} / ${shown(c.postgres, 2)} / ${redis} / ${shown(c.driver, 2)} + ${shown(c.sandbox, 2)} ` +
    `(${shown(cpuTotal(run), 2)}) | ${shown(run.ratioToHttpFloor, 3)} |`
  );
}

/** The API's own timing of the half-load events and its event-loop delay, in one sentence. */
function serverSentence(runs: MovingRun[]): string {
  const s = (r: MovingRun) => r.serverEventTimeAtHalfLoad;
  const bound = (r: MovingRun) => `${whole(s(r).p99AtMostMs)} ms`;
  const share = (r: MovingRun) => `${shown((s(r).shareOver50Ms ?? NaN) * 100, 1)} %`;
  const loop = (r: MovingRun) => `${shown(s(r).eventLoopDelayMs.p99, 1)} ms`;
  if (runs.length === 1) {
    const [r] = runs;
    return (
      `As the API timed the half-load events, 99 % took at most ${bound(r)} ${NAME[r.backend].prose} (${share(r)} above 50 ms); ` +
      `the API's event loop was late by up to ${loop(r)} at the 99th percentile.`
    );
  }
  const bounds = new Set(runs.map(bound));
  const within =
    bounds.size === 1
      ? `${bound(runs[0])} on ${runs.length === 2 ? 'both' : 'all'} backends`
      : list(runs.map((r) => `${bound(r)} ${NAME[r.backend].prose}`));
  const shares = runs.map((r, i) => `${share(r)}${i === 0 ? ' above 50 ms' : ''} ${NAME[r.backend].prose}`);
  return (
    `As the API timed the half-load events, 99 % took at most ${within} (${shares.join(', ')}); ` +
    `the API's event loop was late by up to ${list(runs.map((r) => `${loop(r)} (${NAME[r.backend].note})`))} at the 99th percentile.`
  );
}

/** The `bench:moving` block: the machine, the run, the table of figures and the API's own timing. */
export function renderMovingFigures(results: MovingBenchResult[]): string {
  const runs = combined(results);
  const first = results[0];
  const commits = results.map((r) => `\`${r.commit}\``);
  const waits = results.map((r) =>
    r.options.wait === 'poll'
      ? `the driver polling the journey every ${r.options.pollMs} ms`
      : "the driver waiting on the journey's event stream",
  );
  const missing = notRun(runs).map((b) => `The ${NAME[b].note} was not in the run: its earlier figures are in git history.`);
  const paragraph =
    `**Benchmark**, ${each(results.map((r) => r.at.slice(0, 10)))}, ` +
    `${new Set(commits).size > 1 ? 'commits' : 'commit'} ${each(commits)}, ` +
    `${results.map((r) => `\`${commandLine(r)}\``).join(' and then ')} ` +
    `(${each(results.map((r) => whole(r.options.journeys)))} \`moving\` journeys, ` +
    `${each(results.map((r) => whole(r.options.concurrency)))} citizens at a time, ${each(waits)}), ${services(first.machine)}. ` +
    warmupSentence(runs) +
    `Raw commits: ${each(results.map((r) => `${whole(r.limit.commitsPerSecond)}/s`))}; ` +
    `HTTP floor ${each(results.map((r) => whole(r.httpFloor.commitsPerSecond)))} commits/s ` +
    `(${each(results.map((r) => shown(r.httpFloor.commitsPerSecond / r.limit.commitsPerSecond, 2)))} × raw)` +
    floorMeasurements(results) +
    '.' +
    floorWarning(results) +
    missing.map((m) => ` ${m}`).join('');
  return [
    wrap(machineLine(first.machine)),
    wrap(paragraph),
    [TABLE_HEAD, ...runs.map(tableRow)].join('\n'),
    wrap(serverSentence(runs)),
  ].join('\n\n');
}

/** Which run a result is, by its backends: "the Redis run". */
const runName = (r: MovingBenchResult) => `the ${list(r.runs.map((run) => NAME[run.backend].note))} run`;

/** The floor's measurements before and after the journeys, where it is their mean. */
function floorMeasurements(results: MovingBenchResult[]): string {
  const measured = results.filter((r) => r.httpFloor.measuredCommitsPerSecond?.length === 2);
  if (!measured.length) return '';
  const pairs = measured.map((r) => {
    const [before, after] = r.httpFloor.measuredCommitsPerSecond!;
    return `${results.length > 1 ? `${runName(r)}: ` : ''}${whole(before)} and ${whole(after)}`;
  });
  return `, the mean of measurements before and after the journeys (${pairs.join('; ')})`;
}

/** A floor whose two measurements disagree: the machine's pace or state moved, and the ratio to the floor with it. */
function floorWarning(results: MovingBenchResult[]): string {
  const moved = results.filter((r) => floorSpread(r.httpFloor) > FLOOR_SPREAD);
  if (!moved.length) return '';
  const which = results.length > 1 ? ` of ${list(moved.map(runName))}` : '';
  return (
    ` The floor's two measurements${which} lie more than ${whole(FLOOR_SPREAD * 100)} % apart, ` +
    `so ${moved.length > 1 ? 'their ratios' : 'the ratio'} to the floor ${moved.length > 1 ? 'are' : 'is'} uncertain.`
  );
}

/** What the warm-up before phase 1 cost while the processes were new, so the counted figures are not mistaken for a cold start's. */
function warmupSentence(runs: MovingRun[]): string {
  const warmed = runs.filter((r) => r.warmup);
  if (!warmed.length) return '';
  const costs = warmed.map(
    ({ warmup: w, backend }, i) =>
      `${w!.cpuMsPerTransition.api} and ${w!.cpuMsPerTransition.worker} ms${i === 0 ? ' of CPU per transition' : ''}` +
      (warmed.length > 1 ? ` ${NAME[backend].prose}` : ''),
  );
  return (
    `Before phase 1, ${each(warmed.map((r) => whole(r.warmup!.journeys)))} journeys warmed the new processes up, not counted; ` +
    `their API and worker used ${list(costs)}. `
  );
}

/** "yes" when every backend run meets the target, else "no" (and where it was met, if anywhere). */
function met(runs: MovingRun[], holds: (r: MovingRun) => boolean, yes = 'yes'): string {
  const passing = runs.filter(holds);
  if (passing.length === runs.length) return yes;
  return passing.length ? `no (met ${list(passing.map((r) => NAME[r.backend].prose))} only)` : 'no';
}

const below = (n: number | null, limit: number) => n !== null && Number.isFinite(n) && n < limit;
const atMost = (n: number | null, limit: number) => n !== null && Number.isFinite(n) && n <= limit;
const atLeast = (n: number | null, limit: number) => n !== null && Number.isFinite(n) && n >= limit;

/** The `bench:targets` block: the benchmark's rows of the targets table, with the run's figures and whether each target is met. */
export function renderBenchTargets(results: MovingBenchResult[]): string {
  const runs = combined(results);
  const absent = notRun(runs).map((b) => `; ${NAME[b].note} not in the run`);
  const latest = (figure: (r: MovingRun, i: number) => string) =>
    runs.map((r, i) => `${figure(r, i)} (${NAME[r.backend].note})`).join(', ') + absent.join('');
  const t = TARGETS;
  const targetRows: [string, string, string][] = [
    [
      `API peak RSS under load below ${t.apiPeakRssMb} MB`,
      latest((r) => `${whole(r.peakRssMb.api)} MB`),
      met(runs, (r) => below(r.peakRssMb.api, t.apiPeakRssMb)),
    ],
    [
      `Event API p95 below ${t.eventP95Ms} ms and p99 below ${t.eventP99Ms} ms at half load`,
      latest((r, i) => {
        const e = r.eventLatencyMsAtHalfLoad;
        return i === 0 ? `p95 ${shown(e.p95, 1)} / p99 ${shown(e.p99, 1)} ms` : `${shown(e.p95, 1)} / ${shown(e.p99, 1)} ms`;
      }),
      met(
        runs,
        (r) => below(r.eventLatencyMsAtHalfLoad.p95, t.eventP95Ms) && below(r.eventLatencyMsAtHalfLoad.p99, t.eventP99Ms),
        'yes, in one run (three in a row are the test)',
      ),
    ],
    [
      `CPU per transition, all processes, at most ${t.cpuMsPerTransition} ms`,
      latest((r) => `${shown(cpuTotal(r), 2)} ms`),
      met(runs, (r) => atMost(cpuTotal(r), t.cpuMsPerTransition)),
    ],
    [
      `Transitions per second at least ${t.shareOfHttpFloor} × the HTTP floor`,
      latest((r) => shown(r.ratioToHttpFloor, 3)),
      met(runs, (r) => atLeast(r.ratioToHttpFloor, t.shareOfHttpFloor)),
    ],
  ];
  return ['| Target | Latest | Met |', '|---|---|---|', ...targetRows.map((cells) => `| ${cells.join(' | ')} |`)].join('\n');
}
