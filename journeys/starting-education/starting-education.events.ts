/**
 * Events the starting-education journey accepts from outside the engine. The TypeScript types and
 * the JSON Schemas describe the same data; the API validates against the schema first.
 */
import type { MovingAnswers } from '../moving/moving.start';
import { movingStartSchema } from '../moving/moving.start';
import type { IsoDate } from '../shared/calendar';
import type { EventSpec, JsonSchema, Text } from '../shared/contract';
import type { StartingEducationStepId } from './starting-education.steps';
import { described, schema } from '../shared/kit';

export const SU_RATES = ['hjemmeboende', 'udeboende'] as const;
export const MAIN_CARD_PAYERS = ['su', 'job'] as const;

/** optagelse.dk reference, in the shape the catalogue's `applicationRef` accepts. */
const applicationRef = (title: Text): JsonSchema => ({
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9-]{2,63}$',
  ...described(title),
});

export type StartingEducationEvent =
  | { type: 'readiness.assessed'; ready: boolean; assessedOn: IsoDate }
  | { type: 'youth-application.submitted'; submittedOn: IsoDate; applicationRef: string }
  | { type: 'higher-application.submitted'; submittedOn: IsoDate; applicationRef: string }
  | { type: 'place.offered'; offeredOn: IsoDate; programme: string }
  | { type: 'place.not-offered'; answeredOn: IsoDate }
  | { type: 'place.answered'; accept: boolean }
  | { type: 'equal-status.applied'; appliedOn: IsoDate }
  | { type: 'equal-status.decided'; granted: boolean; decidedOn: IsoDate }
  | { type: 'su.applied'; appliedOn: IsoDate }
  | { type: 'su.decided'; granted: boolean; rate: (typeof SU_RATES)[number]; decidedOn: IsoDate }
  | { type: 'tax-card.chosen'; mainCard: (typeof MAIN_CARD_PAYERS)[number]; employerCvr?: string }
  | { type: 'move-out.planned'; move: MovingAnswers }
  | { type: 'move-out.cancelled' }
  | { type: 'ungdomskort.applied'; appliedOn: IsoDate }
  | { type: 'ungdomskort.declined' };

