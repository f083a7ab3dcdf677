import type { JourneyDefinition } from '../shared/contract';
import { without } from '../shared/kit';
import { movingAbroadEvents } from './moving-abroad.events';
import { movingAbroadMachine, movingAbroadMachineV1 } from './moving-abroad.machine';
import { movingAbroadV1toV2 } from './moving-abroad.migrations';
import { MOVING_ABROAD_RULE_SOURCES } from './moving-abroad.rules';
import { movingAbroadStartExamples, movingAbroadStartSchema } from './moving-abroad.start';
import { movingAbroadSteps } from './moving-abroad.steps';

/** Version 1: the municipality decided whether a citizen working abroad and home most weekends stays registered. */
export const movingAbroadV1: JourneyDefinition<typeof movingAbroadMachineV1> = {
  id: 'moving-abroad',
  version: 1,
  title: { da: 'Flytte til udlandet', en: 'Moving abroad' },
  description: {
    da:
      'Anmeld udrejsen til tiden, få den registreret i CPR, afklar din skattepligt, og giv besked om ydelser, der ' +
      'stopper. Flytter du til et nordisk land eller til Grønland, gælder særlige regler.',
    en:
      'Report your departure in time, get it registered in CPR, settle your tax liability, and report benefits that ' +
      'stop. Special rules apply for moves to a Nordic country or to Greenland.',
  },
  machine: movingAbroadMachineV1,
  steps: movingAbroadSteps,
  startSchema: movingAbroadStartSchema,
  startExamples: movingAbroadStartExamples,
  // Every branch reads an answer; the engine does not look up benefits in registers yet.
  events: movingAbroadEvents,
  waitingStates: [],
};

/** Version 1 only: in version 2 nobody decides, the citizen has the right to stay registered. */
const movingAbroadEventsV2 = without(movingAbroadEvents, 'residence.decided');

/** A citizen working abroad and home most weekends has the right to stay registered. */
export const movingAbroadV2: JourneyDefinition<typeof movingAbroadMachine> = {
  ...movingAbroadV1,
  version: 2,
  machine: movingAbroadMachine,
  events: movingAbroadEventsV2,
  migrations: [movingAbroadV1toV2],
  ruleSources: MOVING_ABROAD_RULE_SOURCES,
};
