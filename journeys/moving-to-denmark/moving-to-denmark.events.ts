/**
 * Events the moving-to-Denmark journey accepts from outside the engine. The TypeScript types and
 * the JSON Schemas describe the same data; the API validates against the schema first.
 */
import type { IsoDate } from '../shared/calendar';
import type { EventSpec } from '../shared/contract';
import type { MovingToDenmarkStepId } from './moving-to-denmark.steps';
import { schema } from '../shared/kit';

export const MITID_ROUTES = ['borgerservice', 'app-with-chip-passport'] as const;
export const CHILD_BENEFIT_OUTCOMES = ['applied', 'started-without-application', 'not-entitled'] as const;
export type ChildBenefitOutcome = (typeof CHILD_BENEFIT_OUTCOMES)[number];

export type MovingToDenmarkEvent =
  | { type: 'eu-residence.applied'; appliedOn: IsoDate }
  | { type: 'eu-residence.appeared'; appearedOn: IsoDate }
  | { type: 'eu-residence.decided'; granted: boolean; decidedOn: IsoDate }
  | { type: 'cpr-registration.appeared'; appearedOn: IsoDate }
  | { type: 'cpr-registration.declined' }
  | { type: 'gp.chosen'; chosenOn: IsoDate }
  | { type: 'health-card.received'; receivedOn: IsoDate }
  | { type: 'residence-card.received'; receivedOn: IsoDate }
  | { type: 'mitid.obtained'; via: (typeof MITID_ROUTES)[number] }
  | { type: 'tax-card.applied'; appliedOn: IsoDate }
  | { type: 'nemkonto.nominated'; foreignAccount: boolean }
  | { type: 'child-benefit.settled'; outcome: ChildBenefitOutcome }
  | { type: 'su-equal-status.applied'; appliedOn: IsoDate };

