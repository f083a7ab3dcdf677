import type { JourneyDefinition } from '../shared/contract';
import { MOVING_RULE_SOURCES } from './moving.rules';
import { movingEvents, movingEventsV2 } from './moving.events';
import { movingMachine, movingMachineV2 } from './moving.machine';
import { movingV1toV2 } from './moving.migrations';
import { movingFactsExamples, movingFactsSchema, movingStartExamples, movingStartSchema } from './moving.start';
import { movingSteps, movingStepsV2 } from './moving.steps';

/** Version 1: the citizen applies for housing benefit with no income fetched for them. */
export const movingV1: JourneyDefinition<typeof movingMachine> = {
  id: 'moving',
  version: 1,
  title: { da: 'Flytte', en: 'Moving within Denmark' },
  description: {
    da:
      'Anmeld flytningen, vælg læge, og få styr på boligstøtte, skat, dagtilbud og skole. De fleste registre følger ' +
      'automatisk med, når flytningen er registreret i CPR.',
    en:
      'Report the move, choose a doctor, and sort out housing benefit, tax, daycare and school. Most registers ' +
      'follow automatically once the move is registered in CPR.',
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
  // A report is due 5 days after the move (MOVING_RULES.reportMove); a month late or a year ahead is a typing error.
  startDates: [
    {
      field: 'movingDate',
      refuseBeforeDays: 30,
      refuseAfterDays: 365,
      warnBeforeDays: 5,
      refused: {
        da:
          'Indtast en flyttedato, der højst ligger 30 dage tilbage og højst et år frem. Er du flyttet for længere siden, ' +
          'så anmeld flytningen direkte på borger.dk.',
        en:
          'Enter a moving date at most 30 days ago and at most a year ahead. If you moved longer ago, report the move ' +
          'directly on borger.dk.',
      },
      warned: {
        da: 'Fristen for at anmelde flytningen (5 dage efter flyttedagen) er overskredet. Anmeld flytningen hurtigst muligt.',
        en: 'The deadline for reporting the move (5 days after moving) has passed. Report the move as soon as possible.',
      },
    },
  ],
};

/**
 * The household income for the housing-benefit application is fetched from eIndkomst once the
 * citizen consents, or typed in by them ("Udfyld selv").
 */
export const movingV2: JourneyDefinition<typeof movingMachineV2> = {
  ...movingV1,
  version: 2,
  machine: movingMachineV2,
  steps: movingStepsV2,
  events: movingEventsV2,
  migrations: [movingV1toV2],
};
