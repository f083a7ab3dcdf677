/** SU, which opens once the place is accepted. */
import { assign } from 'xstate';
import { isAfterDeadline } from '../../shared/calendar';
import { watchdogFiredWhileActive } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { noPlace, placeAccepted, startingEducationSetup, SU } from '../starting-education.setup';

export const suRegion = startingEducationSetup.createStateConfig({
  initial: 'awaitingPlace',
  states: {
    awaitingPlace: {
      always: [
        {
          guard: noPlace,
          target: 'notRelevant',
          actions: { type: 'setStep', params: { step: SU, status: 'skipped', reason: 'no-place' } },
        },
        {
          guard: ({ context }) => placeAccepted({ context }) && context.su.needsEqualStatus,
          target: 'equalStatus',
          actions: [
            { type: 'activate', params: { steps: [SU] } },
            { type: 'notifyNeedsYou', params: { step: SU } },
          ],
        },
        {
          guard: placeAccepted,
          target: 'open',
          actions: { type: 'activate', params: { steps: [SU] } },
        },
      ],
    },
    // Foreign citizens are first made equal to Danish citizens (ligestilling).
    equalStatus: {
      on: { 'equal-status.applied': { target: 'equalStatusPending' } },
    },
    equalStatusPending: {
      on: {
        'equal-status.decided': [
          { guard: ({ event }) => event.granted, target: 'open' },
          {
            target: 'noEqualStatus',
            actions: { type: 'setStep', params: { step: SU, status: 'skipped', reason: 'no-equal-status' } },
          },
        ],
      },
    },
    open: {
      on: {
        'su.applied': {
          target: 'awaitingDecision',
          // The reminders were about applying; from now on we wait for SU.
          actions: [
            assign({ suAppliedOn: ({ event }) => event.appliedOn }),
            { type: 'watchSuDecision', params: ({ event }) => ({ appliedOn: event.appliedOn }) },
          ],
        },
      },
    },
    awaitingDecision: {
      on: {
        'su.decided': [
          {
            guard: ({ event }) => event.granted,
            target: 'granted',
            actions: [
              assign({ suGranted: true }),
              {
                type: 'setStep',
                params: ({ context, event }) => ({
                  step: SU,
                  status: 'done',
                  // Not retroactive: applying after the entitlement month loses the months before.
                  reason:
                    context.suAppliedOn && isAfterDeadline(context.suAppliedOn, context.steps[SU].deadline)
                      ? 'applied-after-deadline'
                      : `rate-${event.rate}`,
                }),
              },
              { type: 'cancelWatchdog', params: { step: SU } },
            ],
          },
          {
            target: 'refused',
            actions: [
              assign({ suGranted: false }),
              { type: 'setStep', params: { step: SU, status: 'done', reason: 'su-refused' } },
              { type: 'cancelWatchdog', params: { step: SU } },
            ],
          },
        ],
        'timer.fired': overdue(SU, 'decision-overdue', watchdogFiredWhileActive(SU)),
      },
    },
    granted: { type: 'final' },
    refused: { type: 'final' },
    noEqualStatus: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
