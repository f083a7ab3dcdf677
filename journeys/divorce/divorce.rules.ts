/**
 * The divorce journey's rules as data, and the pure functions that turn the answers and register
 * facts into branches and deadlines. The anchor is the day the couple stops living together.
 */
import {
  addWorkingDays,
  dateOfTimestamp,
  formatIsoDate,
  lastDayOfMonth,
  legalDeadline,
  maxIsoDate,
  parseIsoDate,
  type DeadlineRoll,
  type IsoDate,
} from '../shared/calendar';
import type { RuleSource, StepState } from '../shared/contract';
import { initialSteps } from '../shared/kit';
import type { DivorceEvent } from './divorce.events';
import { SCREENING_TRACKS, type ScreeningTrack } from './divorce.events';
import { DIVORCE_FEES } from './divorce.fees';
import type { DivorceAnswers, DivorceFacts } from './divorce.start';
import { DIVORCE_STEP_IDS, type DivorceStepId } from './divorce.steps';

export { DIVORCE_FEES };

export const DIVORCE_RULES = {
  fees: DIVORCE_FEES,
  /** Practice, not law (uncertain): working days from the application before the screening is `late`. */
  screeningWorkingDays: 10,
  /** "a decree about a week later" after an agreement at the negotiation meeting: 5 working days. */
  decreeAfterNegotiationWorkingDays: 5,
  /**
   * Børnetilskud is paid from the quarter after applying (not retroactive), so the application must
   * be in before the quarter of the separation ends. UDK's self-service is open every day: the date
   * stands on weekends and holidays.
   */
  singleParentAllowance: { roll: 'as-written' as DeadlineRoll },
  /** Housing benefit: tell UDK "at once" when a household member moves out (oplysningspligt). */
  housingBenefitReport: { roll: 'as-written' as DeadlineRoll },
} as const;

export const SCREENING_TASK = 'screening-result';
export const NEGOTIATION_TASK = 'request-terms-negotiation';
export const ESTATE_DIVISION_TASK = 'apply-estate-division';
export const ALLOWANCE_TASK = 'apply-single-parent-allowance';

export interface DivorceBranches {
  /** Married (or already separated) couples go through Familieretshuset's case (steps 1–3). */
  married: boolean;
  children: boolean;
  movingOut: boolean;
  housingBenefit: boolean;
}

export function decideBranches(answers: DivorceAnswers, facts: DivorceFacts): DivorceBranches {
  return {
    married: facts.civilStatus !== 'unmarried',
    children: facts.childrenUnder18.length > 0,
    movingOut: answers.movingOut,
    housingBenefit: answers.receivesHousingBenefit,
  };
}

/** The last day of the calendar quarter `date` falls in. */
export function lastDayOfQuarter(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return lastDayOfMonth(formatIsoDate(year, Math.ceil(month / 3) * 3, 1));
}

/**
 * The last day to apply for børnetilskud from the next quarter: the end of the quarter of the
 * separation, or of the start of the journey when that quarter has already passed (a past quarter
 * cannot be won back, the next one can).
 */
export function singleParentAllowanceDeadline(separationDate: IsoDate, startedOn: IsoDate): IsoDate {
  return legalDeadline(lastDayOfQuarter(maxIsoDate(separationDate, startedOn)), DIVORCE_RULES.singleParentAllowance.roll);
}

/** Housing benefit changes are reported at once: on the day the couple splits (or today, if that has passed). */
export function housingBenefitReportDeadline(separationDate: IsoDate, startedOn: IsoDate): IsoDate {
  return legalDeadline(maxIsoDate(separationDate, startedOn), DIVORCE_RULES.housingBenefitReport.roll);
}

export function screeningOverdueDate(basisDate: IsoDate): IsoDate {
  return addWorkingDays(basisDate, DIVORCE_RULES.screeningWorkingDays);
}

export function decreeOverdueDate(concludedOn: IsoDate): IsoDate {
  return addWorkingDays(concludedOn, DIVORCE_RULES.decreeAfterNegotiationWorkingDays);
}

export function isScreeningTrack(value: unknown): value is ScreeningTrack {
  return (SCREENING_TRACKS as readonly unknown[]).includes(value);
}

/**
 * An application the law allows: already separated spouses apply for divorce, and a divorce one
 * spouse does not agree to needs grounds.
 */
export function isValidApplication(facts: DivorceFacts, event: Extract<DivorceEvent, { type: 'divorce.applied' }>): boolean {
  if (facts.civilStatus === 'separated' && event.applicationType !== 'divorce') return false;
  if (event.applicationType === 'divorce' && event.agreement === 'one-disagrees' && event.grounds === undefined) return false;
  return true;
}

export function initialDivorceSteps(answers: DivorceAnswers, facts: DivorceFacts, startedAt: string): Record<DivorceStepId, StepState> {
  const branches = decideBranches(answers, facts);
  const startedOn = dateOfTimestamp(startedAt);
  const notMarried: Partial<StepState> = { status: 'skipped', reason: 'not-married' };
  const noChildren: Partial<StepState> = { status: 'skipped', reason: 'no-children-under-18' };
  return initialSteps(DIVORCE_STEP_IDS, {
    'apply-separation-divorce': branches.married ? { status: 'active' } : notMarried,
    'agree-terms': branches.married ? { status: 'active' } : notMarried,
    screening: branches.married ? {} : notMarried,
    'children-arrangements': branches.children ? { status: 'active' } : noChildren,
    'move-out': branches.movingOut ? { status: 'active' } : { status: 'skipped', reason: 'not-moving' },
    'family-benefits': branches.children ? { deadline: singleParentAllowanceDeadline(answers.separationDate, startedOn) } : noChildren,
    'child-support': branches.children ? {} : noChildren,
    // Married couples divide the estate once the separation or divorce is granted.
    'estate-split': branches.married ? {} : { status: 'active' },
    'update-tax-and-housing': {
      status: 'active',
      ...(branches.housingBenefit ? { deadline: housingBenefitReportDeadline(answers.separationDate, startedOn) } : {}),
    },
  });
}

/** The rules a citizen acts on in this journey, with their sources (docs/journeys.md). */
export const DIVORCE_RULE_SOURCES: Record<string, RuleSource> = {
  applicationFee: {
    rule: 'The separation or divorce application costs 825 kr (2024 level, indexed yearly).',
    source: { title: 'skilsmisse.dk: Hvordan ansøger man om skilsmisse' },
    checked: 'unverified',
  },
  negotiationFee: {
    rule: 'A negotiation meeting about the terms costs 2,150 kr (2024 level, indexed yearly).',
    source: { title: 'Familieadvokaten (familieadvokaten.dk/emner/554.html)' },
    checked: 'unverified',
  },
  singleParentAllowance: {
    rule: 'Børnetilskud is paid from the quarter after applying, never back in time.',
    source: { title: 'STAR: Børnetilskud til enlige forsørgere' },
    checked: 'unverified',
  },
  authority: {
    rule: 'Separation and divorce cases go to Familieretshuset, sorted into §§ 5, 6 or 7.',
    source: { title: 'Lov om Familieretshuset §§ 5–7' },
    checked: 'unverified',
  },
};
