/**
 * What the retiring journey is started with. Reaching the pension age minus 6 months starts it
 * proactively, so there are no answers: everything comes from registers (CPR birth date,
 * Udbetaling Danmark's pension and housing benefit registers, eIndkomst, CPR residence).
 */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema } from '../shared/contract';
import { schema } from '../shared/kit';

export type RetiringAnswers = Record<string, never>;

export type RetiringFacts = {
  /** CPR birth date: the pension age and every deadline follow from it. */
  birthDate?: IsoDate;
  /**
   * The pension age date the register feed puts on its event (used only when the birth date is
   * unknown: the brief computes the anchor with `pensionAge(birthDate)`).
   */
  pensionAgeDate?: IsoDate;
  /** Receives disability pension (førtidspension): switches to the state pension automatically. */
  disabilityPensioner: boolean;
  /** Still has earned income (eIndkomst): may defer the state pension (opsat pension). */
  stillWorking: boolean;
  /** Lives abroad (CPR): ATP must be started in ATP's self-service. */
  livesAbroad: boolean;
  /** Receives housing benefit (Udbetaling Danmark): it is recalculated when the pension starts. */
  receivesHousingBenefit: boolean;
};

export const REQUIRED_RETIRING_FACTS = ['disabilityPensioner', 'stillWorking', 'livesAbroad', 'receivesHousingBenefit'] as const;

export const retiringStartSchema: JsonSchema = schema.empty();

const factProperties = {
  birthDate: schema.date({
    da: 'Fødselsdato fra CPR (giver folkepensionsalderen, forløbets udgangspunkt)',
    en: 'Birth date from CPR (gives the pension age, the anchor)',
  }),
  pensionAgeDate: schema.date({
    da: 'Datoen for folkepensionsalderen i registerhændelsen (bruges kun uden fødselsdato)',
    en: 'The pension age date on the register feed’s event (used only without a birth date)',
  }),
  disabilityPensioner: schema.yesNo({
    da: 'Får førtidspension (Udbetaling Danmark)',
    en: 'Receives disability pension (Udbetaling Danmark)',
  }),
  stillWorking: schema.yesNo({ da: 'Har stadig lønindkomst (eIndkomst)', en: 'Still has earned income (eIndkomst)' }),
  livesAbroad: schema.yesNo({ da: 'Bor uden for Danmark (CPR)', en: 'Lives outside Denmark (CPR)' }),
  receivesHousingBenefit: schema.yesNo({ da: 'Får boligstøtte (Udbetaling Danmark)', en: 'Receives housing benefit (Udbetaling Danmark)' }),
};

/** Every branch fact, and the birth date or (failing that) the feed's pension age date. */
export const retiringFactsSchema: JsonSchema = {
  anyOf: [schema.object(factProperties, ['pensionAgeDate']), schema.object(factProperties, ['birthDate'])],
};

/** The start always comes from the register (pension age minus 6 months): no answers. */
export const retiringStartExamples: RetiringAnswers[] = [{}];

/**
 * One example per branch, as the register feed sends them (the birth date and the feed's pension
 * age date): a working tenant who reaches 67 on Saturday 30 August 2025 (may defer; housing
 * benefit), and a disability pensioner abroad who reaches 67 on 15 December 2025.
 */
export const retiringFactsExamples: RetiringFacts[] = [
  {
    birthDate: '1958-08-30',
    pensionAgeDate: '2025-08-30',
    disabilityPensioner: false,
    stillWorking: true,
    livesAbroad: false,
    receivesHousingBenefit: true,
  },
  {
    birthDate: '1958-12-15',
    pensionAgeDate: '2025-12-15',
    disabilityPensioner: true,
    stillWorking: false,
    livesAbroad: true,
    receivesHousingBenefit: false,
  },
];
