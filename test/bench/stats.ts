/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Cumulative counts of a Prometheus histogram's buckets (`le` in seconds → count), for one series. */
export type Buckets = Map<number, number>;

/** The API's `/metrics` text, from its metrics listener (METRICS_PORT), not the public port. */
export async function scrape(metricsBase: string): Promise<string> {
  return (await fetch(`${metricsBase}/metrics`)).text();
}

/** prom-client samples the event loop with a timer of this period (its default), and reports the period too. */
export const EVENT_LOOP_SAMPLE_MS = 10;

/**
 * The API's event-loop delay since the previous scrape (prom-client resets its histogram on every
 * scrape): how long a timer due in the API's one thread waited beyond its time, because the thread
 * was busy or the process had no core. Idle reads about 0.
 */
export function eventLoopDelayMs(text: string): { p99: number; max: number } {
  const read = (name: string) =>
    round(Math.max(0, Number(new RegExp(`^${name} ([\\d.e+-]+)`, 'm').exec(text)?.[1] ?? NaN) * 1000 - EVENT_LOOP_SAMPLE_MS));
  return { p99: read('nodejs_eventloop_lag_p99_seconds'), max: read('nodejs_eventloop_lag_max_seconds') };
}

/**
 * The API's own timing of `POST /api/journeys/:id/events` (answered 200), from its `/metrics`
 * histogram: what the server spent, without the wait in the load driver's process (which also
 * runs the authority sandbox) or on the network.
 */
export function parseEventBuckets(text: string): Buckets {
  const buckets: Buckets = new Map();
  for (const line of text.split('\n')) {
    if (
      !line.startsWith('http_request_duration_seconds_bucket{') ||
      !line.includes('method="POST"') ||
      !line.includes('route="/api/journeys/:id/events"') ||
      !line.includes('status="200"')
    )
      continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (le) buckets.set(le === '+Inf' ? Infinity : Number(le), Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return buckets;
}

/** Between two readings: how many requests, the bucket bound (ms) that holds 99 % of them, and the share above 50 ms. */
export function bucketSummary(before: Buckets, after: Buckets): { requests: number; p99AtMostMs: number; shareOver50Ms: number } {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const count = (le: number) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
  const total = count(Infinity);
  const p99 = bounds.find((le) => count(le) >= 0.99 * total) ?? Infinity;
  return { requests: total, p99AtMostMs: p99 * 1000, shareOver50Ms: total ? round(1 - count(0.05) / total, 3) : NaN };
}
