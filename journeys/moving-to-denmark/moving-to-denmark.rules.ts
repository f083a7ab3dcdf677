/**
 * The moving-to-Denmark journey's rules as data, and the pure functions that turn the newcomer's
 * answers into branches and deadlines (docs/journeys.md section 11).
 */
import { addDays, addMonths, addWorkingDays, compareIsoDates, legalDeadline, type DeadlineRoll, type IsoDate } from '../shared/calendar';
import type { RuleSource, StepState } from '../shared/contract';
import { ageOn } from '../shared/cpr';
import { initialSteps } from '../shared/kit';
import type { MovingToDenmarkAnswers } from './moving-to-denmark.start';
import { MOVING_TO_DENMARK_STEP_IDS, type MovingToDenmarkStepId } from './moving-to-denmark.steps';

export const MOVING_TO_DENMARK_RULES = {
  registerCpr: {
    daysAfterArrival: 5,
    // CPR registration is in person, but the law gives no extension for closed days and the
    // online pre-application is open every day: the date stands and reminders come early.
    roll: 'as-written' as DeadlineRoll,
    /** A permit (or EU document) older than this cannot be used for registration. */
    permitValidMonths: 6,
    /**
     * (uncertain) EU/EEA/Swiss citizens need the EU residence document to register, but docs/journeys.md
     * counts the 5 days from taking up residence. We count them from the day SIRI grants the
     * document, because registration cannot happen before it.
     */
    euDaysAfterDocument: 5,
  },
  euResidenceDocument: {
    monthsAfterArrival: 3,
    monthsAfterArrivalIfJobSeeking: 6,
    /** Appear in person at SIRI or ICS within 14 days of the online application. */
    appearWithinDays: 14,
    roll: 'as-written' as DeadlineRoll,
    /**
     * How long SIRI's solution may use the task token to record its decision (our choice, not law:
     * SIRI gives no processing time; a caseworker can record a later decision).
     */
    decisionTokenDays: 90,
  },
  /** Practice, not law: the yellow card arrives 2–4 weeks after the GP choice; flag it after 4. */
  healthCardExpectedDays: 28,
  /** Practice, not law: the residence card arrives 2–3 weeks after registration; flag it after 3. */
  residenceCardExpectedDays: 21,
  residenceCardMinimumAge: 18,
  taxCard: {
    /** Without a number yet, Skattestyrelsen takes applications at most 21 working days before the job. */
    earliestWorkingDaysBeforeJob: 21,
    /** (uncertain) Processing takes about 2 weeks: apply at least 14 days before the job starts. */
    applyDaysBeforeJob: 14,
    roll: 'as-written' as DeadlineRoll,
    /** (uncertain) "About 2 weeks": flag the card as late after 10 working days. */
    expectedWorkingDays: 10,
  },
} as const;

export const CPR_REGISTRATION_TASK = 'register-immigration';
export const TAX_CARD_TASK = 'confirm-tax-card';

/** Returning Danes are Nordic citizens who already have a CPR number. */
export const isReturningDane = (answers: MovingToDenmarkAnswers): boolean => answers.citizenship === 'DK';

/**
 * Who must apply for child benefit themselves. docs/journeys.md says EU/EEA workers and returning Danes
 * must; it says nothing about the others (uncertain), so for them the step lets the citizen record
 * whether UDK started the benefit without an application.
 */
export function mustApplyForChildBenefit(answers: MovingToDenmarkAnswers): boolean {
  return answers.residence.basis === 'eu-eea-swiss' || isReturningDane(answers);
}

/** Nordic citizens staying 3–6 months may register in CPR but need not (Danes always must). */
export function cprRegistrationOptional(answers: MovingToDenmarkAnswers): boolean {
  return answers.residence.basis === 'nordic' && !answers.residence.staysMoreThan6Months && !isReturningDane(answers);
}

/** Permit holders get an administrative CPR number with the permit; returning Danes keep theirs. */
export function hasNumberBeforeRegistration(answers: MovingToDenmarkAnswers): boolean {
  return answers.residence.basis === 'non-eu' || isReturningDane(answers);
}

export function needsResidenceCard(answers: MovingToDenmarkAnswers): boolean {
  return (
    answers.residence.basis === 'non-eu' && ageOn(answers.birthDate, answers.arrivalDate) >= MOVING_TO_DENMARK_RULES.residenceCardMinimumAge
  );
}

export function needsSuEqualStatus(answers: MovingToDenmarkAnswers): boolean {
  return answers.startingEducation && !isReturningDane(answers);
}

export function euDocumentDeadline(answers: MovingToDenmarkAnswers): IsoDate | undefined {
  if (answers.residence.basis !== 'eu-eea-swiss') return undefined;
  const { monthsAfterArrival, monthsAfterArrivalIfJobSeeking, roll } = MOVING_TO_DENMARK_RULES.euResidenceDocument;
  return legalDeadline(
    addMonths(answers.arrivalDate, answers.residence.jobSeeking ? monthsAfterArrivalIfJobSeeking : monthsAfterArrival),
    roll,
  );
}

export function euAppearanceDeadline(appliedOn: IsoDate): IsoDate {
  const { appearWithinDays, roll } = MOVING_TO_DENMARK_RULES.euResidenceDocument;
  return legalDeadline(addDays(appliedOn, appearWithinDays), roll);
}

