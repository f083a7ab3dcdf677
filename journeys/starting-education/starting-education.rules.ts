/**
 * The starting-education journey's rules as data, and the pure functions that turn the answers and
 * register facts into branches, deadlines and the SU entitlement.
 *
 * Every date is counted from the expected start of the education (the anchor). The application
 * deadlines belong to the summer intake of the year the education starts; winter intake (some
 * higher education starting in February, with other deadlines) is not modelled (uncertain).
 */
import {
  addMonths,
  addWorkingDays,
  addDays,
  formatIsoDate,
  lastDayOfMonth,
  legalDeadline,
  maxIsoDate,
  parseIsoDate,
  type DeadlineRoll,
  type IsoDate,
} from '../shared/calendar';
import type { RuleSource, StepState } from '../shared/contract';
import { ageOn, anniversary } from '../shared/cpr';
import { initialSteps } from '../shared/kit';
import type { ApplicationRoute, StartingEducationAnswers, StartingEducationFacts } from './starting-education.start';
import { STARTING_EDUCATION_STEP_IDS, type StartingEducationStepId } from './starting-education.steps';

interface MonthDay {
  month: number;
  day: number;
}

export const STARTING_EDUCATION_RULES = {
  /** optagelse.dk closes at 23:59 (youth) or 12:00 (higher) on the day; the system does not roll to a working day. */
  youthApplication: { deadline: { month: 3, day: 1 }, roll: 'as-written' as DeadlineRoll },
  higherApplication: {
    opens: { month: 2, day: 1 },
    deadline: { 'quota-1': { month: 7, day: 5 }, 'quota-2': { month: 3, day: 15 } } as Record<'quota-1' | 'quota-2', MonthDay>,
    roll: 'as-written' as DeadlineRoll,
  },
  /**
   * When the answer is expected. Youth dates "vary by year" (docs/journeys.md); the higher education
   * answer date is uncertain (late July). Configuration, not hard truth.
   */
  answerExpected: {
    'youth-upper-secondary': { month: 5, day: 8 },
    'youth-vocational-or-tenth': { month: 6, day: 1 },
    'higher-quota-1': { month: 7, day: 28 },
    'higher-quota-2': { month: 7, day: 28 },
  } as Record<ApplicationRoute, MonthDay>,
  /** Practice, not law: working days after the expected answer before the offer is flagged `late`. */
  answerOverdueWorkingDays: 3,
  /** The final readiness assessment comes "in early June" (uncertain exact day): flag `late` after this day. */
  readinessFinalBy: { month: 6, day: 10 },
  su: {
    /** SU can be applied for at most 1 month before the entitlement (su.dk). */
    applyMonthsBefore: 1,
    /** Foreign citizens can apply (and ask for equal status) up to 3 months before (su.dk). */
    equalStatusMonthsBefore: 3,
    /** Youth education gives SU from the quarter after the 18th birthday. */
    youthMinimumAgeYears: 18,
    /** 18–19-year-olds: living-at-home rate by default on youth education; parents' income counts. */
    parentalIncomeUntilAge: 19,
    /** Exceptions that allow the living-away rate at 18–19 on youth education (docs/journeys.md names examples, not a full list). */
    awayRateException: { distanceKm: 20, travelMinutes: 75 },
    /** SU is not retroactive: the application must be in by the end of the month the entitlement begins. */
    roll: 'as-written' as DeadlineRoll,
    /** "about 2–4 weeks" (uncertain): working days after the application before the decision is `late`. */
    decisionWorkingDays: 20,
  },
  /** Apply at least 14 days before the card is needed (ungdomskort.dk); the site is open every day. */
  ungdomskort: { daysBeforeStart: 14, roll: 'as-written' as DeadlineRoll },
} as const;

export const ACCEPT_PLACE_TASK = 'accept-place';
export const TAX_CARD_TASK = 'set-tax-card-type';

export type Track = 'youth' | 'higher';
export type ExpectedSuRate = 'hjemmeboende' | 'udeboende' | 'udeboende-if-conditions-met';

export function trackOf(route: ApplicationRoute): Track {
  return route.startsWith('youth') ? 'youth' : 'higher';
}

/** The year whose admission round leads to this start (summer intake). */
function onAdmissionYear(answers: StartingEducationAnswers, { month, day }: MonthDay): IsoDate {
  return formatIsoDate(parseIsoDate(answers.educationStartDate).year, month, day);
}

export function applicationWindow(answers: StartingEducationAnswers): { availableFrom?: IsoDate; deadline: IsoDate } {
  const route = answers.application;
  if (route === 'higher-quota-1' || route === 'higher-quota-2') {
    const { opens, deadline, roll } = STARTING_EDUCATION_RULES.higherApplication;
    const quota = route === 'higher-quota-1' ? 'quota-1' : 'quota-2';
    return { availableFrom: onAdmissionYear(answers, opens), deadline: legalDeadline(onAdmissionYear(answers, deadline[quota]), roll) };
  }
  const { deadline, roll } = STARTING_EDUCATION_RULES.youthApplication;
  return { deadline: legalDeadline(onAdmissionYear(answers, deadline), roll) };
}

export function answerOverdueDate(answers: StartingEducationAnswers): IsoDate {
  return addWorkingDays(
    onAdmissionYear(answers, STARTING_EDUCATION_RULES.answerExpected[answers.application]),
    STARTING_EDUCATION_RULES.answerOverdueWorkingDays,
  );
}

export function readinessOverdueDate(answers: StartingEducationAnswers): IsoDate {
  return onAdmissionYear(answers, STARTING_EDUCATION_RULES.readinessFinalBy);
}

