/**
 * Events the becoming-a-parent journey accepts from outside the engine. Confirmations that an
 * authority's own solution sends through its task token (the birth, the name, the employer's
 * NemRefusion report) are `system` events; the parents' actions are `citizen` events;
 * Familieretshuset's decision is a `caseworker` event. CPR's confirmation of the other parent and
 * Udbetaling Danmark's child benefit status come back as integration results instead.
 */
import type { IsoDate } from '../shared/calendar';
import type { EventSpec } from '../shared/contract';
import type { ParentStepId } from './becoming-a-parent.steps';
import { schema } from '../shared/kit';

export const PARENTAGE_OUTCOMES = ['established', 'not-established'] as const;

export type ParentEvent =
  | { type: 'birth.registered'; birthDate: IsoDate }
  | { type: 'employer.notified'; notifiedOn: IsoDate }
  | { type: 'leave-plan.sent'; sentOn: IsoDate }
  | { type: 'care-declaration.signed'; signedOn: IsoDate }
  | { type: 'paternity.disputed'; disputedOn: IsoDate }
  | { type: 'paternity.decided'; decidedOn: IsoDate; parentage: (typeof PARENTAGE_OUTCOMES)[number] }
  | { type: 'name.registered'; registeredOn: IsoDate }
  | { type: 'child-benefit.applied'; appliedOn: IsoDate }
  | { type: 'employer.leave-reported'; leaveStartDate: IsoDate; salaryDuringLeave: boolean }
  | { type: 'maternity-benefit.applied'; appliedOn: IsoDate }
  | { type: 'maternity-benefit.not-entitled' }
  | { type: 'daycare.signed-up'; signedUpOn: IsoDate }
  | { type: 'daycare.not-needed' }
  | { type: 'preliminary-tax.checked'; changed: boolean };

