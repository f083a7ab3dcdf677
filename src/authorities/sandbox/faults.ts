import { AUTHORITY_SYSTEM_IDS } from '../../../journeys/shared/contract';

/** What can go wrong with one system (or with every system, under the key `*`). */
export interface FaultSpec {
  /** Share of calls (0–1) answered 503/500/429 before anything is applied. */
  errorRate?: number;
  /** Extra latency on every call. */
  latencyMs?: number;
  /** Share of calls (0–1) that are applied but never answered: the caller times out. */
  timeoutRate?: number;
  /** ISO timestamps: every call in [from, to) is answered 503 with Retry-After. */
  outage?: { from: string; to: string };
}

export type FaultConfig = Record<string, FaultSpec>;

/** The fault for `system`: its own settings over the `*` settings. */
export function faultFor(config: FaultConfig, system: string): FaultSpec {
  return { ...config['*'], ...config[system] };
}

/** The outage window's end when `now` falls inside it. */
export function outageEnd(fault: FaultSpec, now: Date): Date | undefined {
  if (!fault.outage) return undefined;
  const from = Date.parse(fault.outage.from);
  const to = Date.parse(fault.outage.to);
  return now.getTime() >= from && now.getTime() < to ? new Date(to) : undefined;
}

/** Checks a fault configuration from the admin API or the options; throws an Error saying what is wrong. */
export function parseFaults(value: unknown): FaultConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('faults must be an object');
  const known = new Set<string>(['*', ...AUTHORITY_SYSTEM_IDS]);
  const out: FaultConfig = {};
  for (const [system, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!known.has(system)) throw new Error(`unknown system "${system}"`);
    if (typeof raw !== 'object' || raw === null) throw new Error(`${system}: must be an object`);
    const spec = raw as Record<string, unknown>;
    for (const key of Object.keys(spec)) {
      if (!['errorRate', 'latencyMs', 'timeoutRate', 'outage'].includes(key)) throw new Error(`${system}: unknown setting "${key}"`);
    }
    const rate = (k: 'errorRate' | 'timeoutRate') => {
      const v = spec[k];
      if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1)) throw new Error(`${system}.${k} must be between 0 and 1`);
      return v;
    };
    const latencyMs = spec.latencyMs;
    if (latencyMs !== undefined && !(typeof latencyMs === 'number' && latencyMs >= 0 && latencyMs <= 600_000)) {
      throw new Error(`${system}.latencyMs must be between 0 and 600000`);
    }
    let outage: FaultSpec['outage'];
    if (spec.outage !== undefined) {
      const o = spec.outage as { from?: unknown; to?: unknown };
      if (typeof o?.from !== 'string' || typeof o?.to !== 'string' || Number.isNaN(Date.parse(o.from)) || Number.isNaN(Date.parse(o.to))) {
        throw new Error(`${system}.outage needs ISO timestamps "from" and "to"`);
      }
      outage = { from: o.from, to: o.to };
    }
    out[system] = strip({
      errorRate: rate('errorRate'),
      latencyMs: latencyMs,
      timeoutRate: rate('timeoutRate'),
      outage,
    });
  }
  return out;
}

function strip(spec: FaultSpec): FaultSpec {
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
}
