/**
 * The losing-a-job journey's rules as data, and the pure functions that turn the start answers and
 * the CPR birth date into branches, deadlines and the recurring duties' timers.
 */
import {
  addDays,
  addMonths,
  atUtc,
  firstOfNextMonth,
  lastDayOfMonth,
  legalDeadline,
  tokenDaysUntil,
  type DeadlineRoll,
  type IsoDate,
} from '../shared/calendar';
import type { RuleSource, ScheduleTimerCommand, StepState } from '../shared/contract';
import { ageOn } from '../shared/cpr';
import { REMINDER_TIME_UTC, initialSteps } from '../shared/kit';
import type { JobAnswers, JobFacts } from './losing-a-job.start';
import { JOB_STEP_IDS, type JobStepId } from './losing-a-job.steps';

export const SOCIAL_ASSISTANCE_BENEFITS = ['kontanthjaelp', 'uddannelseshjaelp', 'selvforsoergelsesydelse'] as const;
export type SocialAssistanceBenefit = (typeof SOCIAL_ASSISTANCE_BENEFITS)[number];

export const JOB_RULES = {
  /**
   * Register on Jobnet on the first day of unemployment, even a public holiday: benefit starts no
   * earlier than the registration, so the date is never moved.
   */
  register: { roll: 'as-written' as DeadlineRoll },
  /** Social assistance is given from the application day at the earliest: apply on the first day. */
  socialAssistance: {
    roll: 'as-written' as DeadlineRoll,
    /**
     * Uddannelseshjælp under 30 without a vocational qualification; selvforsørgelses- og
     * hjemrejseydelse when resident less than 9 of the last 10 years (uncertain: the names and
     * limits change with the 2025–2026 reform of kontanthjælp; keep them here, not in the machine).
     */
    educationAssistanceUnderAge: 30,
  },
  /** The CV within 2 weeks; some a-kasser say 3 (uncertain). We use the stricter limit. */
  cv: { weeksAfterFirstDay: 2, weeksAtSomeAKasser: 3, roll: 'as-written' as DeadlineRoll },
  /** Quitting oneself: 3 weeks without dagpenge from the first day (karantæne, selvforskyldt ledighed). */
  quarantineWeeks: 3,
  /** Job suggestions and the job log at least every 7 days. */
  jobLogIntervalDays: 7,
  /**
   * The monthly claim form: one a-kasse allows up to 1 month + 10 days after the month ends
   * (uncertain that this applies to all a-kasser).
   */
  monthlyClaim: { monthsAfterMonthEnd: 1, extraDays: 10, roll: 'as-written' as DeadlineRoll },
  /** The employer reports holiday pay by the end of the month the job ends; flag 10 days later (practice, uncertain). */
  holidayPayWatchdogDaysAfterMonthEnd: 10,
  /**
   * How long Jobnet's, the a-kasse's, the municipality's and FerieKonto's solutions may use their
   * task tokens after the date we expect them to confirm a step (our choice, not law).
   */
  tokenDaysAfterExpected: 60,
} as const;

export const JOB_LOG_TIMER = 'job-log:ongoing-duties';
export const QUARANTINE_TIMER = 'quarantine:apply-dagpenge';

/** The benefit the municipality pays a citizen who is not insured (docs/journeys.md 7.2b). */
export function socialAssistanceBenefit(answers: JobAnswers, facts: JobFacts): SocialAssistanceBenefit {
  if (!answers.residentNineOfLastTenYears) return 'selvforsoergelsesydelse';
  const age = ageOn(facts.birthDate, answers.firstDayUnemployed);
  return age < JOB_RULES.socialAssistance.educationAssistanceUnderAge && !answers.hasQualifyingEducation
    ? 'uddannelseshjaelp'
    : 'kontanthjaelp';
}

export function registerDeadline(firstDay: IsoDate): IsoDate {
  return legalDeadline(firstDay, JOB_RULES.register.roll);
}

export function socialAssistanceDeadline(firstDay: IsoDate): IsoDate {
  return legalDeadline(firstDay, JOB_RULES.socialAssistance.roll);
}

export function cvDeadline(firstDay: IsoDate): IsoDate {
  return legalDeadline(addDays(firstDay, 7 * JOB_RULES.cv.weeksAfterFirstDay), JOB_RULES.cv.roll);
}

/** The first day dagpenge can be paid after quitting one's job. */
export function quarantineEnds(firstDay: IsoDate): IsoDate {
  return addDays(firstDay, 7 * JOB_RULES.quarantineWeeks);
}

/** `YYYY-MM` of a date. */
export function monthOf(iso: IsoDate): string {
  return iso.slice(0, 7);
}

export function nextMonth(month: string): string {
  return monthOf(firstOfNextMonth(`${month}-01`));
}