export const parentEvents: Record<ParentEvent['type'], EventSpec<ParentStepId>> = {
  'birth.registered': {
    title: { da: 'Fødsel registreret i CPR', en: 'Birth registered in CPR' },
    // The CPR register feed delivers it to a parent who started the journey before the birth.
    actors: ['system', 'caseworker', 'register'],
    steps: ['birth-registration'],
    schema: schema.object({
      birthDate: schema.date({ da: 'Barnets fødselsdato, som den er registreret', en: 'The child’s birth date as registered' }),
    }),
    examples: [{ birthDate: '2025-06-18' }],
  },
  'employer.notified': {
    title: { da: 'Arbejdsgiver har fået besked', en: 'Employer told' },
    actors: ['citizen'],
    steps: ['notify-employer'],
    confirm: { da: 'Jeg har givet min arbejdsgiver besked', en: 'I have told my employer' },
    schema: schema.object({
      notifiedOn: schema.date({
        da: 'Dagen, arbejdsgiveren fik besked om graviditeten',
        en: 'Day the employer was told about the pregnancy',
      }),
    }),
    examples: [{ notifiedOn: '2025-03-14' }],
  },
  'leave-plan.sent': {
    title: { da: 'Orlovsplan sendt', en: 'Leave plan sent' },
    actors: ['citizen'],
    steps: ['notify-employer'],
    confirm: { da: 'Jeg har sendt min orlovsplan', en: 'I have sent my leave plan' },
    schema: schema.object({
      sentOn: schema.date({ da: 'Dagen, orlovsplanen blev sendt til arbejdsgiveren', en: 'Day the leave plan was sent to the employer' }),
    }),
    examples: [{ sentOn: '2025-07-01' }],
  },
  'care-declaration.signed': {
    title: { da: 'Omsorgs- og ansvarserklæring underskrevet', en: 'Declaration of care and responsibility signed' },
    actors: ['citizen', 'system'],
    steps: ['paternity'],
    confirm: { da: 'Vi har begge underskrevet erklæringen', en: 'We have both signed the declaration' },
    schema: schema.object({
      signedOn: schema.date({
        da: 'Dagen, begge forældre havde underskrevet på borger.dk',
        en: 'Day both parents had signed on borger.dk',
      }),
    }),
    // The first is in time for the examples' births, the second too late for all of them.
    examples: [{ signedOn: '2025-03-20' }, { signedOn: '2025-12-01' }],
  },
  'paternity.disputed': {
    title: { da: 'Tvivl om faderskab eller medmoderskab', en: 'Parentage disputed' },
    actors: ['citizen', 'caseworker'],
    steps: ['paternity'],
    confirm: { da: 'Der er tvivl om, hvem der er far eller medmor', en: 'There is doubt about who is the father or co-mother' },
    schema: schema.object({ disputedOn: schema.date({ da: 'Dagen, tvivlen blev rejst', en: 'Day the doubt was raised' }) }),
    examples: [{ disputedOn: '2025-06-25' }],
  },
  'paternity.decided': {
    title: { da: 'Familieretshuset har afgjort sagen', en: 'Agency of Family Law decided' },
    actors: ['caseworker'],
    steps: ['paternity'],
    schema: schema.object({
      decidedOn: schema.date({ da: 'Dato for afgørelsen', en: 'Day of the decision' }),
      parentage: schema.oneOf(PARENTAGE_OUTCOMES, {
        da: 'Om forældreskabet blev fastslået',
        en: 'Whether the citizen’s parentage was established',
      }),
    }),
    examples: [
      { decidedOn: '2025-09-01', parentage: 'established' },
      { decidedOn: '2025-09-01', parentage: 'not-established' },
    ],
  },
  'name.registered': {
    title: { da: 'Navn registreret', en: 'Name registered' },
    actors: ['system', 'caseworker'],
    steps: ['naming'],
    schema: schema.object({
      registeredOn: schema.date({
        da: 'Dagen, navnet blev registreret af kirkebogsføreren (efter borger.dk eller dåb)',
        en: 'Day the registrar registered the name (after borger.dk or a baptism)',
      }),
    }),
    examples: [{ registeredOn: '2025-07-10' }],
  },
  'child-benefit.applied': {
    title: { da: 'Børneydelse søgt', en: 'Child benefit applied for' },
    actors: ['citizen', 'system'],
    steps: ['child-benefit'],
    confirm: { da: 'Jeg har søgt børneydelse', en: 'I have applied for child benefit' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, ansøgningen nåede Udbetaling Danmark', en: 'Day the application reached Udbetaling Danmark' }),
    }),
    examples: [{ appliedOn: '2025-07-01' }],
  },
  'employer.leave-reported': {
    title: { da: 'Arbejdsgiver har indberettet orloven', en: 'Employer reported the leave' },
    actors: ['system', 'caseworker'],
    steps: ['employer-leave-report'],
    schema: schema.object({
      leaveStartDate: schema.date({
        da: 'Første orlovsdag, som den er indberettet i NemRefusion',
        en: 'First day of the leave as reported in NemRefusion',
      }),
      salaryDuringLeave: schema.yesNo({
        da: 'Arbejdsgiveren betaler løn under orloven (og får dagpengene som refusion)',
        en: 'The employer pays salary during the leave (and claims the benefit as reimbursement)',
      }),
    }),
    // The salary stops when the leave starts, or the employer keeps paying it.
    examples: [
      { leaveStartDate: '2025-05-23', salaryDuringLeave: false },
      { leaveStartDate: '2025-05-23', salaryDuringLeave: true },
    ],
  },
  'maternity-benefit.applied': {
    title: { da: 'Barselsdagpenge søgt', en: 'Maternity/parental benefit applied for' },
    actors: ['citizen', 'system'],
    steps: ['apply-maternity-benefit'],
    confirm: { da: 'Jeg har søgt barselsdagpenge', en: 'I have applied for maternity/parental benefit' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, ansøgningen nåede Udbetaling Danmark', en: 'Day the application reached Udbetaling Danmark' }),
    }),
    examples: [{ appliedOn: '2025-06-30' }, { appliedOn: '2025-12-15' }],
  },
  'maternity-benefit.not-entitled': {
    title: { da: 'Ikke ret til barselsdagpenge', en: 'Not entitled to maternity/parental benefit' },
    actors: ['citizen'],
    steps: ['apply-maternity-benefit'],
    confirm: { da: 'Jeg har ikke ret til barselsdagpenge', en: 'I am not entitled to maternity/parental benefit' },
    schema: schema.empty(),
    examples: [{}],
  },
  'daycare.signed-up': {
    title: { da: 'Skrevet op til dagtilbud', en: 'Signed up for daycare' },
    actors: ['citizen', 'system'],
    steps: ['daycare-signup'],
    confirm: { da: 'Jeg har skrevet barnet op', en: 'I have signed the child up' },
    schema: schema.object({
      signedUpOn: schema.date({
        da: 'Dato for opskrivningen i Digital Pladsanvisning',
        en: 'Day of the sign-up in Digital Pladsanvisning',
      }),
    }),
    examples: [{ signedUpOn: '2025-08-01' }],
  },
  'daycare.not-needed': {
    title: { da: 'Dagtilbud ikke nødvendigt', en: 'Daycare not needed' },
    actors: ['citizen'],
    steps: ['daycare-signup'],
    confirm: { da: 'Barnet skal ikke have en plads', en: 'The child does not need a place' },
    schema: schema.empty(),
    examples: [{}],
  },
  'preliminary-tax.checked': {
    title: { da: 'Forskudsopgørelse tjekket', en: 'Preliminary tax assessment checked' },
    actors: ['citizen', 'system'],
    steps: ['update-preliminary-tax'],
    confirm: { da: 'Jeg har tjekket forskudsopgørelsen', en: 'I have checked my preliminary tax assessment' },
    schema: schema.object({
      changed: schema.yesNo({
        da: 'Forskudsopgørelsen blev rettet (dagpenge i rubrik 304)',
        en: 'The assessment was changed (benefit in field 304)',
      }),
    }),
    examples: [{ changed: true }, { changed: false }],
  },
};
