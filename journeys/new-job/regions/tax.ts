/** The tax card and the preliminary tax assessment. */
import { dateOfTimestamp, isAfterDeadline, maxIsoDate } from '../../shared/calendar';
import { preliminaryTaxCheck } from '../../shared/patterns';
import { TAX_CARD_TASK } from '../new-job.rules';
import { confirmation, newJobSetup } from '../new-job.setup';

export const taxCardRegion = newJobSetup.createStateConfig({
  initial: 'awaitingChoice',
  states: {
    awaitingChoice: {
      on: {
        'tax-card.chosen': {
          target: 'awaitingEmployer',
          actions: [
            { type: 'recordCardType', params: ({ event }) => ({ cardType: event.cardType }) },
            {
              type: 'recordBasis',
              params: ({ context, event }) => ({ taxCard: maxIsoDate(context.anchorDate, event.chosenOn) }),
            },
            {
              type: 'markLate',
              params: ({ context, event }) => ({
                step: 'tax-card',
                late: isAfterDeadline(event.chosenOn, context.steps['tax-card'].deadline),
                reason: 'chosen-after-first-working-day',
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
      awaiting: 'awaitingEmployer',
      failed: 'confirmationFailed',
      confirmed: 'fetched',
      entry: 'requestTaxCardConfirmation',
      lateReason: 'tax-card-not-fetched',
      doneReason: (context) => context.lateReasons['tax-card'],
      retry: [
        // Without the request time the old basis stands, so the watchdog may flag `late` at once.
        {
          type: 'recordBasis',
          params: ({ context, event }) => ({ taxCard: event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.basis.taxCard }),
        },
      ],
    }),
    fetched: { type: 'final' },
  },
});

export const preliminaryTaxRegion = newJobSetup.createStateConfig(preliminaryTaxCheck());
