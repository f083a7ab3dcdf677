import type { JourneyDefinition } from '../shared/contract';
import { DIGITAL_CITIZEN_RULE_SOURCES } from './digital-citizen.rules';
import { digitalCitizenEvents } from './digital-citizen.events';
import { digitalCitizenMachine } from './digital-citizen.machine';
import {
  digitalCitizenFactsExamples,
  digitalCitizenFactsSchema,
  digitalCitizenStartExamples,
  digitalCitizenStartSchema,
} from './digital-citizen.start';
import { digitalCitizenSteps } from './digital-citizen.steps';

export const digitalCitizenV1: JourneyDefinition<typeof digitalCitizenMachine> = {
  id: 'digital-citizen',
  version: 1,
  title: { da: 'Blive digital borger (15 år)', en: 'Becoming a digital citizen at 15' },
  description: {
    da:
      'Når du fylder 15, får du din egen Digital Post, og dine forældre får ikke længere din post. Du skal have ' +
      'MitID for at læse den. Samtidig får du frikort, børneydelsen bliver til ungeydelse, og du må selv vælge læge. ' +
      'Fra 15 år kan du også få et fysisk ID-kort i Borgerservice (frivilligt) og selv anmelde flytning med MitID.',
    en:
      'At 15 you get your own Digital Post and your parents no longer receive your mail. You need MitID to read it. ' +
      'At the same time you get a tax exemption card, child benefit becomes youth benefit, and you may choose your ' +
      'own doctor. From 15 you can also get a physical ID card at Borgerservice (optional) and report your own move ' +
      'with MitID.',
  },
  machine: digitalCitizenMachine,
  steps: digitalCitizenSteps,
  startedBy: ['register'],
  startsWhen: { da: 'du fylder 15 år', en: 'you turn 15' },
  startSchema: digitalCitizenStartSchema,
  startExamples: digitalCitizenStartExamples,
  factsSchema: digitalCitizenFactsSchema,
  factsExamples: digitalCitizenFactsExamples,
  events: digitalCitizenEvents,
  // No waiting states: every state can reach completion through an event.
  waitingStates: [],
  ruleSources: DIGITAL_CITIZEN_RULE_SOURCES,
};
