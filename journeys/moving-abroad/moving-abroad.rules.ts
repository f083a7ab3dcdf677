/**
 * The moving-abroad journey's rules as data, and the pure functions that turn the answers into
 * branches and deadlines (journeys.md section 8). The anchor is the departure date.
 */
import { addDays, addWorkingDays, legalDeadline, type DeadlineRoll, type IsoDate } from '../shared/calendar';
import type { StepState } from '../shared/contract';
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
   * journeys.md gives no time window there, so the step has none.
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

export type RegistrationPath = 'may-stay-registered' | 'municipality-decides' | 'must-report';

/** ≤6 months away with full use of the home → may stay registered; working abroad, home most weekends → the municipality decides. */
export function registrationPath(answers: MovingAbroadAnswers): RegistrationPath {
  if (!answers.awayMoreThan6Months && answers.keepsHomeWithFullUse) return 'may-stay-registered';
  if (answers.worksAbroad && answers.homeMostWeekends) return 'municipality-decides';
  return 'must-report';
}

export const cprDestination = (answers: MovingAbroadAnswers): 'nordic' | 'greenland' | 'other' =>
  answers.destination === 'nordic' || answers.destination === 'greenland' ? answers.destination : 'other';

/** Housing benefit stops after 6 months away, so it matters when the stay is longer or the home is given up. */
export function housingBenefitAffected(answers: MovingAbroadAnswers): boolean {
  return answers.benefits.housingBenefit && (answers.awayMoreThan6Months || !answers.keepsHomeWithFullUse);
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
export const taxCallDate = (deregisteredOn: IsoDate): IsoDate => addDays(deregisteredOn, MOVING_ABROAD_RULES.taxCallDaysAfterDeregistration);

export function initialMovingAbroadSteps(answers: MovingAbroadAnswers): Record<MovingAbroadStepId, StepState> {
  return initialSteps(MOVING_ABROAD_STEP_IDS, {
    'report-emigration': { status: 'active', ...reportWindow(answers) },
    'benefits-stop': benefitsToCheck(answers) ? { status: 'active' } : { status: 'skipped', reason: 'no-benefits-affected' },
    'eu-social-security': worksInEuEea(answers) ? { status: 'active' } : { status: 'skipped', reason: 'not-working-in-eu-eea' },
  });
}
