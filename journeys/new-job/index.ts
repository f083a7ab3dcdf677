import type { JourneyDefinition } from '../shared/contract';
import { NEW_JOB_RULE_SOURCES } from './new-job.rules';
import { newJobEvents } from './new-job.events';
import { newJobMachine } from './new-job.machine';
import { newJobStartExamples, newJobStartSchema } from './new-job.start';
import { newJobSteps } from './new-job.steps';

export const newJobV1: JourneyDefinition<typeof newJobMachine> = {
  id: 'new-job',
  version: 1,
  title: { da: 'Få nyt job', en: 'Starting a new job' },
  description: {
    da:
      'Skattekort og forskudsopgørelse, afmelding som ledig, ATP og pension, feriepenge fra det gamle job og pligten ' +
      'til at melde indkomst til boligstøtte og SU. Er du ny i Danmark, starter vi også forløbet "Flytte til ' +
      'Danmark".',
    en:
      'Tax card and preliminary assessment, leaving unemployment, ATP and pension, holiday pay from the old job, and ' +
      'the duty to report income for housing benefit and SU. If you are new to Denmark, we also start the "Moving to ' +
      'Denmark" journey.',
  },
  machine: newJobMachine,
  steps: newJobSteps,
  startSchema: newJobStartSchema,
  startExamples: newJobStartExamples,
  // Every branch reads an answer; the engine does not look up benefits in registers yet.
  events: newJobEvents,
  waitingStates: [],
  links: ['moving-to-denmark'],
  ruleSources: NEW_JOB_RULE_SOURCES,
};
