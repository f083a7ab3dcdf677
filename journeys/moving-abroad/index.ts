import type { JourneyDefinition } from '../shared/contract';
import { movingAbroadEvents } from './moving-abroad.events';
import { movingAbroadMachine } from './moving-abroad.machine';
import { movingAbroadStartExamples, movingAbroadStartSchema } from './moving-abroad.start';
import { movingAbroadSteps } from './moving-abroad.steps';

export const movingAbroadV1: JourneyDefinition<typeof movingAbroadMachine> = {
  id: 'moving-abroad',
  version: 1,
  title: { da: 'Flytte til udlandet', en: 'Moving abroad' },
  description: {
    da: 'Anmeld udrejsen til tiden, få den registreret i CPR, afklar din skattepligt, og giv besked om ydelser, der stopper. Flytter du til et nordisk land eller til Grønland, gælder særlige regler.',
    en: 'Report your departure in time, get it registered in CPR, settle your tax liability, and report benefits that stop. Special rules apply for moves to a Nordic country or to Greenland.',
  },
  machine: movingAbroadMachine,
  steps: movingAbroadSteps,
  startSchema: movingAbroadStartSchema,
  startExamples: movingAbroadStartExamples,
  // Every branch reads an answer; the engine does not look up benefits in registers yet.
  events: movingAbroadEvents,
  waitingStates: [],
};
