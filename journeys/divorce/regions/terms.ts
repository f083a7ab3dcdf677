/** Step 2: the terms, settled when the separation or divorce is granted (married couples). */
import { isTask, stepIs, watchdogFiredWhileActive } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { isValidApplication, NEGOTIATION_TASK } from '../divorce.rules';
import { divorceSetup, screened, TERMS } from '../divorce.setup';

export const termsRegion = divorceSetup.createStateConfig({
  initial: 'awaitingApplication',
  states: {
    // The application says whether the spouses agree on the terms.
    awaitingApplication: {
      always: { guard: stepIs(TERMS, 'skipped'), target: 'notMarried' },
      on: {
        'divorce.applied': [
          {
            guard: ({ context, event }) => isValidApplication(context.facts, event) && event.termsInDispute.length === 0,
            target: 'agreedAwaitingScreening',
          },
          { guard: ({ context, event }) => isValidApplication(context.facts, event), target: 'disputedAwaitingScreening' },
        ],
      },
    },
    agreedAwaitingScreening: {
      always: [
        // § 7: complex cases go on to the family court.
        { guard: ({ context }) => screened({ context }) && context.track === 'paragraph-7', target: 'court' },
        // Agreed terms: the decree comes without a meeting.
        { guard: screened, target: 'awaitingDecree' },
      ],
    },
    disputedAwaitingScreening: {
      always: [
        { guard: ({ context }) => screened({ context }) && context.track === 'paragraph-7', target: 'court' },
        { guard: screened, target: 'negotiating', actions: 'notifyNegotiationFee' },
      ],
    },
    negotiating: {
      entry: [{ type: 'setStep', params: { step: TERMS, status: 'active' } }, 'requestNegotiation'],
      on: {
        'integration.completed': {
          guard: isTask(NEGOTIATION_TASK),
          target: 'meetingScheduled',
          actions: { type: 'notifyNeedsYou', params: { step: TERMS } },
        },
        'integration.failed': {
          guard: isTask(NEGOTIATION_TASK),
          target: 'negotiationFailed',
          actions: { type: 'setStep', params: ({ event }) => ({ step: TERMS, status: 'failed', reason: event.code }) },
        },
      },
    },
    negotiationFailed: {
      on: { 'integration.retry': { guard: isTask(NEGOTIATION_TASK), target: 'negotiating' } },
    },
    meetingScheduled: {
      on: {
        'terms-negotiation.concluded': [
          {
            guard: ({ event }) => event.agreed,
            target: 'awaitingDecree',
            actions: { type: 'watchDecree', params: ({ event }) => ({ concludedOn: event.concludedOn }) },
          },
          // No agreement at the meeting: the court decides the terms.
          { target: 'court' },
        ],
      },
    },
    awaitingDecree: {
      on: {
        'divorce.decided': {
          target: 'decided',
          actions: [
            { type: 'setStep', params: ({ event }) => ({ step: TERMS, status: 'done', reason: `decided-by-${event.decidedBy}` }) },
            { type: 'cancelWatchdog', params: { step: TERMS } },
          ],
        },
        'timer.fired': overdue(TERMS, 'decree-overdue', watchdogFiredWhileActive(TERMS)),
      },
    },
    court: {
      on: {
        'divorce.decided': {
          target: 'decided',
          actions: { type: 'setStep', params: ({ event }) => ({ step: TERMS, status: 'done', reason: `decided-by-${event.decidedBy}` }) },
        },
      },
    },
    decided: { type: 'final' },
    notMarried: { type: 'final' },
  },
});
