/**
 * Events the divorce journey accepts from outside the engine. The TypeScript types and the JSON
 * Schemas describe the same data; the API validates against the schema first.
 */
import type { MovingAnswers } from '../moving/moving.start';
import { movingStartSchema } from '../moving/moving.start';
import type { IsoDate } from '../shared/calendar';
import type { EventSpec, JsonSchema, Text } from '../shared/contract';
import type { DivorceStepId } from './divorce.steps';
import { described, schema } from '../shared/kit';

export const APPLICATION_TYPES = ['separation', 'divorce'] as const;
export const AGREEMENT = ['both-agree', 'one-disagrees'] as const;
/** Grounds for a divorce one spouse does not agree to (ægteskabsloven). */
export const DIVORCE_GROUNDS = ['separated', 'two-years-apart', 'infidelity', 'violence', 'bigamy', 'child-abduction'] as const;
export const DISPUTED_TERMS = ['spousal-maintenance', 'home'] as const;
export const SCREENING_TRACKS = ['paragraph-5', 'paragraph-6', 'paragraph-7'] as const;
export type ScreeningTrack = (typeof SCREENING_TRACKS)[number];
export const DECIDED_BY = ['familieretshuset', 'court'] as const;
export const CHILD_BENEFIT_RECIPIENTS = ['split', 'self', 'other-parent'] as const;