export const movingToDenmarkEvents: Record<MovingToDenmarkEvent['type'], EventSpec<MovingToDenmarkStepId>> = {
  'eu-residence.applied': {
    title: { da: 'Registreringsbevis søgt', en: 'EU residence document applied for' },
    actors: ['citizen', 'system'],
    steps: ['right-to-reside'],
    confirm: { da: 'Jeg har søgt registreringsbevis', en: 'I have applied for the EU residence document' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, den digitale ansøgning nåede SIRI', en: 'Day the online application reached SIRI' }),
    }),
    examples: [{ appliedOn: '2025-03-10' }, { appliedOn: '2025-08-20' }],
  },
  'eu-residence.appeared': {
    title: { da: 'Mødt op hos SIRI/ICS', en: 'Appeared at SIRI/ICS' },
    actors: ['citizen', 'caseworker'],
    steps: ['right-to-reside'],
    confirm: { da: 'Jeg har mødt op', en: 'I have appeared in person' },
    schema: schema.object({ appearedOn: schema.date({ da: 'Dagen, du mødte personligt op', en: 'Day the citizen appeared in person' }) }),
    examples: [{ appearedOn: '2025-03-18' }],
  },
  'eu-residence.decided': {
    title: { da: 'Registreringsbevis afgjort', en: 'EU residence document decided' },
    actors: ['caseworker', 'system'],
    steps: ['right-to-reside'],
    schema: schema.object({
      granted: schema.yesNo({ da: 'SIRI udstedte EU-opholdsdokumentet', en: 'SIRI issued the EU residence document' }),
      decidedOn: schema.date({ da: 'Dato for afgørelsen', en: 'Day of the decision' }),
    }),
    examples: [
      { granted: true, decidedOn: '2025-03-24' },
      { granted: false, decidedOn: '2025-03-24' },
    ],
  },
  'cpr-registration.appeared': {
    title: { da: 'Mødt op til CPR-registrering', en: 'Appeared for CPR registration' },
    actors: ['caseworker'],
    steps: ['register-cpr'],
    schema: schema.object({
      appearedOn: schema.date({
        da: 'Dagen, du mødte op, og dokumenterne blev tjekket',
        en: 'Day the citizen appeared and the documents were checked',
      }),
    }),
    examples: [{ appearedOn: '2025-03-26' }, { appearedOn: '2025-10-01' }],
  },
  'cpr-registration.declined': {
    title: { da: 'Lader sig ikke registrere i CPR', en: 'Not registering in CPR' },
    actors: ['citizen'],
    steps: ['register-cpr'],
    confirm: { da: 'Jeg lader mig ikke registrere', en: 'I will not register' },
    schema: schema.empty(),
    examples: [{}],
  },
  'gp.chosen': {
    title: { da: 'Læge valgt', en: 'Doctor chosen' },
    actors: ['citizen', 'caseworker'],
    steps: ['gp-and-health-card'],
    confirm: { da: 'Jeg har valgt læge', en: 'I have chosen a doctor' },
    schema: schema.object({ chosenOn: schema.date({ da: 'Dagen, lægen blev valgt', en: 'Day the doctor was chosen' }) }),
    examples: [{ chosenOn: '2025-03-26' }],
  },
  'health-card.received': {
    title: { da: 'Sundhedskort modtaget', en: 'Health card received' },
    actors: ['citizen'],
    steps: ['gp-and-health-card'],
    confirm: { da: 'Mit sundhedskort er kommet', en: 'My health card has arrived' },
    schema: schema.object({ receivedOn: schema.date({ da: 'Dagen, kortet kom', en: 'Day the card arrived' }) }),
    examples: [{ receivedOn: '2025-04-14' }],
  },
  'residence-card.received': {
    title: { da: 'Opholdskort modtaget', en: 'Residence card received' },
    actors: ['citizen'],
    steps: ['residence-card'],
    confirm: { da: 'Mit opholdskort er kommet', en: 'My residence card has arrived' },
    schema: schema.object({ receivedOn: schema.date({ da: 'Dagen, kortet kom', en: 'Day the card arrived' }) }),
    examples: [{ receivedOn: '2025-03-07' }],
  },
  'mitid.obtained': {
    title: { da: 'MitID oprettet', en: 'MitID obtained' },
    actors: ['citizen', 'caseworker'],
    steps: ['digital-post-mitid'],
    confirm: { da: 'Jeg har fået MitID', en: 'I have got MitID' },
    schema: schema.object({ via: schema.oneOf(MITID_ROUTES, { da: 'Hvor MitID blev udstedt', en: 'Where MitID was issued' }) }),
    examples: [{ via: 'borgerservice' }],
  },
  'tax-card.applied': {
    title: { da: 'Skattekort søgt', en: 'Tax card applied for' },
    actors: ['citizen', 'system'],
    steps: ['tax-card'],
    confirm: { da: 'Jeg har søgt skattekort', en: 'I have applied for a tax card' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, ansøgningen nåede Skattestyrelsen', en: 'Day the application reached Skattestyrelsen' }),
    }),
    examples: [{ appliedOn: '2025-03-05' }],
  },
  'nemkonto.nominated': {
    title: { da: 'NemKonto oprettet', en: 'NemKonto nominated' },
    actors: ['citizen'],
    steps: ['bank-nemkonto'],
    confirm: { da: 'Jeg har en NemKonto', en: 'I have a NemKonto' },
    schema: schema.object({
      foreignAccount: schema.yesNo({ da: 'NemKontoen er en udenlandsk konto', en: 'The NemKonto is a foreign account' }),
    }),
    examples: [{ foreignAccount: false }],
  },
  'child-benefit.settled': {
    title: { da: 'Børne- og ungeydelse afklaret', en: 'Child benefit settled' },
    actors: ['citizen', 'system'],
    steps: ['family-benefits'],
    confirm: { da: 'Børne- og ungeydelsen er afklaret', en: 'Child benefit is settled' },
    schema: schema.object({
      outcome: schema.oneOf(CHILD_BENEFIT_OUTCOMES, {
        da:
          'Søgt hos Udbetaling Danmark; startet af Udbetaling Danmark uden ansøgning (ikke for dem, der skal søge); ' +
          'eller ikke berettiget',
        en:
          'Applied at Udbetaling Danmark; started by UDK without an application (not accepted from those who must apply); ' +
          'or not entitled',
      }),
    }),
    examples: [{ outcome: 'applied' }, { outcome: 'started-without-application' }, { outcome: 'not-entitled' }],
  },
  'su-equal-status.applied': {
    title: { da: 'Ligestilling til SU søgt', en: 'Equal status for SU applied for' },
    actors: ['citizen', 'system'],
    steps: ['family-benefits'],
    confirm: { da: 'Jeg har søgt ligestilling', en: 'I have applied for equal status' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, ansøgningen om ligestilling blev sendt', en: 'Day the equal-status application was sent' }),
    }),
    examples: [{ appliedOn: '2025-04-01' }],
  },
};
