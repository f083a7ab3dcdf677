/**
 * The becoming-a-parent journey's legal rules as data, and the pure functions that turn the start
 * answers, the register facts and the birth date into branches and deadlines.
 */
import {
  addDays,
  addMonths,
  addWorkingDays,
  compareIsoDates,
  formatIsoDate,
  legalDeadline,
  parseIsoDate,
  tokenDaysUntil,
  type DeadlineRoll,
  type IsoDate,
} from '../shared/calendar';
import type { RuleSource, StepState } from '../shared/contract';
import { initialSteps, isClosed, without, withStep, type Steps } from '../shared/kit';
import type { ParentAnswers, ParentBranches, ParentFacts, ParentRole } from './becoming-a-parent.start';
import { PARENT_STEP_IDS, type ParentStepId } from './becoming-a-parent.steps';

export const PARENT_RULES = {
  /**
   * Barselsloven § 15: the mother tells the employer at the latest 3 months before the due date,
   * the father or co-mother at the latest 4 weeks before. The law is silent on closed days; the
   * notice can be given any day (e-mail), so the date stands.
   */
  pregnancyNotice: { motherMonthsBefore: 3, otherParentWeeksBefore: 4, roll: 'as-written' as DeadlineRoll },
  /** The leave plan after the birth: 6 weeks for children born from 2 August 2022, 8 weeks before. */
  leavePlan: {
    weeksAfterBirth: [
      { bornFrom: '2022-08-02', weeks: 6 },
      { bornFrom: '0001-01-01', weeks: 8 },
    ],
    roll: 'as-written' as DeadlineRoll,
  },
  /**
   * Declaration of care and responsibility for unmarried parents: 4 weeks after the birth, 14 days
   * before 1 July 2020 (uncertain: we key the change on the child's birth date, not on the day of
   * the declaration). borger.dk accepts it every day, so the date stands.
   */
  careDeclaration: {
    daysAfterBirth: [
      { bornFrom: '2020-07-01', days: 28 },
      { bornFrom: '0001-01-01', days: 14 },
    ],
    roll: 'as-written' as DeadlineRoll,
  },
  /** A child must have a name at the latest 6 months after the birth (navneloven). */
  naming: { monthsAfterBirth: 6, roll: 'as-written' as DeadlineRoll },
  /**
   * Barselsdagpenge: apply within 8 weeks of the salary stop, else payment only from receipt.
   * Without an employer the 8 weeks count from the first day of leave; a mother may start her leave
   * 4 weeks before the due date (uncertain: we take the earlier of that day and the birth).
   */
  maternityBenefit: { weeksAfterSalaryStop: 8, motherLeaveWeeksBeforeDueDate: 4, roll: 'as-written' as DeadlineRoll },
  // Practice, not law (uncertain): when an awaited register confirmation counts as overdue.
  /** Births after 42 weeks are rare: no registration 3 weeks after the due date is worth a look. */
  birthRegistrationWatchdogDaysAfterDueDate: 21,
  /** The spouse is registered with the birth; allow CPR two weeks of working days. */
  parentRegistrationWatchdogWorkingDays: 10,
  /** Child benefit is paid quarterly around the 20th of the quarter's first month (uncertain). */
  childBenefit: { firstPaymentDayOfMonth: 20, watchdogDaysAfterFirstPayment: 10 },
  /** The employer's leave report (NemRefusion) has no deadline towards the parent (uncertain). */
  employerReportWatchdogDaysAfterBirth: 28,
  /**
   * How long an authority's self-service solution may use its task token after the date we expect
   * its answer (our choice, not law: a lost token must not stay valid for ever).
   */
  tokenDaysAfterExpected: 60,
  /** Without a due date we do not know when the birth comes: the token lasts a pregnancy. */
  birthTokenDaysWithoutDueDate: 300,
} as const;

/** CPR confirms the other parent (married) through the subject's relations. */
export const PARENT_LOOKUP_TASK = 'lookup-person';
/** Udbetaling Danmark's child benefit status confirms the automatic award. */
export const CHILD_BENEFIT_TASK = 'child-benefit-status';

/** The situation the machine works from, whichever start it came from. */
export interface ParentSituation extends ParentBranches {
  /** `register`: the CPR birth registration started the journey; `answers`: an expecting parent did. */
  source: 'register' | 'answers';
  dueDate?: IsoDate;
  /** The child's birth date when the journey starts after the birth. */
  childBirthDate?: IsoDate;
}

const BRANCHES = ['married', 'parentRole', 'employed', 'crossBorderEu'] as const;
function hasBranches<T extends Partial<ParentBranches>>(values: T): values is T & ParentBranches {
  return BRANCHES.every((name) => values[name] !== undefined);
}

/**
 * The birth feed's facts when complete (the register is authoritative), else the expecting parent's
 * answers. Throws, naming the missing values (never their content), when neither is complete: the
 * start schemas cannot see each other, and a guessed branch would be a hidden default.
 */
