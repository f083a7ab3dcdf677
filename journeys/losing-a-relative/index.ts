import type { JourneyDefinition } from '../shared/contract';
import { relativeEvents } from './losing-a-relative.events';
import { relativeMachine } from './losing-a-relative.machine';
import { relativeV1toV2 } from './losing-a-relative.migrations';
import { RELATIVE_RULE_SOURCES } from './losing-a-relative.rules';
import { relativeFactsExamples, relativeFactsSchema, relativeStartExamples, relativeStartSchema } from './losing-a-relative.start';
import { relativeSteps } from './losing-a-relative.steps';

/**
 * Version 1 counted the burial deadline from the day after the death. Its journeys restore on the
 * corrected machine (the states are the same) until `journeys:migrate` recomputes their deadlines.
 */
export const losingARelativeV1: JourneyDefinition<typeof relativeMachine> = {
  id: 'losing-a-relative',
  version: 1,
  title: { da: 'Miste pårørende', en: 'Losing a relative' },
  description: {
    da:
      'Når en af dine nærmeste dør: anmeld dødsfaldet og aftal begravelsen inden for fristerne, følg dødsboet hos ' +
      'skifteretten, og søg begravelseshjælp og ydelser til efterlevende. Dødsattest, lukning af konti og Digital ' +
      'Post og besked til myndighederne sker automatisk.',
    en:
      'When someone close to you dies: report the death and arrange the burial within the limits, follow the estate ' +
      'at the probate court, and apply for the funeral grant and survivor benefits. The death certificate, the ' +
      'closing of accounts and Digital Post, and informing the authorities happen automatically.',
  },
  machine: relativeMachine,
  steps: relativeSteps,
  startedBy: ['register'],
  startsWhen: {
    da: 'et dødsfald er registreret i CPR; forløbet er til den nærmeste pårørende',
    en: 'a death is registered in CPR; the journey is for the next of kin',
  },
  startSchema: relativeStartSchema,
  startExamples: relativeStartExamples,
  factsSchema: relativeFactsSchema,
  factsExamples: relativeFactsExamples,
  events: relativeEvents,
  // No waiting states: every state can move on through an event or a timer.
  waitingStates: [],
};

/** The burial deadline counts the day of death; a death in South Jutland is routed to the municipality. */
export const losingARelativeV2: JourneyDefinition<typeof relativeMachine> = {
  ...losingARelativeV1,
  version: 2,
  migrations: [relativeV1toV2],
  ruleSources: RELATIVE_RULE_SOURCES,
};
