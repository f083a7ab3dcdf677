/**
 * Events the digital-citizen journey accepts from outside the engine. Register flows (the parent
 * notice, the mailbox, the frikort, the youth benefit) arrive as `system` confirmations; the journey
 * flags them `late` when they do not arrive in time.
 */
import type { IsoDate } from '../shared/calendar';
import type { EventSpec } from '../shared/contract';
import type { DigitalCitizenStepId } from './digital-citizen.steps';
import { schema } from '../shared/kit';

export const NOTICE_CHANNELS = ['digital-post', 'paper'] as const;
export const EXEMPTION_REASONS = ['no-internet', 'disability', 'abroad', 'language', 'other'] as const;
export const MITID_ROUTES = ['bank', 'app-chip-passport', 'borgerservice'] as const;

export type DigitalCitizenEvent =
  | { type: 'parent-notice.sent'; sentOn: IsoDate; channel: (typeof NOTICE_CHANNELS)[number] }
  | { type: 'mailbox.created'; createdOn: IsoDate }
  | { type: 'dp-exemption.registered'; registeredOn: IsoDate; reason: (typeof EXEMPTION_REASONS)[number] }
  | { type: 'frikort.created'; createdOn: IsoDate }
  | { type: 'expected-income.entered'; enteredOn: IsoDate }
  | { type: 'mitid.appointment-requested'; preferredDate: IsoDate }
  | { type: 'mitid.obtained'; obtainedOn: IsoDate; route: (typeof MITID_ROUTES)[number] }
  | { type: 'dp-first-login.completed'; alertsSet: boolean; parentReadAccess: boolean }
  | { type: 'ungeydelse.switched'; firstPaidOn: IsoDate }
  | { type: 'gp.changed'; changedOn: IsoDate }
  | { type: 'gp.kept' };