/** Registration deadline known at start (Nordic and permit holders); EU citizens get theirs with the EU document. */
export function cprDeadlineAtStart(answers: MovingToDenmarkAnswers): IsoDate | undefined {
  const { daysAfterArrival, permitValidMonths, roll } = MOVING_TO_DENMARK_RULES.registerCpr;
  const afterArrival = legalDeadline(addDays(answers.arrivalDate, daysAfterArrival), roll);
  switch (answers.residence.basis) {
    case 'nordic':
      return cprRegistrationOptional(answers) ? undefined : afterArrival;
    case 'non-eu': {
      const permitLimit = legalDeadline(addMonths(answers.residence.permitIssuedOn, permitValidMonths), roll);
      return compareIsoDates(permitLimit, afterArrival) < 0 ? permitLimit : afterArrival;
    }
    case 'eu-eea-swiss':
      return undefined;
  }
}

export function cprDeadlineAfterEuDocument(decidedOn: IsoDate): IsoDate {
  const { euDaysAfterDocument, roll } = MOVING_TO_DENMARK_RULES.registerCpr;
  return legalDeadline(addDays(decidedOn, euDaysAfterDocument), roll);
}

export function taxCardWindow(answers: MovingToDenmarkAnswers): Partial<Pick<StepState, 'availableFrom' | 'deadline'>> {
  if (!answers.job.hasJob) return {};
  const { earliestWorkingDaysBeforeJob, applyDaysBeforeJob, roll } = MOVING_TO_DENMARK_RULES.taxCard;
  return {
    ...(hasNumberBeforeRegistration(answers)
      ? {}
      : { availableFrom: addWorkingDays(answers.job.startDate, -earliestWorkingDaysBeforeJob) }),
    deadline: legalDeadline(addDays(answers.job.startDate, -applyDaysBeforeJob), roll),
  };
}

export const healthCardWatchdogDate = (basis: IsoDate): IsoDate => addDays(basis, MOVING_TO_DENMARK_RULES.healthCardExpectedDays);
export const residenceCardWatchdogDate = (registeredOn: IsoDate): IsoDate =>
  addDays(registeredOn, MOVING_TO_DENMARK_RULES.residenceCardExpectedDays);
export const taxCardWatchdogDate = (appliedOn: IsoDate): IsoDate =>
  addWorkingDays(appliedOn, MOVING_TO_DENMARK_RULES.taxCard.expectedWorkingDays);

export function initialMovingToDenmarkSteps(answers: MovingToDenmarkAnswers): Record<MovingToDenmarkStepId, StepState> {
  const { basis } = answers.residence;
  const euDocument = euDocumentDeadline(answers);
  const cprDeadline = cprDeadlineAtStart(answers);
  const childBenefit = answers.childrenMoving;
  return initialSteps(MOVING_TO_DENMARK_STEP_IDS, {
    'right-to-reside':
      basis === 'eu-eea-swiss'
        ? { status: 'active', ...(euDocument ? { deadline: euDocument } : {}) }
        : basis === 'non-eu'
          ? { status: 'done', reason: 'permit-before-arrival' }
          : { status: 'skipped', reason: 'nordic-citizen-no-permit' },
    // EU citizens register once SIRI has granted the EU residence document.
    'register-cpr': basis === 'eu-eea-swiss' ? {} : { status: 'active', ...(cprDeadline ? { deadline: cprDeadline } : {}) },
    'residence-card': needsResidenceCard(answers) ? {} : { status: 'skipped', reason: 'no-permit-or-under-18' },
    'tax-card': answers.job.hasJob ? { status: 'active', ...taxCardWindow(answers) } : { status: 'skipped', reason: 'no-job-in-denmark' },
    'family-benefits': childBenefit || needsSuEqualStatus(answers) ? {} : { status: 'skipped', reason: 'no-children-or-studies' },
  });
}

/** The rules a citizen acts on in this journey, with their sources (docs/journeys.md). */
export const MOVING_TO_DENMARK_RULE_SOURCES: Record<string, RuleSource> = {
  registerCpr: {
    rule: 'Register in CPR within 5 days of taking up residence; the permit or EU document may be at most 6 months old.',
    source: { title: 'newcitizen.dk: CPR number, health insurance card and family doctor' },
    checked: 'unverified',
  },
  euResidenceDocument: {
    rule: 'EU/EEA/Swiss citizens need the EU residence document after 3 months (6 when seeking work), and appear within 14 days.',
    source: { title: 'international.aarhus.dk: EU step-by-step guide' },
    checked: 'unverified',
  },
  taxCard: {
    rule: 'Without a number yet, apply for a tax card at most 21 working days before the job; without one the employer withholds 55 %.',
    source: { title: 'Skattestyrelsen (skat.dk/data.aspx?oid=1899274)', url: 'https://skat.dk/data.aspx?oid=1899274' },
    checked: 'unverified',
  },
  residenceCardAge: {
    rule: 'Non-EU citizens aged 18 or more get a residence card ordered at registration.',
    source: { title: 'nyidanmark.dk: Yes to residence permit', url: 'https://www.nyidanmark.dk' },
    checked: 'unverified',
  },
};
