import { checkResults, commandLine, renderBenchTargets, renderMovingFigures, wrap } from '../../bench/moving-report';
import type { MovingBenchResult } from '../../bench/moving-result';
import { consoleSummary } from '../../bench/console-summary';
import { meanFloor } from '../../bench/http-floor';
import { postgresRun, redisRun } from './moving-results.fixture';

/** The block's parts: machine line, run paragraph and sentence as one line each, the table as its lines. */
function parts(markdown: string) {
  const [machine, run, table, server, ...rest] = markdown.split('\n\n');
  expect(rest).toEqual([]);
  const line = (text: string) => text.replace(/\n/g, ' ');
  return { machine: line(machine), run: line(run), table: table.split('\n'), server: line(server) };
}
const cells = (row: string) =>
  row
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
const tableRows = (markdown: string) => markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Target |'));
const targetRows = (results: MovingBenchResult[]) => tableRows(renderBenchTargets(results)).map(cells);

describe('the benchmark figures in docs/performance.md', () => {
  const both = () => [redisRun(), postgresRun()];

  it('names the machine as the bench read it, the commands of the runs and the machine limits each run measured', () => {
    const { machine, run } = parts(renderMovingFigures(both()));
    expect(machine).toBe(
      '**Machine**: 2 cores (AMD EPYC), 23.5 GB RAM, Node 20.20.2, PostgreSQL 15.20 (autovacuum off), Redis 7.0.15; ' +
        'API, worker, PostgreSQL, Redis, driver and sandbox all on those two cores.',
    );
    expect(run).toBe(
      '**Benchmark**, 2026-12-06, commit `e6c46c9`, ' +
        '`npm run bench -- --backends redis --journeys 2000 --warmup 0 --concurrency 32 --mix 10 --wait stream` and then ' +
        '`npm run bench -- --backends postgres --journeys 2000 --warmup 0 --concurrency 32 --mix 10 --wait stream` ' +
        "(2,000 `moving` journeys, 32 citizens at a time, the driver waiting on the journey's event stream), " +
        "`DATABASE_URL` and `REDIS_URL` set to the machine's PostgreSQL and Redis. " +
        'Raw commits: 4,224/s and 4,891/s; HTTP floor 2,039 and 2,459 commits/s (0.48 and 0.50 × raw).',
    );
  });

  it('shows every figure of each backend in the columns of the docs table', () => {
    const { table } = parts(renderMovingFigures(both()));
    expect(cells(table[0])).toEqual([
      'backend',
      'journeys completed',
      'transitions/s',
      'integration jobs/s',
      'event p50 / p95 / p99 at half load (ms)',
      'p99 at full load (ms)',
      'outbox → job lag p50 / p99 (ms)',
      'peak RSS API / worker (MB)',
      'CPU ms per transition: API / worker / PostgreSQL / Redis / driver + sandbox',
      'transitions ÷ HTTP floor',
    ]);
    expect(table[1]).toBe('|---|---|---|---|---|---|---|---|---|---|');
    expect(table.slice(2).map(cells)).toEqual([
      [
        'Redis',
        '2,000 / 2,000',
        '196',
        '39',
        '8.8 / 18.4 / 58.3',
        '299',
        '117 / 284',
        '257 / 224',
        '4.06 / 1.66 / 2.11 / 0.27 / 0.58 + 0.23 (8.91)',
        '0.100',
      ],
      [
        'PostgreSQL',
        '2,000 / 2,000',
        '160',
        '32',
        '10.7 / 34.7 / 62.8',
        '352',
        '154 / 523',
        '270 / 218',
        '4.04 / 1.72 / 4.89 / – / 0.59 + 0.24 (11.48)',
        '0.070',
      ],
    ]);
  });

  it("prints at the end of a run the row of each backend, the API's own timing and the machine limits", () => {
    const lines = consoleSummary(redisRun());
    expect(lines).toContain(
      '| redis | 2000/2000 completed | 196.2 | 39.2 | 8.8 / 18.4 / 58.3 | 284.1 | 257 / 224 | 0.05 ' +
        '| 4.06 / 1.66 / 2.11 / 0.27 / 0.58 / 0.23 |',
    );
    expect(lines).toContain('raw commits/s: 4224 (pgbench -N, 32 clients)');
    expect(lines.join('\n')).toContain('2039 commits/s = 0.48 × raw');
    expect(lines.join('\n')).toContain('0.8 % above 50 ms (1994 events)');
  });

  it("prints how late the driver's own event loop ran and the system calls per transition, when the run measured them", () => {
    const r = redisRun();
    expect(consoleSummary(r).join('\n')).not.toContain("the driver's");
    r.runs[0].driverEventLoopDelayMs = { p99: 20.8, max: 35.9 };
    r.runs[0].syscallsPerTransition = { api: 6.9, worker: 5.4, redis: 3.5, driver: 2, sandbox: 1.2 };
    const text = consoleSummary(r).join('\n');
    expect(text).toMatch(/API event-loop delay p99 \/ max [\d.]+ \/ [\d.]+ ms; the driver's 20.8 \/ 35.9 ms/);
    expect(text).toContain('redis, read and write system calls per transition: api 6.9 / worker 5.4 / redis 3.5 / driver 2 / sandbox 1.2');
  });

  it('tells how the API timed the half-load events and how late its event loop was, per backend', () => {
    expect(parts(renderMovingFigures(both())).server).toBe(
      'As the API timed the half-load events, 99 % took at most 50 ms on both backends ' +
        '(0.8 % above 50 ms on Redis, 0.9 % on the PostgreSQL backend); ' +
        "the API's event loop was late by up to 4.3 ms (Redis) and 7.3 ms (PostgreSQL backend) at the 99th percentile.",
    );
    const slower = postgresRun();
    slower.runs[0].serverEventTimeAtHalfLoad.p99AtMostMs = 100;
    expect(parts(renderMovingFigures([redisRun(), slower])).server).toContain(
      '99 % took at most 50 ms on Redis and 100 ms on the PostgreSQL backend (',
    );
  });

  it('computes from the run whether each target is met: not with 8.91 ms CPU per transition against 4.5', () => {
    expect(targetRows(both())).toEqual([
      ['API peak RSS under load below 400 MB', '257 MB (Redis), 270 MB (PostgreSQL backend)', 'yes'],
      [
        'Event API p95 below 50 ms and p99 below 100 ms at half load',
        'p95 18.4 / p99 58.3 ms (Redis), 34.7 / 62.8 ms (PostgreSQL backend)',
        'yes, in one run (three in a row are the test)',
      ],
      ['CPU per transition, all processes, at most 4.5 ms', '8.91 ms (Redis), 11.48 ms (PostgreSQL backend)', 'no'],
      ['Transitions per second at least 0.2 × the HTTP floor', '0.100 (Redis), 0.070 (PostgreSQL backend)', 'no'],
    ]);
  });

  it('says yes where the figures hold, at the bounds the targets name', () => {
    const r = redisRun();
    const run = r.runs[0];
    run.cpuMsPerTransition = { api: 2, worker: 1, postgres: 1, redis: 0.2, driver: 0.2, sandbox: 0.1 };
    run.ratioToHttpFloor = 0.2;
    run.peakRssMb.api = 400;
    run.eventLatencyMsAtHalfLoad = { ...run.eventLatencyMsAtHalfLoad, p95: 49.9, p99: 100 };
    expect(targetRows([r]).map(([target, , met]) => [target.split(' ')[0], met])).toEqual([
      ['API', 'no'],
      ['Event', 'no'],
      ['CPU', 'yes'],
      ['Transitions', 'yes'],
    ]);
    run.eventLatencyMsAtHalfLoad.p99 = 99.9;
    expect(targetRows([r])[1][2]).toBe('yes, in one run (three in a row are the test)');
    // Just below the bound: shown as it is, not rounded up to a figure that would read as met.
    run.ratioToHttpFloor = 0.199;
    expect(targetRows([r])[3].slice(1)).toEqual(['0.199 (Redis); PostgreSQL backend not in the run', 'no']);
    expect(targetRows([r])[2][1]).toBe('4.50 ms (Redis); PostgreSQL backend not in the run');
  });

  it('shows the floor as the mean of its measurements before and after the journeys, and says when they disagree', () => {
    const steady = redisRun();
    steady.httpFloor = meanFloor([
      { ...steady.httpFloor, commitsPerSecond: 2100 },
      { ...steady.httpFloor, commitsPerSecond: 1980, cpuMsPerRequest: { server: 0.23, postgres: 0.19, driver: 0.1 } },
    ]);
    expect(steady.httpFloor).toEqual({
      commitsPerSecond: 2040,
      clients: 32,
      cpuMsPerRequest: { server: 0.22, postgres: 0.19, driver: 0.11 },
      measuredCommitsPerSecond: [2100, 1980],
    });
    expect(parts(renderMovingFigures([steady])).run).toContain(
      'HTTP floor 2,040 commits/s (0.48 × raw), the mean of measurements before and after the journeys (2,100 and 1,980). ' +
        'The PostgreSQL backend',
    );
    expect(consoleSummary(steady).at(-1)).toContain('2040 commits/s (mean of 2100 before and 1980 after the journeys) = 0.48 × raw');

    const moved = redisRun();
    moved.httpFloor = meanFloor([moved.httpFloor, { ...moved.httpFloor, commitsPerSecond: 1500 }]);
    expect(parts(renderMovingFigures([moved])).run).toContain(
      "(2,039 and 1,500). The floor's two measurements lie more than 15 % apart, so the ratio to the floor is uncertain.",
    );
    expect(consoleSummary(moved).at(-1)).toContain(
      '(mean of 2039 before and 1500 after the journeys: more than 15 % apart, the ratio is uncertain)',
    );
    // Two runs, each with its pair, named by backend; and a result with one measurement (an older bench) shows the floor alone.
    const pg = postgresRun();
    pg.httpFloor = meanFloor([pg.httpFloor, { ...pg.httpFloor, commitsPerSecond: 1800 }]);
    expect(parts(renderMovingFigures([steady, pg])).run).toContain(
      'the mean of measurements before and after the journeys (the Redis run: 2,100 and 1,980; ' +
        "the PostgreSQL backend run: 2,459 and 1,800). The floor's two measurements of the PostgreSQL backend run lie more than " +
        '15 % apart, so the ratio to the floor is uncertain.',
    );
    expect(parts(renderMovingFigures([redisRun()])).run).toContain('HTTP floor 2,039 commits/s (0.48 × raw).');
  });

  it('says where a target held when one backend meets it and the other does not', () => {
    const r = redisRun();
    r.runs[0].eventLatencyMsAtHalfLoad.p95 = 50;
    expect(targetRows([r, postgresRun()])[1][2]).toBe('no (met on the PostgreSQL backend only)');
  });

  it('names a backend not in the run instead of showing figures of another run for it', () => {
    const { run, table, server } = parts(renderMovingFigures([redisRun()]));
    expect(run).toContain('Raw commits: 4,224/s; HTTP floor 2,039 commits/s (0.48 × raw).');
    expect(run).toMatch(/The PostgreSQL backend was not in the run: its earlier figures are in git history\.$/);
    expect(table.slice(2).map((row) => cells(row)[0])).toEqual(['Redis']);
    expect(server).toBe(
      'As the API timed the half-load events, 99 % took at most 50 ms on Redis (0.8 % above 50 ms); ' +
        "the API's event loop was late by up to 4.3 ms at the 99th percentile.",
    );
    expect(targetRows([redisRun()]).map(([, latest]) => latest)).toEqual([
      '257 MB (Redis); PostgreSQL backend not in the run',
      'p95 18.4 / p99 58.3 ms (Redis); PostgreSQL backend not in the run',
      '8.91 ms (Redis); PostgreSQL backend not in the run',
      '0.100 (Redis); PostgreSQL backend not in the run',
    ]);
  });

  it('shows – for a percentile without samples, also in a result read back from its JSON, and no target met by it', () => {
    const r = redisRun();
    r.runs[0].outboxToJobLagMs = { p50: NaN, p99: NaN, samples: 0 };
    r.runs[0].eventLatencyMsAtHalfLoad = { p50: NaN, p95: NaN, p99: NaN, samples: 0 };
    for (const result of [r, JSON.parse(JSON.stringify(r)) as MovingBenchResult]) {
      const row = cells(parts(renderMovingFigures([result])).table[2]);
      expect([row[4], row[6]]).toEqual(['– / – / –', '– / –']);
      expect(targetRows([result])[1].slice(1)).toEqual(['p95 – / p99 – ms (Redis); PostgreSQL backend not in the run', 'no']);
    }
  });

  it('refuses a result that lacks a figure, naming it', () => {
    const lag = redisRun();
    delete (lag.runs[0].outboxToJobLagMs as Partial<MovingBenchResult['runs'][0]['outboxToJobLagMs']>).p99;
    expect(() => renderMovingFigures([lag])).toThrow(/lacks runs\[0\]\.outboxToJobLagMs\.p99$/);
    const older = redisRun() as Partial<MovingBenchResult>;
    delete older.commit;
    delete older.machine!.postgres;
    expect(() => renderBenchTargets([older as MovingBenchResult])).toThrow(
      /lacks commit, machine\.postgres\.version, machine\.postgres\.autovacuum, machine\.postgres\.source, machine\.postgres\.local$/,
    );
    expect(() => renderMovingFigures([])).toThrow('no benchmark result to show');
  });

  it('refuses results it cannot show in one table', () => {
    expect(() => renderMovingFigures([redisRun(), redisRun()])).toThrow('Redis is in more than one result');
    expect(() => checkResults([redisRun()], ['redis'])).toThrow('Redis is in more than one result');
    expect(() => checkResults([redisRun()], ['postgres'])).not.toThrow();
    const elsewhere = postgresRun();
    elsewhere.machine.node = 'v22.12.0';
    expect(() => renderBenchTargets([redisRun(), elsewhere])).toThrow('the results come from different machines or versions');
  });

  it('says where PostgreSQL and Redis ran when they were not on the machine', () => {
    const r = redisRun();
    r.machine.postgres.local = false;
    const { machine, run } = parts(renderMovingFigures([r]));
    expect(machine).toMatch(/; API, worker, Redis, driver and sandbox all on those two cores; PostgreSQL on another host\.$/);
    expect(run).toContain("`DATABASE_URL` and `REDIS_URL` set to a PostgreSQL on another host and the machine's Redis.");
    r.machine.postgres = { ...r.machine.postgres, source: 'embedded', local: true };
    delete r.machine.redis;
    expect(parts(renderMovingFigures([r])).run).toContain("waiting on the journey's event stream), the embedded PostgreSQL.");
  });

  it('writes the command that repeats a run, with every option and setting that shapes its figures', () => {
    const r = redisRun();
    expect(commandLine(r)).toBe('npm run bench -- --backends redis --journeys 2000 --warmup 0 --concurrency 32 --mix 10 --wait stream');
    r.options = {
      ...r.options,
      backends: ['redis', 'postgres'],
      wait: 'poll',
      pollMs: 100,
      latencyRate: 80,
      profile: true,
      pgOptions: '-c log_statement=all',
      workerNice: '0',
    };
    r.serviceNodeFlags = [];
    expect(commandLine(r)).toBe(
      "PGOPTIONS='-c log_statement=all' WORKER_NICE=0 npm run bench -- --backends redis,postgres --journeys 2000 --warmup 0 " +
        "--concurrency 32 --mix 10 --wait poll --poll-ms 100 --latency-rate 80 --node-flags '' --profile",
    );
    expect(parts(renderMovingFigures([r])).run).toContain('32 citizens at a time, the driver polling the journey every 100 ms)');
  });

  it('names the warm-up in the command and says what it cost while the processes were new', () => {
    const r = redisRun();
    r.options = { ...r.options, warmup: 500 };
    r.runs[0].warmup = { journeys: 500, transitions: 2500, cpuMsPerTransition: { api: 3.1, worker: 1.6 } };
    expect(commandLine(r)).toBe('npm run bench -- --backends redis --journeys 2000 --warmup 500 --concurrency 32 --mix 10 --wait stream');
    expect(parts(renderMovingFigures([r])).run).toContain(
      'Before phase 1, 500 journeys warmed the new processes up, not counted; their API and worker used 3.1 and 1.6 ms of CPU ' +
        'per transition.',
    );
    expect(consoleSummary(r)).toContain('redis, warm-up (500 journeys, not counted): CPU ms per transition api 3.1 / worker 1.6');
    const pg = postgresRun();
    pg.runs[0].warmup = { journeys: 500, transitions: 2500, cpuMsPerTransition: { api: 4.2, worker: 2 } };
    expect(parts(renderMovingFigures([r, pg])).run).toContain(
      'their API and worker used 3.1 and 1.6 ms of CPU per transition on Redis and 4.2 and 2 ms on the PostgreSQL backend.',
    );
  });

  it('wraps prose as the docs do: at 100 columns, never inside a code span nor before a word that starts a block', () => {
    const text = `${'word '.repeat(18)}\`npm run bench -- --backends redis\` and + then`;
    expect(wrap(text).split('\n')).toEqual([`${'word '.repeat(18).trim()}`, '`npm run bench -- --backends redis` and + then']);
    expect(wrap(`${'x'.repeat(98)} + tail`).split('\n')).toEqual([`${'x'.repeat(98)} +`, 'tail']);
  });
});