/** The first day of the calendar quarter after the one `date` falls in. */
export function firstDayOfNextQuarter(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  const nextQuarterMonth = Math.floor((month - 1) / 3) * 3 + 4;
  return nextQuarterMonth > 12 ? formatIsoDate(year + 1, 1, 1) : formatIsoDate(year, nextQuarterMonth, 1);
}

export interface SuPlan {
  /** First day of the first month with SU if the student applies in time. */
  entitlementDate: IsoDate;
  /** The earliest day the application (or, for foreign citizens, the equal-status request) is accepted. */
  availableFrom: IsoDate;
  /** The last day to apply without losing the first month (SU is not retroactive). */
  deadline: IsoDate;
  ageAtEntitlement: number;
  expectedRate: ExpectedSuRate;
  /** Parents' income counts (18–19-year-olds). */
  parentalIncomeCounts: boolean;
  needsEqualStatus: boolean;
}

export function suPlan(answers: StartingEducationAnswers, facts: StartingEducationFacts): SuPlan {
  const rules = STARTING_EDUCATION_RULES.su;
  const startMonth = `${answers.educationStartDate.slice(0, 8)}01`;
  const youth = trackOf(answers.application) === 'youth';
  const entitlementDate = youth
    ? maxIsoDate(startMonth, firstDayOfNextQuarter(anniversary(facts.birthDate, rules.youthMinimumAgeYears * 12)))
    : startMonth;
  const needsEqualStatus = facts.citizenship !== 'DK';
  const ageAtEntitlement = ageOn(facts.birthDate, entitlementDate);
  const young = ageAtEntitlement <= rules.parentalIncomeUntilAge;
  const expectedRate: ExpectedSuRate = answers.livesWithParents
    ? 'hjemmeboende'
    : youth && young
      ? 'udeboende-if-conditions-met'
      : 'udeboende';
  return {
    entitlementDate,
    availableFrom: addMonths(entitlementDate, -(needsEqualStatus ? rules.equalStatusMonthsBefore : rules.applyMonthsBefore)),
    deadline: legalDeadline(lastDayOfMonth(entitlementDate), rules.roll),
    ageAtEntitlement,
    expectedRate,
    parentalIncomeCounts: young,
    needsEqualStatus,
  };
}

export function suDecisionOverdueDate(appliedOn: IsoDate): IsoDate {
  return addWorkingDays(appliedOn, STARTING_EDUCATION_RULES.su.decisionWorkingDays);
}

export function ungdomskortDeadline(educationStartDate: IsoDate): IsoDate {
  const { daysBeforeStart, roll } = STARTING_EDUCATION_RULES.ungdomskort;
  return legalDeadline(addDays(educationStartDate, -daysBeforeStart), roll);
}

export function initialStartingEducationSteps(
  answers: StartingEducationAnswers,
  facts: StartingEducationFacts,
): Record<StartingEducationStepId, StepState> {
  const youth = trackOf(answers.application) === 'youth';
  const application = applicationWindow(answers);
  const su = suPlan(answers, facts);
  return initialSteps(STARTING_EDUCATION_STEP_IDS, {
    'readiness-assessment': youth ? { status: 'active' } : { status: 'skipped', reason: 'higher-education-track' },
    'apply-youth-education': youth ? { status: 'active', ...application } : { status: 'skipped', reason: 'higher-education-track' },
    'apply-higher-education': youth ? { status: 'skipped', reason: 'youth-education-track' } : { status: 'active', ...application },
    'apply-su': { availableFrom: su.availableFrom, deadline: su.deadline },
    'move-out': answers.movingOut ? {} : { status: 'skipped', reason: 'not-moving' },
    ungdomskort: { deadline: ungdomskortDeadline(answers.educationStartDate) },
  });
}

/** The rules a citizen acts on in this journey, with their sources (docs/journeys.md). */
export const STARTING_EDUCATION_RULE_SOURCES: Record<string, RuleSource> = {
  youthApplication: {
    rule: 'Youth education applications by 1 March 23:59 on optagelse.dk.',
    source: { title: 'STIL: optagelse.dk (viden.stil.dk)' },
    checked: 'unverified',
  },
  higherApplication: {
    rule: 'Higher education: quota 2 by 15 March 12:00, quota 1 by 5 July 12:00.',
    source: { title: 'SDU: Ansøgning om optagelse (bachelor)' },
    checked: 'unverified',
  },
  suFromApplication: {
    rule: 'SU is paid from the month applied for at the earliest, never back in time; apply at most 1 month ahead.',
    source: { title: 'su.dk: Måneder, du kan få SU; SU-bekendtgørelsen § 53', url: 'https://www.su.dk/su/maaneder-du-kan-faa-su' },
    checked: '2026-12-06',
  },
  suYouthAge: {
    rule: 'On youth education SU starts the quarter after the 18th birthday.',
    source: { title: 'su.dk: Måneder, du kan få SU', url: 'https://www.su.dk/su/maaneder-du-kan-faa-su' },
    checked: '2026-12-06',
  },
  suForeignCitizens: {
    rule: 'Foreign citizens can apply 3 months ahead.',
    source: { title: 'su.dk: Tidsfrister for at søge SU', url: 'https://www.su.dk/su/ny-su-modtager/tidsfrister-for-at-soege-su' },
    checked: '2026-12-06',
  },
  ungdomskort: {
    rule: 'Apply for the youth card at least 14 days before it is needed.',
    source: { title: 'ungdomskort.dk' },
    checked: 'unverified',
  },
};
