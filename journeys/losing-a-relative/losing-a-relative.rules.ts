/**
 * The losing-a-relative journey's legal rules as data, and the pure functions that turn the
 * register facts into branches and deadlines counted from the date of death.
 */
import {
  addDays,
  addMonths,
  addWorkingDays,
  atUtc,
  compareIsoDates,
  dateOfTimestamp,
  legalDeadline,
  maxIsoDate,
  type DeadlineRoll,
  type IsoDate,
} from '../shared/calendar';
import type { StepState } from '../shared/contract';
import { initialSteps } from '../shared/kit';
import { REQUIRED_RELATIVE_FACTS, type Relation, type RelativeFacts } from './losing-a-relative.start';
import { RELATIVE_STEP_IDS, type RelativeStepId } from './losing-a-relative.steps';

export const SETTLEMENTS = ['boudlaeg', 'aegtefaelleudlaeg', 'uskiftet-bo', 'privat-skifte', 'bobestyrer'] as const;
export type Settlement = (typeof SETTLEMENTS)[number];

export const RELATIVE_RULES = {
  /**
   * The death is reported to the burial authority at the latest 2 weekdays ("hverdage") after the
   * death. We count Danish working days (Monday–Friday, not public holidays); uncertain: some read
   * "hverdage" as including Saturdays, which would make the real limit earlier after a Thursday.
   */
  reportDeath: { workingDaysAfterDeath: 2 },
  /**
   * Burial or cremation at the latest on the 8th day after the death; the cemetery or crematorium
   * may extend to 14 days, longer only with Styrelsen for Patientsikkerhed. Ceremonies are held on
   * any day the cemetery agrees, so the date stands.
   */
  burial: { daysAfterDeath: 8, cemeteryMaxDaysAfterDeath: 14, roll: 'as-written' as DeadlineRoll },
  /** Efterlevelseshjælp must be applied for within 6 months of the death. */
  survivorGrant: { monthsAfterDeath: 6, roll: 'as-written' as DeadlineRoll },
  /** Only a surviving spouse can take over the estate undivided or by spouse transfer. */
  spouseOnlySettlements: ['aegtefaelleudlaeg', 'uskiftet-bo'] as readonly Settlement[],
  // Practice, not law (uncertain): when an awaited confirmation counts as overdue.
  deathCertificateWorkingDays: 2,
  automaticEffectsWorkingDaysAfterCertificate: 5,
  notifyAuthoritiesWorkingDaysAfterReport: 5,
  /** The probate court writes "after about 2–4 weeks"; we wait the full 4 from its notification. */
  probateCourtContactDaysAfterNotification: 28,
  /** Udbetaling Danmark's letter about efterlevelsespension comes "within a week" of the CPR registration. */
  survivorPensionLetterDaysAfterRegistration: 10,
  /**
   * How long an authority's own solution may use its task token to confirm a step (our choice, not
   * law: the expected time above with a margin, so that a lost token does not stay valid for ever).
   */
  taskTokenDays: { deathCertificate: 14, automaticEffects: 30, notifyAuthorities: 30, probateCourtContact: 90, survivorPension: 30 },
} as const;

export const CERTIFICATE_TASK = 'death-certificate-status';
export const CLOSE_MAILBOX_TASK = 'close-mailbox';
export const CHOOSE_SETTLEMENT_TASK = 'choose-settlement';
export const PROBATE_CERTIFICATE_TASK = 'request-probate-certificate';

/** How the authorities name the deceased relative to the citizen (the task catalogue's `deceasedRelation`). */
export type DeceasedRelation = 'spouse' | 'partner' | 'parent' | 'child' | 'sibling';

/**
 * The deceased's relation to the citizen, which lets an authority find the deceased from the
 * citizen's own CPR relations. `other` (a friend, a neighbour) has none: those steps are confirmed by
 * the authority's own solution instead.
 */
export function deceasedRelation(relation: Relation): DeceasedRelation | undefined {
  const byRelation: Record<Relation, DeceasedRelation | undefined> = {
    spouse: 'spouse',
    cohabitant: 'partner',
    child: 'parent',
    parent: 'child',
    other: undefined,
  };
  return byRelation[relation];
}

/** The names of the facts a start lacks (never their values), or undefined when all are there. */
export function relativeFactsProblem(facts: Partial<RelativeFacts>): string | undefined {
  const missing = REQUIRED_RELATIVE_FACTS.filter((name) => facts[name] === undefined);
  return missing.length ? `losing-a-relative needs the register facts ${missing.join(', ')}` : undefined;
}