const caseRef = (title: Text): JsonSchema => ({ type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]{2,63}$', ...described(title) });

export type DivorceEvent =
  | {
      type: 'divorce.applied';
      appliedOn: IsoDate;
      caseRef: string;
      applicationType: (typeof APPLICATION_TYPES)[number];
      agreement: (typeof AGREEMENT)[number];
      grounds?: (typeof DIVORCE_GROUNDS)[number];
      termsInDispute: (typeof DISPUTED_TERMS)[number][];
    }
  | { type: 'screening.recorded'; track: ScreeningTrack; screenedOn: IsoDate }
  | { type: 'terms-negotiation.concluded'; agreed: boolean; concludedOn: IsoDate }
  | { type: 'divorce.decided'; decidedOn: IsoDate; decidedBy: (typeof DECIDED_BY)[number] }
  | { type: 'children-arrangements.agreed'; agreedOn: IsoDate }
  | { type: 'children-arrangements.applied'; appliedOn: IsoDate }
  | { type: 'children-arrangements.decided'; decidedOn: IsoDate; decidedBy: (typeof DECIDED_BY)[number] }
  | { type: 'child-support.agreed'; agreedOn: IsoDate }
  | { type: 'child-support.applied'; appliedOn: IsoDate }
  | { type: 'child-support.decided'; decidedOn: IsoDate }
  | {
      type: 'family-benefits.chosen';
      chosenOn: IsoDate;
      childBenefitRecipient: (typeof CHILD_BENEFIT_RECIPIENTS)[number];
      singleProvider: boolean;
    }
  | { type: 'estate.divided'; dividedOn: IsoDate }
  | { type: 'estate-division.requested'; requestedOn: IsoDate }
  | { type: 'tax-and-housing.updated'; updatedOn: IsoDate; housingBenefitReported: boolean }
  | { type: 'move-out.planned'; move: MovingAnswers }
  | { type: 'move-out.cancelled' };

const decided = (what: Text): JsonSchema =>
  schema.object({
    decidedOn: schema.date({ da: `Dagen, der blev truffet afgørelse om ${what.da}`, en: `Day ${what.en} was decided` }),
    decidedBy: schema.oneOf(DECIDED_BY, { da: 'Hvem traf afgørelsen', en: 'Who decided' }),
  });

export const divorceEvents: Record<DivorceEvent['type'], EventSpec<DivorceStepId>> = {
  'divorce.applied': {
    title: { da: 'Ansøgning sendt til Familieretshuset', en: 'Application sent to the Agency of Family Law' },
    actors: ['citizen', 'system'],
    steps: ['apply-separation-divorce'],
    confirm: { da: 'Vi har sendt ansøgningen', en: 'We have sent the application' },
    schema: schema.object(
      {
        appliedOn: schema.date({
          da: 'Dagen, ansøgningen underskrevet af begge nåede Familieretshuset',
          en: 'Day the application, signed by both, reached Familieretshuset',
        }),
        caseRef: caseRef({ da: 'Familieretshusets sagsnummer', en: 'Familieretshuset case reference' }),
        applicationType: schema.oneOf(APPLICATION_TYPES, {
          da: 'Separation eller direkte skilsmisse',
          en: 'Separation, or divorce directly',
        }),
        agreement: schema.oneOf(AGREEMENT, {
          da: 'Begge ægtefæller ønsker det, eller den ene gør ikke',
          en: 'Both spouses want it, or one does not',
        }),
        grounds: schema.oneOf(DIVORCE_GROUNDS, {
          da: 'Grundlag, som kræves ved en skilsmisse, den ene ægtefælle ikke er enig i',
          en: 'Grounds, needed for a divorce one spouse does not agree to',
        }),
        termsInDispute: {
          type: 'array',
          items: schema.oneOf(DISPUTED_TERMS, { da: 'Et vilkår, ægtefællerne er uenige om', en: 'A term the spouses disagree on' }),
          uniqueItems: true,
          maxItems: 2,
          ...described({ da: 'Vilkår, I ikke er enige om (tom: enige om alle)', en: 'Terms not agreed (empty: all agreed)' }),
        },
      },
      ['grounds'],
    ),
    examples: [
      { appliedOn: '2025-03-03', caseRef: 'FRH-2025-123456', applicationType: 'divorce', agreement: 'both-agree', termsInDispute: [] },
      {
        appliedOn: '2025-03-03',
        caseRef: 'FRH-2025-123457',
        applicationType: 'separation',
        agreement: 'one-disagrees',
        termsInDispute: ['home'],
      },
      {
        appliedOn: '2025-03-03',
        caseRef: 'FRH-2025-123458',
        applicationType: 'divorce',
        agreement: 'one-disagrees',
        grounds: 'violence',
        termsInDispute: ['spousal-maintenance', 'home'],
      },
    ],
  },
  'screening.recorded': {
    title: { da: 'Visitation registreret', en: 'Screening recorded' },
    actors: ['caseworker'],
    steps: ['screening'],
    schema: schema.object({
      track: schema.oneOf(SCREENING_TRACKS, {
        da: '§ 5 enkel, § 6 konfliktløsning, § 7 familieretten',
        en: '§ 5 simple, § 6 conflict resolution, § 7 family court',
      }),
      screenedOn: schema.date({ da: 'Dato for visitationen', en: 'Day of the screening' }),
    }),
    examples: [
      { track: 'paragraph-5', screenedOn: '2025-03-12' },
      { track: 'paragraph-6', screenedOn: '2025-03-12' },
      { track: 'paragraph-7', screenedOn: '2025-03-12' },
    ],
  },
  'terms-negotiation.concluded': {
    title: { da: 'Vilkårsforhandling afsluttet', en: 'Negotiation meeting concluded' },
    actors: ['caseworker', 'system'],
    steps: ['agree-terms'],
    schema: schema.object({
      agreed: schema.yesNo({ da: 'Ægtefællerne blev enige om vilkårene på mødet', en: 'The spouses agreed on the terms at the meeting' }),
      concludedOn: schema.date({ da: 'Dato for mødet', en: 'Day of the meeting' }),
    }),
    examples: [
      { agreed: true, concludedOn: '2025-04-02' },
      { agreed: false, concludedOn: '2025-04-02' },
    ],
  },
  'divorce.decided': {
    title: { da: 'Separation eller skilsmisse givet', en: 'Separation or divorce granted' },
    actors: ['caseworker', 'system'],
    steps: ['agree-terms'],
    schema: decided({ da: 'separation eller skilsmisse', en: 'the separation or divorce' }),
    examples: [
      { decidedOn: '2025-04-09', decidedBy: 'familieretshuset' },
      { decidedOn: '2025-09-15', decidedBy: 'court' },
    ],
  },
  'children-arrangements.agreed': {
    title: { da: 'Aftale om bopæl og samvær', en: 'Residence and contact agreed' },
    actors: ['citizen'],
    steps: ['children-arrangements'],
    confirm: { da: 'Vi er blevet enige', en: 'We have agreed' },
    schema: schema.object({ agreedOn: schema.date({ da: 'Dagen, forældrene blev enige', en: 'Day the parents agreed' }) }),
    examples: [{ agreedOn: '2025-03-10' }],
  },
  'children-arrangements.applied': {
    title: { da: 'Søgt hos Familieretshuset om børnene', en: 'Applied to the agency about the children' },
    actors: ['citizen', 'system'],
    steps: ['children-arrangements'],
    confirm: { da: 'Jeg har søgt hos Familieretshuset', en: 'I have applied to the Agency of Family Law' },
    schema: schema.object({
      appliedOn: schema.date({
        da: 'Dato for ansøgningen om bopæl, samvær eller forældremyndighed',
        en: 'Day of the application about residence, contact or custody',
      }),
    }),
    examples: [{ appliedOn: '2025-03-10' }],
  },
  'children-arrangements.decided': {
    title: { da: 'Afgørelse om børnene', en: 'Decision about the children' },
    actors: ['caseworker', 'system'],
    steps: ['children-arrangements'],
    schema: decided({ da: 'bopæl, samvær eller forældremyndighed', en: 'residence, contact or custody' }),
    examples: [{ decidedOn: '2025-05-20', decidedBy: 'familieretshuset' }],
  },
  'child-support.agreed': {
    title: { da: 'Børnebidrag aftalt', en: 'Child support agreed' },
    actors: ['citizen'],
    steps: ['child-support'],
    confirm: { da: 'Vi har aftalt børnebidrag', en: 'We have agreed on child support' },
    schema: schema.object({
      agreedOn: schema.date({ da: 'Dagen, forældrene blev enige om børnebidrag', en: 'Day the parents agreed on support' }),
    }),
    examples: [{ agreedOn: '2025-03-20' }],
  },
  'child-support.applied': {
    title: { da: 'Børnebidrag søgt', en: 'Child support applied for' },
    actors: ['citizen', 'system'],
    steps: ['child-support'],
    confirm: { da: 'Jeg har søgt om børnebidrag', en: 'I have applied for child support' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, ansøgningen nåede Familieretshuset', en: 'Day the application reached Familieretshuset' }),
    }),
    examples: [{ appliedOn: '2025-03-20' }],
  },
  'child-support.decided': {
    title: { da: 'Børnebidrag fastsat', en: 'Child support set' },
    actors: ['caseworker', 'system'],
    steps: ['child-support'],
    schema: schema.object({ decidedOn: schema.date({ da: 'Dato for afgørelsen', en: 'Day of the decision' }) }),
    examples: [{ decidedOn: '2025-04-28' }],
  },
  'family-benefits.chosen': {
    title: { da: 'Børneydelse og børnetilskud valgt', en: 'Child benefit and allowance chosen' },
    actors: ['citizen'],
    steps: ['family-benefits'],
    confirm: { da: 'Send mit valg', en: 'Send my choice' },
    schema: schema.object({
      chosenOn: schema.date({ da: 'Dato for valget', en: 'Day of the choice' }),
      childBenefitRecipient: schema.oneOf(CHILD_BENEFIT_RECIPIENTS, {
        da: 'Behold delingen 50/50, eller alt til den ene forælder',
        en: 'Keep the 50/50 split, or all to one parent',
      }),
      singleProvider: schema.yesNo({
        da: 'Du er enlig forsørger og søger ekstra børneydelse',
        en: 'The citizen is a single parent and applies for the single-parent allowance',
      }),
    }),
    examples: [
      { chosenOn: '2025-03-12', childBenefitRecipient: 'self', singleProvider: true },
      { chosenOn: '2025-03-12', childBenefitRecipient: 'split', singleProvider: false },
    ],
  },
  'estate.divided': {
    title: { da: 'Formuen er delt', en: 'Property divided' },
    actors: ['citizen', 'caseworker'],
    steps: ['estate-split'],
    confirm: { da: 'Vi har delt det, vi ejer sammen', en: 'We have divided what we own together' },
    schema: schema.object({ dividedOn: schema.date({ da: 'Dagen, delingen blev afgjort', en: 'Day the division was settled' }) }),
    examples: [{ dividedOn: '2025-06-01' }],
  },
  'estate-division.requested': {
    title: { da: 'Bed skifteretten om bodeling', en: 'Ask the probate court to divide the estate' },
    actors: ['citizen'],
    steps: ['estate-split'],
    confirm: { da: 'Bed skifteretten om at dele boet', en: 'Ask the probate court to divide the estate' },
    schema: schema.object({ requestedOn: schema.date({ da: 'Dato for anmodningen', en: 'Day of the request' }) }),
    examples: [{ requestedOn: '2025-05-01' }],
  },
  'tax-and-housing.updated': {
    title: { da: 'Skat og boligstøtte rettet', en: 'Tax and housing benefit updated' },
    actors: ['citizen'],
    steps: ['update-tax-and-housing'],
    confirm: { da: 'Jeg har rettet forskudsopgørelsen', en: 'I have updated my preliminary tax assessment' },
    schema: schema.object({
      updatedOn: schema.date({ da: 'Dato for opdateringen', en: 'Day of the update' }),
      housingBenefitReported: schema.yesNo({
        da: 'Udbetaling Danmark har fået besked om, at en af jer er flyttet',
        en: 'Payment Denmark was told that one of you moved out',
      }),
    }),
    examples: [
      { updatedOn: '2025-03-05', housingBenefitReported: true },
      { updatedOn: '2025-03-05', housingBenefitReported: false },
    ],
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
          movingDate: '2025-03-01',
          newAddress: { darAddressId: '0a3f509e-2c5d-32b8-e044-0003ba298018', municipalityCode: '0101' },
          othersRegisteredAtNewAddress: false,
          renting: true,
          childrenMoving: true,
          childLeavesJointCustodyHome: true,
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
};
