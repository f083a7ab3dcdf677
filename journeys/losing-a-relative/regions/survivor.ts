/** The survivor's own benefits. */
import { isTimer, stepIs } from '../../shared/kit';
import { survivorBranch } from '../losing-a-relative.rules';
import { isAfter, relativeSetup, WATCHDOG } from '../losing-a-relative.setup';

export const survivorRegion = relativeSetup.createStateConfig({
  initial: 'automaticPension',
  states: {
    // Both were pensioners: the deceased's pension continues for 3 months without an application.
    automaticPension: {
      entry: 'awaitSurvivorPension',
      always: [
        { guard: stepIs('spouse-survivor', 'skipped'), target: 'notRelevant' },
        {
          guard: ({ context }) => survivorBranch(context.facts.relation, context.facts.bothReceivedPublicPension) === 'apply-grant',
          target: 'grantApplication',
        },
      ],
      on: {
        'survivor-pension.confirmed': {
          target: 'settled',
          actions: [
            { type: 'setStep', params: { step: 'spouse-survivor', status: 'done' } },
            { type: 'cancel', params: { key: WATCHDOG.survivor } },
          ],
        },
        'timer.fired': {
          guard: isTimer(WATCHDOG.survivor),
          actions: [
            { type: 'setStep', params: { step: 'spouse-survivor', status: 'late', reason: 'letter-overdue' } },
            { type: 'notifyLate', params: { step: 'spouse-survivor' } },
          ],
        },
      },
    },
    grantApplication: {
      on: {
        'survivor-grant.applied': {
          target: 'settled',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: 'spouse-survivor',
              status: 'done',
              // The grant is not given for applications after the 6 months.
              reason: isAfter(event.appliedOn, context.steps['spouse-survivor'].deadline) ? 'applied-after-deadline' : undefined,
            }),
          },
        },
        'survivor-grant.not-applying': {
          target: 'declined',
          actions: { type: 'setStep', params: { step: 'spouse-survivor', status: 'skipped', reason: 'not-applying' } },
        },
      },
    },
    settled: { type: 'final' },
    declined: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