export const startingEducationEvents: Record<StartingEducationEvent['type'], EventSpec<StartingEducationStepId>> = {
  'readiness.assessed': {
    title: { da: 'Endelig parathedsvurdering', en: 'Final readiness assessment' },
    actors: ['caseworker', 'system'],
    steps: ['readiness-assessment'],
    schema: schema.object({
      ready: schema.yesNo({ da: 'Vurderet uddannelsesparat til den søgte uddannelse', en: 'Assessed ready for the education applied for' }),
      assessedOn: schema.date({ da: 'Dato for den endelige vurdering', en: 'Day of the final assessment' }),
    }),
    examples: [
      { ready: true, assessedOn: '2025-06-05' },
      { ready: false, assessedOn: '2025-06-05' },
    ],
  },
  'youth-application.submitted': {
    title: { da: 'Ansøgning til ungdomsuddannelse sendt', en: 'Youth education application submitted' },
    actors: ['citizen', 'system'],
    steps: ['apply-youth-education'],
    confirm: { da: 'Jeg har sendt ansøgningen', en: 'I have sent the application' },
    schema: schema.object({
      submittedOn: schema.date({
        da: 'Dagen, ansøgningen (med forældrenes underskrift) blev sendt',
        en: 'Day the application (with the parents’ signature) was submitted',
      }),
      applicationRef: applicationRef({ da: 'Ansøgningens nummer på optagelse.dk', en: 'optagelse.dk application reference' }),
    }),
    examples: [
      { submittedOn: '2025-02-20', applicationRef: 'OPT-2025-U-044120' },
      { submittedOn: '2025-03-04', applicationRef: 'OPT-2025-U-044999' },
    ],
  },
  'higher-application.submitted': {
    title: { da: 'Ansøgning til videregående uddannelse sendt', en: 'Higher education application submitted' },
    actors: ['citizen', 'system'],
    steps: ['apply-higher-education'],
    confirm: { da: 'Jeg har sendt ansøgningen', en: 'I have sent the application' },
    schema: schema.object({
      submittedOn: schema.date({ da: 'Dagen, ansøgningen blev underskrevet med MitID', en: 'Day the application was signed with MitID' }),
      applicationRef: applicationRef({ da: 'Ansøgningens nummer på optagelse.dk', en: 'optagelse.dk application reference' }),
    }),
    examples: [{ submittedOn: '2025-03-10', applicationRef: 'OPT-2025-K-090311' }],
  },
  'place.offered': {
    title: { da: 'Plads tilbudt', en: 'Place offered' },
    actors: ['system'],
    steps: ['accept-place'],
    schema: schema.object({
      offeredOn: schema.date({ da: 'Dato for tilbuddet', en: 'Day of the offer' }),
      programme: schema.text({ da: 'Den tilbudte uddannelse', en: 'The programme offered' }),
    }),
    examples: [{ offeredOn: '2025-07-28', programme: 'Datalogi' }],
  },
  'place.not-offered': {
    title: { da: 'Ingen plads', en: 'No place offered' },
    actors: ['system'],
    steps: ['accept-place'],
    schema: schema.object({ answeredOn: schema.date({ da: 'Dato for svaret', en: 'Day of the answer' }) }),
    examples: [{ answeredOn: '2025-07-28' }],
  },
  'place.answered': {
    title: { da: 'Svar på tilbud om plads', en: 'Answer to the offer' },
    actors: ['citizen'],
    steps: ['accept-place'],
    confirm: { da: 'Send mit svar', en: 'Send my answer' },
    schema: schema.object({ accept: schema.yesNo({ da: 'Den studerende tager imod pladsen', en: 'The student accepts the place' }) }),
    examples: [{ accept: true }, { accept: false }],
  },
  'equal-status.applied': {
    title: { da: 'Ligestilling søgt', en: 'Equal status applied for' },
    actors: ['citizen', 'system'],
    steps: ['apply-su'],
    confirm: { da: 'Jeg har søgt ligestilling', en: 'I have applied for equal status' },
    schema: schema.object({ appliedOn: schema.date({ da: 'Dagen, ansøgningen nåede SU', en: 'Day the application reached SU' }) }),
    examples: [{ appliedOn: '2025-06-10' }],
  },
  'equal-status.decided': {
    title: { da: 'Afgørelse om ligestilling', en: 'Equal status decided' },
    actors: ['caseworker', 'system'],
    steps: ['apply-su'],
    schema: schema.object({
      granted: schema.yesNo({
        da: 'Den studerende ligestilles med danske statsborgere i forhold til SU',
        en: 'The student is treated as a Danish citizen for SU',
      }),
      decidedOn: schema.date({ da: 'Dato for afgørelsen', en: 'Day of the decision' }),
    }),
    examples: [
      { granted: true, decidedOn: '2025-07-01' },
      { granted: false, decidedOn: '2025-07-01' },
    ],
  },
  'su.applied': {
    title: { da: 'SU søgt', en: 'SU applied for' },
    actors: ['citizen', 'system'],
    steps: ['apply-su'],
    confirm: { da: 'Jeg har søgt SU', en: 'I have applied for SU' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, ansøgningen blev sendt i minSU', en: 'Day the application was submitted in minSU' }),
    }),
    examples: [{ appliedOn: '2025-08-15' }, { appliedOn: '2025-10-03' }],
  },
  'su.decided': {
    title: { da: 'Afgørelse om SU', en: 'SU decided' },
    actors: ['caseworker', 'system'],
    steps: ['apply-su'],
    schema: schema.object({
      granted: schema.yesNo({ da: 'SU blev bevilget', en: 'SU was granted' }),
      rate: schema.oneOf(SU_RATES, {
        da: 'Den bevilgede sats (eller den, der ville have gjaldt)',
        en: 'The rate granted (or that would have applied)',
      }),
      decidedOn: schema.date({ da: 'Dato for afgørelsen', en: 'Day of the decision' }),
    }),
    examples: [
      { granted: true, rate: 'udeboende', decidedOn: '2025-09-05' },
      { granted: false, rate: 'hjemmeboende', decidedOn: '2025-09-05' },
    ],
  },
  'tax-card.chosen': {
    title: { da: 'Hovedkort valgt', en: 'Main tax card chosen' },
    actors: ['citizen', 'system'],
    steps: ['set-tax-card'],
    confirm: { da: 'Send mit valg til Skattestyrelsen', en: 'Send my choice to the Tax Agency' },
    schema: schema.object(
      {
        mainCard: schema.oneOf(MAIN_CARD_PAYERS, { da: 'Hvilken indkomst bruger hovedkortet', en: 'Which income uses the main tax card' }),
        employerCvr: {
          type: 'string',
          pattern: '^[0-9]{8}$',
          ...described({
            da: 'Arbejdsgiverens CVR-nummer, når jobbet bruger hovedkortet',
            en: 'CVR number of the employer, when the job takes the main card',
          }),
        },
      },
      ['employerCvr'],
    ),
    examples: [{ mainCard: 'su' }, { mainCard: 'job', employerCvr: '12345678' }],
  },
  'move-out.planned': {
    title: { da: 'Flytning planlagt', en: 'Move planned' },
    actors: ['citizen'],
    steps: ['move-out'],
    confirm: { da: 'Start flytteforløbet', en: 'Start the moving journey' },
    schema: schema.object({ move: schema.titled({ da: 'Flytningen', en: 'The move' }, movingStartSchema) }),
    examples: [
      {
        move: {
          movingDate: '2025-08-15',
          newAddress: { darAddressId: '0a3f5081-7e8c-32b8-e044-0003ba298018', municipalityCode: '0751' },
          othersRegisteredAtNewAddress: false,
          renting: true,
          childrenMoving: false,
          childLeavesJointCustodyHome: false,
          wantsAddressProtection: false,
        },
      },
    ],
  },
  'move-out.cancelled': {
    title: { da: 'Flytter alligevel ikke', en: 'Not moving after all' },
    actors: ['citizen'],
    steps: ['move-out'],
    confirm: { da: 'Jeg flytter alligevel ikke', en: 'I am not moving after all' },
    schema: schema.empty(),
    examples: [{}],
  },
  'ungdomskort.applied': {
    title: { da: 'Ungdomskort søgt', en: 'Youth travel card applied for' },
    actors: ['citizen'],
    steps: ['ungdomskort'],
    confirm: { da: 'Jeg har søgt ungdomskort', en: 'I have applied for a youth travel card' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dato for ansøgningen på ungdomskort.dk', en: 'Day of the application on ungdomskort.dk' }),
    }),
    examples: [{ appliedOn: '2025-07-30' }],
  },
  'ungdomskort.declined': {
    title: { da: 'Ønsker ikke ungdomskort', en: 'No youth travel card' },
    actors: ['citizen'],
    steps: ['ungdomskort'],
    confirm: { da: 'Jeg vil ikke have ungdomskort', en: 'I do not want a youth travel card' },
    schema: schema.empty(),
    examples: [{}],
  },
};
