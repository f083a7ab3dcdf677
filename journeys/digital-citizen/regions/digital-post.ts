/** The notice to the parents and the young person's Digital Post mailbox. */
import { stepIs, watchdogFiredWhileActive } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { digitalCitizenSetup, MAILBOX, NOTICE } from '../digital-citizen.setup';

export const parentNoticeRegion = digitalCitizenSetup.createStateConfig({
  initial: 'awaitingLetter',
  states: {
    awaitingLetter: {
      always: { guard: stepIs(NOTICE, 'skipped'), target: 'notNeeded' },
      on: {
        'parent-notice.sent': {
          target: 'sent',
          actions: [
            {
              type: 'setStep',
              params: ({ event }) => ({ step: NOTICE, status: 'done', reason: event.channel === 'paper' ? 'sent-on-paper' : undefined }),
            },
            { type: 'cancelWatchdog', params: { step: NOTICE } },
          ],
        },
        'timer.fired': overdue(NOTICE, 'confirmation-overdue', watchdogFiredWhileActive(NOTICE)),
      },
    },
    sent: { type: 'final' },
    notNeeded: { type: 'final' },
  },
});

export const mailboxRegion = digitalCitizenSetup.createStateConfig({
  initial: 'awaitingMailbox',
  states: {
    awaitingMailbox: {
      on: {
        'mailbox.created': {
          target: 'created',
          actions: [
            { type: 'setStep', params: { step: MAILBOX, status: 'done' } },
            { type: 'cancelWatchdog', params: { step: MAILBOX } },
          ],
        },
        // Exempt before the mailbox exists: no mailbox is made, letters come on paper.
        'dp-exemption.registered': {
          target: 'exempt',
          actions: [
            { type: 'setStep', params: { step: MAILBOX, status: 'skipped', reason: 'exempt' } },
            { type: 'cancelWatchdog', params: { step: MAILBOX } },
          ],
        },
        'timer.fired': overdue(MAILBOX, 'confirmation-overdue', watchdogFiredWhileActive(MAILBOX)),
      },
    },
    created: { type: 'final' },
    exempt: { type: 'final' },
  },
});
