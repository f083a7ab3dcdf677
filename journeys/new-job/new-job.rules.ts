/**
 * The new-job journey's rules as data, and the pure functions that turn the answers into branches
 * and deadlines (docs/journeys.md section 6). The anchor is the first working day.
 */
import {
  addDays,
  addMonths,
  addWorkingDays,
  formatIsoDate,
  lastDayOfMonth,
  legalDeadline,
  parseIsoDate,
  type DeadlineRoll,
  type IsoDate,
} from '../shared/calendar';
import type { RuleSource, StepState } from '../shared/contract';
import { initialSteps } from '../shared/kit';
import type { NewJobAnswers } from './new-job.start';
import { NEW_JOB_STEP_IDS, type NewJobStepId } from './new-job.steps';

export const NEW_JOB_RULES = {
  taxCard: {
    /** Practice, not law: the card choice should be in place before the first pay run, i.e. by the first working day. */
    chooseDaysBeforeFirstDay: 0,
    roll: 'as-written' as DeadlineRoll,
    /** Practice (uncertain): flag the employer's fetch as late this many working days after the first day or the choice. */
    fetchExpectedWorkingDays: 5,
  },
  leaveUnemployment: {
    /** Deregister on Jobnet (or tell the job centre) at the latest on the first working day. */
    roll: 'as-written' as DeadlineRoll,
  },
  /**
   * (uncertain) The final dagpengekort: one a-kasse allows 1 month and 10 days after the end of the
   * month the claim covers (docs/journeys.md 7.5); a-kasser set their own limits. The date stands
   * because a-kasser take forms online every day.
   */
  finalClaim: { monthsAfterMonthEnd: 1, extraDays: 10, roll: 'as-written' as DeadlineRoll },
  /**
   * (uncertain) Payroll reaches eIndkomst around the 10th of the month after the pay month; we flag
   * the first report as late 5 working days after that. Monthly pay in the month of the first day
   * is assumed; fortnightly or deferred pay makes the flag come early.
   */
  payrollReport: { dayOfFollowingMonth: 10, graceWorkingDays: 5 },
} as const;

export const TAX_CARD_TASK = 'confirm-tax-card';
export const PAYROLL_TASK = 'confirm-payroll-reported';

export const monthOf = (date: IsoDate): string => date.slice(0, 7);

export function taxCardChoiceDeadline(firstWorkingDay: IsoDate): IsoDate {
  const { chooseDaysBeforeFirstDay, roll } = NEW_JOB_RULES.taxCard;
  return legalDeadline(addDays(firstWorkingDay, -chooseDaysBeforeFirstDay), roll);
}

export function taxCardWatchdogDate(basis: IsoDate): IsoDate {
  return addWorkingDays(basis, NEW_JOB_RULES.taxCard.fetchExpectedWorkingDays);
}

export function leaveUnemploymentDeadline(firstWorkingDay: IsoDate): IsoDate {
  return legalDeadline(firstWorkingDay, NEW_JOB_RULES.leaveUnemployment.roll);
}

/** The last claim covers the days up to the day before the job; its month ends, then the a-kasse's limit runs. */
export function finalClaimDeadline(firstWorkingDay: IsoDate): IsoDate {
  const { monthsAfterMonthEnd, extraDays, roll } = NEW_JOB_RULES.finalClaim;
  const lastUnemployedDay = addDays(firstWorkingDay, -1);
  const { year, month } = parseIsoDate(lastUnemployedDay);
  const limitMonthEnd = lastDayOfMonth(addMonths(formatIsoDate(year, month, 1), monthsAfterMonthEnd));
  return legalDeadline(addDays(limitMonthEnd, extraDays), roll);
}

/** When the first pay report (with ATP) is overdue, counted from the month of `basis`. */
export function payrollWatchdogDate(basis: IsoDate): IsoDate {
  const { dayOfFollowingMonth, graceWorkingDays } = NEW_JOB_RULES.payrollReport;
  const { year, month } = parseIsoDate(basis);
  const reportedBy = addDays(addMonths(formatIsoDate(year, month, 1), 1), dayOfFollowingMonth - 1);
  return addWorkingDays(reportedBy, graceWorkingDays);
}

export function initialNewJobSteps(answers: NewJobAnswers): Record<NewJobStepId, StepState> {
  const skipUnless = (relevant: boolean, reason: string): Partial<StepState> =>
    relevant ? { status: 'active' } : { status: 'skipped', reason };
  const { firstWorkingDay } = answers;
  return initialSteps(NEW_JOB_STEP_IDS, {
    'tax-card': { status: 'active', deadline: taxCardChoiceDeadline(firstWorkingDay) },
    'update-preliminary-tax': { status: 'active' },
    'leave-unemployment':
      answers.unemployment === 'none'
        ? { status: 'skipped', reason: 'was-not-unemployed' }
        : { status: 'active', deadline: leaveUnemploymentDeadline(firstWorkingDay) },
    'pension-atp': { status: 'active' },
    'holiday-pay': skipUnless(answers.earnedHolidayPay, 'no-earned-holiday-pay'),
    'income-linked-benefits': skipUnless(answers.receivesHousingBenefit || answers.receivesSu, 'no-income-linked-benefits'),
    'move-to-denmark': skipUnless(answers.newcomer.newToDenmark, 'already-living-in-denmark'),
  });
}

/** The rules a citizen acts on in this journey, with their sources (docs/journeys.md). */
export const NEW_JOB_RULE_SOURCES: Record<string, RuleSource> = {
  taxCard: {
    rule: 'Only one employer may use the main tax card (hovedkort); without a tax card the employer withholds 55 %.',
    source: { title: 'borger.dk: Skattekort og frikort', url: 'https://www.borger.dk/oekonomi-skat-su/Skat/Skattekort-og-frikort' },
    checked: 'unverified',
  },
  leaveUnemployment: {
    rule: 'Deregister on Jobnet when full-time work starts and send the last claim form to the a-kasse.',
    source: { title: 'minakasse.dk: Selvstudie', url: 'https://minakasse.dk/selvstudie/' },
    checked: 'unverified',
  },
  finalClaim: {
    rule: 'The last claim form within 1 month and 10 days after the month ends (one a-kasse’s limit).',
    source: { title: 'minakasse.dk: Selvstudie', url: 'https://minakasse.dk/selvstudie/' },
    checked: 'unverified',
  },
};
