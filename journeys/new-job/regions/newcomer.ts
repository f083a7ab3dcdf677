/** Newcomers to Denmark: the moving-to-Denmark journey fulfils the step. */
import { stepIs } from '../../shared/kit';
import { LINK_STEP, newJobSetup } from '../new-job.setup';

export const newcomerRegion = newJobSetup.createStateConfig({
  initial: 'linked',
  states: {
    linked: {
      entry: 'linkNewcomerJourney',
      always: { guard: stepIs(LINK_STEP, 'skipped'), target: 'notRelevant' },
      on: {
        'journey.linked-completed': {
          guard: ({ event }) => event.step === LINK_STEP && event.journeyType === 'moving-to-denmark',
          target: 'arrived',
          actions: { type: 'setStep', params: { step: LINK_STEP, status: 'done' } },
        },
      },
    },
    arrived: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
