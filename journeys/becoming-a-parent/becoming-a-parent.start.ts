/**
 * What the becoming-a-parent journey is started with. Two starts, one situation:
 * - an expecting parent starts it before the birth and answers everything (`dueDate` is the anchor
 *   until the birth); the engine adds only the parent's own CPR birth date to the facts;
 * - the CPR birth registration starts it proactively for each parent, with no answers: the feed's
 *   facts carry the child's birth date (`childBirthDate`, the anchor) and the branches.
 * When the birth feed's facts are complete they decide (the register is authoritative); otherwise
 * the answers do. A start with neither is refused (see `resolveSituation`), never defaulted.
 */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema } from '../shared/contract';
import { schema } from '../shared/kit';

export const PARENT_ROLES = ['mother', 'father', 'co-mother'] as const;
export type ParentRole = (typeof PARENT_ROLES)[number];

/** The branches, whichever start they come from. */
export interface ParentBranches {
  /** The mother is married: paternity or co-maternity then follows automatically. */
  married: boolean;
  /** This citizen's role towards the child. */
  parentRole: ParentRole;
  /** This citizen has an employer: employer notices, the employer's leave report. */
  employed: boolean;
  /** A parent works or lives in another EU/EEA country: child benefit must be applied for. */
  crossBorderEu: boolean;
}

/** An expecting parent's answers, or none at all when the birth registration started the journey. */
export type ParentAnswers = Partial<ParentBranches> & {
  /** The expected birth date (termin). */
  dueDate?: IsoDate;
};

export type ParentFacts = Partial<ParentBranches> & {
  /** The citizen's own birth date (the engine adds it to every start). */
  birthDate?: IsoDate;
  /** The child's birth date from the CPR birth registration. */
  childBirthDate?: IsoDate;
};

const branchProperties = {
  married: schema.yesNo({
    da: 'Moren er gift (faderskab eller medmoderskab følger automatisk)',
    en: 'The mother is married (paternity or co-maternity follows automatically)',
  }),
  parentRole: schema.oneOf(PARENT_ROLES, { da: 'Din rolle over for barnet', en: 'The citizen’s role towards the child' }),
  employed: schema.yesNo({ da: 'Du har en arbejdsgiver', en: 'The citizen has an employer' }),
  crossBorderEu: schema.yesNo({
    da: 'En forælder arbejder eller bor i et andet EU/EØS-land',
    en: 'A parent works or lives in another EU/EEA country',
  }),
};

/** Either an expecting parent's full answers, or no answers (the birth registration starts it). */
export const parentStartSchema: JsonSchema = {
  anyOf: [
    schema.object({
      dueDate: schema.date({
        da: 'Forventet fødselsdato (forløbets udgangspunkt, indtil fødslen er registreret)',
        en: 'The expected birth date (the anchor until the birth is registered)',
      }),
      ...branchProperties,
    }),
    schema.empty(),
  ],
};

const ownBirthDate = schema.date({
  da: 'Din egen fødselsdato fra CPR (tilføjes af systemet)',
  en: 'The citizen’s own birth date from CPR (added by the engine)',
});

/**
 * Either the birth feed's facts (child's birth date and branches from CPR, eIndkomst, Udbetaling
 * Danmark), or only the parent's own birth date.
 */
export const parentFactsSchema: JsonSchema = {
  anyOf: [
    schema.object(
      {
        birthDate: ownBirthDate,
        childBirthDate: schema.date({
          da: 'Barnets fødselsdato fra fødselsregistreringen i CPR (forløbets udgangspunkt)',
          en: 'The child’s birth date from the CPR birth registration (the anchor)',
        }),
        married: schema.yesNo({ da: 'Moren er gift (civilstand i CPR)', en: 'The mother is married (CPR civil status)' }),
        parentRole: schema.oneOf(PARENT_ROLES, {
          da: 'Din rolle over for barnet (forælderrelation i CPR)',
          en: 'The citizen’s role towards the child (CPR parent relation)',
        }),
        employed: schema.yesNo({ da: 'Du har en arbejdsgiver (eIndkomst)', en: 'The citizen has an employer (eIndkomst)' }),
        crossBorderEu: schema.yesNo({
          da: 'En forælder arbejder eller bor i et andet EU/EØS-land (Udbetaling Danmark)',
          en: 'A parent works or lives in another EU/EEA country (Udbetaling Danmark)',
        }),
      },
      ['birthDate'],
    ),
    schema.object({ birthDate: ownBirthDate }, ['birthDate']),
  ],
};

/**
 * Expecting parents, one per branch value the answers decide: an employed, unmarried father in a
 * cross-border family, and a married co-mother without an employer.
 */
export const parentStartExamples: ParentAnswers[] = [
  { dueDate: '2025-06-20', married: false, parentRole: 'father', employed: true, crossBorderEu: true },
  { dueDate: '2025-06-20', married: true, parentRole: 'co-mother', employed: false, crossBorderEu: false },
];

/**
 * A parent's own start (the engine adds only the birth date), and the CPR birth registration of a
 * child born on Monday 10 March 2025 to an employed, unmarried mother in a cross-border family.
 * The feed's facts decide, so with them both answer examples behave as the proactive start.
 */
export const parentFactsExamples: ParentFacts[] = [
  { birthDate: '1993-04-02' },
  { birthDate: '1991-09-14', childBirthDate: '2025-03-10', married: false, parentRole: 'mother', employed: true, crossBorderEu: true },
];
