/**
 * What the losing-a-relative journey is started with. The CPR death registration starts it
 * proactively for each next of kin, so there are no answers: everything comes from registers
 * (CPR relations and civil status, Udbetaling Danmark pensions, the health insurance register).
 */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema } from '../shared/contract';
import { schema } from '../shared/kit';

export const RELATIONS = ['spouse', 'cohabitant', 'child', 'parent', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export type RelativeAnswers = Record<string, never>;

export type RelativeFacts = {
  /** The citizen's own birth date (the engine adds it to every start; not used). */
  birthDate?: IsoDate;
  /** The anchor of every deadline. */
  dateOfDeath: IsoDate;
  /** This citizen's relation to the deceased (CPR). */
  relation: Relation;
  /** Both the deceased and this citizen received a public pension (Udbetaling Danmark). */
  bothReceivedPublicPension: boolean;
  /** The deceased had Danish public health cover (a condition for the funeral grant). */
  deceasedHadHealthCover: boolean;
  /**
   * The deceased's municipality of residence (CPR's four-digit code): in the South Jutland
   * municipalities the death is registered by the municipality, not the parish. Unknown for
   * journeys started before the register feed carried it.
   */
  deceasedMunicipalityCode?: string;
};

export const REQUIRED_RELATIVE_FACTS = ['dateOfDeath', 'relation', 'bothReceivedPublicPension', 'deceasedHadHealthCover'] as const;

export const relativeStartSchema: JsonSchema = schema.empty();

export const relativeFactsSchema: JsonSchema = schema.object(
  {
    birthDate: schema.date({
      da: 'Din egen fødselsdato fra CPR (tilføjes af systemet)',
      en: 'The citizen’s own birth date from CPR (added by the engine)',
    }),
    dateOfDeath: schema.date({
      da: 'Dødsdato fra CPR (udgangspunkt for alle frister)',
      en: 'Date of death from CPR (the anchor of every deadline)',
    }),
    relation: schema.oneOf(RELATIONS, { da: 'Din relation til afdøde (CPR)', en: 'The citizen’s relation to the deceased (CPR)' }),
    bothReceivedPublicPension: schema.yesNo({
      da: 'Afdøde og du fik begge offentlig pension (Udbetaling Danmark)',
      en: 'The deceased and the citizen both received a public pension (Udbetaling Danmark)',
    }),
    deceasedHadHealthCover: schema.yesNo({
      da: 'Afdøde havde dansk sygesikring',
      en: 'The deceased had Danish public health cover (sygesikring)',
    }),
    deceasedMunicipalityCode: schema.pattern(
      '^[0-9]{4}$',
      { da: 'Afdødes bopælskommune (kommunekode i CPR)', en: 'The deceased’s municipality of residence (CPR code)' },
      { da: 'F.eks. 0580 for Aabenraa', en: 'E.g. 0580 for Aabenraa' },
    ),
  },
  ['birthDate', 'deceasedMunicipalityCode'],
);

/** The start always comes from the death registration: no answers. */
export const relativeStartExamples: RelativeAnswers[] = [{}];

/**
 * One example per branch: a spouse of a pensioner (efterlevelsespension, all settlement forms), a
 * cohabitant without pension (survivor's grant), an adult child (no survivor benefit), and someone
 * else. The survivor's and the funeral grant's branches are explored in different examples (the
 * deceased spouse and partner had no Danish health cover, e.g. after living abroad), which keeps
 * the explored state space small without leaving a state unvisited. Deaths on a Thursday, a Friday before a
 * weekend, a Tuesday in Easter week and the day before Christmas Eve, so the 2-working-day report
 * deadline crosses weekends and public holidays.
 */
export const relativeFactsExamples: RelativeFacts[] = [
  {
    birthDate: '1948-05-20',
    dateOfDeath: '2025-03-06',
    relation: 'spouse',
    bothReceivedPublicPension: true,
    deceasedHadHealthCover: false,
    deceasedMunicipalityCode: '0101',
  },
  {
    birthDate: '1961-01-09',
    dateOfDeath: '2025-03-07',
    relation: 'cohabitant',
    bothReceivedPublicPension: false,
    deceasedHadHealthCover: false,
  },
  // The parent lived in Aabenraa: the death is registered by the municipality.
  {
    birthDate: '1975-10-30',
    dateOfDeath: '2025-04-15',
    relation: 'child',
    bothReceivedPublicPension: false,
    deceasedHadHealthCover: true,
    deceasedMunicipalityCode: '0580',
  },
  // A friend or neighbour: no relation CPR can resolve, so the authorities confirm through their own solutions.
  { dateOfDeath: '2025-12-23', relation: 'other', bothReceivedPublicPension: false, deceasedHadHealthCover: true },
];
