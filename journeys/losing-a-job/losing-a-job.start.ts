/**
 * What the losing-a-job journey is started with: the citizen's answers (the first day of
 * unemployment is the anchor) and the CPR birth date, which the engine passes for every citizen.
 */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema } from '../shared/contract';
import { schema } from '../shared/kit';

export type JobAnswers = {
  /** The first day without work: the anchor of every deadline. */
  firstDayUnemployed: IsoDate;
  /** Member of an unemployment insurance fund: dagpenge, else social assistance. */
  aKasseMember: boolean;
  /** The citizen resigned: 3 weeks' quarantine before dagpenge. */
  resigned: boolean;
  /** Has a vocational qualification (erhvervskompetencegivende uddannelse): decides uddannelseshjælp under 30. */
  hasQualifyingEducation: boolean;
  /** Has lived in Denmark at least 9 of the last 10 years: else selvforsørgelses- og hjemrejseydelse. */
  residentNineOfLastTenYears: boolean;
};

export type JobFacts = {
  /** CPR birth date: age on the first day decides uddannelseshjælp. */
  birthDate: IsoDate;
};

export const jobStartSchema: JsonSchema = schema.object({
  firstDayUnemployed: schema.date({
    da: 'Første ledighedsdag (udgangspunkt for alle frister)',
    en: 'The first day of unemployment (the anchor of every deadline)',
  }),
  aKasseMember: schema.yesNo({ da: 'Medlem af en a-kasse', en: 'Member of an unemployment insurance fund (a-kasse)' }),
  resigned: schema.yesNo({
    da: 'Du sagde selv op (3 ugers karantæne for dagpenge)',
    en: 'The citizen resigned from the job (3 weeks’ quarantine for dagpenge)',
  }),
  hasQualifyingEducation: schema.yesNo({
    da: 'Har en erhvervskompetencegivende uddannelse',
    en: 'Has a vocational qualification (erhvervskompetencegivende uddannelse)',
  }),
  residentNineOfLastTenYears: schema.yesNo({
    da: 'Har boet i Danmark mindst 9 af de seneste 10 år',
    en: 'Has lived in Denmark at least 9 of the last 10 years',
  }),
});

export const jobFactsSchema: JsonSchema = schema.object({
  birthDate: schema.date({
    da: 'Fødselsdato fra CPR (alder på første ledighedsdag)',
    en: 'Birth date from CPR (age on the first day of unemployment)',
  }),
});

/**
 * One example per branch: dismissed a-kasse member; a member who resigned (quarantine); not
 * insured under 30 without qualification (uddannelseshjælp, first day on Easter Monday); not
 * insured with a qualification (kontanthjælp); not insured, resident less than 9 of 10 years.
 */
export const jobStartExamples: JobAnswers[] = [
  { firstDayUnemployed: '2025-03-01', aKasseMember: true, resigned: false, hasQualifyingEducation: true, residentNineOfLastTenYears: true },
  { firstDayUnemployed: '2025-05-01', aKasseMember: true, resigned: true, hasQualifyingEducation: true, residentNineOfLastTenYears: true },
  {
    firstDayUnemployed: '2025-04-21',
    aKasseMember: false,
    resigned: false,
    hasQualifyingEducation: false,
    residentNineOfLastTenYears: true,
  },
  { firstDayUnemployed: '2025-06-02', aKasseMember: false, resigned: true, hasQualifyingEducation: true, residentNineOfLastTenYears: true },
  {
    firstDayUnemployed: '2025-09-01',
    aKasseMember: false,
    resigned: false,
    hasQualifyingEducation: false,
    residentNineOfLastTenYears: false,
  },
];

/** Someone who is 27 on the examples' first days (uddannelseshjælp without a qualification). */
export const jobFactsExamples: JobFacts[] = [{ birthDate: '1998-02-11' }];