export const digitalCitizenEvents: Record<DigitalCitizenEvent['type'], EventSpec<DigitalCitizenStepId>> = {
  'parent-notice.sent': {
    title: { da: 'Brev til forældrene sendt', en: 'Letter to the parents sent' },
    actors: ['system'],
    steps: ['dp-parent-notice'],
    schema: schema.object({
      sentOn: schema.date({ da: 'Dagen, Digitaliseringsstyrelsen sendte brevet', en: 'Day Digitaliseringsstyrelsen sent the letter' }),
      channel: schema.oneOf(NOTICE_CHANNELS, {
        da: 'Digital Post, eller papir til forældre, der er fritaget',
        en: 'Digital Post, or paper for parents who are exempt',
      }),
    }),
    examples: [
      { sentOn: '2025-02-24', channel: 'digital-post' },
      { sentOn: '2025-05-15', channel: 'paper' },
    ],
  },
  'mailbox.created': {
    title: { da: 'Postkasse oprettet', en: 'Mailbox created' },
    actors: ['system'],
    steps: ['dp-mailbox-created'],
    schema: schema.object({ createdOn: schema.date({ da: 'Dagen, postkassen blev oprettet', en: 'Day the mailbox was created' }) }),
    examples: [{ createdOn: '2025-03-17' }],
  },
  'dp-exemption.registered': {
    title: { da: 'Fritaget for Digital Post', en: 'Exempted from Digital Post' },
    actors: ['caseworker'],
    steps: ['dp-mailbox-created', 'dp-first-login'],
    schema: schema.object({
      registeredOn: schema.date({ da: 'Dagen, Borgerservice registrerede fritagelsen', en: 'Day Borgerservice registered the exemption' }),
      reason: schema.oneOf(EXEMPTION_REASONS, { da: 'Hvorfor den unge er fritaget', en: 'Why the young person is exempt' }),
    }),
    examples: [{ registeredOn: '2025-03-20', reason: 'disability' }],
  },
  'frikort.created': {
    title: { da: 'Frikort oprettet', en: 'Frikort created' },
    actors: ['system'],
    steps: ['frikort-created'],
    schema: schema.object({
      createdOn: schema.date({ da: 'Dagen, Skattestyrelsen oprettede frikortet', en: 'Day Skattestyrelsen created the frikort' }),
    }),
    examples: [{ createdOn: '2025-03-17' }],
  },
  'expected-income.entered': {
    title: { da: 'Forventet indkomst indtastet', en: 'Expected income entered' },
    actors: ['citizen', 'system'],
    steps: ['frikort-created'],
    confirm: { da: 'Jeg har skrevet min indkomst i TastSelv', en: 'I have entered my income in TastSelv' },
    schema: schema.object({
      enteredOn: schema.date({
        da: 'Dagen, den forventede indkomst blev indtastet i TastSelv',
        en: 'Day the expected income was entered in TastSelv',
      }),
    }),
    examples: [{ enteredOn: '2025-06-20' }],
  },
  'mitid.appointment-requested': {
    title: { da: 'Book tid i Borgerservice til MitID', en: 'Book a Borgerservice appointment for MitID' },
    actors: ['citizen'],
    steps: ['get-mitid'],
    confirm: { da: 'Book en tid i Borgerservice', en: 'Book an appointment at Borgerservice' },
    schema: schema.object({
      preferredDate: schema.date({ da: 'Ønsket dag for tiden hos Borgerservice', en: 'Preferred day for the appointment' }),
    }),
    examples: [{ preferredDate: '2025-02-10' }],
  },
  'mitid.obtained': {
    title: { da: 'MitID modtaget', en: 'MitID obtained' },
    actors: ['citizen', 'system'],
    steps: ['get-mitid'],
    confirm: { da: 'Jeg har fået MitID', en: 'I have got MitID' },
    schema: schema.object({
      obtainedOn: schema.date({ da: 'Dagen, MitID blev udstedt', en: 'Day MitID was issued' }),
      route: schema.oneOf(MITID_ROUTES, { da: 'Hvor den unge fik MitID', en: 'Where the young person got MitID' }),
    }),
    examples: [{ obtainedOn: '2025-02-12', route: 'borgerservice' }],
  },
  'dp-first-login.completed': {
    title: { da: 'Logget på Digital Post', en: 'Logged on to Digital Post' },
    actors: ['citizen', 'system'],
    steps: ['dp-first-login'],
    confirm: { da: 'Jeg har logget på Digital Post', en: 'I have logged on to Digital Post' },
    schema: schema.object({
      alertsSet: schema.yesNo({ da: 'Besked på sms eller e-mail er slået til', en: 'Text or e-mail alerts are turned on' }),
      parentReadAccess: schema.yesNo({ da: 'Forældrene fik læseadgang', en: 'The parents were given read access' }),
    }),
    examples: [
      { alertsSet: true, parentReadAccess: true },
      { alertsSet: false, parentReadAccess: false },
    ],
  },
  'ungeydelse.switched': {
    title: { da: 'Første ungeydelse udbetalt', en: 'First youth benefit paid' },
    actors: ['system'],
    steps: ['ungeydelse-switch'],
    schema: schema.object({
      firstPaidOn: schema.date({ da: 'Dato for den første månedlige udbetaling', en: 'Day of the first monthly payment' }),
    }),
    examples: [{ firstPaidOn: '2025-04-22' }],
  },
  'gp.changed': {
    title: { da: 'Ny læge valgt', en: 'New doctor chosen' },
    actors: ['citizen', 'system'],
    steps: ['own-gp-choice'],
    confirm: { da: 'Jeg har valgt en ny læge', en: 'I have chosen a new doctor' },
    schema: schema.object({ changedOn: schema.date({ da: 'Dagen, ændringen blev foretaget', en: 'Day the change was made' }) }),
    examples: [{ changedOn: '2025-04-01' }, { changedOn: '2025-12-01' }],
  },
  'gp.kept': {
    title: { da: 'Beholder lægen', en: 'Keeping the doctor' },
    actors: ['citizen'],
    steps: ['own-gp-choice'],
    confirm: { da: 'Jeg beholder min læge', en: 'I am keeping my doctor' },
    schema: schema.empty(),
    examples: [{}],
  },
};
