/** Reporting the emigration and CPR's confirmation of it. */
import { raise } from 'xstate';
import { dateOfTimestamp } from '../../shared/calendar';
import { isTask, isTimer } from '../../shared/kit';
import { CPR_TASK, registrationPath } from '../moving-abroad.rules';
import { CPR_STEP, CPR_WATCHDOG, isAfter, movingAbroadSetup } from '../moving-abroad.setup';

export const registrationRegion = movingAbroadSetup.createStateConfig({
  initial: 'choosingToStay',
  states: {
    // ≤6 months away with full use of the home: the citizen may stay registered, or report anyway.
    choosingToStay: {
      always: [
        { guard: ({ context }) => registrationPath(context.answers) === 'municipality-decides', target: 'awaitingMunicipality' },
        { guard: ({ context }) => registrationPath(context.answers) === 'must-report', target: 'awaitingReport' },
      ],
      on: {
        'registration.kept': {
          target: 'kept',
          actions: [
            { type: 'setStep', params: { step: 'report-emigration', status: 'skipped', reason: 'stays-registered' } },
            { type: 'skipSteps', params: { steps: [CPR_STEP, 'tax-liability'], reason: 'stays-registered' } },
          ],
        },
        // Reporting anyway: handled exactly as on the must-report path.
        'emigration.reported': { target: 'awaitingReport', actions: raise(({ event }) => event) },
      },
    },
    // Working abroad but home most weekends: the municipality decides whether the citizen still lives here.
    awaitingMunicipality: {
      on: {
        'residence.decided': [
          { guard: ({ event }) => event.mustDeregister, target: 'awaitingReport' },
          {
            target: 'kept',
            actions: [
              { type: 'setStep', params: { step: 'report-emigration', status: 'skipped', reason: 'municipality-kept-registration' } },
              { type: 'skipSteps', params: { steps: [CPR_STEP, 'tax-liability'], reason: 'municipality-kept-registration' } },
            ],
          },
        ],
      },
    },
    awaitingReport: {
      on: {
        'emigration.reported': [
          {
            guard: 'toNordicCountry',
            target: 'awaitingNordicConfirmation',
            actions: [
              {
                type: 'setStep',
                params: ({ context, event }) => ({
                  step: 'report-emigration',
                  status: 'done',
                  reason: isAfter(event.reportedOn, context.steps['report-emigration'].deadline) ? 'reported-after-deadline' : undefined,
                }),
              },
              { type: 'recordBasisDate', params: ({ event }) => ({ date: event.reportedOn }) },
            ],
          },
          {
            target: 'awaitingCpr',
            actions: [
              {
                type: 'setStep',
                params: ({ context, event }) => ({
                  step: 'report-emigration',
                  status: 'done',
                  reason: isAfter(event.reportedOn, context.steps['report-emigration'].deadline) ? 'reported-after-deadline' : undefined,
                }),
              },
              { type: 'recordBasisDate', params: ({ event }) => ({ date: event.reportedOn }) },
            ],
          },
        ],
      },
    },
    // Inter-Nordic agreement: Denmark records the departure only after the other country confirms.
    awaitingNordicConfirmation: {
      entry: [{ type: 'setStep', params: { step: CPR_STEP, status: 'active' } }, 'awaitNordicConfirmation'],
      on: {
        'nordic-registration.confirmed': {
          target: 'awaitingCpr',
          actions: { type: 'recordBasisDate', params: ({ event }) => ({ date: event.confirmedOn }) },
        },
        'timer.fired': {
          guard: isTimer(CPR_WATCHDOG),
          actions: [
            { type: 'setStep', params: { step: CPR_STEP, status: 'late', reason: 'nordic-confirmation-overdue' } },
            'notifyLate',
          ],
        },
      },
    },
    awaitingCpr: {
      entry: [{ type: 'setStep', params: { step: CPR_STEP, status: 'active' } }, 'requestCprConfirmation'],
      on: {
        'integration.completed': {
          guard: isTask(CPR_TASK),
          target: 'registered',
          actions: [{ type: 'setStep', params: { step: CPR_STEP, status: 'done' } }, 'cancelCprWatchdog'],
        },
        'integration.failed': {
          guard: isTask(CPR_TASK),
          target: 'cprFailed',
          actions: [
            { type: 'setStep', params: ({ event }) => ({ step: CPR_STEP, status: 'failed', reason: event.code }) },
            'cancelCprWatchdog',
          ],
        },
        'timer.fired': {
          guard: isTimer(CPR_WATCHDOG),
          actions: [{ type: 'setStep', params: { step: CPR_STEP, status: 'late', reason: 'confirmation-overdue' } }, 'notifyLate'],
        },
      },
    },
    cprFailed: {
      on: {
        'integration.retry': {
          guard: isTask(CPR_TASK),
          target: 'awaitingCpr',
          // Without the request time the old basis stands, so the watchdog may flag `late` at once.
          actions: {
            type: 'recordBasisDate',
            params: ({ context, event }) => ({
              date: event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.registrationBasisDate,
            }),
          },
        },
      },
    },
    registered: { type: 'final' },
    kept: { type: 'final' },
  },
});
