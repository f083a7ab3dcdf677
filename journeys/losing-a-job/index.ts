import type { JourneyDefinition } from '../shared/contract';
import { JOB_RULE_SOURCES } from './losing-a-job.rules';
import { jobEvents } from './losing-a-job.events';
import { jobMachine } from './losing-a-job.machine';
import { jobFactsExamples, jobFactsSchema, jobStartExamples, jobStartSchema } from './losing-a-job.start';
import { jobSteps } from './losing-a-job.steps';

export const losingAJobV1: JourneyDefinition<typeof jobMachine> = {
  id: 'losing-a-job',
  version: 1,
  title: { da: 'Miste job', en: 'Losing a job' },
  description: {
    da:
      'Fra første ledighedsdag: tilmeld dig på Jobnet, søg dagpenge eller kontanthjælp, læg dit CV op, og hold styr ' +
      'på joblog og dagpengekort, indtil du har fået nyt job. Feriepengene indberettes automatisk.',
    en:
      'From the first day of unemployment: register on Jobnet, apply for unemployment benefit or social assistance, ' +
      'put up your CV, and keep up the job log and the monthly claim form until you find a new job. Holiday pay is ' +
      'reported automatically.',
  },
  machine: jobMachine,
  steps: jobSteps,
  startSchema: jobStartSchema,
  startExamples: jobStartExamples,
  factsSchema: jobFactsSchema,
  factsExamples: jobFactsExamples,
  events: jobEvents,
  // The unemployment can last long, but `job.found` always ends it: no state needs to be declared waiting.
  waitingStates: [],
  ruleSources: JOB_RULE_SOURCES,
};
