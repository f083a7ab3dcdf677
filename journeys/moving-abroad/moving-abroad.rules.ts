/**
 * The moving-abroad journey's rules as data, and the pure functions that turn the answers into
 * branches and deadlines (docs/journeys.md section 8). The anchor is the departure date.
 */
import { addDays, addWorkingDays, legalDeadline, type DeadlineRoll, type IsoDate } from '../shared/calendar';
import type { RuleSource, StepState } from '../shared/contract';
import { initialSteps } from '../shared/kit';
import type { MovingAbroadAnswers } from './moving-abroad.start';
import { MOVING_ABROAD_STEP_IDS, type MovingAbroadStepId } from './moving-abroad.steps';

export const MOVING_ABROAD_RULES = {
  reportEmigration: {
    opensDaysBefore: 28,
    closesDaysAfter: 5,
    // The law is silent on closed days and the self-service is open every day: the date stands.
    roll: 'as-written' as DeadlineRoll,
  },
  /**
   * (not researched) Greenland: the citizen registers with the Greenlandic municipality only;
   * docs/journeys.md gives no time window there, so the step has none.
   */
  greenlandHasDanishWindow: false,
  /** Away at most this long with full use of the home: the citizen may stay registered. */
  mayStayRegisteredMonths: 6,
  /** Practice, not law (uncertain): CPR shows the departure within this many working days of departure and report. */
  cprConfirmationWorkingDays: 5,
  /**
   * (uncertain) Inter-Nordic agreement: Denmark records the departure once the other country
   * confirms the registration there. No time is given; we flag the wait as late after 6 weeks.
   */
  nordicConfirmationDays: 42,
  /**
   * How long CPR may use the task token to report the other Nordic country's confirmation (our
   * choice, not law: well past the 6-week watchdog; a caseworker can record a later confirmation).
   */
  nordicConfirmationTokenDays: 90,
  /** Practice: Skattestyrelsen has the CPR change about a week after deregistration; call then. */
  taxCallDaysAfterDeregistration: 7,
} as const;

export const CPR_TASK = 'confirm-emigration-registration';

export type RegistrationPath = 'may-stay-registered' | 'must-report';

/**
 * ≤6 months away with full use of the home, or working abroad and spending most weekends, days off
 * and holidays at the home in Denmark → the right to stay registered (CPR-loven § 24); otherwise
 * the departure must be reported.
 */
export function registrationPath(answers: MovingAbroadAnswers): RegistrationPath {
  if (!answers.awayMoreThan6Months && answers.keepsHomeWithFullUse) return 'may-stay-registered';
  if (answers.worksAbroad && answers.homeMostWeekends) return 'may-stay-registered';
  return 'must-report';
}

/** Version 1's reading, kept only so that its journeys restore: the municipality decided for weekly commuters. */
export function registrationPathV1(answers: MovingAbroadAnswers): RegistrationPath | 'municipality-decides' {
  if (!answers.awayMoreThan6Months && answers.keepsHomeWithFullUse) return 'may-stay-registered';
  if (answers.worksAbroad && answers.homeMostWeekends) return 'municipality-decides';
  return 'must-report';
}

export const cprDestination = (answers: MovingAbroadAnswers): 'nordic' | 'greenland' | 'other' =>
  answers.destination === 'nordic' || answers.destination === 'greenland' ? answers.destination : 'other';

/**
 * Away more than 6 months within a year ends the right to housing benefit from the day the stay
 * began (benefit received since is paid back), so it matters when the stay is longer or the home is
 * given up; the citizen reports the stay to Udbetaling Danmark before leaving.
 */
export function housingBenefitAffected(answers: MovingAbroadAnswers): boolean {
  return answers.benefits.housingBenefit && (answers.awayMoreThan6Months || !answers.keepsHomeWithFullUse);
}

/**
 * Housing benefit affected: the stay is reported to Udbetaling Danmark before leaving, because the
 * right ends from the day the stay began and benefit paid since is claimed back. The self-service is
 * open every day, so the departure date stands.
 */
export function benefitsStopDeadline(answers: MovingAbroadAnswers): Pick<StepState, 'deadline'> {
  return housingBenefitAffected(answers) ? { deadline: answers.departureDate } : {};
}

/** Any benefit the move may stop or that needs a notice (child benefit is decided by the registration). */
export function benefitsToCheck(answers: MovingAbroadAnswers): boolean {
  const { childBenefit, su, pension } = answers.benefits;
  return childBenefit || su || pension || housingBenefitAffected(answers);
}

/** A1/S1 matter for work in another EU/EEA country or Switzerland (the Nordic countries included). */
export function worksInEuEea(answers: MovingAbroadAnswers): boolean {
  return answers.worksAbroad && (answers.destination === 'eu-eea-switzerland' || answers.destination === 'nordic');
}

