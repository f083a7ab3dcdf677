/**
 * What the digital-citizen journey is started with. It starts proactively: a CPR feed starts it for
 * a young person approaching 15, so there are no start answers and every branch comes from the
 * register facts the engine looks up.
 */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema } from '../shared/contract';
import { described, schema } from '../shared/kit';

/** No answers: the journey is started by a register feed (the citizen may also start it with `{}`). */
export type DigitalCitizenAnswers = Record<string, never>;

/** Register facts, all required: a branch never hides behind a missing fact. */
export type DigitalCitizenFacts = {
  /** CPR: the young person's birth date; the 15th birthday is the anchor of every date. */
  birthDate: IsoDate;
  /** CPR: at least one parent with custody is registered (the parent notice goes to them). */
  hasParents: boolean;
  /** Digital Post: the parents use Digital Post (false: they are exempt and get the notice on paper). */
  parentsHaveDigitalPost: boolean;
  /** eIndkomst: the young person has earned income this year (a job). */
  working: boolean;
  /** MitID: the young person already has MitID (possible from 13 with limits). */
  hasMitid: boolean;
  /** CPR: municipality of residence (kommunekode), for a Borgerservice appointment. */
  municipalityCode: string;
};

export const digitalCitizenStartSchema: JsonSchema = schema.empty();

export const digitalCitizenFactsSchema: JsonSchema = schema.object({
  birthDate: schema.date({ da: 'Fødselsdato fra CPR', en: 'Birth date from CPR' }),
  hasParents: schema.yesNo({ da: 'CPR har mindst én forælder med forældremyndighed', en: 'CPR has at least one parent with custody' }),
  parentsHaveDigitalPost: schema.yesNo({
    da: 'Forældrene modtager Digital Post (ikke fritaget)',
    en: 'The parents receive Digital Post (not exempt)',
  }),
  working: schema.yesNo({ da: 'eIndkomst viser lønindkomst i år', en: 'eIndkomst shows earned income this year' }),
  hasMitid: schema.yesNo({ da: 'Den unge har allerede MitID', en: 'The young person already has MitID' }),
  municipalityCode: {
    type: 'string',
    pattern: '^[0-9]{4}$',
    ...described({ da: 'Bopælskommune (kommunekode)', en: 'Municipality of residence (kommunekode)' }),
  },
});

export const digitalCitizenStartExamples: DigitalCitizenAnswers[] = [{}];

/**
 * One example per branch the facts decide (see model-based.spec.ts). The MitID booking flow is
 * explored where there is no parent notice, which keeps the explored state space small without
 * leaving a state unvisited.
 */
export const digitalCitizenFactsExamples: DigitalCitizenFacts[] = [
  // Parents on Digital Post, no job, MitID since 13.
  { birthDate: '2010-03-17', hasParents: true, parentsHaveDigitalPost: true, working: false, hasMitid: true, municipalityCode: '0751' },
  // Parents exempt (paper letter), a job, MitID since 13.
  { birthDate: '2010-06-05', hasParents: true, parentsHaveDigitalPost: false, working: true, hasMitid: true, municipalityCode: '0101' },
  // No parent with custody in CPR (e.g. placed outside the home), no MitID yet.
  { birthDate: '2010-11-30', hasParents: false, parentsHaveDigitalPost: false, working: false, hasMitid: false, municipalityCode: '0461' },
];
