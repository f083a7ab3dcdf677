/**
 * The losing-a-relative journey's legal rules as data, and the pure functions that turn the
 * register facts into branches and deadlines counted from the date of death.
 */
import {
  addDays,
  addMonths,
  addWorkingDays,
  compareIsoDates,
  dateOfTimestamp,
  legalDeadline,
  maxIsoDate,
  type DeadlineRoll,
  type IsoDate,
} from '../shared/calendar';
import type { RuleSource, StepState } from '../shared/contract';
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
   * Burial or cremation within 8 days with the day of death counted as the first ("dødsdagen
   * medregnet"), so the last day is the date of death + 7; the cemetery or crematorium may extend to
   * 14 days counted the same way (+ 13), longer only with Styrelsen for Patientsikkerhed. Ceremonies
   * are held on any day the cemetery agrees, so the date stands even on a holiday.
   */
  burial: { days: 8, cemeteryMaxDays: 14, dayOfDeathCounts: true, roll: 'as-written' as DeadlineRoll },
  /**
   * In the South Jutland municipalities (the old "sønderjyske landsdele") births and deaths are
   * registered by the municipality's registrar, not the parish. CPR codes: Haderslev 0510,
   * Sønderborg 0540, Tønder 0550, Aabenraa 0580. Uncertain at the edges: the old border runs through
   * a few parishes now in Kolding and Esbjerg municipalities, which this list does not cover.
   */
  southJutlandMunicipalityCodes: ['0510', '0540', '0550', '0580'] as readonly string[],
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

export type BurialAuthority = 'parish-registrar' | 'municipality';

/** Where the death is reported and registered: the municipality in South Jutland, else the parish. */
export function burialAuthority(facts: Pick<RelativeFacts, 'deceasedMunicipalityCode'>): BurialAuthority {
  const code = facts.deceasedMunicipalityCode;
  return code !== undefined && RELATIVE_RULES.southJutlandMunicipalityCodes.includes(code) ? 'municipality' : 'parish-registrar';
}

/** The step state's authority when it is not the definition's (the parish). */
function routed(facts: RelativeFacts): Pick<StepState, 'system'> {
  const authority = burialAuthority(facts);
  return authority === 'parish-registrar' ? {} : { system: authority };
}

export function settlementAllowed(relation: Relation, settlement: Settlement): boolean {
  return relation === 'spouse' || !RELATIVE_RULES.spouseOnlySettlements.includes(settlement);
}

export function reportDeathDeadline(dateOfDeath: IsoDate): IsoDate {
  // A working-day count always ends on a working day, so no roll is needed.
  return addWorkingDays(dateOfDeath, RELATIVE_RULES.reportDeath.workingDaysAfterDeath);
}

/** The last day of a period of `days` days that starts on the date of death. */
function lastDayCountingDeath(dateOfDeath: IsoDate, days: number): IsoDate {
  return addDays(dateOfDeath, RELATIVE_RULES.burial.dayOfDeathCounts ? days - 1 : days);
}

export function burialDeadline(dateOfDeath: IsoDate): IsoDate {
  return legalDeadline(lastDayCountingDeath(dateOfDeath, RELATIVE_RULES.burial.days), RELATIVE_RULES.burial.roll);
}

/** The latest date the cemetery or crematorium may allow on its own. */
export function cemeteryExtensionLimit(dateOfDeath: IsoDate): IsoDate {
  return lastDayCountingDeath(dateOfDeath, RELATIVE_RULES.burial.cemeteryMaxDays);
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

export function initialRelativeSteps(facts: RelativeFacts): Record<RelativeStepId, StepState> {
  const survivor = survivorBranch(facts.relation, facts.bothReceivedPublicPension);
  return initialSteps(RELATIVE_STEP_IDS, {
    'death-certificate': { status: 'active' },
    'report-death-request-burial': { status: 'active', deadline: reportDeathDeadline(facts.dateOfDeath), ...routed(facts) },
    burial: { deadline: burialDeadline(facts.dateOfDeath) },
    'notify-authorities': routed(facts),
    'funeral-grant': facts.deceasedHadHealthCover ? { status: 'active' } : { status: 'skipped', reason: 'no-danish-health-cover' },
    'spouse-survivor':
      survivor === 'not-relevant'
        ? { status: 'skipped', reason: 'not-spouse-or-cohabitant' }
        : survivor === 'automatic-pension'
          ? { status: 'active' }
          : { status: 'active', deadline: survivorGrantDeadline(facts.dateOfDeath) },
  });
}

const STPS_BURIAL = {
  title: 'Styrelsen for Patientsikkerhed: Udsættelse af begravelse',
  url: 'https://stps.dk/da/tilsyn/ligsyn-og-obduktion/udsaettelse-af-begravelse/',
};
const DEATH_REPORT_ORDER = {
  title: 'Bekendtgørelse om anmeldelse af dødsfald (nr. 1145 af 30. september 2010) § 1',
  url: 'http://socialjura.dk/content-storage/regler/2010/bek-1145-af-309-2010',
};

/** The rules a next of kin acts on, with their sources (docs/journeys.md, losing a relative). */
export const RELATIVE_RULE_SOURCES: Record<string, RuleSource> = {
  reportDeath: {
    rule: 'Report the death within 2 weekdays after it (counted as Danish working days; whether Saturday counts is unverified).',
    source: DEATH_REPORT_ORDER,
    checked: '2026-12-06',
  },
  reportDeathSaturday: {
    rule: 'Saturday is not a weekday ("hverdag") for the 2-day death report.',
    source: DEATH_REPORT_ORDER,
    checked: 'unverified',
  },
  burialAuthority: {
    rule:
      'The death is reported to the parish registrar; in Haderslev, Sønderborg, Tønder and Aabenraa municipalities ' +
      'to the municipality.',
    source: { title: `${DEATH_REPORT_ORDER.title}, stk. 2`, url: DEATH_REPORT_ORDER.url },
    checked: '2026-12-06',
  },
  burial: {
    rule: 'Burial or cremation within 8 days, the day of death counted: date of death + 7.',
    source: STPS_BURIAL,
    checked: '2026-12-06',
  },
  cemeteryExtension: {
    rule: 'The cemetery or crematorium may extend to 14 days (date of death + 13); longer needs Styrelsen for Patientsikkerhed.',
    source: STPS_BURIAL,
    checked: '2026-12-06',
  },
  survivorGrant: {
    rule: 'Apply for efterlevelseshjælp within 6 months of the death.',
    source: { title: 'Bekendtgørelse om efterlevelseshjælp', url: 'https://elov.dk/bekendtgorelse-om-efterlevelseshjaelp/1/' },
    checked: 'unverified',
  },
  survivorPension: {
    rule: 'When both received a public pension, the deceased’s pension continues to the survivor for 3 months without an application.',
    source: {
      title: 'borger.dk: Guide – når livet slutter',
      url: 'https://www.borger.dk/sundhed-og-sygdom/doedsfald--hospice-og-behandlingstestamente/guide--naar-livet-slutter',
    },
    checked: 'unverified',
  },
  funeralGrantDeadline: {
    rule: 'The funeral grant (begravelseshjælp) has no deadline in this journey; whether one applies is unverified.',
    source: { title: 'Sundhedsloven (begravelseshjælp); Udbetaling Danmark: Begravelseshjælp' },
    checked: 'unverified',
  },
  spouseOnlySettlements: {
    rule: 'Only a surviving spouse can choose spouse transfer (ægtefælleudlæg) or undivided estate (uskiftet bo).',
    source: { title: 'Dødsboskifteloven; Skattestyrelsen: Dødsboer', url: 'https://skat.dk/data.aspx?oid=143442' },
    checked: 'unverified',
  },
};
