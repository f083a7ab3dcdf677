import type { JourneyDefinition } from '../shared/contract';
import { STARTING_EDUCATION_RULE_SOURCES } from './starting-education.rules';
import { startingEducationEvents } from './starting-education.events';
import { startingEducationMachine } from './starting-education.machine';
import {
  startingEducationFactsExamples,
  startingEducationFactsSchema,
  startingEducationStartExamples,
  startingEducationStartSchema,
} from './starting-education.start';
import { startingEducationSteps } from './starting-education.steps';

export const startingEducationV1: JourneyDefinition<typeof startingEducationMachine> = {
  id: 'starting-education',
  version: 1,
  title: { da: 'Starte uddannelse', en: 'Starting an education' },
  description: {
    da:
      'Søg en ungdomsuddannelse eller en videregående uddannelse på optagelse.dk, tag imod pladsen, og søg SU i ' +
      'tide: SU gives ikke bagud. Vælg hovedkort, få et ungdomskort, og flyt hjemmefra, hvis du skal.',
    en:
      'Apply for youth or higher education on optagelse.dk, accept the place, and apply for SU in time: SU is not ' +
      'paid back in time. Choose your main tax card, get a youth travel card, and move out if you need to.',
  },
  machine: startingEducationMachine,
  steps: startingEducationSteps,
  startSchema: startingEducationStartSchema,
  startExamples: startingEducationStartExamples,
  factsSchema: startingEducationFactsSchema,
  factsExamples: startingEducationFactsExamples,
  events: startingEducationEvents,
  // No waiting states: every state can reach completion through an event.
  waitingStates: [],
  links: ['moving'],
  ruleSources: STARTING_EDUCATION_RULE_SOURCES,
};
