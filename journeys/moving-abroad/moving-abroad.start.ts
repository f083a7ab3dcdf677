/**
 * What the moving-abroad journey is started with. Every branch reads an answer: the citizen knows
 * where they go, for how long, and which benefits they receive; the engine does not look these up.
 */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema } from '../shared/contract';
import { schema } from '../shared/kit';

export const DESTINATIONS = ['nordic', 'greenland', 'eu-eea-switzerland', 'other-country'] as const;
export type Destination = (typeof DESTINATIONS)[number];

export type ReceivedBenefits = {
  childBenefit: boolean;
  housingBenefit: boolean;
  su: boolean;
  pension: boolean;
};

export type MovingAbroadAnswers = {
  /** The day the citizen leaves Denmark: the anchor of every deadline. */
  departureDate: IsoDate;
  /** Nordic countries (Finland, Iceland, Norway, Sweden) follow the Inter-Nordic agreement; Greenland registers itself. */
  destination: Destination;
  awayMoreThan6Months: boolean;
  /** The home in Denmark stays at the citizen's full disposal (not let out). */
  keepsHomeWithFullUse: boolean;
  worksAbroad: boolean;
  /** Works abroad but spends most weekends, days off and holidays at home: the right to stay registered. */
  homeMostWeekends: boolean;
  /** Keeps working in Denmark (child benefit can then continue). */
  stillWorksInDenmark: boolean;
  benefits: ReceivedBenefits;
};

export const movingAbroadStartSchema: JsonSchema = schema.object({
  departureDate: schema.date({
    da: 'Dagen, du rejser fra Danmark (udgangspunkt for alle frister)',
    en: 'The day the citizen leaves Denmark (the anchor of every deadline)',
  }),
  destination: schema.oneOf(DESTINATIONS, {
    da: 'Hvor du flytter hen: et andet nordisk land, Grønland, et andet EU/EØS-land eller Schweiz, eller et andet sted',
    en: 'Where the citizen moves: another Nordic country, Greenland, another EU/EEA country or Switzerland, or elsewhere',
  }),
  awayMoreThan6Months: schema.yesNo({
    da: 'Opholdet i udlandet forventes at vare mere end 6 måneder',
    en: 'The stay abroad is expected to last more than 6 months',
  }),
  keepsHomeWithFullUse: schema.yesNo({
    da: 'Boligen i Danmark forbliver til din fulde rådighed',
    en: 'The home in Denmark stays at the citizen’s full disposal',
  }),
  worksAbroad: schema.yesNo({ da: 'Du skal arbejde i udlandet', en: 'The citizen will work abroad' }),
  homeMostWeekends: schema.yesNo({
    da: 'Du arbejder i udlandet, men kommer hjem de fleste weekender',
    en: 'The citizen works abroad but comes home most weekends',
  }),
  stillWorksInDenmark: schema.yesNo({ da: 'Du bliver ved med at arbejde i Danmark', en: 'The citizen keeps working in Denmark' }),
  benefits: schema.titled(
    { da: 'Ydelser, du får', en: 'Benefits received' },
    schema.object({
      childBenefit: schema.yesNo({ da: 'Får børne- og ungeydelse', en: 'Receives child benefit (børne- og ungeydelse)' }),
      housingBenefit: schema.yesNo({ da: 'Får boligstøtte', en: 'Receives housing benefit (boligstøtte)' }),
      su: schema.yesNo({ da: 'Får SU', en: 'Receives SU (student grant)' }),
      pension: schema.yesNo({ da: 'Får offentlig pension', en: 'Receives a public pension' }),
    }),
  ),
});

const noBenefits: ReceivedBenefits = { childBenefit: false, housingBenefit: false, su: false, pension: false };

/** One example per combination of branches whose states must all be explored (see model-based.spec.ts). */
export const movingAbroadStartExamples: MovingAbroadAnswers[] = [
  // A family moves to Germany for work: report, CPR, tax, child benefit stops, A1/S1 question.
  {
    departureDate: '2025-08-01',
    destination: 'eu-eea-switzerland',
    awayMoreThan6Months: true,
    keepsHomeWithFullUse: false,
    worksAbroad: true,
    homeMostWeekends: false,
    stillWorksInDenmark: false,
    benefits: { ...noBenefits, childBenefit: true, housingBenefit: true },
  },
  // A move to Sweden while still working in Denmark: wait for Sweden's confirmation; keep child benefit, stop housing benefit.
  {
    departureDate: '2025-05-30',
    destination: 'nordic',
    awayMoreThan6Months: true,
    keepsHomeWithFullUse: false,
    worksAbroad: false,
    homeMostWeekends: false,
    stillWorksInDenmark: true,
    benefits: { ...noBenefits, childBenefit: true, housingBenefit: true },
  },
  // Five months in the USA keeping the home: may stay registered; SU abroad needs a notice.
  {
    departureDate: '2025-01-31',
    destination: 'other-country',
    awayMoreThan6Months: false,
    keepsHomeWithFullUse: true,
    worksAbroad: false,
    homeMostWeekends: false,
    stillWorksInDenmark: false,
    benefits: { ...noBenefits, childBenefit: true, housingBenefit: true, su: true },
  },
  // Working in Norway, home most weekends: the right to stay registered.
  {
    departureDate: '2025-03-03',
    destination: 'nordic',
    awayMoreThan6Months: true,
    keepsHomeWithFullUse: true,
    worksAbroad: true,
    homeMostWeekends: true,
    stillWorksInDenmark: false,
    benefits: noBenefits,
  },
  // A pensioner moves to Greenland: registers only there.
  {
    departureDate: '2025-09-15',
    destination: 'greenland',
    awayMoreThan6Months: true,
    keepsHomeWithFullUse: false,
    worksAbroad: false,
    homeMostWeekends: false,
    stillWorksInDenmark: false,
    benefits: { ...noBenefits, pension: true, su: true },
  },
];