export function resolveSituation(answers: ParentAnswers, facts: ParentFacts): ParentSituation {
  const pick = ({ married, parentRole, employed, crossBorderEu }: ParentBranches) => ({ married, parentRole, employed, crossBorderEu });
  if (facts.childBirthDate !== undefined && hasBranches(facts)) {
    return { source: 'register', ...pick(facts), childBirthDate: facts.childBirthDate, dueDate: answers.dueDate };
  }
  if (answers.dueDate !== undefined && hasBranches(answers)) return { source: 'answers', ...pick(answers), dueDate: answers.dueDate };
  const missing = [...(answers.dueDate === undefined ? ['dueDate'] : []), ...BRANCHES.filter((name) => answers[name] === undefined)];
  throw new Error(
    `becoming-a-parent needs the birth registration's facts (childBirthDate, ${BRANCHES.join(', ')}) or the answers ${missing.join(', ')}`,
  );
}

/** Whole days a task token must live: until `expected` plus a margin, counted from `now`. */
export function tokenDays(now: string, expected: IsoDate): number {
  return tokenDaysUntil(now, expected, PARENT_RULES.tokenDaysAfterExpected);
}

const byBirthDate = <T extends { bornFrom: string }>(rules: readonly T[], birthDate: IsoDate): T =>
  rules.find((rule) => compareIsoDates(birthDate, rule.bornFrom) >= 0)!;

export function pregnancyNoticeDeadline(dueDate: IsoDate, role: ParentRole): IsoDate {
  const { motherMonthsBefore, otherParentWeeksBefore, roll } = PARENT_RULES.pregnancyNotice;
  const date = role === 'mother' ? addMonths(dueDate, -motherMonthsBefore) : addDays(dueDate, -7 * otherParentWeeksBefore);
  return legalDeadline(date, roll);
}

export function leavePlanDeadline(birthDate: IsoDate): IsoDate {
  const { weeks } = byBirthDate(PARENT_RULES.leavePlan.weeksAfterBirth, birthDate);
  return legalDeadline(addDays(birthDate, 7 * weeks), PARENT_RULES.leavePlan.roll);
}

export function careDeclarationDeadline(birthDate: IsoDate): IsoDate {
  const { days } = byBirthDate(PARENT_RULES.careDeclaration.daysAfterBirth, birthDate);
  return legalDeadline(addDays(birthDate, days), PARENT_RULES.careDeclaration.roll);
}

export function namingDeadline(birthDate: IsoDate): IsoDate {
  return legalDeadline(addMonths(birthDate, PARENT_RULES.naming.monthsAfterBirth), PARENT_RULES.naming.roll);
}

export function maternityBenefitDeadline(salaryStopDate: IsoDate): IsoDate {
  const { weeksAfterSalaryStop, roll } = PARENT_RULES.maternityBenefit;
  return legalDeadline(addDays(salaryStopDate, 7 * weeksAfterSalaryStop), roll);
}

/** Without an employer the leave's first day replaces the salary stop (uncertain, see the rule). */
export function leaveStartWithoutEmployer(birthDate: IsoDate, role: ParentRole, dueDate: IsoDate | undefined): IsoDate {
  if (role !== 'mother' || dueDate === undefined) return birthDate;
  const earliest = addDays(dueDate, -7 * PARENT_RULES.maternityBenefit.motherLeaveWeeksBeforeDueDate);
  return compareIsoDates(earliest, birthDate) < 0 ? earliest : birthDate;
}

export function birthRegistrationWatchdogDate(dueDate: IsoDate): IsoDate {
  return addDays(dueDate, PARENT_RULES.birthRegistrationWatchdogDaysAfterDueDate);
}

export function parentRegistrationWatchdogDate(birthDate: IsoDate): IsoDate {
  return addWorkingDays(birthDate, PARENT_RULES.parentRegistrationWatchdogWorkingDays);
}

/** The first payment falls in the first month of the quarter after the birth. */
export function childBenefitFirstPaymentDate(birthDate: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(birthDate);
  const nextQuarterMonth = Math.floor((month - 1) / 3) * 3 + 4;
  const paymentYear = nextQuarterMonth > 12 ? year + 1 : year;
  return formatIsoDate(paymentYear, nextQuarterMonth > 12 ? 1 : nextQuarterMonth, PARENT_RULES.childBenefit.firstPaymentDayOfMonth);
}

export function childBenefitWatchdogDate(birthDate: IsoDate): IsoDate {
  return addDays(childBenefitFirstPaymentDate(birthDate), PARENT_RULES.childBenefit.watchdogDaysAfterFirstPayment);
}

export function employerReportWatchdogDate(birthDate: IsoDate): IsoDate {
  return addDays(birthDate, PARENT_RULES.employerReportWatchdogDaysAfterBirth);
}

