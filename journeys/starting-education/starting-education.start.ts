/** What the starting-education journey is started with: the student's answers and the register facts it reads. */
import type { IsoDate } from '../shared/calendar';
import type { JsonSchema } from '../shared/contract';
import { described, schema } from '../shared/kit';

/**
 * The application route decides the track (youth or higher education) and, for higher education,
 * the quota whose deadline applies. Vocational schools and 10th grade answer later than upper
 * secondary schools, so the youth track is split the same way.
 */
export const APPLICATION_ROUTES = ['youth-upper-secondary', 'youth-vocational-or-tenth', 'higher-quota-1', 'higher-quota-2'] as const;
export type ApplicationRoute = (typeof APPLICATION_ROUTES)[number];

export type StartingEducationAnswers = {
  application: ApplicationRoute;
  /** Expected first day of the education (summer intake): the anchor of the SU and travel-card dates. */
  educationStartDate: IsoDate;
  /** The student lives with a parent (decides the SU rate for 18–19-year-olds). */
  livesWithParents: boolean;
  /** The student will move to study (the move-out step links to the moving journey). */
  movingOut: boolean;
};

/** Register facts (CPR), all required. */
export type StartingEducationFacts = {
  birthDate: IsoDate;
  /** ISO 3166-1 alpha-2; anything but DK means SU needs equal status first. */
  citizenship: string;
};

export const startingEducationStartSchema: JsonSchema = schema.object({
  application: schema.oneOf(APPLICATION_ROUTES, {
    da: 'Ungdomsuddannelse (gymnasial, erhvervsuddannelse eller 10. klasse) eller videregående uddannelse i kvote 1 eller 2',
    en: 'Youth education (upper secondary, or vocational/10th grade) or higher education in quota 1 or 2',
  }),
  educationStartDate: schema.date({ da: 'Forventet første dag på uddannelsen', en: 'Expected first day of the education' }),
  livesWithParents: schema.yesNo({ da: 'Den studerende bor hos en forælder', en: 'The student lives with a parent' }),
  movingOut: schema.yesNo({ da: 'Den studerende flytter for at studere', en: 'The student will move to study' }),
});

export const startingEducationFactsSchema: JsonSchema = schema.object({
  birthDate: schema.date({ da: 'Fødselsdato fra CPR', en: 'Birth date from CPR' }),
  citizenship: {
    type: 'string',
    pattern: '^[A-Z]{2}$',
    ...described({ da: 'Statsborgerskab fra CPR (ISO 3166-1 alpha-2)', en: 'Citizenship from CPR (ISO 3166-1 alpha-2)' }),
  },
});

/** One example per track, quota and move branch (see model-based.spec.ts). */
export const startingEducationStartExamples: StartingEducationAnswers[] = [
  { application: 'youth-upper-secondary', educationStartDate: '2025-08-11', livesWithParents: true, movingOut: false },
  { application: 'youth-vocational-or-tenth', educationStartDate: '2025-08-04', livesWithParents: false, movingOut: true },
  { application: 'higher-quota-1', educationStartDate: '2025-09-01', livesWithParents: false, movingOut: true },
  { application: 'higher-quota-2', educationStartDate: '2025-09-01', livesWithParents: true, movingOut: false },
];

/** A Danish citizen, and a foreign citizen who needs equal status before SU. */
export const startingEducationFactsExamples: StartingEducationFacts[] = [
  { birthDate: '2006-05-10', citizenship: 'DK' },
  { birthDate: '2005-10-02', citizenship: 'PL' },
];
