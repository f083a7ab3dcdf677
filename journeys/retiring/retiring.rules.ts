/**
 * The retiring journey's legal rules as data, and the pure functions that turn the register facts
 * into the pension age (the anchor), branches and deadlines.
 */
import {
  addDays,
  addMonths,
  addWorkingDays,
  compareIsoDates,
  firstOfNextMonth,
  formatIsoDate,
  isWorkingDay,
  lastDayOfMonth,
  legalDeadline,
  parseIsoDate,
  tokenDaysUntil,
  type DeadlineRoll,
  type IsoDate,
} from '../shared/calendar';
import type { RuleSource, StepState } from '../shared/contract';
import { pensionAge } from '../shared/cpr';
import { initialSteps } from '../shared/kit';
import { REQUIRED_RETIRING_FACTS, type RetiringFacts } from './retiring.start';
import { RETIRING_STEP_IDS, type RetiringStepId } from './retiring.steps';

export const RETIRING_RULES = {
  folkepension: {
    /** Applications are accepted from 6 months before the pension age. */
    applyFromMonthsBefore: 6,
    /**
     * Paid from the 1st of the month after the pension age if the application arrives by the last
     * day of the month the age is reached; back-pay if it arrives by the 10th of the 5th month
     * after that month (since September 2017). The self-service is open every day and Udbetaling
     * Danmark counts the day of receipt, so neither date is moved.
     */
    backPay: { monthsAfterPensionMonth: 5, dayOfMonth: 10 },
    roll: 'as-written' as DeadlineRoll,
  },
  /** Udbetaling Danmark answers in 3–6 weeks (uncertain): after 6 weeks we flag the step late. */
  decisionWatchdogWeeks: 6,
  /** Disability pensioners switch from the 1st of the month after the age (practice, uncertain). */
  disabilitySwitchWatchdogDaysAfterStart: 14,
  atp: {
    /** Deferral can be chosen from 11 months before until 5 months after the payout starts. */
    deferFromMonthsBefore: 11,
    deferUntilMonthsAfter: 5,
    /** Practice, not law (uncertain): when a missing first payment counts as overdue. */
    watchdogWorkingDaysAfterFirstPayment: 5,
  },
  /** Udbetaling Danmark recalculates housing benefit when the pension starts (practice, uncertain). */
  housingRecalcWatchdogWeeksAfterStart: 6,
  /**
   * How long Udbetaling Danmark's solution may use its task token after the answer we expect (our
   * choice, not law: a lost token must not stay valid for ever).
   */
  tokenDaysAfterExpected: 60,
  /**
   * Banks are closed on Grundlovsdag, 24 and 31 December besides weekends and public holidays
   * (uncertain: the banks' own calendar, not a law), so "the last banking day" skips them.
   */
  bankClosingDays: ['06-05', '12-24', '12-31'] as readonly string[],
} as const;

/** ATP's payout status confirms the automatic payout. */
export const ATP_STATUS_TASK = 'payout-status';

/** Whole days a task token must live: until `expected` plus a margin, counted from `now`. */
export function tokenDays(now: string, expected: IsoDate): number {
  return tokenDaysUntil(now, expected, RETIRING_RULES.tokenDaysAfterExpected);
}

/** The names of the facts a start lacks (never their values), or undefined when all are there. */
export function retiringFactsProblem(facts: Partial<RetiringFacts>): string | undefined {
  const missing: string[] = REQUIRED_RETIRING_FACTS.filter((name) => facts[name] === undefined);
  if (facts.birthDate === undefined && facts.pensionAgeDate === undefined) missing.unshift('birthDate');
  return missing.length ? `retiring needs the register facts ${missing.join(', ')}` : undefined;
}

/**
 * The day the citizen reaches the pension age: computed from the CPR birth date with `pensionAge`
 * (the brief's rule); the register feed's own date is used only when the birth date is unknown.
 */
export function pensionAgeDateOf(facts: RetiringFacts): IsoDate {
  if (facts.birthDate !== undefined) return pensionAge(facts.birthDate).date;
  if (facts.pensionAgeDate !== undefined) return facts.pensionAgeDate;
  throw new Error('retiring needs the register fact birthDate');
}

export function isBankingDay(iso: IsoDate): boolean {
  return isWorkingDay(iso) && !RETIRING_RULES.bankClosingDays.includes(iso.slice(5));
}

export function lastBankingDayOfMonth(iso: IsoDate): IsoDate {
  let day = lastDayOfMonth(iso);
  while (!isBankingDay(day)) day = addDays(day, -1);
  return day;
}

export interface PensionDates {
  /** The day the citizen reaches the state pension age (the anchor). */
  pensionAgeDate: IsoDate;
  /** The 1st of the month after: the first pension month. */
  pensionStartDate: IsoDate;
  applyFrom: IsoDate;
  /** Last day to apply for payment from `pensionStartDate`. */
  applyBy: IsoDate;
  /** Last day to apply and still get the months since `pensionStartDate` paid back. */
  backPayBy: IsoDate;
  atpFirstPayment: IsoDate;
  atpDeferFrom: IsoDate;
  atpDeferUntil: IsoDate;
}

