import type { JourneyDefinition } from '../shared/contract';
import { MOVING_RULE_SOURCES } from './moving.rules';
import { movingEvents } from './moving.events';
import { movingMachine } from './moving.machine';
import { movingFactsExamples, movingFactsSchema, movingStartExamples, movingStartSchema } from './moving.start';
import { movingSteps } from './moving.steps';

export const movingV1: JourneyDefinition<typeof movingMachine> = {
  id: 'moving',
  version: 1,
  title: { da: 'Flytte', en: 'Moving within Denmark' },
  description: {
    da: 'Anmeld flytningen, vælg læge, og få styr på boligstøtte, skat, dagtilbud og skole. De fleste registre følger automatisk med, når flytningen er registreret i CPR.',
    en: 'Report the move, choose a doctor, and sort out housing benefit, tax, daycare and school. Most registers follow automatically once the move is registered in CPR.',
  },
  machine: movingMachine,
  steps: movingSteps,
  startSchema: movingStartSchema,
  startExamples: movingStartExamples,
  factsSchema: movingFactsSchema,
  factsExamples: movingFactsExamples,
  events: movingEvents,
  // No waiting states: every state can reach completion through an event, and declaring one would
  // only let the model-based test accept a state that is stuck.
  waitingStates: [],
  ruleSources: MOVING_RULE_SOURCES,
};