export function laterMonth(a: string, b: string): string {
  return a > b ? a : b;
}

/** Last day to send the claim form for `month` (`YYYY-MM`). */
export function monthlyClaimDeadline(month: string): IsoDate {
  const { monthsAfterMonthEnd, extraDays, roll } = JOB_RULES.monthlyClaim;
  return legalDeadline(addDays(lastDayOfMonth(addMonths(`${month}-01`, monthsAfterMonthEnd)), extraDays), roll);
}

export function holidayPayWatchdogDate(firstDay: IsoDate): IsoDate {
  // The last day of employment is the day before the first day of unemployment.
  return addDays(lastDayOfMonth(addDays(firstDay, -1)), JOB_RULES.holidayPayWatchdogDaysAfterMonthEnd);
}

/** The first job-log day (every 7 days from the first day) that is still ahead of `now`. */
export function firstJobLogDue(firstDay: IsoDate, now: string): IsoDate {
  let due = addDays(firstDay, JOB_RULES.jobLogIntervalDays);
  while (Date.parse(atUtc(due, REMINDER_TIME_UTC)) <= Date.parse(now)) due = addDays(due, JOB_RULES.jobLogIntervalDays);
  return due;
}

export function jobLogTimer(due: IsoDate): ScheduleTimerCommand {
  return { type: 'timer.schedule', key: JOB_LOG_TIMER, dueAt: atUtc(due, REMINDER_TIME_UTC), step: 'ongoing-duties', purpose: 'reminder' };
}

export function quarantineTimer(firstDay: IsoDate): ScheduleTimerCommand {
  return {
    type: 'timer.schedule',
    key: QUARANTINE_TIMER,
    dueAt: atUtc(quarantineEnds(firstDay), REMINDER_TIME_UTC),
    step: 'apply-dagpenge',
    purpose: 'deadline',
  };
}

export function initialJobSteps(answers: JobAnswers): Record<JobStepId, StepState> {
  const firstDay = answers.firstDayUnemployed;
  const member = answers.aKasseMember;
  return initialSteps(JOB_STEP_IDS, {
    'register-unemployed': { status: 'active', deadline: registerDeadline(firstDay) },
    'apply-dagpenge': member ? { status: 'active' } : { status: 'skipped', reason: 'not-insured' },
    'apply-social-assistance': member
      ? { status: 'skipped', reason: 'a-kasse-member' }
      : { status: 'active', deadline: socialAssistanceDeadline(firstDay) },
    'cv-on-jobnet': { status: 'active', deadline: cvDeadline(firstDay) },
    'ongoing-duties': { status: 'active' },
    'monthly-claim': member
      ? { status: 'active', deadline: monthlyClaimDeadline(monthOf(firstDay)) }
      : { status: 'skipped', reason: 'not-insured' },
    'update-preliminary-tax': { status: 'active' },
    'holiday-pay': { status: 'active' },
  });
}

/** Whole days a task token must live: until `expected` plus a margin, counted from `now`. */
export function tokenDays(now: string, expected: IsoDate): number {
  return tokenDaysUntil(now, expected, JOB_RULES.tokenDaysAfterExpected);
}

/** The rules a citizen acts on in this journey, with their sources (docs/journeys.md). */
export const JOB_RULE_SOURCES: Record<string, RuleSource> = {
  register: {
    rule: 'Register as unemployed on Jobnet on the first day of unemployment; dagpenge start no earlier than the registration.',
    source: {
      title: 'FA (a-kasse): Nyuddannet – meld dig ledig; Lærernes a-kasse: You just became unemployed',
      url: 'https://www.fa-k.dk/my-situation-content/sadan-far-du-dagpenge/jeg-er-snart-faerdiguddannet',
    },
    checked: '2026-12-06',
  },
  cv: {
    rule: 'The CV on Jobnet within 2 weeks of registering (some a-kasser allow 3).',
    source: {
      title: 'Lærernes a-kasse: You just became unemployed',
      url: 'https://laka.dk/din-situation/ledig/you-just-became-unemployed/',
    },
    checked: '2026-12-06',
  },
  quarantine: {
    rule: 'Quitting oneself gives 3 weeks without dagpenge.',
    source: { title: 'AK-Samvirke: Step by step', url: 'https://www.aka.dk' },
    checked: 'unverified',
  },
  socialAssistance: {
    rule: 'Social assistance is given from the application day at the earliest.',
    source: { title: 'Lov om aktiv socialpolitik' },
    checked: 'unverified',
  },
  educationAssistanceAge: {
    rule: 'Under 30 without a vocational qualification: uddannelseshjælp instead of kontanthjælp.',
    source: { title: 'Lov om aktiv socialpolitik' },
    checked: 'unverified',
  },
};
