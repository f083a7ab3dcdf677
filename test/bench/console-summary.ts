import { FLOOR_SPREAD, floorSpread } from './http-floor';
import type { MovingBenchResult } from './moving-result';
import { round } from './stats';

/** A count, or – where it was not measured (a Redis elsewhere, a process not ours to read). */
const shown = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : String(n));

/** The run's figures as the bench prints them when it ends: a table, the API's own timing, the machine's limits. */
export function consoleSummary(result: MovingBenchResult): string[] {
  const lines: string[] = [];
  lines.push(
    '| backend | journeys | transitions/s | integration jobs/s | event p50 / p95 / p99 (ms, half load) | outbox→job lag p99 (ms) ' +
      '| peak RSS api / worker (MB) | transitions ÷ raw commits ' +
      '| CPU ms per transition: api / worker / postgres / redis / driver / sandbox |',
  );
  lines.push(`|---|---|---|---|---|---|---|---|---|`);
  for (const r of result.runs) {
    lines.push(
      `| ${r.backend} | ${r.completed}/${r.journeys} completed | ${r.transitionsPerSecond} | ${r.integrationJobsPerSecond} ` +
        `| ${r.eventLatencyMsAtHalfLoad.p50} / ${r.eventLatencyMsAtHalfLoad.p95} / ${r.eventLatencyMsAtHalfLoad.p99} ` +
        `| ${r.outboxToJobLagMs.p99} | ${r.peakRssMb.api} / ${r.peakRssMb.worker} | ${r.ratioToRawCommits} ` +
        `| ${Object.values(r.cpuMsPerTransition).join(' / ')} |`,
    );
  }
  for (const r of result.runs) {
    const w = r.warmup;
    if (w)
      lines.push(
        `${r.backend}, warm-up (${w.journeys} journeys, not counted): ` +
          `CPU ms per transition api ${w.cpuMsPerTransition.api} / worker ${w.cpuMsPerTransition.worker}`,
      );
  }
  for (const r of result.runs) {
    const c = r.syscallsPerTransition;
    if (c)
      lines.push(
        `${r.backend}, read and write system calls per transition: api ${shown(c.api)} / worker ${shown(c.worker)} / ` +
          `redis ${shown(c.redis)} / driver ${shown(c.driver)} / sandbox ${shown(c.sandbox)}`,
      );
  }
  for (const r of result.runs) {
    const s = r.serverEventTimeAtHalfLoad;
    lines.push(
      `${r.backend}, half load, as the API timed its events: 99 % within ${s.p99AtMostMs} ms (histogram bucket), ` +
        `${round(s.shareOver50Ms * 100)} % above 50 ms (${s.requests} events); ` +
        `API event-loop delay p99 / max ${s.eventLoopDelayMs.p99} / ${s.eventLoopDelayMs.max} ms` +
        (r.driverEventLoopDelayMs ? `; the driver's ${r.driverEventLoopDelayMs.p99} / ${r.driverEventLoopDelayMs.max} ms` : ''),
    );
  }
  lines.push(`raw commits/s: ${result.limit.commitsPerSecond} (${result.limit.method}, ${result.limit.clients} clients)`);
  const f = result.httpFloor.cpuMsPerRequest;
  const measured = result.httpFloor.measuredCommitsPerSecond;
  lines.push(
    `HTTP floor (the same transaction behind a bare node:http handler): ${result.httpFloor.commitsPerSecond} commits/s` +
      (measured?.length === 2
        ? ` (mean of ${measured[0]} before and ${measured[1]} after the journeys` +
          (floorSpread(result.httpFloor) > FLOOR_SPREAD ? `: more than ${FLOOR_SPREAD * 100} % apart, the ratio is uncertain` : '') +
          ')'
        : '') +
      ` = ` +
      `${round(result.httpFloor.commitsPerSecond / result.limit.commitsPerSecond, 2)} × raw; ` +
      `CPU ms per request: server ${f.server} / postgres ${f.postgres} / driver ${f.driver}; ` +
      `transitions ÷ floor: ${result.runs.map((r) => `${r.backend} ${r.ratioToHttpFloor}`).join(', ')}`,
  );
  return lines;
}
