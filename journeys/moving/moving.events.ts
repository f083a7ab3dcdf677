/**
 * Events the moving journey accepts from outside the engine. The TypeScript types and the JSON
 * Schemas describe the same data; the API validates against the schema before the machine sees it.
 */
import type { IsoDate } from '../shared/calendar';
import type { EventSpec } from '../shared/contract';
import type { MovingStepId } from './moving.steps';
import { schema } from '../shared/kit';

export const GP_CHOICES = ['keep-current', 'new-doctor'] as const;
export const DAYCARE_CHOICES = ['keep-current-place', 'join-new-waiting-list', 'not-needed'] as const;
export const SCHOOL_CHOICES = ['enrol-at-new-district-school', 'stay-at-current-school', 'not-needed'] as const;

export type MovingEvent =
  | { type: 'move.reported'; reportedOn: IsoDate }
  | { type: 'gp-choice.made'; choice: (typeof GP_CHOICES)[number] }
  | { type: 'logivaert.decided'; confirmed: boolean; decidedOn: IsoDate }
  | { type: 'child-move-hearing.decided'; registrationMayProceed: boolean; decidedOn: IsoDate }
  | { type: 'address-protection.applied'; appliedOn: IsoDate }
  | { type: 'address-protection.declined' }
  | { type: 'housing-benefit.applied'; appliedOn: IsoDate }
  | { type: 'housing-benefit.declined' }
  | { type: 'housing-benefit.income-entered'; annualIncome: number }
  | { type: 'preliminary-tax.checked'; changed: boolean }
  | {
      type: 'children-services.arranged';
      daycare: (typeof DAYCARE_CHOICES)[number];
      school: (typeof SCHOOL_CHOICES)[number];
    };