/** `steps` with a new deadline on one step (or none), keeping its status and reason. */
export function withDeadline(steps: Steps, id: ParentStepId, deadline: IsoDate | undefined): Steps {
  const rest = without(steps[id], 'deadline');
  return { ...steps, [id]: deadline === undefined ? rest : { ...rest, deadline } };
}

/**
 * The steps that open with the birth: paternity, naming, child benefit and daycare; the leave
 * plan replaces the pregnancy notice as the employer deadline; without an employer the benefit
 * application opens too.
 */
export function openAfterBirth(steps: Steps, birthDate: IsoDate, situation: ParentSituation): Steps {
  let next = withStep(steps, 'birth-registration', 'done');
  next = {
    ...next,
    paternity: { status: 'active', ...(situation.married ? {} : { deadline: careDeclarationDeadline(birthDate) }) },
    naming: { status: 'active', deadline: namingDeadline(birthDate) },
    'child-benefit': { status: 'active' },
    'daycare-signup': { status: 'active' },
  };
  if (!isClosed(next['notify-employer'].status)) next = withDeadline(next, 'notify-employer', leavePlanDeadline(birthDate));
  if (!situation.employed && next['apply-maternity-benefit'].status === 'pending') {
    const leaveStart = leaveStartWithoutEmployer(birthDate, situation.parentRole, situation.dueDate);
    next = { ...next, 'apply-maternity-benefit': { status: 'active', deadline: maternityBenefitDeadline(leaveStart) } };
  }
  return next;
}

export function initialParentSteps(situation: ParentSituation): Record<ParentStepId, StepState> {
  const { childBirthDate, dueDate, employed, parentRole } = situation;
  const noticeDeadline = childBirthDate === undefined && dueDate !== undefined ? pregnancyNoticeDeadline(dueDate, parentRole) : undefined;
  const steps = initialSteps(PARENT_STEP_IDS, {
    'notify-employer': employed
      ? { status: 'active', ...(noticeDeadline ? { deadline: noticeDeadline } : {}) }
      : { status: 'skipped', reason: 'not-employed' },
    'birth-registration': { status: 'active' },
    'employer-leave-report': employed ? { status: 'active' } : { status: 'skipped', reason: 'not-employed' },
  });
  return (childBirthDate === undefined ? steps : openAfterBirth(steps, childBirthDate, situation)) as Record<ParentStepId, StepState>;
}

/** The rules a citizen acts on in this journey, with their sources (docs/journeys.md). */
export const PARENT_RULE_SOURCES: Record<string, RuleSource> = {
  pregnancyNotice: {
    rule: 'The mother tells the employer 3 months before the due date; the father or co-mother 4 weeks before the leave.',
    source: { title: 'Barselsloven § 15', url: 'https://elov.dk/barselloven/15/' },
    checked: '2026-12-06',
  },
  leavePlan: {
    rule: 'The leave plan after the birth within 6 weeks (children born from 2 August 2022; 8 weeks before).',
    source: {
      title: 'ase.dk: Hvornår fortæller man om graviditet',
      url: 'https://www.ase.dk/faa-svar/paa-barsel/hvornaar-fortaeller-man-om-graviditet',
    },
    checked: '2026-12-06',
  },
  careDeclaration: {
    rule: 'Unmarried parents sign the declaration of care and responsibility within 4 weeks of the birth (14 days before 1 July 2020).',
    source: {
      title: 'Vejledning nr. 9608 af 28. august 2024 om registrering af faderskab og medmoderskab',
      url: 'https://themis.dk/synopsis/docs/Lovsamling/Vejledning_om_registrering_af_faderskab_og_medmoderskab_2024.html',
    },
    checked: '2026-12-06',
  },
  naming: {
    rule: 'The child is named within 6 months of the birth; without a surname it gets the mother’s.',
    source: { title: 'Navneloven § 1', url: 'https://lovsamlingen.dk/?page_id=784' },
    checked: '2026-12-06',
  },
  namingAuthority: {
    rule: 'Name applications go to the parish registrar (the municipality in South Jutland); some cases go on to Familieretshuset.',
    source: {
      title: 'Familieretshuset: Hvem behandler din ansøgning',
      url: 'https://familieretshuset.dk/navne/navne/hvem-behandler-din-ansoegning-og-kan-du-klage',
    },
    checked: '2026-12-06',
  },
  maternityBenefit: {
    rule: 'Apply for barselsdagpenge within 8 weeks of the salary stop, else payment only from receipt.',
    source: {
      title: 'borger.dk: Skal jeg søge min barsel',
      url: 'https://www.borger.dk/familie-og-boern/barsel-oversigt/skal-jeg-soege-min-barsel',
    },
    checked: 'unverified',
  },
  daycareGuarantee: {
    rule: 'A daycare place is guaranteed from 26 weeks of age.',
    source: { title: 'Dagtilbudsloven § 23' },
    checked: 'unverified',
  },
};
