/**
 * What the moving-to-Denmark journey is started with. Newcomers may not be in CPR yet, so every
 * branch reads the citizen's own answers; the journey reads no register facts.
 */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema, Text } from '../shared/contract';
import { described, schema } from '../shared/kit';

/** The right-to-reside branch (docs/journeys.md 11.1), with the answers only that branch needs. */
export type Residence =
  | { basis: 'nordic'; /** Nordic citizens must register when staying more than 6 months (may after 3). */ staysMoreThan6Months: boolean }
  | { basis: 'eu-eea-swiss'; /** Job-seekers need the EU residence document after 6 months instead of 3. */ jobSeeking: boolean }
  | { basis: 'non-eu'; /** Day the residence permit was issued: CPR registration must follow within 6 months. */ permitIssuedOn: IsoDate };

export type NewcomerJob = { hasJob: false } | { hasJob: true; startDate: IsoDate; employerCvr?: string };

export type MovingToDenmarkAnswers = {
  /** The day the citizen takes up residence in Denmark: the anchor of every deadline. */
  arrivalDate: IsoDate;
  /** From the passport: the citizen may have no CPR number yet. Decides the residence card (18+). */
  birthDate: IsoDate;
  /** ISO 3166-1 alpha-2 code, e.g. PL. `DK` marks a returning Dane. */
  citizenship: string;
  residence: Residence;
  /** DAR unit-address UUID of the fixed residence (registration needs a fixed address). */
  addressId: string;
  job: NewcomerJob;
  /** Children under 18 move with the citizen (family benefits). */
  childrenMoving: boolean;
  /** The citizen will study in Denmark (SU needs an equal-status application). */
  startingEducation: boolean;
};

const constant = (value: string | boolean, title: Text): JsonSchema => ({ const: value, ...described(title) });
const country = (title: Text): JsonSchema => ({ type: 'string', pattern: '^[A-Z]{2}$', ...described(title) });
const cvr = (title: Text): JsonSchema => ({ type: 'string', pattern: '^[0-9]{8}$', ...described(title) });

export const residenceSchema: JsonSchema = {
  ...described({
    da: 'Grundlag for ophold, med de svar dette grundlag kræver',
    en: 'Right-to-reside basis, with the answers that basis needs',
  }),
  oneOf: [
    schema.object({
      basis: constant('nordic', {
        da: 'Statsborger i et nordisk land (også danskere)',
        en: 'Citizen of a Nordic country (Danes included)',
      }),
      staysMoreThan6Months: schema.yesNo({
        da: 'Opholdet forventes at vare mere end 6 måneder',
        en: 'The stay is expected to last more than 6 months',
      }),
    }),
    schema.object({
      basis: constant('eu-eea-swiss', {
        da: 'Statsborger i et EU/EØS-land eller Schweiz',
        en: 'Citizen of an EU/EEA country or Switzerland',
      }),
      jobSeeking: schema.yesNo({
        da: 'Du kommer for at søge arbejde (EU-dokumentet skal bruges efter 6 måneder i stedet for 3)',
        en: 'The citizen comes to look for work (the EU document is needed after 6 months instead of 3)',
      }),
    }),
    schema.object({
      basis: constant('non-eu', {
        da: 'Andet statsborgerskab: der skal bruges en opholdstilladelse før indrejsen',
        en: 'Any other citizenship: a residence permit is needed before arrival',
      }),
      permitIssuedOn: schema.date({ da: 'Dagen, opholdstilladelsen blev udstedt', en: 'Day the residence permit was issued' }),
    }),
  ],
};

export const newcomerJobSchema: JsonSchema = {
  ...described({ da: 'Om du skal arbejde i Danmark', en: 'Whether the citizen will work in Denmark' }),
  oneOf: [
    schema.object({ hasJob: constant(false, { da: 'Intet job i Danmark endnu', en: 'No job in Denmark yet' }) }),
    schema.object(
      {
        hasJob: constant(true, { da: 'Du har et job i Danmark', en: 'The citizen has a job in Denmark' }),
        startDate: schema.date({ da: 'Første arbejdsdag', en: 'First working day' }),
        employerCvr: cvr({ da: 'Arbejdsgiverens CVR-nummer, hvis du kender det', en: 'The employer’s CVR number, when known' }),
      },
      ['employerCvr'],
    ),
  ],
};

