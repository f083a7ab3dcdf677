import type { JourneyDefinition } from '../shared/contract';
import { MOVING_TO_DENMARK_RULE_SOURCES } from './moving-to-denmark.rules';
import { movingToDenmarkEvents } from './moving-to-denmark.events';
import { movingToDenmarkMachine } from './moving-to-denmark.machine';
import { movingToDenmarkStartExamples, movingToDenmarkStartSchema } from './moving-to-denmark.start';
import { movingToDenmarkSteps } from './moving-to-denmark.steps';

export const movingToDenmarkV1: JourneyDefinition<typeof movingToDenmarkMachine> = {
  id: 'moving-to-denmark',
  version: 1,
  title: { da: 'Flytte til Danmark', en: 'Moving to Denmark' },
  description: {
    da:
      'Ophold, CPR-nummer, læge og sundhedskort, Digital Post og MitID, skattekort, NemKonto og familieydelser: ' +
      'trinene, når du flytter til Danmark, og hvornår de skal være gjort.',
    en:
      'Right to reside, CPR number, doctor and health card, Digital Post and MitID, tax card, NemKonto and family ' +
      'benefits: the steps when you move to Denmark, and when each is due.',
  },
  machine: movingToDenmarkMachine,
  steps: movingToDenmarkSteps,
  startSchema: movingToDenmarkStartSchema,
  startExamples: movingToDenmarkStartExamples,
  // Newcomers may not be in CPR yet: the journey reads answers only. A linked start (from new-job)
  // passes no facts either.
  events: movingToDenmarkEvents,
  // Every state can reach completion through an event (a refused EU document through a new decision).
  waitingStates: [],
  ruleSources: MOVING_TO_DENMARK_RULE_SOURCES,
};
