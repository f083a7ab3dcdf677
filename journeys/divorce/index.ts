import type { JourneyDefinition } from '../shared/contract';
import { DIVORCE_RULE_SOURCES } from './divorce.rules';
import { divorceEvents } from './divorce.events';
import { divorceMachine } from './divorce.machine';
import { divorceFactsExamples, divorceFactsSchema, divorceStartExamples, divorceStartSchema } from './divorce.start';
import { divorceSteps } from './divorce.steps';

export const divorceV1: JourneyDefinition<typeof divorceMachine> = {
  id: 'divorce',
  version: 1,
  title: { da: 'Blive skilt', en: 'Divorce or break-up' },
  description: {
    da:
      'Gifte søger separation eller skilsmisse hos Familieretshuset og aftaler vilkårene; samlevende springer det ' +
      'over. Derefter: børnene (bopæl, samvær, bidrag), flytningen, børneydelse og børnetilskud (gives ikke bagud), ' +
      'bodeling, skat og boligstøtte.',
    en:
      'Married couples apply for separation or divorce at the Agency of Family Law and settle the terms; cohabiting ' +
      'couples skip that. Then: the children (residence, contact, support), the move, child benefit and the ' +
      'single-parent allowance (not retroactive), property, tax and housing benefit.',
  },
  machine: divorceMachine,
  steps: divorceSteps,
  startSchema: divorceStartSchema,
  startExamples: divorceStartExamples,
  factsSchema: divorceFactsSchema,
  factsExamples: divorceFactsExamples,
  events: divorceEvents,
  // No waiting states: every state can reach completion through an event.
  waitingStates: [],
  links: ['moving'],
  ruleSources: DIVORCE_RULE_SOURCES,
};
