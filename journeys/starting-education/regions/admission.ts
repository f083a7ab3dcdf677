/** Readiness, the application and the offer of a place. */
import { assign } from 'xstate';
import { isAfterDeadline } from '../../shared/calendar';
import { isTask, stepIs, watchdogFiredWhileActive } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { ACCEPT_PLACE_TASK } from '../starting-education.rules';
import { ACCEPT, HIGHER_APPLICATION, READINESS, startingEducationSetup, YOUTH_APPLICATION } from '../starting-education.setup';

export const readinessRegion = startingEducationSetup.createStateConfig({
  initial: 'awaitingAssessment',
  states: {
    awaitingAssessment: {
      always: { guard: stepIs(READINESS, 'skipped'), target: 'notRelevant' },
      on: {
        'readiness.assessed': [
          {
            guard: ({ event }) => event.ready,
            target: 'assessed',
            actions: [
              { type: 'setStep', params: { step: READINESS, status: 'done' } },
              { type: 'cancelWatchdog', params: { step: READINESS } },
            ],
          },
          {
            // Not ready: upper secondary admission then goes through a test and an interview.
            target: 'assessed',
            actions: [
              { type: 'setStep', params: { step: READINESS, status: 'done', reason: 'assessed-not-ready' } },
              { type: 'cancelWatchdog', params: { step: READINESS } },
              { type: 'notifyNeedsYou', params: { step: READINESS } },
            ],
          },
        ],
        'timer.fired': overdue(READINESS, 'assessment-overdue', watchdogFiredWhileActive(READINESS)),
      },
    },
    assessed: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});

export const applicationRegion = startingEducationSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      on: {
        'youth-application.submitted': {
          guard: stepIs(YOUTH_APPLICATION, 'active'),
          target: 'submitted',
          actions: [
            assign({ applicationRef: ({ event }) => event.applicationRef }),
            {
              type: 'setStep',
              params: ({ context, event }) => ({
                step: YOUTH_APPLICATION,
                status: 'done',
                // Late applications go straight to the school, which decides whether there is room.
                reason: isAfterDeadline(event.submittedOn, context.steps[YOUTH_APPLICATION].deadline)
                  ? 'submitted-after-deadline'
                  : undefined,
              }),
            },
          ],
        },
        'higher-application.submitted': {
          guard: stepIs(HIGHER_APPLICATION, 'active'),
          target: 'submitted',
          actions: [
            assign({ applicationRef: ({ event }) => event.applicationRef }),
            {
              type: 'setStep',
              params: ({ context, event }) => ({
                step: HIGHER_APPLICATION,
                status: 'done',
                reason: isAfterDeadline(event.submittedOn, context.steps[HIGHER_APPLICATION].deadline)
                  ? 'submitted-after-deadline'
                  : undefined,
              }),
            },
          ],
        },
      },
    },
    submitted: { type: 'final' },
  },
});

export const acceptanceRegion = startingEducationSetup.createStateConfig({
  initial: 'awaitingApplication',
  states: {
    awaitingApplication: {
      always: {
        guard: ({ context }) => context.steps[YOUTH_APPLICATION].status === 'done' || context.steps[HIGHER_APPLICATION].status === 'done',
        target: 'awaitingAnswer',
        actions: [{ type: 'activate', params: { steps: [ACCEPT] } }, 'watchAnswer'],
      },
    },
    awaitingAnswer: {
      on: {
        'place.offered': {
          target: 'offered',
          actions: [
            { type: 'setStep', params: { step: ACCEPT, status: 'active' } },
            { type: 'cancelWatchdog', params: { step: ACCEPT } },
            { type: 'notifyNeedsYou', params: { step: ACCEPT } },
          ],
        },
        'place.not-offered': {
          target: 'noPlace',
          actions: [
            { type: 'setStep', params: { step: ACCEPT, status: 'skipped', reason: 'no-offer' } },
            { type: 'cancelWatchdog', params: { step: ACCEPT } },
          ],
        },
        'timer.fired': overdue(ACCEPT, 'answer-overdue', watchdogFiredWhileActive(ACCEPT)),
      },
    },
    offered: {
      on: {
        'place.answered': [
          { guard: ({ event }) => event.accept, target: 'accepting', actions: assign({ acceptsPlace: true }) },
          { target: 'declining', actions: assign({ acceptsPlace: false }) },
        ],
      },
    },
    // The answer goes to optagelse.dk either way; a caseworker retries it if it fails.
    accepting: {
      entry: [{ type: 'setStep', params: { step: ACCEPT, status: 'active' } }, 'sendAnswer'],
      on: {
        'integration.completed': {
          guard: isTask(ACCEPT_PLACE_TASK),
          target: 'accepted',
          actions: { type: 'setStep', params: { step: ACCEPT, status: 'done' } },
        },
        'integration.failed': {
          guard: isTask(ACCEPT_PLACE_TASK),
          target: 'acceptFailed',
          actions: { type: 'setStep', params: ({ event }) => ({ step: ACCEPT, status: 'failed', reason: event.code }) },
        },
      },
    },
    acceptFailed: {
      on: { 'integration.retry': { guard: isTask(ACCEPT_PLACE_TASK), target: 'accepting' } },
    },
    declining: {
      entry: [{ type: 'setStep', params: { step: ACCEPT, status: 'active' } }, 'sendAnswer'],
      on: {
        'integration.completed': {
          guard: isTask(ACCEPT_PLACE_TASK),
          target: 'declined',
          actions: { type: 'setStep', params: { step: ACCEPT, status: 'skipped', reason: 'declined' } },
        },
        'integration.failed': {
          guard: isTask(ACCEPT_PLACE_TASK),
          target: 'declineFailed',
          actions: { type: 'setStep', params: ({ event }) => ({ step: ACCEPT, status: 'failed', reason: event.code }) },
        },
      },
    },
    declineFailed: {
      on: { 'integration.retry': { guard: isTask(ACCEPT_PLACE_TASK), target: 'declining' } },
    },
    accepted: { type: 'final' },
    declined: { type: 'final' },
    noPlace: { type: 'final' },
  },
});
