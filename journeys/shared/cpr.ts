/**
 * CPR numbers (personnumre): birth date, century and the legal pension age.
 *
 * Modulus 11 is reported, never enforced: since 1 October 2007 valid numbers without it are issued
 * (docs/journeys.md, "CPR numbers"). Failure reasons never contain the number, since they end up
 * in logs and API errors.
 */
import { addMonths, formatIsoDate, isIsoDate, parseIsoDate, type IsoDate } from './calendar';

export type CprParseResult =
  | { ok: true; birthDate: IsoDate; sex: 'female' | 'male'; passesModulus11: boolean }
  | { ok: false; reason: 'not-a-string' | 'invalid-format' | 'invalid-date' };

const CPR_FORMAT = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;
const MODULUS_11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

/** The century rule (docs/journeys.md, "CPR numbers"): digit 7 together with the two-digit year. */
export function birthYear(yy: number, digit7: number): number {
  if (digit7 <= 3) return 1900 + yy;
  if (digit7 === 4 || digit7 === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

export function passesModulus11(digits: string): boolean {
  const sum = MODULUS_11_WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  return sum % 11 === 0;
}

/** Accepts `DDMMYYSSSS` or `DDMMYY-SSSS` (surrounding spaces ignored). */
export function parseCpr(input: unknown): CprParseResult {
  if (typeof input !== 'string') return { ok: false, reason: 'not-a-string' };
  const m = CPR_FORMAT.exec(input.trim());
  if (!m) return { ok: false, reason: 'invalid-format' };
  const [, dd, mm, yy, serial] = m;
  const year = birthYear(Number(yy), Number(serial[0]));
  const birthDate = formatIsoDate(year, Number(mm), Number(dd));
  if (!isIsoDate(birthDate)) return { ok: false, reason: 'invalid-date' };
  return {
    ok: true,
    birthDate,
    sex: Number(serial[3]) % 2 === 0 ? 'female' : 'male',
    passesModulus11: passesModulus11(dd + mm + yy + serial),
  };
}

/**
 * The date on which someone born on `birthDate` has lived `months` months. Someone born on
 * 29 February reaches the anniversary on 1 March in other years (uncertain: follows the common
 * reading that the birthday has not occurred on 28 February).
 */
export function anniversary(birthDate: IsoDate, months: number): IsoDate {
  const date = addMonths(birthDate, months);
  return parseIsoDate(date).day < parseIsoDate(birthDate).day ? addMonths(date.slice(0, 8) + '01', 1) : date;
}

/** Age in whole years on `onDate` (consistent with `anniversary`). */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  const years = on.year - birth.year;
  return anniversary(birthDate, years * 12) <= onDate ? years : years - 1;
}

export interface PensionAgeBand {
  /** First birth date of the band (inclusive); bands are sorted by this. */
  bornFrom: IsoDate;
  years: number;
  months: number;
}

/**
 * Folkepension age by birth date: lov om social pension § 1 a, with the law of May 2025 that sets
 * 70 for people born after 31 December 1970 (docs/journeys.md, retiring). The age follows life
 * expectancy and the Folketing sets it every five years, so this table is the one place to change
 * when the law changes (the sandbox and the retiring journey both read it).
 */
export const PENSION_AGE_TABLE: readonly PensionAgeBand[] = [
  { bornFrom: '0001-01-01', years: 65, months: 0 },
  { bornFrom: '1954-01-01', years: 65, months: 6 },
  { bornFrom: '1954-07-01', years: 66, months: 0 },
  { bornFrom: '1955-01-01', years: 66, months: 6 },
  { bornFrom: '1955-07-01', years: 67, months: 0 },
  { bornFrom: '1963-01-01', years: 68, months: 0 },
  { bornFrom: '1967-01-01', years: 69, months: 0 },
  { bornFrom: '1971-01-01', years: 70, months: 0 },
];

export interface PensionAge {
  years: number;
  months: number;
  /** The date the person reaches the pension age. */
  date: IsoDate;
}

export function pensionAge(birthDate: IsoDate, table: readonly PensionAgeBand[] = PENSION_AGE_TABLE): PensionAge {
  parseIsoDate(birthDate);
  const band = [...table].reverse().find((b) => b.bornFrom <= birthDate);
  if (!band) throw new RangeError('No pension age band covers this birth date');
  return { years: band.years, months: band.months, date: anniversary(birthDate, band.years * 12 + band.months) };
}
