/** CPR registration, and the doctor and health card that follow it. */
import { isAfterDeadline, maxIsoDate } from '../../shared/calendar';
import { isTask, stepIs } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { CPR_REGISTRATION_TASK, cprRegistrationOptional, healthCardWatchdogDate } from '../moving-to-denmark.rules';
import { movingToDenmarkSetup, NEED_CPR } from '../moving-to-denmark.setup';

export const registrationRegion = movingToDenmarkSetup.createStateConfig({
  initial: 'awaitingRightToReside',
  states: {
    awaitingRightToReside: {
      always: { guard: stepIs('register-cpr', 'active'), target: 'awaitingAppearance' },
    },
    awaitingAppearance: {
      on: {
        'cpr-registration.appeared': {
          target: 'registering',
          actions: [
            { type: 'recordBasis', params: ({ event }) => ({ registeredOn: event.appearedOn }) },
            {
              type: 'markLate',
              params: ({ context, event }) => ({
                step: 'register-cpr',
                late: isAfterDeadline(event.appearedOn, context.steps['register-cpr'].deadline),
                reason: 'registered-after-deadline',
              }),
            },
            { type: 'cancelStepReminders', params: { step: 'register-cpr' } },
          ],
        },
        // Only Nordic citizens staying 3–6 months may choose not to register.
        'cpr-registration.declined': {
          guard: ({ context }) => cprRegistrationOptional(context.answers),
          target: 'declined',
          actions: [
            { type: 'setStep', params: { step: 'register-cpr', status: 'skipped', reason: 'nordic-short-stay-not-registered' } },
            { type: 'skipSteps', params: { steps: NEED_CPR, reason: 'not-registered-in-cpr' } },
          ],
        },
      },
    },
    registering: {
      entry: 'requestRegistration',
      on: {
        'integration.completed': {
          guard: isTask(CPR_REGISTRATION_TASK),
          target: 'registered',
          actions: [
            {
              type: 'setStep',
              params: ({ context }) => ({ step: 'register-cpr', status: 'done', reason: context.lateReasons['register-cpr'] }),
            },
            { type: 'dropTaxCardWindowStart' },
          ],
        },
        'integration.failed': {
          guard: isTask(CPR_REGISTRATION_TASK),
          target: 'registrationFailed',
          actions: { type: 'setStep', params: ({ event }) => ({ step: 'register-cpr', status: 'failed', reason: event.code }) },
        },
      },
    },
    registrationFailed: {
      on: {
        'integration.retry': {
          guard: isTask(CPR_REGISTRATION_TASK),
          target: 'registering',
          actions: { type: 'setStep', params: { step: 'register-cpr', status: 'active' } },
        },
      },
    },
    registered: { type: 'final' },
    declined: { type: 'final' },
  },
});

export const gpAndHealthCardRegion = movingToDenmarkSetup.createStateConfig({
  initial: 'awaitingRegistration',
  states: {
    awaitingRegistration: {
      always: [
        { guard: stepIs('gp-and-health-card', 'skipped'), target: 'notRelevant' },
        {
          guard: stepIs('register-cpr', 'done'),
          target: 'choosingDoctor',
          actions: { type: 'activate', params: { steps: ['gp-and-health-card'] } },
        },
      ],
    },
    choosingDoctor: {
      on: {
        'gp.chosen': {
          target: 'awaitingCard',
          actions: [
            { type: 'recordBasis', params: ({ event }) => ({ gpChosenOn: event.chosenOn }) },
            // The card is posted after both the registration and the doctor choice.
            {
              type: 'scheduleWatchdog',
              params: ({ context, event }) => ({
                step: 'gp-and-health-card',
                due: healthCardWatchdogDate(maxIsoDate(event.chosenOn, context.basis.registeredOn ?? event.chosenOn)),
              }),
            },
          ],
        },
      },
    },
    awaitingCard: {
      on: {
        'health-card.received': {
          target: 'received',
          actions: [
            { type: 'setStep', params: { step: 'gp-and-health-card', status: 'done' } },
            { type: 'cancelWatchdog', params: { step: 'gp-and-health-card' } },
          ],
        },
        'timer.fired': overdue('gp-and-health-card', 'health-card-overdue'),
      },
    },
    received: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
