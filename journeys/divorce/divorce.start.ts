/** What the divorce journey is started with: the citizen's answers and the register facts it reads. */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema } from '../shared/contract';
import { described, schema } from '../shared/kit';

export type DivorceAnswers = {
  /** The day the couple stops (or stopped) living together: the anchor of the benefit deadlines. */
  separationDate: IsoDate;
  /** The citizen is the one who moves out (the move-out step links to the moving journey). */
  movingOut: boolean;
  /** The household receives housing benefit (boligstøtte), which must be told about the move at once. */
  receivesHousingBenefit: boolean;
};

/** CPR civil status: married (or registered partners), already separated, or unmarried (cohabiting). */
export const CIVIL_STATUSES = ['married', 'separated', 'unmarried'] as const;
export type CivilStatus = (typeof CIVIL_STATUSES)[number];

/** Register facts (CPR), all required. Children are named by birth date only, never by CPR number. */
export type DivorceFacts = {
  civilStatus: CivilStatus;
  /** The couple's common children under 18 (an empty list: none). */
  childrenUnder18: { birthDate: IsoDate }[];
};

export const divorceStartSchema: JsonSchema = schema.object({
  separationDate: schema.date({
    da: 'Dagen, parret holder (eller holdt) op med at bo sammen',
    en: 'Day the couple stops (or stopped) living together',
  }),
  movingOut: schema.yesNo({ da: 'Det er dig, der flytter', en: 'The citizen is the one who moves out' }),
  receivesHousingBenefit: schema.yesNo({ da: 'Husstanden får boligstøtte', en: 'The household receives housing benefit' }),
});

export const divorceFactsSchema: JsonSchema = schema.object({
  civilStatus: schema.oneOf(CIVIL_STATUSES, {
    da: 'Civilstand fra CPR (registrerede partnere regnes som gifte)',
    en: 'Civil status from CPR (registered partners count as married)',
  }),
  childrenUnder18: {
    type: 'array',
    maxItems: 20,
    items: schema.object({
      birthDate: schema.date({ da: 'Fødselsdato for et fælles barn under 18 år', en: 'Birth date of a common child under 18' }),
    }),
    ...described({ da: 'Fælles børn under 18 år fra CPR', en: 'Common children under 18 from CPR' }),
  },
});

/** The move and housing-benefit branches (see model-based.spec.ts). */
export const divorceStartExamples: DivorceAnswers[] = [
  { separationDate: '2025-03-01', movingOut: true, receivesHousingBenefit: false },
  { separationDate: '2025-05-15', movingOut: false, receivesHousingBenefit: true },
];

/**
 * Married, already separated, and cohabiting with children. No guard couples the children's steps to
 * the marital branch, so the children are explored with the cohabiting couple only: the model-based
 * test still visits every state, without the product of both state spaces (a married couple with
 * children is a scenario in test/journeys/divorce.spec.ts).
 */
export const divorceFactsExamples: DivorceFacts[] = [
  { civilStatus: 'married', childrenUnder18: [] },
  { civilStatus: 'separated', childrenUnder18: [] },
  { civilStatus: 'unmarried', childrenUnder18: [{ birthDate: '2015-04-20' }, { birthDate: '2019-09-02' }] },
];