export function pensionDates(pensionAgeDate: IsoDate): PensionDates {
  const { folkepension, atp } = RETIRING_RULES;
  const { year, month } = parseIsoDate(pensionAgeDate);
  const backPayMonth = addMonths(formatIsoDate(year, month, 1), folkepension.backPay.monthsAfterPensionMonth);
  return {
    pensionAgeDate,
    pensionStartDate: firstOfNextMonth(pensionAgeDate),
    applyFrom: addMonths(pensionAgeDate, -folkepension.applyFromMonthsBefore),
    applyBy: legalDeadline(lastDayOfMonth(pensionAgeDate), folkepension.roll),
    backPayBy: legalDeadline(backPayMonth.slice(0, 8) + String(folkepension.backPay.dayOfMonth).padStart(2, '0'), folkepension.roll),
    atpFirstPayment: lastBankingDayOfMonth(pensionAgeDate),
    atpDeferFrom: addMonths(pensionAgeDate, -atp.deferFromMonthsBefore),
    atpDeferUntil: addMonths(pensionAgeDate, atp.deferUntilMonthsAfter),
  };
}

export type ApplicationTiming = 'on-time' | 'with-back-pay' | 'after-back-pay-deadline';

/** What an application on `appliedOn` is worth: from the start, paid back, or only from the next month. */
export function applicationTiming(dates: PensionDates, appliedOn: IsoDate): ApplicationTiming {
  if (compareIsoDates(appliedOn, dates.applyBy) <= 0) return 'on-time';
  return compareIsoDates(appliedOn, dates.backPayBy) <= 0 ? 'with-back-pay' : 'after-back-pay-deadline';
}

export function canApply(dates: PensionDates, appliedOn: IsoDate): boolean {
  return compareIsoDates(appliedOn, dates.applyFrom) >= 0;
}

export function canDeferAtp(dates: PensionDates, decidedOn: IsoDate): boolean {
  return compareIsoDates(decidedOn, dates.atpDeferFrom) >= 0 && compareIsoDates(decidedOn, dates.atpDeferUntil) <= 0;
}

export function decisionWatchdogDate(appliedOn: IsoDate): IsoDate {
  return addDays(appliedOn, 7 * RETIRING_RULES.decisionWatchdogWeeks);
}

export function disabilitySwitchWatchdogDate(dates: PensionDates): IsoDate {
  return addDays(dates.pensionStartDate, RETIRING_RULES.disabilitySwitchWatchdogDaysAfterStart);
}

export function atpWatchdogDate(dates: PensionDates): IsoDate {
  return addWorkingDays(dates.atpFirstPayment, RETIRING_RULES.atp.watchdogWorkingDaysAfterFirstPayment);
}

export function housingRecalcWatchdogDate(dates: PensionDates): IsoDate {
  return addDays(dates.pensionStartDate, 7 * RETIRING_RULES.housingRecalcWatchdogWeeksAfterStart);
}

export function initialRetiringSteps(facts: RetiringFacts, dates: PensionDates): Record<RetiringStepId, StepState> {
  return initialSteps(RETIRING_STEP_IDS, {
    'compute-pension-age': { status: 'done' },
    'apply-folkepension': facts.disabilityPensioner
      ? { status: 'active' }
      : { status: 'active', availableFrom: dates.applyFrom, deadline: dates.applyBy },
    'atp-payout': { status: 'active' },
    'private-pensions': { status: 'active' },
    'housing-benefit-recalc': facts.receivesHousingBenefit ? { status: 'active' } : { status: 'skipped', reason: 'no-housing-benefit' },
    'holiday-pay': { status: 'active' },
  });
}

const PENSION_ACT = { title: 'Lov om social pension § 1 a, som ændret i maj 2025', url: 'https://danskelove.dk/pensionsloven/1a' };
const BEFORE_FOLKEPENSION = {
  title: 'borger.dk: Før du går på folkepension',
  url: 'https://www.borger.dk/oekonomi-skat-su/Pension-og-efterloen/foer-du-gaar-paa-folkepension',
};

/** The rules a new pensioner acts on, with their sources (docs/journeys.md, retiring). */
export const RETIRING_RULE_SOURCES: Record<string, RuleSource> = {
  pensionAge69: { rule: 'Pension age 69 for people born 1 January 1967 – 31 December 1970.', source: PENSION_ACT, checked: '2026-12-06' },
  pensionAge70: {
    rule: 'Pension age 70 for people born after 31 December 1970 (law of May 2025).',
    source: {
      title: 'Arbejdsmarkedets Erhvervssikring: Forhøjet pensionsalder',
      url: 'https://www.aes.dk/om-arbejdsmarkedets-erhvervssikring/temaer/forhoejet-pensionsalder',
    },
    checked: '2026-12-06',
  },
  pensionAgeEarlierBands: {
    rule: 'Pension age 65 to 68 by birth date up to 31 December 1966, in half-year steps.',
    source: PENSION_ACT,
    checked: '2026-12-06',
  },
  applyFrom: {
    rule: 'Apply for the state pension at the earliest 6 months before the pension age.',
    source: BEFORE_FOLKEPENSION,
    checked: 'unverified',
  },
  applyBy: {
    rule: 'Apply by the last day of the month the pension age is reached to be paid from the 1st of the next month.',
    source: BEFORE_FOLKEPENSION,
    checked: 'unverified',
  },
  backPay: {
    rule: 'An application by the 10th of the 5th month after that month is paid back; supplements never are.',
    source: BEFORE_FOLKEPENSION,
    checked: 'unverified',
  },
  atpDeferral: {
    rule: 'ATP can be deferred from 11 months before until 5 months after the payout would start.',
    source: {
      title: 'borger.dk: ATP Livslang Pension',
      url: 'https://www.borger.dk/pension-og-efterloen/ATP-Livslang-pension-oversigt/ATP-Livslang-Pension',
    },
    checked: 'unverified',
  },
  deferredPensionHours: {
    rule: 'Deferring the state pension needs at least 750 working hours a year.',
    source: BEFORE_FOLKEPENSION,
    checked: 'unverified',
  },
};
