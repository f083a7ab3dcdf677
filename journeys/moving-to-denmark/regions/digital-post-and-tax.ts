/** Digital Post with MitID, and the tax card. */
import { dateOfTimestamp, isAfterDeadline } from '../../shared/calendar';
import { stepIs } from '../../shared/kit';
import { TAX_CARD_TASK } from '../moving-to-denmark.rules';
import { confirmation, movingToDenmarkSetup } from '../moving-to-denmark.setup';

export const digitalPostMitidRegion = movingToDenmarkSetup.createStateConfig({
  initial: 'awaitingRegistration',
  states: {
    awaitingRegistration: {
      always: [
        { guard: stepIs('digital-post-mitid', 'skipped'), target: 'notRelevant' },
        {
          guard: stepIs('register-cpr', 'done'),
          target: 'awaitingMitid',
          actions: { type: 'activate', params: { steps: ['digital-post-mitid'] } },
        },
      ],
    },
    // Digital Post opens by itself at registration; reading it needs MitID.
    awaitingMitid: {
      on: {
        'mitid.obtained': {
          target: 'ready',
          actions: { type: 'setStep', params: { step: 'digital-post-mitid', status: 'done' } },
        },
      },
    },
    ready: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});

export const taxCardRegion = movingToDenmarkSetup.createStateConfig({
  initial: 'awaitingApplication',
  states: {
    awaitingApplication: {
      always: { guard: stepIs('tax-card', 'skipped'), target: 'notRelevant' },
      on: {
        'tax-card.applied': {
          target: 'awaitingCard',
          actions: [
            { type: 'recordBasis', params: ({ event }) => ({ taxCardAppliedOn: event.appliedOn }) },
            {
              type: 'markLate',
              params: ({ context, event }) => ({
                step: 'tax-card',
                late: isAfterDeadline(event.appliedOn, context.steps['tax-card'].deadline),
                reason: 'applied-after-deadline',
              }),
            },
            { type: 'cancelStepReminders', params: { step: 'tax-card' } },
          ],
        },
      },
    },
    ...confirmation({
      step: 'tax-card',
      task: TAX_CARD_TASK,
      awaiting: 'awaitingCard',
      failed: 'cardFailed',
      confirmed: 'ready',
      entry: 'requestTaxCardConfirmation',
      lateReason: 'tax-card-overdue',
      doneReason: (context) => context.lateReasons['tax-card'],
      retry: [
        // The watchdog counts from the caseworker's retry when it says when that was.
        {
          type: 'recordBasis',
          params: ({ context, event }) => ({
            taxCardAppliedOn: event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.basis.taxCardAppliedOn,
          }),
        },
      ],
    }),
    ready: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
