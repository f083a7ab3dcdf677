/**
 * The moving journey's legal rules as data, and the pure functions that turn start answers and
 * register facts into branches and deadlines.
 */
import { addDays, addWorkingDays, legalDeadline, type DeadlineRoll, type IsoDate } from '../shared/calendar';
import type { RuleSource, StepState } from '../shared/contract';
import { initialSteps } from '../shared/kit';
import type { MovingAnswers, MovingFacts } from './moving.start';
import { MOVING_STEP_IDS, type MovingStepId } from './moving.steps';

export const MOVING_RULES = {
  reportMove: {
    opensDaysBefore: 28,
    closesDaysAfter: 5,
    // The law is silent on closed days and borger.dk accepts reports every day, so the date stands:
    // rolling it forward could make us promise time the municipality may not give.
    roll: 'as-written' as DeadlineRoll,
  },
  housingBenefit: { daysAfterMoving: 30, roll: 'as-written' as DeadlineRoll },
  /** Practice, not law (uncertain): how long CPR takes before we flag the registration as late. */
  cprConfirmationWorkingDays: 10,
  /**
   * How long the municipality's self-service solution may use the task token for a host declaration
   * or a parent hearing (our choice, not law: long enough for a hearing, short enough that a lost
   * token does not stay valid for ever).
   */
  municipalityDecisionTokenDays: 30,
} as const;

export const CPR_TASK = 'confirm-move-registration';

export interface MovingBranches {
  logivaertCheck: boolean;
  childMoveHearing: boolean;
  addressProtection: boolean;
  housingBenefit: boolean;
  childrenServices: boolean;
}

/**
 * Every branch follows from an answer or a register fact. When CPR did not give the current
 * municipality, children-services is shown: guidance the family may not need costs less than a
 * missed daycare waiting list.
 */
export function decideBranches(answers: MovingAnswers, facts: MovingFacts): MovingBranches {
  const newMunicipality = facts.municipalityCode === undefined || facts.municipalityCode !== answers.newAddress.municipalityCode;
  return {
    logivaertCheck: answers.othersRegisteredAtNewAddress || answers.newAddress.careOf !== undefined,
    childMoveHearing: answers.childLeavesJointCustodyHome,
    addressProtection: answers.wantsAddressProtection,
    housingBenefit: answers.renting,
    childrenServices: answers.childrenMoving && newMunicipality,
  };
}

export function reportMoveWindow(movingDate: IsoDate): { availableFrom: IsoDate; deadline: IsoDate } {
  const { opensDaysBefore, closesDaysAfter, roll } = MOVING_RULES.reportMove;
  return {
    availableFrom: addDays(movingDate, -opensDaysBefore),
    deadline: legalDeadline(addDays(movingDate, closesDaysAfter), roll),
  };
}

export function housingBenefitDeadline(movingDate: IsoDate): IsoDate {
  const { daysAfterMoving, roll } = MOVING_RULES.housingBenefit;
  return legalDeadline(addDays(movingDate, daysAfterMoving), roll);
}

export function cprWatchdogDate(registrationBasisDate: IsoDate): IsoDate {
  return addWorkingDays(registrationBasisDate, MOVING_RULES.cprConfirmationWorkingDays);
}

export function initialMovingSteps(answers: MovingAnswers, facts: MovingFacts): Record<MovingStepId, StepState> {
  const branches = decideBranches(answers, facts);
  const skipUnless = (relevant: boolean, reason: string): Partial<StepState> => (relevant ? {} : { status: 'skipped', reason });
  return initialSteps(MOVING_STEP_IDS, {
    'report-move': { status: 'active', ...reportMoveWindow(answers.movingDate) },
    'gp-choice': { status: 'active' },
    'logivaert-check': skipUnless(branches.logivaertCheck, 'no-host'),
    'child-move-hearing': skipUnless(branches.childMoveHearing, 'no-joint-custody-move'),
    'address-protection': branches.addressProtection ? { status: 'active' } : { status: 'skipped', reason: 'not-wanted' },
    'housing-benefit': {
      ...skipUnless(branches.housingBenefit, 'not-renting'),
      ...(branches.housingBenefit ? { deadline: housingBenefitDeadline(answers.movingDate) } : {}),
    },
    'update-preliminary-tax': { status: 'active' },
    'children-services': skipUnless(branches.childrenServices, 'no-children-changing-municipality'),
  });
}

/** The rules a citizen acts on in this journey, with their sources (docs/journeys.md). */
export const MOVING_RULE_SOURCES: Record<string, RuleSource> = {
  reportMove: {
    rule: 'Report the move at the latest 5 days after moving in; most municipalities accept it from 28 days before.',
    source: {
      title: 'borger.dk: Når du skal flytte; CPR-loven § 12',
      url: 'https://www.borger.dk/bolig-og-flytning/flytning_oversigt/guide--naar-du-skal-flytte',
    },
    checked: '2026-12-06',
  },
  lateMoveFine: {
    rule: 'A move reported more than 14 days late can be fined.',
    source: {
      title: 'Ballerup Kommune: For sent anmeldt flytning (CPR-loven § 57)',
      url: 'https://ballerup.dk/borger/borgerservice/flytning/sent-anmeldt-flytning',
    },
    checked: '2026-12-06',
  },
  housingBenefit: {
    rule: 'Apply for housing benefit within 30 days of moving in to be paid from the move; later, from the month after applying.',
    source: { title: 'borger.dk: Søg boligstøtte', url: 'https://www.borger.dk/bolig-og-flytning/boligstoette-oversigt/soeg-boligstoette' },
    checked: 'unverified',
  },
  gpDistance: {
    rule: 'A GP more than 15 km from the new home (5 km in Copenhagen, Frederiksberg, Tårnby, Dragør) may be changed free of charge.',
    source: {
      title: 'borger.dk: Guide – når du skal flytte',
      url: 'https://www.borger.dk/bolig-og-flytning/flytning_oversigt/guide--naar-du-skal-flytte',
    },
    checked: 'unverified',
  },
  authority: {
    rule: 'The move is reported to the municipality moved to (folkeregistret).',
    source: {
      title: 'borger.dk: Når du skal flytte',
      url: 'https://www.borger.dk/bolig-og-flytning/flytning_oversigt/guide--naar-du-skal-flytte',
    },
    checked: '2026-12-06',
  },
};
