/** Reporting the emigration and CPR's confirmation of it. */
import { raise } from 'xstate';
import { dateOfTimestamp } from '../../shared/calendar';
import { isTask, isTimer } from '../../shared/kit';
import { CPR_TASK, registrationPath, registrationPathV1 } from '../moving-abroad.rules';
import type { MovingAbroadAnswers } from '../moving-abroad.start';
import { CPR_STEP, CPR_WATCHDOG, isAfter, movingAbroadSetup } from '../moving-abroad.setup';

/**
 * Version 1 sent a citizen working abroad and home most weekends to the municipality's decision
 * (`awaitingMunicipality`); the law gives that citizen the right to stay registered. Version 1 keeps
 * the state so that its journeys restore until the migration moves them to `choosingToStay`.
 */
const municipalityDecidesV1 = movingAbroadSetup.createStateConfig({
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
});

/** The registration region; `version` 1 keeps the municipality's decision for weekly commuters. */
export const registrationRegionFor = (version: 1 | 2) =>
  movingAbroadSetup.createStateConfig({
    initial: 'choosingToStay',
    states: {
      // Entitled to stay registered (≤6 months away with full use of the home, or working abroad and
      // home most weekends): the citizen stays registered, or reports anyway.
      choosingToStay: {
        always: [
          ...(version === 1
            ? [
                {
                  guard: ({ context }: { context: { answers: MovingAbroadAnswers } }) =>
                    registrationPathV1(context.answers) === 'municipality-decides',
                  target: 'awaitingMunicipality',
                },
              ]
            : []),
          {
            guard: ({ context }: { context: { answers: MovingAbroadAnswers } }) =>
              (version === 1 ? registrationPathV1(context.answers) : registrationPath(context.answers)) === 'must-report',
            target: 'awaitingReport',
          },
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
      ...(version === 1 ? { awaitingMunicipality: municipalityDecidesV1 } : {}),
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
            actions: [{ type: 'setStep', params: { step: CPR_STEP, status: 'late', reason: 'nordic-confirmation-overdue' } }, 'notifyLate'],
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
