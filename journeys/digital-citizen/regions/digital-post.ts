/** The notice to the parents and the young person's Digital Post mailbox. */
import { stepIs } from '../../shared/kit';
import { digitalCitizenSetup, MAILBOX, NOTICE, watchdogFor } from '../digital-citizen.setup';

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
        'timer.fired': {
          guard: watchdogFor(NOTICE),
          actions: [
            { type: 'setStep', params: { step: NOTICE, status: 'late', reason: 'confirmation-overdue' } },
            { type: 'notifyLate', params: { step: NOTICE } },
          ],
        },
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
        'timer.fired': {
          guard: watchdogFor(MAILBOX),
          actions: [
            { type: 'setStep', params: { step: MAILBOX, status: 'late', reason: 'confirmation-overdue' } },
            { type: 'notifyLate', params: { step: MAILBOX } },
          ],
        },
      },
    },
    created: { type: 'final' },
    exempt: { type: 'final' },
  },
});
