/**
 * Letters and reminders reach people in daytime only: 21:00–07:00 Danish time is quiet, and
 * anything due then waits until 07:00. Computed with the Europe/Copenhagen zone (Intl), so the
 * summer-time switch needs no table of our own.
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

export function isQuietHour(at: Date): boolean {
  const { hour } = local(at);
  return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR;
}

/** The instant `hour`:00 on a Danish calendar day (the offset is +01:00 or +02:00; try both). */
function danishTime(date: string, hour: number): Date {
  for (const offset of ['+01:00', '+02:00']) {
    const candidate = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00${offset}`);
    if (local(candidate).date === date && local(candidate).hour === hour) return candidate;
  }
  throw new Error(`no ${hour}:00 on ${date} in ${ZONE}`);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `at` itself in daytime; otherwise the next 07:00 in Denmark. */
export function nextDeliveryTime(at: Date): Date {
  const { date, hour } = local(at);
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return at;
  return danishTime(hour >= QUIET_FROM_HOUR ? nextDay(date) : date, QUIET_UNTIL_HOUR);
}
