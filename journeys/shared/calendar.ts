/**
 * Danish calendar arithmetic on ISO `YYYY-MM-DD` strings.
 *
 * Dates are converted to day numbers with integer arithmetic (no `Date`), so results never depend
 * on the host's time zone and years before 1970 or after 2100 behave like any other year.
 */
import type { Text } from './contract';

export type IsoDate = string;

export interface PublicHoliday {
  date: IsoDate;
  name: Text;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Store Bededag stopped being a public holiday from 2024 (lov om afskaffelse af store bededag, 2023). */
const LAST_YEAR_WITH_STORE_BEDEDAG = 2023;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

export function parseIsoDate(iso: IsoDate): { year: number; month: number; day: number } {
  if (!isIsoDate(iso)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${String(iso)}`);
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole proleptic Gregorian calendar.
function toDayNumber(iso: IsoDate): number {
  const { year, month, day } = parseIsoDate(iso);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatIsoDate(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export function weekday(iso: IsoDate): number {
  return (((toDayNumber(iso) + 4) % 7) + 7) % 7;
}

export function addDays(iso: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(iso) + n);
}

/** Signed number of days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

/** True when `day` lies after `deadline`; a step without a deadline is never late. */
export function isAfterDeadline(day: IsoDate, deadline: IsoDate | undefined): boolean {
  return deadline !== undefined && compareIsoDates(day, deadline) > 0;
}

export function maxIsoDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((max, d) => (compareIsoDates(d, max) > 0 ? d : max), first);
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate(year, month, day);
}

/**
 * The public holidays of each year asked for, worked out once: deadlines count working days, and a
 * deadline weeks away asks about every day on the way. The rules never change within a year, so a
 * year's list (frozen, shared by every caller) is as pure as working it out again.
 */
const holidaysByYear = new Map<number, { list: readonly PublicHoliday[]; byDate: ReadonlyMap<IsoDate, PublicHoliday> }>();

function holidaysOf(year: number): { list: readonly PublicHoliday[]; byDate: ReadonlyMap<IsoDate, PublicHoliday> } {
  let known = holidaysByYear.get(year);
  if (!known) {
    // Dates come from citizens too (any year a date format allows): the memory stays small.
    if (holidaysByYear.size >= 200) holidaysByYear.clear();
    const list = Object.freeze(holidaysIn(year).map((h) => Object.freeze({ date: h.date, name: Object.freeze(h.name) })));
    known = { list, byDate: new Map(list.map((h) => [h.date, h])) };
    holidaysByYear.set(year, known);
  }
  return known;
}

/** The public holidays (helligdage) of a year, in date order. */
export function publicHolidays(year: number): readonly PublicHoliday[] {
  return holidaysOf(year).list;
}

function holidaysIn(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const fromEaster = (days: number, da: string, en: string): PublicHoliday => ({
    date: addDays(easter, days),
    name: { da, en },
  });
  return [
    { date: formatIsoDate(year, 1, 1), name: { da: 'Nytårsdag', en: "New Year's Day" } },
    fromEaster(-3, 'Skærtorsdag', 'Maundy Thursday'),
    fromEaster(-2, 'Langfredag', 'Good Friday'),
    fromEaster(0, 'Påskedag', 'Easter Sunday'),
    fromEaster(1, '2. påskedag', 'Easter Monday'),
    ...(year <= LAST_YEAR_WITH_STORE_BEDEDAG ? [fromEaster(26, 'Store Bededag', 'General Prayer Day')] : []),
    fromEaster(39, 'Kristi himmelfartsdag', 'Ascension Day'),
    fromEaster(49, 'Pinsedag', 'Whit Sunday'),
    fromEaster(50, '2. pinsedag', 'Whit Monday'),
    { date: formatIsoDate(year, 12, 25), name: { da: 'Juledag', en: 'Christmas Day' } },
    { date: formatIsoDate(year, 12, 26), name: { da: '2. juledag', en: 'Boxing Day' } },
  ];
}

export function publicHolidayOn(iso: IsoDate): PublicHoliday | undefined {
  return holidaysOf(parseIsoDate(iso).year).byDate.get(iso);
}

export function isPublicHoliday(iso: IsoDate): boolean {
  return publicHolidayOn(iso) !== undefined;
}

export function isWeekend(iso: IsoDate): boolean {
  const day = weekday(iso);
  return day === 0 || day === 6;
}

/**
 * Monday–Friday and not a public holiday. Grundlovsdag (5 June), 24 and 31 December are not
 * public holidays, so they count as working days here even though many offices close.
 */
export function isWorkingDay(iso: IsoDate): boolean {
  return !isWeekend(iso) && !isPublicHoliday(iso);
}

export function nextWorkingDayOnOrAfter(iso: IsoDate): IsoDate {
  let day = iso;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

export function previousWorkingDayOnOrBefore(iso: IsoDate): IsoDate {
  let day = iso;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** Moves |n| working days forward (n > 0) or backward (n < 0); n = 0 returns `iso` unchanged. */
export function addWorkingDays(iso: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = iso;
  for (let left = Math.abs(n); left > 0;) {
    day = addDays(day, step);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/** Adds calendar months; a day that does not exist in the target month clamps to its last day. */
export function addMonths(iso: IsoDate, n: number): IsoDate {
  const { year, month, day } = parseIsoDate(iso);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function firstOfNextMonth(iso: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(iso);
  return month === 12 ? formatIsoDate(year + 1, 1, 1) : formatIsoDate(year, month + 1, 1);
}

export function lastDayOfMonth(iso: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(iso);
  return formatIsoDate(year, month, daysInMonth(year, month));
}

/**
 * How a deadline that ends on a closed day is treated. There is no general Danish rule, so each
 * step must say which applies:
 * - `as-written`: the date stands (the safe choice for reminders when the law is silent);
 * - `next-working-day`: weekends and public holidays move it to the next working day;
 * - `next-working-day-incl-closing-days`: as above, and Grundlovsdag, 24 and 31 December also
 *   count as closed, the wording used by e.g. retsplejeloven § 148, stk. 2 (verify per law).
 */
export type DeadlineRoll = 'as-written' | 'next-working-day' | 'next-working-day-incl-closing-days';

function isClosingDay(iso: IsoDate): boolean {
  const monthDay = iso.slice(5);
  return monthDay === '06-05' || monthDay === '12-24' || monthDay === '12-31';
}

/** Applies a deadline roll rule; the rule is required so that rolling is always a decision. */
export function legalDeadline(iso: IsoDate, roll: DeadlineRoll): IsoDate {
  parseIsoDate(iso);
  if (roll === 'as-written') return iso;
  let day = nextWorkingDayOnOrAfter(iso);
  if (roll === 'next-working-day-incl-closing-days') {
    while (isClosingDay(day) || !isWorkingDay(day)) day = addDays(day, 1);
  }
  return day;
}

/**
 * `HH:MM` UTC on a date, as an ISO timestamp. Timers use UTC so that they need no time-zone
 * database; callers choose an hour that is daytime in Denmark in both winter and summer time.
 */
export function atUtc(iso: IsoDate, time: string): string {
  parseIsoDate(iso);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new RangeError(`Not a time (HH:MM): ${time}`);
  return `${iso}T${time}:00.000Z`;
}

/** The calendar date written in an ISO timestamp (its own offset, not converted to UTC). */
export function dateOfTimestamp(timestamp: string): IsoDate {
  const date = timestamp.slice(0, 10);
  if (!isIsoDate(date) || (timestamp.length > 10 && timestamp[10] !== 'T')) {
    throw new RangeError(`Not an ISO timestamp: ${timestamp}`);
  }
  return date;
}

/** The later of an ISO timestamp and the start of a date: "now" as far as a machine knows. */
export function laterTimestamp(timestamp: string, date: IsoDate): string {
  const midnight = atUtc(date, '00:00');
  return Date.parse(midnight) > Date.parse(timestamp) ? midnight : timestamp;
}

/** Whole days a task token must live: until `expected` plus `marginDays`, counted from `now` (at least one). */
export function tokenDaysUntil(now: string, expected: IsoDate, marginDays: number): number {
  return Math.max(1, daysBetween(dateOfTimestamp(now), expected) + marginDays);
}
