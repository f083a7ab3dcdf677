/** The right to reside (EU/EEA/Swiss citizens) and the residence card that follows registration. */
import { isAfterDeadline } from '../../shared/calendar';
import { stepIs } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { cprDeadlineAfterEuDocument, euAppearanceDeadline, residenceCardWatchdogDate } from '../moving-to-denmark.rules';
import { movingToDenmarkSetup } from '../moving-to-denmark.setup';

export const rightToResideRegion = movingToDenmarkSetup.createStateConfig({
  initial: 'awaitingApplication',
  states: {
    awaitingApplication: {
      // Only EU/EEA/Swiss citizens apply; the step is done or skipped for the others from the start.
      always: { guard: ({ context }) => context.steps['right-to-reside'].status !== 'active', target: 'settledBeforeArrival' },
      on: {
        'eu-residence.applied': {
          target: 'awaitingAppearance',
          actions: [
            {
              type: 'markLate',
              params: ({ context, event }) => ({
                step: 'right-to-reside',
                late: isAfterDeadline(event.appliedOn, context.steps['right-to-reside'].deadline),
                reason: 'applied-after-deadline',
              }),
            },
            // From now on the deadline that matters is the one for appearing in person.
            { type: 'setDeadline', params: ({ event }) => ({ step: 'right-to-reside', deadline: euAppearanceDeadline(event.appliedOn) }) },
            { type: 'rescheduleReminders', params: ({ event }) => ({ step: 'right-to-reside', from: event.appliedOn }) },
          ],
        },
      },
    },
    awaitingAppearance: {
      on: {
        'eu-residence.appeared': {
          target: 'awaitingDecision',
          actions: [
            {
              type: 'markLate',
              params: ({ context, event }) => ({
                step: 'right-to-reside',
                late: isAfterDeadline(event.appearedOn, context.steps['right-to-reside'].deadline),
                reason: 'appeared-after-deadline',
              }),
            },
            { type: 'cancelStepReminders', params: { step: 'right-to-reside' } },
          ],
        },
      },
    },
    awaitingDecision: {
      entry: 'awaitSiriDecision',
      on: {
        'eu-residence.decided': [
          {
            guard: ({ event }) => event.granted,
            target: 'granted',
            actions: [
              {
                type: 'setStep',
                params: ({ context }) => ({ step: 'right-to-reside', status: 'done', reason: context.lateReasons['right-to-reside'] }),
              },
              {
                type: 'setDeadline',
                params: ({ event }) => ({ step: 'register-cpr', deadline: cprDeadlineAfterEuDocument(event.decidedOn) }),
              },
              { type: 'activate', params: { steps: ['register-cpr'] } },
              { type: 'rescheduleReminders', params: ({ event }) => ({ step: 'register-cpr', from: event.decidedOn }) },
            ],
          },
          {
            target: 'refused',
            actions: { type: 'setStep', params: { step: 'right-to-reside', status: 'failed', reason: 'eu-residence-refused' } },
          },
        ],
      },
    },
    // A caseworker helps (complaint, new application) and records the new decision.
    refused: {
      on: {
        'eu-residence.decided': {
          guard: ({ event }) => event.granted,
          target: 'granted',
          actions: [
            { type: 'setStep', params: { step: 'right-to-reside', status: 'done', reason: 'granted-after-refusal' } },
            {
              type: 'setDeadline',
              params: ({ event }) => ({ step: 'register-cpr', deadline: cprDeadlineAfterEuDocument(event.decidedOn) }),
            },
            { type: 'activate', params: { steps: ['register-cpr'] } },
            { type: 'rescheduleReminders', params: ({ event }) => ({ step: 'register-cpr', from: event.decidedOn }) },
          ],
        },
      },
    },
    granted: { type: 'final' },
    // Nordic citizens need nothing; permit holders got their permit before arriving.
    settledBeforeArrival: { type: 'final' },
  },
});

export const residenceCardRegion = movingToDenmarkSetup.createStateConfig({
  initial: 'awaitingRegistration',
  states: {
    awaitingRegistration: {
      always: [
        { guard: stepIs('residence-card', 'skipped'), target: 'notRelevant' },
        {
          guard: stepIs('register-cpr', 'done'),
          target: 'awaitingCard',
          actions: [
            { type: 'activate', params: { steps: ['residence-card'] } },
            {
              type: 'scheduleWatchdog',
              params: ({ context }) => ({
                step: 'residence-card',
                due: residenceCardWatchdogDate(context.basis.registeredOn ?? context.anchorDate),
              }),
            },
          ],
        },
      ],
    },
    awaitingCard: {
      on: {
        'residence-card.received': {
          target: 'received',
          actions: [
            { type: 'setStep', params: { step: 'residence-card', status: 'done' } },
            { type: 'cancelWatchdog', params: { step: 'residence-card' } },
          ],
        },
        'timer.fired': overdue('residence-card', 'residence-card-overdue'),
      },
    },
    received: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
