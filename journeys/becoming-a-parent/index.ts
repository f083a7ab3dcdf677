import type { JourneyDefinition } from '../shared/contract';
import { PARENT_RULE_SOURCES } from './becoming-a-parent.rules';
import { parentEvents } from './becoming-a-parent.events';
import { parentMachine } from './becoming-a-parent.machine';
import { parentFactsExamples, parentFactsSchema, parentStartExamples, parentStartSchema } from './becoming-a-parent.start';
import { parentSteps } from './becoming-a-parent.steps';

export const becomingAParentV1: JourneyDefinition<typeof parentMachine> = {
  id: 'becoming-a-parent',
  version: 1,
  title: { da: 'Blive forælder', en: 'Becoming a parent' },
  description: {
    da:
      'Fra graviditeten til barnet har navn og plads i dagtilbud: besked til arbejdsgiveren, faderskab eller ' +
      'medmoderskab, navngivning, børneydelse, barselsdagpenge og skat. Fødslen, faderskabet for gifte og ' +
      'børneydelsen følger automatisk af registrene.',
    en:
      'From the pregnancy until the child has a name and a daycare place: telling the employer, paternity or ' +
      'co-maternity, naming, child benefit, maternity/parental benefit and tax. The birth, paternity for married ' +
      'parents and child benefit follow automatically from the registers.',
  },
  machine: parentMachine,
  steps: parentSteps,
  startedBy: ['citizen', 'register'],
  startsWhen: {
    da: 'fødslen er registreret i CPR, hvis du ikke selv har startet det',
    en: 'the birth is registered in CPR, if you have not started it yourself',
  },
  startSchema: parentStartSchema,
  startExamples: parentStartExamples,
  factsSchema: parentFactsSchema,
  factsExamples: parentFactsExamples,
  events: parentEvents,
  // No waiting states: every state can move on through an event or a timer.
  waitingStates: [],
  ruleSources: PARENT_RULE_SOURCES,
};