export type SurvivorBranch = 'not-relevant' | 'automatic-pension' | 'apply-grant';

export function survivorBranch(relation: Relation, bothReceivedPublicPension: boolean): SurvivorBranch {
  if (relation !== 'spouse' && relation !== 'cohabitant') return 'not-relevant';
  return bothReceivedPublicPension ? 'automatic-pension' : 'apply-grant';
}

export function settlementAllowed(relation: Relation, settlement: Settlement): boolean {
  return relation === 'spouse' || !RELATIVE_RULES.spouseOnlySettlements.includes(settlement);
}

export function reportDeathDeadline(dateOfDeath: IsoDate): IsoDate {
  // A working-day count always ends on a working day, so no roll is needed.
  return addWorkingDays(dateOfDeath, RELATIVE_RULES.reportDeath.workingDaysAfterDeath);
}

export function burialDeadline(dateOfDeath: IsoDate): IsoDate {
  return legalDeadline(addDays(dateOfDeath, RELATIVE_RULES.burial.daysAfterDeath), RELATIVE_RULES.burial.roll);
}

/** The latest date the cemetery or crematorium may allow on its own. */
export function cemeteryExtensionLimit(dateOfDeath: IsoDate): IsoDate {
  return addDays(dateOfDeath, RELATIVE_RULES.burial.cemeteryMaxDaysAfterDeath);
}

export type BurialApprover = 'cemetery' | 'styrelsen-for-patientsikkerhed';

export function postponementAllowed(dateOfDeath: IsoDate, newDeadline: IsoDate, approvedBy: BurialApprover): boolean {
  if (compareIsoDates(newDeadline, burialDeadline(dateOfDeath)) <= 0) return false;
  return approvedBy === 'styrelsen-for-patientsikkerhed' || compareIsoDates(newDeadline, cemeteryExtensionLimit(dateOfDeath)) <= 0;
}

export function survivorGrantDeadline(dateOfDeath: IsoDate): IsoDate {
  const { monthsAfterDeath, roll } = RELATIVE_RULES.survivorGrant;
  return legalDeadline(addMonths(dateOfDeath, monthsAfterDeath), roll);
}

export function deathCertificateWatchdogDate(dateOfDeath: IsoDate): IsoDate {
  return addWorkingDays(dateOfDeath, RELATIVE_RULES.deathCertificateWorkingDays);
}

export function automaticEffectsWatchdogDate(certificateIssuedOn: IsoDate): IsoDate {
  return addWorkingDays(certificateIssuedOn, RELATIVE_RULES.automaticEffectsWorkingDaysAfterCertificate);
}

export function notifyAuthoritiesWatchdogDate(reportedOn: IsoDate): IsoDate {
  return addWorkingDays(reportedOn, RELATIVE_RULES.notifyAuthoritiesWorkingDaysAfterReport);
}

export function probateCourtWatchdogDate(notifiedOn: IsoDate): IsoDate {
  return addDays(notifiedOn, RELATIVE_RULES.probateCourtContactDaysAfterNotification);
}

/** The journey starts from the CPR death registration, so its start is the registration day. */
export function survivorPensionWatchdogDate(dateOfDeath: IsoDate, startedAt: string): IsoDate {
  return addDays(maxIsoDate(dateOfDeath, dateOfTimestamp(startedAt)), RELATIVE_RULES.survivorPensionLetterDaysAfterRegistration);
}

/** The later of an ISO timestamp and the start of a date: "now" as far as the machine knows. */
export function laterTimestamp(timestamp: string, date: IsoDate): string {
  const midnight = atUtc(date, '00:00');
  return Date.parse(midnight) > Date.parse(timestamp) ? midnight : timestamp;
}

export function initialRelativeSteps(facts: RelativeFacts): Record<RelativeStepId, StepState> {
  const survivor = survivorBranch(facts.relation, facts.bothReceivedPublicPension);
  return initialSteps(RELATIVE_STEP_IDS, {
    'death-certificate': { status: 'active' },
    'report-death-request-burial': { status: 'active', deadline: reportDeathDeadline(facts.dateOfDeath) },
    burial: { deadline: burialDeadline(facts.dateOfDeath) },
    'funeral-grant': facts.deceasedHadHealthCover ? { status: 'active' } : { status: 'skipped', reason: 'no-danish-health-cover' },
    'spouse-survivor':
      survivor === 'not-relevant'
        ? { status: 'skipped', reason: 'not-spouse-or-cohabitant' }
        : survivor === 'automatic-pension'
          ? { status: 'active' }
          : { status: 'active', deadline: survivorGrantDeadline(facts.dateOfDeath) },
  });
}