export function reportWindow(answers: MovingAbroadAnswers): Pick<StepState, 'availableFrom' | 'deadline'> {
  if (answers.destination === 'greenland' && !MOVING_ABROAD_RULES.greenlandHasDanishWindow) return {};
  const { opensDaysBefore, closesDaysAfter, roll } = MOVING_ABROAD_RULES.reportEmigration;
  return {
    availableFrom: addDays(answers.departureDate, -opensDaysBefore),
    deadline: legalDeadline(addDays(answers.departureDate, closesDaysAfter), roll),
  };
}

export const cprWatchdogDate = (basis: IsoDate): IsoDate => addWorkingDays(basis, MOVING_ABROAD_RULES.cprConfirmationWorkingDays);
export const nordicWatchdogDate = (basis: IsoDate): IsoDate => addDays(basis, MOVING_ABROAD_RULES.nordicConfirmationDays);
export const taxCallDate = (deregisteredOn: IsoDate): IsoDate =>
  addDays(deregisteredOn, MOVING_ABROAD_RULES.taxCallDaysAfterDeregistration);

export function initialMovingAbroadSteps(answers: MovingAbroadAnswers): Record<MovingAbroadStepId, StepState> {
  return initialSteps(MOVING_ABROAD_STEP_IDS, {
    'report-emigration': { status: 'active', ...reportWindow(answers) },
    'benefits-stop': benefitsToCheck(answers)
      ? { status: 'active', ...benefitsStopDeadline(answers) }
      : { status: 'skipped', reason: 'no-benefits-affected' },
    'eu-social-security': worksInEuEea(answers) ? { status: 'active' } : { status: 'skipped', reason: 'not-working-in-eu-eea' },
  });
}

const NORDEN_MOVING_OUT = {
  title: 'norden.org: Flytte fra Danmark til udlandet',
  url: 'https://www.norden.org/da/info-norden/flytte-fra-danmark-til-udlandet',
};
const SKAT_MOVING_OUT = { title: 'Skattestyrelsen: Du flytter fra Danmark', url: 'https://skat.dk' };

/** The rules an emigrating citizen acts on, with their sources (docs/journeys.md, moving abroad). */
export const MOVING_ABROAD_RULE_SOURCES: Record<string, RuleSource> = {
  reportBy: {
    rule: 'Report the departure at the latest 5 days after it; a late report can be fined.',
    source: NORDEN_MOVING_OUT,
    checked: '2026-12-06',
  },
  reportFrom: {
    rule: 'The departure can be reported at the earliest 4 weeks before it.',
    source: {
      title: 'Aarhus Kommune: Flyt til udlandet',
      url: 'https://aarhus.dk/borger/borgerservice/flytning-indrejse-og-bopael/flyt-til-udlandet/',
    },
    checked: 'unverified',
  },
  staySixMonths: {
    rule: 'Away at most 6 months with full use of the home: the citizen may stay registered.',
    source: NORDEN_MOVING_OUT,
    checked: '2026-12-06',
  },
  weeklyCommuter: {
    rule:
      'Working abroad more than 6 months but spending most weekends, days off and holidays at the home in Denmark: ' +
      'the right to stay registered.',
    source: { title: 'CPR-loven § 24 (stk. 7 as inserted by lov nr. 379 af 28. maj 2003); norden.org', url: NORDEN_MOVING_OUT.url },
    checked: '2026-12-06',
  },
  nordicConfirmation: {
    rule: 'A move to a Nordic country is recorded in Denmark once that country confirms the registration.',
    source: NORDEN_MOVING_OUT,
    checked: '2026-12-06',
  },
  housingBenefitAbroad: {
    rule:
      'Away more than 6 months within a year ends the right to housing benefit from the day the stay began; report ' +
      'the stay to Udbetaling Danmark before leaving.',
    source: {
      title: 'borger.dk: Når du får boligstøtte',
      url: 'https://www.borger.dk/bolig-og-flytning/Boligstoette-oversigt/naar-du-faar-boligstoette',
    },
    checked: '2026-12-06',
  },
  taxLiabilityEnds: {
    rule: 'Full tax liability ends only when the home is sold, terminated or let non-terminably for at least 3 years.',
    source: SKAT_MOVING_OUT,
    checked: 'unverified',
  },
  taxForm: { rule: 'Skattestyrelsen may ask for form 04.029 after the departure.', source: SKAT_MOVING_OUT, checked: 'unverified' },
  exitTax: {
    rule: 'Shares worth 100,000 kr or more can trigger exit tax (fraflytterskat).',
    source: SKAT_MOVING_OUT,
    checked: 'unverified',
  },
};
