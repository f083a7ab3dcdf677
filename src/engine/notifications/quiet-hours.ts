import type { QuietHours } from '../../platform/config/settings';

/**
 * Letters and reminders reach people in daytime only: 21:00–07:00 Danish time is quiet, and
 * anything due then waits until 07:00 (a deployment may set other hours, or none, with
 * QUIET_HOURS). Computed with the Europe/Copenhagen zone (Intl), so the summer-time switch needs no
 * table of our own.
 */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 7;
const ZONE = 'Europe/Copenhagen';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const HOUR_MS = 3_600_000;
/** The last hour `local` worked out: Denmark's offset is whole hours and changes on the hour, so the hour decides. */
let lastHour: { key: number; value: { date: string; hour: number } } | undefined;

function local(at: Date): { date: string; hour: number } {
  const key = Math.floor(at.getTime() / HOUR_MS);
  if (lastHour?.key === key) return lastHour.value;
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const value = { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) };
  lastHour = { key, value };
  return value;
}

/** The calendar day in Denmark at `at` (YYYY-MM-DD). */
export function copenhagenDate(at: Date = new Date()): string {
  return local(at).date;
}

/** The quiet hours when a deployment sets none of its own (QUIET_HOURS). */
export const DEFAULT_QUIET_HOURS: QuietHours = { from: QUIET_FROM_HOUR, until: QUIET_UNTIL_HOUR };

/** Whether `hour` falls in the quiet hours (which may run across midnight, or be empty: from = until). */
function quietAt(hour: number, quiet: QuietHours | null): boolean {
  if (!quiet || quiet.from === quiet.until) return false;
  return quiet.from > quiet.until ? hour >= quiet.from || hour < quiet.until : hour >= quiet.from && hour < quiet.until;
}

/** `quiet`: the deployment's quiet hours (null: none; undefined: the default, 21–07). */
export function isQuietHour(at: Date, quiet: QuietHours | null = DEFAULT_QUIET_HOURS): boolean {
  return quietAt(local(at).hour, quiet);
}

/**
 * The first instant at or after `hour`:00 on a Danish calendar day (the offset is +02:00 or +01:00;
 * the earlier is tried first). On the night the clocks go forward 02:00 does not exist, and the
 * answer is the jump itself (03:00); on the night they go back, it is the first of the two 02:00s.
 */
function danishTime(date: string, hour: number): Date {
  for (const offset of ['+02:00', '+01:00']) {
    const candidate = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00${offset}`);
    if (local(candidate).date === date && local(candidate).hour >= hour) return candidate;
  }
  throw new Error(`no ${hour}:00 on ${date} in ${ZONE}`);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `at` itself outside the quiet hours; otherwise the hour they end in Denmark (by default 07:00). */
export function nextDeliveryTime(at: Date, quiet: QuietHours | null = DEFAULT_QUIET_HOURS): Date {
  const { date, hour } = local(at);
  if (!quiet || !quietAt(hour, quiet)) return at;
  // Quiet until `until` today, or (in the part before midnight) tomorrow.
  return danishTime(hour >= quiet.until ? nextDay(date) : date, quiet.until);
}
