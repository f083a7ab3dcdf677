/** The survivor's own benefits. */
import { isAfterDeadline } from '../../shared/calendar';
import { stepIs } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { survivorBranch } from '../losing-a-relative.rules';
import { relativeSetup } from '../losing-a-relative.setup';

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
            { type: 'cancelWatchdog', params: { step: 'spouse-survivor' } },
          ],
        },
        'timer.fired': overdue('spouse-survivor', 'letter-overdue'),
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
              reason: isAfterDeadline(event.appliedOn, context.steps['spouse-survivor'].deadline) ? 'applied-after-deadline' : undefined,
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
