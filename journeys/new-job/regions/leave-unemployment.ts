/** Leaving unemployment benefit (a-kasse and Jobnet). */
import { isAfterDeadline } from '../../shared/calendar';
import { stepIs } from '../../shared/kit';
import { finalClaimDeadline } from '../new-job.rules';
import { newJobSetup } from '../new-job.setup';

export const leaveUnemploymentRegion = newJobSetup.createStateConfig({
  initial: 'awaitingDeregistration',
  states: {
    // Dagpenge: deregister on Jobnet, then send the last claim form to the a-kasse.
    awaitingDeregistration: {
      always: [
        { guard: stepIs('leave-unemployment', 'skipped'), target: 'notRelevant' },
        { guard: ({ context }) => context.answers.unemployment === 'social-assistance', target: 'awaitingJobcentreNotice' },
      ],
      on: {
        'jobnet.deregistered': {
          target: 'awaitingFinalClaim',
          actions: [
            {
              type: 'markLate',
              params: ({ context, event }) => ({
                step: 'leave-unemployment',
                late: isAfterDeadline(event.deregisteredOn, context.steps['leave-unemployment'].deadline),
                reason: 'deregistered-after-first-working-day',
              }),
            },
            // The deadline that matters now is the a-kasse's limit for the last claim form.
            {
              type: 'setDeadline',
              params: ({ context }) => ({
                step: 'leave-unemployment',
                deadline: finalClaimDeadline(context.anchorDate),
                availableFrom: context.anchorDate,
              }),
            },
            { type: 'rescheduleReminders', params: ({ event }) => ({ step: 'leave-unemployment', from: event.deregisteredOn }) },
          ],
        },
      },
    },
    awaitingFinalClaim: {
      on: {
        'final-claim.submitted': {
          target: 'left',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: 'leave-unemployment',
              status: 'done',
              reason: isAfterDeadline(event.submittedOn, context.steps['leave-unemployment'].deadline)
                ? 'final-claim-after-deadline'
                : context.lateReasons['leave-unemployment'],
            }),
          },
        },
      },
    },
    // Social assistance: tell the job centre.
    awaitingJobcentreNotice: {
      on: {
        'jobcenter.notified': {
          target: 'left',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: 'leave-unemployment',
              status: 'done',
              reason: isAfterDeadline(event.notifiedOn, context.steps['leave-unemployment'].deadline)
                ? 'notified-after-first-working-day'
                : undefined,
            }),
          },
        },
      },
    },
    left: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
