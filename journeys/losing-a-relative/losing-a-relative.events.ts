/**
 * Events the losing-a-relative journey accepts from outside the engine. Confirmations an
 * authority's own solution sends through its task token (the parish, the probate court, Udbetaling
 * Danmark, and Sundhedsdatastyrelsen or Digital Post when CPR cannot name the deceased) are
 * `system` events, which a caseworker who checked by hand may also send; the next of kin's own
 * actions are `citizen` events. The death certificate status, the mailbox closure, the settlement
 * and the probate certificate otherwise come back as integration results.
 */
import type { IsoDate } from '../shared/calendar';
import type { EventSpec, JsonSchema, Text } from '../shared/contract';
import type { RelativeStepId } from './losing-a-relative.steps';
import { described, schema } from '../shared/kit';
import { SETTLEMENTS, type BurialApprover, type Settlement } from './losing-a-relative.rules';

export const REPORTERS = ['self', 'undertaker', 'other-next-of-kin', 'municipality'] as const;
export const BURIAL_APPROVERS: readonly BurialApprover[] = ['cemetery', 'styrelsen-for-patientsikkerhed'];

/** The probate court's case reference, as the task catalogue's `REF` accepts it. */
const caseRef = (title: Text): JsonSchema => ({ type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]{2,63}$', ...described(title) });

export type RelativeEvent =
  | { type: 'death-certificate.issued'; issuedOn: IsoDate }
  | { type: 'automatic-effects.confirmed'; confirmedOn: IsoDate }
  | { type: 'death.reported'; reportedOn: IsoDate; reportedBy: (typeof REPORTERS)[number] }
  | { type: 'burial.postponed'; approvedOn: IsoDate; newDeadline: IsoDate; approvedBy: BurialApprover }
  | { type: 'burial.held'; heldOn: IsoDate }
  | { type: 'authorities.notified'; notifiedOn: IsoDate }
  | { type: 'probate.court-contacted'; contactedOn: IsoDate; caseRef: string }
  | { type: 'probate.settlement-chosen'; settlement: Settlement }
  | { type: 'funeral-grant.applied'; appliedOn: IsoDate }
  | { type: 'funeral-grant.not-applying' }
  | { type: 'survivor-pension.confirmed'; letterOn: IsoDate }
  | { type: 'survivor-grant.applied'; appliedOn: IsoDate }
  | { type: 'survivor-grant.not-applying' }
  | { type: 'digital-post-access.applied'; appliedOn: IsoDate }
  | { type: 'digital-post-access.not-needed' };

export const relativeEvents: Record<RelativeEvent['type'], EventSpec<RelativeStepId>> = {
  'death-certificate.issued': {
    title: { da: 'Dødsattest udstedt', en: 'Death certificate issued' },
    actors: ['system', 'caseworker'],
    steps: ['death-certificate'],
    schema: schema.object({
      issuedOn: schema.date({
        da: 'Dagen, Sundhedsdatastyrelsen modtog dødsattesten',
        en: 'Day Sundhedsdatastyrelsen received the certificate',
      }),
    }),
    examples: [{ issuedOn: '2025-03-07' }],
  },
  'automatic-effects.confirmed': {
    title: { da: 'Konti, Digital Post og fuldmagter lukket', en: 'Accounts, Digital Post and powers of attorney closed' },
    actors: ['system', 'caseworker'],
    steps: ['automatic-effects'],
    schema: schema.object({
      confirmedOn: schema.date({
        da: 'Dagen, lukningen af afdødes Digital Post blev bekræftet',
        en: 'Day the closure of the deceased’s Digital Post was confirmed',
      }),
    }),
    examples: [{ confirmedOn: '2025-03-10' }],
  },
  'death.reported': {
    title: { da: 'Dødsfald anmeldt', en: 'Death reported' },
    actors: ['citizen', 'system'],
    steps: ['report-death-request-burial'],
    confirm: { da: 'Dødsfaldet er anmeldt', en: 'The death has been reported' },
    schema: schema.object({
      reportedOn: schema.date({
        da: 'Dagen, anmeldelsen og begravelsesanmodningen nåede myndigheden',
        en: 'Day the report and burial request reached the burial authority',
      }),
      reportedBy: schema.oneOf(REPORTERS, {
        da: 'Hvem anmeldte: dig, en bedemand for dig, en anden pårørende eller kommunen',
        en: 'Who reported: the citizen, an undertaker for them, another next of kin, or the municipality',
      }),
    }),
    examples: [
      { reportedOn: '2025-03-10', reportedBy: 'undertaker' },
      { reportedOn: '2025-04-25', reportedBy: 'other-next-of-kin' },
    ],
  },
  'burial.postponed': {
    title: { da: 'Begravelse udsat', en: 'Burial postponed' },
    actors: ['citizen', 'caseworker'],
    steps: ['burial'],
    confirm: { da: 'Registrer en udsættelse', en: 'Record a postponement' },
    schema: schema.object({
      approvedOn: schema.date({ da: 'Dagen, udsættelsen blev godkendt', en: 'Day the postponement was approved' }),
      newDeadline: schema.date({
        da: 'Ny seneste dag for begravelse eller bisættelse',
        en: 'The new latest day of the burial or cremation',
      }),
      approvedBy: schema.oneOf(BURIAL_APPROVERS, {
        da: 'Kirkegården eller krematoriet (op til 14 dage) eller Styrelsen for Patientsikkerhed',
        en: 'The cemetery or crematorium (up to 14 days) or Styrelsen for Patientsikkerhed',
      }),
    }),
    examples: [
      { approvedOn: '2025-03-10', newDeadline: '2025-03-20', approvedBy: 'cemetery' },
      { approvedOn: '2025-04-17', newDeadline: '2025-05-15', approvedBy: 'styrelsen-for-patientsikkerhed' },
    ],
  },
  'burial.held': {
    title: { da: 'Begravelse eller bisættelse afholdt', en: 'Burial or cremation held' },
    actors: ['citizen', 'system'],
    steps: ['burial'],
    confirm: { da: 'Begravelsen eller bisættelsen har fundet sted', en: 'The burial or cremation has taken place' },
    schema: schema.object({ heldOn: schema.date({ da: 'Dato for begravelsen eller bisættelsen', en: 'Day of the burial or cremation' }) }),
    examples: [{ heldOn: '2025-03-14' }],
  },
  'authorities.notified': {
    title: { da: 'Skifteret, kommune og CPR har fået besked', en: 'Probate court, municipality and CPR informed' },
    actors: ['system', 'caseworker'],
    steps: ['notify-authorities'],
    schema: schema.object({
      notifiedOn: schema.date({ da: 'Dagen, sognet underrettede skifteretten', en: 'Day the parish informed the probate court' }),
    }),
    examples: [{ notifiedOn: '2025-03-11' }],
  },
  'probate.court-contacted': {
    title: { da: 'Skifteretten har kontaktet boet', en: 'The probate court made contact' },
    actors: ['system', 'caseworker'],
    steps: ['probate'],
    schema: schema.object({
      contactedOn: schema.date({ da: 'Dato for skifterettens brev i Digital Post', en: 'Day of the court’s letter in Digital Post' }),
      caseRef: caseRef({ da: 'Skifterettens sagsnummer for boet', en: 'The probate court’s case number for the estate' }),
    }),
    examples: [{ contactedOn: '2025-03-28', caseRef: 'BS-2025-3-001122' }],
  },
  'probate.settlement-chosen': {
    title: { da: 'Skifteform valgt', en: 'Settlement chosen' },
    actors: ['citizen'],
    steps: ['probate'],
    confirm: { da: 'Jeg har valgt skifteform', en: 'I have chosen how to settle the estate' },
    schema: schema.object({
      settlement: schema.oneOf(SETTLEMENTS, { da: 'Hvordan boet skal skiftes', en: 'How the estate is to be settled' }),
    }),
    // Private division is open to every heir; undivided estate only to a spouse.
    examples: [{ settlement: 'privat-skifte' }, { settlement: 'uskiftet-bo' }],
  },
  'funeral-grant.applied': {
    title: { da: 'Begravelseshjælp søgt', en: 'Funeral grant applied for' },
    actors: ['citizen', 'system'],
    steps: ['funeral-grant'],
    confirm: { da: 'Jeg har søgt begravelseshjælp', en: 'I have applied for a funeral grant' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, ansøgningen nåede Udbetaling Danmark', en: 'Day the application reached Udbetaling Danmark' }),
    }),
    examples: [{ appliedOn: '2025-03-20' }],
  },
  'funeral-grant.not-applying': {
    title: { da: 'Søger ikke begravelseshjælp', en: 'Not applying for funeral grant' },
    actors: ['citizen'],
    steps: ['funeral-grant'],
    confirm: { da: 'Jeg søger ikke begravelseshjælp', en: 'I am not applying for a funeral grant' },
    schema: schema.empty(),
    examples: [{}],
  },
  'survivor-pension.confirmed': {
    title: { da: 'Efterlevelsespension bekræftet', en: 'Survivor pension confirmed' },
    actors: ['system', 'caseworker'],
    steps: ['spouse-survivor'],
    schema: schema.object({
      letterOn: schema.date({ da: 'Dato for brevet fra Udbetaling Danmark', en: 'Day of Udbetaling Danmark’s letter' }),
    }),
    examples: [{ letterOn: '2025-03-12' }],
  },
  'survivor-grant.applied': {
    title: { da: 'Efterlevelseshjælp søgt', en: 'Survivor’s grant applied for' },
    actors: ['citizen', 'system'],
    steps: ['spouse-survivor'],
    confirm: { da: 'Jeg har søgt efterlevelseshjælp', en: 'I have applied for the survivor’s grant' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, ansøgningen nåede Udbetaling Danmark', en: 'Day the application reached Udbetaling Danmark' }),
    }),
    examples: [{ appliedOn: '2025-04-01' }, { appliedOn: '2025-10-01' }],
  },
  'survivor-grant.not-applying': {
    title: { da: 'Søger ikke efterlevelseshjælp', en: 'Not applying for survivor’s grant' },
    actors: ['citizen'],
    steps: ['spouse-survivor'],
    confirm: { da: 'Jeg søger ikke efterlevelseshjælp', en: 'I am not applying for the survivor’s grant' },
    schema: schema.empty(),
    examples: [{}],
  },
  'digital-post-access.applied': {
    title: { da: 'Adgang til afdødes post søgt', en: 'Access to the deceased’s mail applied for' },
    actors: ['citizen', 'system'],
    steps: ['digital-post-access'],
    confirm: { da: 'Jeg har søgt om adgang', en: 'I have applied for access' },
    schema: schema.object({
      appliedOn: schema.date({
        da: 'Dagen, ansøgningen blev sendt med skifteretsattesten',
        en: 'Day the application was sent with the probate certificate',
      }),
    }),
    examples: [{ appliedOn: '2025-04-14' }],
  },
  'digital-post-access.not-needed': {
    title: { da: 'Adgang til afdødes post ikke nødvendig', en: 'Access to the deceased’s mail not needed' },
    actors: ['citizen'],
    steps: ['digital-post-access'],
    confirm: { da: 'Jeg har ikke brug for adgang', en: 'I do not need access' },
    schema: schema.empty(),
    examples: [{}],
  },
};
