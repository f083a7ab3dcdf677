/**
 * Events the losing-a-job journey accepts from outside the engine: the citizen's own actions, and
 * the same events as confirmations from Jobnet, the a-kasse, the municipality and FerieKonto
 * (`system`, sent by their solutions through task tokens).
 */
import type { IsoDate } from '../shared/calendar';
import type { EventSpec, JsonSchema, Text } from '../shared/contract';
import type { JobStepId } from './losing-a-job.steps';
import { described, schema } from '../shared/kit';

const month = (title: Text): JsonSchema => ({ type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', ...described(title) });

export type JobEvent =
  | { type: 'jobnet.registered'; registeredOn: IsoDate }
  | { type: 'dagpenge.applied'; appliedOn: IsoDate }
  | { type: 'social-assistance.applied'; appliedOn: IsoDate }
  | { type: 'cv.published'; publishedOn: IsoDate }
  | { type: 'job-log.updated'; updatedOn: IsoDate }
  | { type: 'monthly-claim.submitted'; month: string; submittedOn: IsoDate }
  | { type: 'preliminary-tax.checked'; changed: boolean }
  | { type: 'holiday-pay.reported'; reportedOn: IsoDate }
  | { type: 'job.found'; firstWorkDay: IsoDate };

export const jobEvents: Record<JobEvent['type'], EventSpec<JobStepId>> = {
  'jobnet.registered': {
    title: { da: 'Tilmeldt som ledig', en: 'Registered as unemployed' },
    actors: ['citizen', 'system'],
    steps: ['register-unemployed'],
    confirm: { da: 'Jeg har tilmeldt mig som ledig', en: 'I have registered as unemployed' },
    schema: schema.object({
      registeredOn: schema.date({
        da: 'Dato for tilmeldingen på Jobnet eller i jobcentret',
        en: 'Day of the registration on Jobnet or at the job centre',
      }),
    }),
    examples: [{ registeredOn: '2025-03-01' }, { registeredOn: '2025-09-03' }],
  },
  'dagpenge.applied': {
    title: { da: 'Ledighedserklæring sendt', en: 'Declaration of unemployment sent' },
    actors: ['citizen', 'system'],
    steps: ['apply-dagpenge'],
    confirm: { da: 'Jeg har sendt ledighedserklæringen', en: 'I have sent the declaration of unemployment' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, a-kassen modtog erklæringen', en: 'Day the a-kasse received the declaration' }),
    }),
    // During a quarantine after resigning, and after it.
    examples: [{ appliedOn: '2025-05-02' }, { appliedOn: '2025-06-02' }],
  },
  'social-assistance.applied': {
    title: { da: 'Kontanthjælp søgt', en: 'Social assistance applied for' },
    actors: ['citizen', 'system'],
    steps: ['apply-social-assistance'],
    confirm: { da: 'Jeg har søgt hos kommunen', en: 'I have applied to the municipality' },
    schema: schema.object({
      appliedOn: schema.date({ da: 'Dagen, kommunen modtog ansøgningen', en: 'Day the municipality received the application' }),
    }),
    examples: [{ appliedOn: '2025-06-02' }, { appliedOn: '2025-09-08' }],
  },
  'cv.published': {
    title: { da: 'CV lagt på Jobnet', en: 'CV published on Jobnet' },
    actors: ['citizen', 'system'],
    steps: ['cv-on-jobnet'],
    confirm: { da: 'Jeg har lagt mit CV på Jobnet', en: 'I have put my CV on Jobnet' },
    schema: schema.object({
      publishedOn: schema.date({ da: 'Dagen, CV’et blev synligt på Jobnet', en: 'Day the CV was made visible on Jobnet' }),
    }),
    examples: [{ publishedOn: '2025-03-10' }],
  },
  'job-log.updated': {
    title: { da: 'Joblog opdateret', en: 'Job log updated' },
    actors: ['citizen', 'system'],
    steps: ['ongoing-duties'],
    confirm: { da: 'Jeg har opdateret min joblog', en: 'I have updated my job log' },
    schema: schema.object({
      updatedOn: schema.date({ da: 'Dagen, joblog og jobforslag blev tjekket', en: 'Day the job log and job suggestions were checked' }),
    }),
    examples: [{ updatedOn: '2025-03-12' }],
  },
  'monthly-claim.submitted': {
    title: { da: 'Dagpengekort sendt', en: 'Monthly claim form sent' },
    actors: ['citizen', 'system'],
    steps: ['monthly-claim'],
    confirm: { da: 'Jeg har sendt dagpengekortet', en: 'I have sent the claim form' },
    schema: schema.object({
      month: month({ da: 'Måneden (ÅÅÅÅ-MM), dagpengekortet dækker', en: 'The month (YYYY-MM) the claim form covers' }),
      submittedOn: schema.date({ da: 'Dagen, a-kassen modtog kortet', en: 'Day the a-kasse received the form' }),
    }),
    examples: [{ month: '2025-03', submittedOn: '2025-04-02' }],
  },
  'preliminary-tax.checked': {
    title: { da: 'Forskudsopgørelse tjekket', en: 'Preliminary tax assessment checked' },
    actors: ['citizen', 'system'],
    steps: ['update-preliminary-tax'],
    confirm: { da: 'Jeg har tjekket forskudsopgørelsen', en: 'I have checked my preliminary tax assessment' },
    schema: schema.object({
      changed: schema.yesNo({
        da: 'Forskudsopgørelsen blev rettet (dagpenge i rubrik 304, lavere løn)',
        en: 'The assessment was changed (benefit in field 304, lower salary)',
      }),
    }),
    examples: [{ changed: true }, { changed: false }],
  },
  'holiday-pay.reported': {
    title: { da: 'Feriepenge indberettet', en: 'Holiday pay reported' },
    actors: ['system', 'caseworker'],
    steps: ['holiday-pay'],
    schema: schema.object({
      reportedOn: schema.date({
        da: 'Dagen, arbejdsgiverens indberetning nåede FerieKonto',
        en: 'Day the employer’s report reached FerieKonto',
      }),
    }),
    examples: [{ reportedOn: '2025-03-31' }],
  },
  'job.found': {
    title: { da: 'Fået job', en: 'Found a job' },
    actors: ['citizen', 'caseworker'],
    steps: ['ongoing-duties'],
    confirm: { da: 'Jeg har fået job', en: 'I have found a job' },
    schema: schema.object({
      firstWorkDay: schema.date({
        da: 'Første dag i det nye job (ledigheden slutter dagen før)',
        en: 'The first day in the new job (the unemployment ends the day before)',
      }),
    }),
    examples: [{ firstWorkDay: '2025-10-01' }],
  },
};