export const movingEvents: Record<Exclude<MovingEvent['type'], 'housing-benefit.income-entered'>, EventSpec<MovingStepId>> = {
  'move.reported': {
    title: { da: 'Flytning anmeldt', en: 'Move reported' },
    actors: ['citizen', 'system'],
    steps: ['report-move'],
    confirm: { da: 'Jeg har anmeldt flytningen', en: 'I have reported the move' },
    schema: schema.object({
      reportedOn: schema.date(
        { da: 'Dato for anmeldelsen', en: 'Date of the report' },
        { da: 'Dagen, flytningen blev anmeldt på borger.dk', en: 'Day the move was reported on borger.dk' },
      ),
    }),
    examples: [{ reportedOn: '2025-05-20' }, { reportedOn: '2025-09-30' }],
  },
  'gp-choice.made': {
    title: { da: 'Læge valgt', en: 'Doctor chosen' },
    actors: ['citizen', 'system'],
    steps: ['gp-choice'],
    confirm: { da: 'Jeg har valgt læge', en: 'I have chosen a doctor' },
    schema: schema.object({
      choice: schema.oneOf(
        GP_CHOICES,
        { da: 'Dit valg', en: 'Your choice' },
        { da: 'Behold din nuværende læge, eller vælg en ny', en: 'Keep the current doctor or pick a new one' },
      ),
    }),
    examples: [{ choice: 'keep-current' }],
  },
  'logivaert.decided': {
    title: { da: 'Logiværtserklæring besvaret', en: "Host's declaration answered" },
    // The municipality's self-service solution decides through a task token; a caseworker can too.
    actors: ['caseworker', 'system'],
    steps: ['logivaert-check'],
    schema: schema.object({
      confirmed: schema.yesNo(
        { da: 'Bekræftet?', en: 'Confirmed?' },
        { da: 'Ejeren eller lejeren bekræftede, at borgeren bor der', en: 'The owner or tenant confirmed that the citizen lives there' },
      ),
      decidedOn: schema.date({ da: 'Dato for afgørelsen', en: 'Date of the decision' }, { da: 'Dato for svaret', en: 'Day of the answer' }),
    }),
    examples: [
      { confirmed: true, decidedOn: '2025-05-22' },
      { confirmed: false, decidedOn: '2025-05-22' },
    ],
  },
  'child-move-hearing.decided': {
    title: { da: 'Høring af forælder afsluttet', en: 'Parent hearing concluded' },
    // The municipality's self-service solution decides through a task token; a caseworker can too.
    actors: ['caseworker', 'system'],
    steps: ['child-move-hearing'],
    schema: schema.object({
      registrationMayProceed: schema.yesNo(
        { da: 'Må barnets flytning registreres?', en: "May the child's move be registered?" },
        { da: 'Barnets flytning må registreres', en: "The child's move may be registered" },
      ),
      decidedOn: schema.date(
        { da: 'Dato for afgørelsen', en: 'Date of the decision' },
        { da: 'Dato for afgørelsen', en: 'Day of the decision' },
      ),
    }),
    examples: [
      { registrationMayProceed: true, decidedOn: '2025-05-23' },
      { registrationMayProceed: false, decidedOn: '2025-05-23' },
    ],
  },
  'address-protection.applied': {
    title: { da: 'Adressebeskyttelse søgt', en: 'Address protection applied for' },
    actors: ['citizen', 'caseworker'],
    steps: ['address-protection'],
    confirm: { da: 'Jeg har søgt om adressebeskyttelse', en: 'I have applied for address protection' },
    schema: schema.object({
      appliedOn: schema.date(
        { da: 'Dato for ansøgningen', en: 'Date of the application' },
        { da: 'Dato for ansøgningen', en: 'Day of the application' },
      ),
    }),
    examples: [{ appliedOn: '2025-05-20' }],
  },
  'address-protection.declined': {
    title: { da: 'Adressebeskyttelse fravalgt', en: 'Address protection declined' },
    actors: ['citizen'],
    steps: ['address-protection'],
    confirm: { da: 'Jeg vil ikke have adressebeskyttelse', en: 'I do not want address protection' },
    schema: schema.empty(),
    examples: [{}],
  },
  'housing-benefit.applied': {
    title: { da: 'Boligstøtte søgt', en: 'Housing benefit applied for' },
    actors: ['citizen', 'system'],
    steps: ['housing-benefit'],
    confirm: { da: 'Jeg har søgt boligstøtte', en: 'I have applied for housing benefit' },
    schema: schema.object({
      appliedOn: schema.date(
        { da: 'Dato for ansøgningen', en: 'Date of the application' },
        { da: 'Dagen, ansøgningen nåede Udbetaling Danmark', en: 'Day the application reached Udbetaling Danmark' },
      ),
    }),
    examples: [{ appliedOn: '2025-06-10' }, { appliedOn: '2025-12-01' }],
  },
  'housing-benefit.declined': {
    title: { da: 'Søger ikke boligstøtte', en: 'Not applying for housing benefit' },
    actors: ['citizen'],
    steps: ['housing-benefit'],
    confirm: { da: 'Jeg søger ikke boligstøtte', en: 'I am not applying for housing benefit' },
    schema: schema.empty(),
    examples: [{}],
  },
  'preliminary-tax.checked': {
    title: { da: 'Forskudsopgørelse tjekket', en: 'Preliminary tax assessment checked' },
    actors: ['citizen', 'system'],
    steps: ['update-preliminary-tax'],
    confirm: { da: 'Jeg har tjekket forskudsopgørelsen', en: 'I have checked the preliminary tax assessment' },
    schema: schema.object({
      changed: schema.yesNo(
        { da: 'Har du rettet forskudsopgørelsen?', en: 'Did you change the preliminary assessment?' },
        {
          da: 'Forskudsopgørelsen blev rettet (befordring, bolig købt eller solgt)',
          en: 'The assessment was changed (commute, home bought or sold)',
        },
      ),
    }),
    examples: [{ changed: true }, { changed: false }],
  },
  'children-services.arranged': {
    title: { da: 'Dagtilbud og skole ordnet', en: 'Daycare and school arranged' },
    actors: ['citizen'],
    steps: ['children-services'],
    confirm: { da: 'Jeg har ordnet dagtilbud og skole', en: 'I have arranged daycare and school' },
    schema: schema.object({
      daycare: schema.oneOf(
        DAYCARE_CHOICES,
        { da: 'Dagtilbud', en: 'Daycare' },
        { da: 'Hvad der sker med pladsen i dagtilbud', en: 'What happens with the daycare place' },
      ),
      school: schema.oneOf(
        SCHOOL_CHOICES,
        { da: 'Skole', en: 'School' },
        { da: 'Hvad der sker med skolen', en: 'What happens with school' },
      ),
    }),
    examples: [{ daycare: 'join-new-waiting-list', school: 'enrol-at-new-district-school' }],
  },
};

/**
 * Version 2: the household income for the housing-benefit application, typed in by the citizen
 * ("Udfyld selv") instead of fetched from eIndkomst with their consent.
 */
export const movingEventsV2: Record<MovingEvent['type'], EventSpec<MovingStepId>> = {
  ...movingEvents,
  'housing-benefit.income-entered': {
    title: { da: 'Indkomst udfyldt af dig', en: 'Income filled in by you' },
    actors: ['citizen'],
    steps: ['housing-benefit'],
    confirm: { da: 'Gem min indkomst', en: 'Save my income' },
    schema: schema.object({
      annualIncome: schema.titled(
        { da: 'Husstandens indkomst det seneste år (kr.)', en: 'The household’s income in the last year (DKK)' },
        { type: 'integer', minimum: 0, maximum: 100000000 },
        { da: 'Før skat, som på din lønseddel eller årsopgørelse', en: 'Before tax, as on your payslip or annual tax statement' },
      ),
    }),
    examples: [{ annualIncome: 285000 }],
  },
};
