import { CATALOGUE_EXAMPLE_DATE, type AuthorityTask } from '../../../journeys/shared/authority-tasks';
import { addDays, daysBetween, isIsoDate } from '../../../journeys/shared/calendar';
import type { Prng } from './prng';
import { isUuid } from '../../platform/ids';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(T.+)$/;

export const isoDay = (now: Date) => now.toISOString().slice(0, 10);

/** Moves a date (or timestamp) written relative to the catalogue's example day to the same distance from `today`. */
function shiftDate(value: string, today: string, now: Date): string | undefined {
  const shift = daysBetween(CATALOGUE_EXAMPLE_DATE, today);
  if (isIsoDate(value)) return addDays(value, shift);
  const m = DATE_TIME.exec(value);
  if (!m || !isIsoDate(m[1])) return undefined;
  // "Submitted today" means now; other timestamps keep their time of day.
  return m[1] === CATALOGUE_EXAMPLE_DATE
    ? new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString()
    : `${addDays(m[1], shift)}${m[2]}`;
}

/** The task's example input with its dates moved to today: valid input for a contract test or a demo. */
export function exampleInput(spec: AuthorityTask, now = new Date()): Record<string, unknown> {
  const today = isoDay(now);
  const walk = (v: unknown): unknown =>
    typeof v === 'string' ? (isIsoDate(v) ? shiftDate(v, today, now) : v) : Array.isArray(v) ? v.map(walk) : isObject(v) ? map(v, walk) : v;
  return walk(spec.inputExample) as Record<string, unknown>;
}

/**
 * An output with the shape of the task's example: values the example took from the example input
 * are taken from the real input, dates move to today, references are new, the rest is kept.
 */
export function realiseOutput(spec: AuthorityTask, input: Record<string, unknown>, rng: Prng, now: Date): Record<string, unknown> {
  const today = isoDay(now);
  const year = today.slice(0, 4);
  const echo = new Map<string, unknown>();
  for (const [key, example] of Object.entries(spec.inputExample)) {
    if (typeof example === 'string' && example.length >= 6 && typeof input[key] === 'string') echo.set(example, input[key]);
  }
  const renamed = new Map<string, string>();

  const value = (key: string, v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((item) => value(key, item));
    if (isObject(v)) return map(v, (item, k) => value(k, item));
    if (typeof v !== 'string') return v;
    if (echo.has(v)) return echo.get(v);
    const date = shiftDate(v, today, now);
    if (date !== undefined) return date;
    if (/(Ref|Id)$/.test(key)) {
      const fresh = isUuid(v) ? rng.uuid() : v.replace(/\d+/g, (d) => (d === '2025' ? year : rng.digits(d.length)));
      renamed.set(v, fresh);
      return fresh;
    }
    if (/url$/i.test(key)) return [...renamed].reduce((s, [from, to]) => s.split(from).join(to), v);
    return v;
  };
  return map(spec.output, (v, k) => value(k, v));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function map(o: Record<string, unknown>, fn: (v: unknown, k: string) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fn(v, k)]));
}