/** The answers except the job, which a linking journey (new job) supplies itself. */
export const movingToDenmarkArrivalProperties: Record<Exclude<keyof MovingToDenmarkAnswers, 'job'>, JsonSchema> = {
  arrivalDate: schema.date({
    da: 'Dagen, du tager ophold i Danmark (udgangspunkt for alle frister)',
    en: 'The day the citizen takes up residence in Denmark (the anchor of every deadline)',
  }),
  birthDate: schema.date({ da: 'Fødselsdato som i passet', en: 'Birth date as in the passport' }),
  citizenship: country({
    da: 'Statsborgerskab (ISO 3166-1 alpha-2). DK for en hjemvendt dansker',
    en: 'Citizenship (ISO 3166-1 alpha-2). DK for a returning Dane',
  }),
  residence: residenceSchema,
  addressId: schema.uuid({
    da: 'Adressens id i DAR for den faste bopæl i Danmark',
    en: 'DAR address UUID of the fixed residence in Denmark',
  }),
  childrenMoving: schema.yesNo({ da: 'Børn under 18 år flytter med', en: 'Children under 18 move with the citizen' }),
  startingEducation: schema.yesNo({ da: 'Du skal studere i Danmark', en: 'The citizen will study in Denmark' }),
};

export const movingToDenmarkStartSchema: JsonSchema = schema.object({
  ...movingToDenmarkArrivalProperties,
  job: newcomerJobSchema,
});

/** One example per combination of branches whose states must all be explored (see model-based.spec.ts). */
export const movingToDenmarkStartExamples: MovingToDenmarkAnswers[] = [
  // EU worker with a job: EU residence document first, then CPR; tax card before the job.
  {
    arrivalDate: '2025-03-03',
    birthDate: '1992-06-14',
    citizenship: 'PL',
    residence: { basis: 'eu-eea-swiss', jobSeeking: false },
    addressId: '0a3f50a0-75e9-32b8-e044-0003ba298018',
    job: { hasJob: true, startDate: '2025-04-01', employerCvr: '12345678' },
    childrenMoving: false,
    startingEducation: false,
  },
  // EU job-seeker with children: 6 months for the EU document, must apply for child benefit.
  {
    arrivalDate: '2025-05-12',
    birthDate: '1988-01-30',
    citizenship: 'DE',
    residence: { basis: 'eu-eea-swiss', jobSeeking: true },
    addressId: '0a3f5081-7e8c-32b8-e044-0003ba298018',
    job: { hasJob: false },
    childrenMoving: true,
    startingEducation: false,
  },
  // Adult with a residence permit: administrative CPR number, residence card, job, studies and a child.
  {
    arrivalDate: '2025-02-10',
    birthDate: '1995-11-02',
    citizenship: 'IN',
    residence: { basis: 'non-eu', permitIssuedOn: '2025-01-15' },
    addressId: '0a3f509e-2c5d-32b8-e044-0003ba298018',
    job: { hasJob: true, startDate: '2025-03-03' },
    childrenMoving: true,
    startingEducation: true,
  },
  // A 17-year-old with a residence permit: no residence card yet.
  {
    arrivalDate: '2025-08-04',
    birthDate: '2008-03-20',
    citizenship: 'US',
    residence: { basis: 'non-eu', permitIssuedOn: '2025-06-30' },
    addressId: '0a3f5098-1d2e-32b8-e044-0003ba298018',
    job: { hasJob: false },
    childrenMoving: false,
    startingEducation: true,
  },
  // A Swede staying 3–6 months: CPR registration is optional; a job needs a tax card anyway.
  {
    arrivalDate: '2025-09-01',
    birthDate: '1999-07-07',
    citizenship: 'SE',
    residence: { basis: 'nordic', staysMoreThan6Months: false },
    addressId: '0a3f50a2-9b1c-32b8-e044-0003ba298018',
    job: { hasJob: true, startDate: '2025-09-15' },
    childrenMoving: false,
    startingEducation: false,
  },
  // A returning Dane with children: must register, must apply for child benefit.
  {
    arrivalDate: '2025-06-30',
    birthDate: '1984-02-11',
    citizenship: 'DK',
    residence: { basis: 'nordic', staysMoreThan6Months: true },
    addressId: '0a3f50a3-1a2b-32b8-e044-0003ba298018',
    job: { hasJob: false },
    childrenMoving: true,
    startingEducation: false,
  },
];
