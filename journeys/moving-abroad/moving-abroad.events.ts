/**
 * Events the moving-abroad journey accepts from outside the engine. The TypeScript types and the
 * JSON Schemas describe the same data; the API validates against the schema first.
 */
import type { IsoDate } from '../shared/calendar';
import type { EventSpec } from '../shared/contract';
import type { MovingAbroadStepId } from './moving-abroad.steps';
import { schema } from '../shared/kit';

export const TAX_LIABILITIES = ['full', 'limited', 'none'] as const;
export const BENEFITS = ['child-benefit', 'housing-benefit', 'su', 'pension'] as const;
export type Benefit = (typeof BENEFITS)[number];
export const SOCIAL_SECURITY_OUTCOMES = ['certificate-obtained', 'not-needed'] as const;

export type MovingAbroadEvent =
  | { type: 'registration.kept' }
  | { type: 'residence.decided'; mustDeregister: boolean; decidedOn: IsoDate }
  | { type: 'emigration.reported'; reportedOn: IsoDate }
  | { type: 'nordic-registration.confirmed'; confirmedOn: IsoDate }
  | { type: 'tax-liability.clarified'; liability: (typeof TAX_LIABILITIES)[number] }
  | { type: 'benefit-change.reported'; benefit: Benefit; reportedOn: IsoDate }
  | { type: 'eu-social-security.clarified'; outcome: (typeof SOCIAL_SECURITY_OUTCOMES)[number] };

export const movingAbroadEvents: Record<MovingAbroadEvent['type'], EventSpec<MovingAbroadStepId>> = {
  'registration.kept': {
    title: { da: 'Bliver registreret i Danmark', en: 'Staying registered in Denmark' },
    actors: ['citizen'],
    steps: ['report-emigration'],
    confirm: { da: 'Jeg bliver registreret i Danmark', en: 'I am staying registered in Denmark' },
    schema: schema.empty(),
    examples: [{}],
  },
  'residence.decided': {
    title: { da: 'Kommunen har afgjort bopælen', en: 'The municipality decided the residence' },
    actors: ['caseworker'],
    steps: ['cpr-status-udrejst'],
    schema: schema.object({
      mustDeregister: schema.yesNo({
        da: 'Du skal anmelde udrejsen (ikke længere bosat i Danmark)',
        en: 'The citizen must report the departure (no longer resident in Denmark)',
      }),
      decidedOn: schema.date({ da: 'Dato for afgørelsen', en: 'Day of the decision' }),
    }),
    examples: [
      { mustDeregister: true, decidedOn: '2025-02-20' },
      { mustDeregister: false, decidedOn: '2025-02-20' },
    ],
  },
  'emigration.reported': {
    title: { da: 'Udrejse anmeldt', en: 'Departure reported' },
    actors: ['citizen', 'system'],
    steps: ['report-emigration'],
    confirm: { da: 'Jeg har anmeldt min udrejse', en: 'I have reported my departure' },
    schema: schema.object({
      reportedOn: schema.date({
        da: 'Dagen, udrejsen blev anmeldt (i Grønland: registreret dér)',
        en: 'Day the departure was reported (in Greenland: registered there)',
      }),
    }),
    examples: [{ reportedOn: '2025-05-20' }, { reportedOn: '2025-10-01' }],
  },
  'nordic-registration.confirmed': {
    title: { da: 'Det nordiske land har bekræftet indflytningen', en: 'The Nordic country confirmed the arrival' },
    actors: ['system', 'caseworker'],
    steps: ['cpr-status-udrejst'],
    schema: schema.object({
      confirmedOn: schema.date({
        da: 'Dagen, det andet lands bekræftelse nåede CPR',
        en: 'Day the other country’s confirmation reached CPR',
      }),
    }),
    examples: [{ confirmedOn: '2025-06-16' }],
  },
  'tax-liability.clarified': {
    title: { da: 'Skattepligten er afklaret', en: 'Tax liability settled' },
    actors: ['citizen', 'caseworker'],
    steps: ['tax-liability'],
    confirm: { da: 'Min skattepligt er afklaret', en: 'My tax liability is settled' },
    schema: schema.object({
      liability: schema.oneOf(TAX_LIABILITIES, {
        da: 'Skattestyrelsens svar: fortsat fuld skattepligt, begrænset skattepligt eller ingen',
        en: 'What Skattestyrelsen said: full liability continues, limited liability, or none',
      }),
    }),
    examples: [{ liability: 'limited' }],
  },
  'benefit-change.reported': {
    title: { da: 'Ydelse meldt', en: 'Benefit reported' },
    actors: ['citizen', 'system'],
    steps: ['benefits-stop'],
    confirm: { da: 'Jeg har givet besked', en: 'I have reported it' },
    schema: schema.object({
      benefit: schema.oneOf(BENEFITS, { da: 'Hvilken ydelse flytningen blev meldt for', en: 'Which benefit the move was reported for' }),
      reportedOn: schema.date({ da: 'Dato for meddelelsen', en: 'Day of the notice' }),
    }),
    examples: [
      { benefit: 'child-benefit', reportedOn: '2025-05-20' },
      { benefit: 'housing-benefit', reportedOn: '2025-05-20' },
      { benefit: 'su', reportedOn: '2025-05-20' },
      { benefit: 'pension', reportedOn: '2025-05-20' },
    ],
  },
  'eu-social-security.clarified': {
    title: { da: 'A1/S1 afklaret', en: 'A1/S1 settled' },
    actors: ['citizen', 'caseworker'],
    steps: ['eu-social-security'],
    confirm: { da: 'Jeg har afklaret A1 eller S1', en: 'I have settled A1 or S1' },
    schema: schema.object({
      outcome: schema.oneOf(SOCIAL_SECURITY_OUTCOMES, {
        da: 'En attest blev udstedt, eller der skal ikke bruges en',
        en: 'A certificate was obtained, or none is needed',
      }),
    }),
    examples: [{ outcome: 'certificate-obtained' }, { outcome: 'not-needed' }],
  },
};
