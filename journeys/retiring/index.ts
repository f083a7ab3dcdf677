import type { JourneyDefinition } from '../shared/contract';
import { retiringEvents, retiringEventsV3 } from './retiring.events';
import { retiringMachine, retiringMachineV3 } from './retiring.machine';
import { retiringV1toV2, retiringV2toV3 } from './retiring.migrations';
import { RETIRING_RULE_SOURCES } from './retiring.rules';
import { retiringFactsExamples, retiringFactsSchema, retiringStartExamples, retiringStartSchema } from './retiring.start';
import { retiringSteps, retiringStepsV3 } from './retiring.steps';

/**
 * Version 1 computed the pension age with a table that stopped at 69. Its journeys restore on the
 * corrected machine (the states are the same) until `journeys:migrate` recomputes their dates.
 */
export const retiringV1: JourneyDefinition<typeof retiringMachine> = {
  id: 'retiring',
  version: 1,
  title: { da: 'Blive pensionist', en: 'Retiring' },
  description: {
    da:
      'Fra et halvt år før din folkepensionsalder: søg folkepension i tide (eller udskyd den), få styr på ATP, dine ' +
      'andre pensioner og feriepengene. Førtidspension, ATP og boligstøtte følger automatisk.',
    en:
      'From six months before your state pension age: apply for the state pension in time (or defer it), and sort ' +
      'out ATP, your other pensions and your holiday pay. Disability pension, ATP and housing benefit follow ' +
      'automatically.',
  },
  machine: retiringMachine,
  steps: retiringSteps,
  startedBy: ['register'],
  startsWhen: { da: 'du er et halvt år fra din folkepensionsalder', en: 'you are six months from your state pension age' },
  startSchema: retiringStartSchema,
  startExamples: retiringStartExamples,
  factsSchema: retiringFactsSchema,
  factsExamples: retiringFactsExamples,
  events: retiringEvents,
  // No waiting states: every state can move on through an event or a timer.
  waitingStates: [],
};

/** Pension age 70 for people born after 31 December 1970. */
export const retiringV2: JourneyDefinition<typeof retiringMachine> = {
  ...retiringV1,
  version: 2,
  migrations: [retiringV1toV2],
  ruleSources: RETIRING_RULE_SOURCES,
};

/** The pension overview is read from PensionsInfo once the citizen consents, or typed in by them ("Udfyld selv"). */
export const retiringV3: JourneyDefinition<typeof retiringMachineV3> = {
  ...retiringV2,
  version: 3,
  machine: retiringMachineV3,
  steps: retiringStepsV3,
  events: retiringEventsV3,
  migrations: [retiringV2toV3],
};
