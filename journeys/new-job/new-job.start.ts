/**
 * What the new-job journey is started with. Every branch reads an answer: the benefits the citizen
 * receives are things they know, and the engine does not look them up in registers yet.
 */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema, Text } from '../shared/contract';
import { described, schema } from '../shared/kit';
import { movingToDenmarkArrivalProperties, type MovingToDenmarkAnswers } from '../moving-to-denmark/moving-to-denmark.start';

export const UNEMPLOYMENT_BENEFITS = ['none', 'dagpenge', 'social-assistance'] as const;
export type UnemploymentBenefit = (typeof UNEMPLOYMENT_BENEFITS)[number];

/** The moving-to-Denmark answers except the job, which this journey knows itself. */
export type ArrivalAnswers = Omit<MovingToDenmarkAnswers, 'job'>;

export type Newcomer = { newToDenmark: false } | { newToDenmark: true; arrival: ArrivalAnswers };

export type NewJobAnswers = {
  /** The first working day: the anchor of every deadline. */
  firstWorkingDay: IsoDate;
  /** The employer's CVR number, when known: lets Skattestyrelsen and eIndkomst be asked about this payer. */
  employerCvr?: string;
  /** What the citizen lived on just before the job, if unemployed. */
  unemployment: UnemploymentBenefit;
  /** Holiday pay earned in a previous job and not yet paid out. */
  earnedHolidayPay: boolean;
  receivesHousingBenefit: boolean;
  receivesSu: boolean;
  newcomer: Newcomer;
};

const constant = (value: boolean, title: Text): JsonSchema => ({ const: value, ...described(title) });

export const newJobStartSchema: JsonSchema = schema.object(
  {
    firstWorkingDay: schema.date({
      da: 'Første arbejdsdag (udgangspunkt for alle frister)',
      en: 'The first working day (the anchor of every deadline)',
    }),
    employerCvr: {
      type: 'string',
      pattern: '^[0-9]{8}$',
      ...described({ da: 'Arbejdsgiverens CVR-nummer, hvis du kender det', en: 'The employer’s CVR number, when known' }),
    },
    unemployment: schema.oneOf(UNEMPLOYMENT_BENEFITS, {
      da: 'Ledig lige før jobbet: på dagpenge, på kontanthjælp eller ej',
      en: 'Unemployed just before the job: on dagpenge, on social assistance, or not',
    }),
    earnedHolidayPay: schema.yesNo({
      da: 'Der er optjent feriepenge i et tidligere job, som ikke er udbetalt',
      en: 'Holiday pay was earned in a previous job and has not been paid out',
    }),
    receivesHousingBenefit: schema.yesNo({ da: 'Du får boligstøtte', en: 'The citizen receives housing benefit (boligstøtte)' }),
    receivesSu: schema.yesNo({ da: 'Du får SU', en: 'The citizen receives SU (student grant)' }),
    newcomer: {
      ...described({
        da: 'Ny i Danmark: forløbet om at flytte til Danmark startes med disse svar',
        en: 'New to Denmark: the moving-to-Denmark journey is started with these answers',
      }),
      oneOf: [
        schema.object({ newToDenmark: constant(false, { da: 'Bor allerede i Danmark', en: 'Already living in Denmark' }) }),
        schema.object({
          newToDenmark: constant(true, { da: 'Flytter til Danmark for jobbet', en: 'Moving to Denmark for the job' }),
          arrival: schema.titled({ da: 'Om din indrejse', en: 'About your arrival' }, schema.object(movingToDenmarkArrivalProperties)),
        }),
      ],
    },
  },
  ['employerCvr'],
);

/** One example per combination of branches whose states must all be explored (see model-based.spec.ts). */
export const newJobStartExamples: NewJobAnswers[] = [
  // From dagpenge into a job on 1 April 2025, with housing benefit and holiday pay to collect.
  {
    firstWorkingDay: '2025-04-01',
    employerCvr: '12345678',
    unemployment: 'dagpenge',
    earnedHolidayPay: true,
    receivesHousingBenefit: true,
    receivesSu: false,
    newcomer: { newToDenmark: false },
  },
  // From social assistance: tell the job centre.
  {
    firstWorkingDay: '2025-06-02',
    unemployment: 'social-assistance',
    earnedHolidayPay: false,
    receivesHousingBenefit: false,
    receivesSu: false,
    newcomer: { newToDenmark: false },
  },
  // A student with SU and housing benefit takes a job.
  {
    firstWorkingDay: '2025-09-01',
    unemployment: 'none',
    earnedHolidayPay: false,
    receivesHousingBenefit: true,
    receivesSu: true,
    newcomer: { newToDenmark: false },
  },
  // A student living at home with SU only: SU months to check, no housing benefit.
  {
    firstWorkingDay: '2025-02-03',
    unemployment: 'none',
    earnedHolidayPay: true,
    receivesHousingBenefit: false,
    receivesSu: true,
    newcomer: { newToDenmark: false },
  },
  // From one job to the next.
  {
    firstWorkingDay: '2025-08-01',
    employerCvr: '87654321',
    unemployment: 'none',
    earnedHolidayPay: true,
    receivesHousingBenefit: false,
    receivesSu: false,
    newcomer: { newToDenmark: false },
  },
  // New to Denmark: the job starts the moving-to-Denmark journey.
  {
    firstWorkingDay: '2025-04-01',
    employerCvr: '12345678',
    unemployment: 'none',
    earnedHolidayPay: false,
    receivesHousingBenefit: false,
    receivesSu: false,
    newcomer: {
      newToDenmark: true,
      arrival: {
        arrivalDate: '2025-03-03',
        birthDate: '1992-06-14',
        citizenship: 'PL',
        residence: { basis: 'eu-eea-swiss', jobSeeking: false },
        addressId: '0a3f50a0-75e9-32b8-e044-0003ba298018',
        childrenMoving: false,
        startingEducation: false,
      },
    },
  },
];
