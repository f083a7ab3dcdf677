/** Reporting the move, the municipality's checks and CPR's registration. */
import { dateOfTimestamp } from '../../shared/calendar';
import { isTask, isTimer, stepIs } from '../../shared/kit';
import { CPR_TASK } from '../moving.rules';
import { CPR_STEP, CPR_WATCHDOG, isAfter, movingSetup } from '../moving.setup';

export const registrationRegion = movingSetup.createStateConfig({
  initial: 'awaitingReport',
  states: {
    awaitingReport: {
      on: {
        'move.reported': {
          target: 'municipalityChecks',
          actions: [
            {
              type: 'setStep',
              params: ({ context, event }) => ({
                step: 'report-move',
                status: 'done',
                reason: isAfter(event.reportedOn, context.steps['report-move'].deadline) ? 'reported-after-deadline' : undefined,
              }),
            },
            { type: 'recordBasisDate', params: ({ event }) => ({ date: event.reportedOn }) },
            { type: 'activate', params: { steps: ['logivaert-check', 'child-move-hearing'] } },
          ],
        },
      },
    },
    municipalityChecks: {
      type: 'parallel',
      entry: 'awaitMunicipality',
      onDone: 'awaitingCpr',
      states: {
        hostDeclaration: {
          initial: 'awaitingHost',
          states: {
            awaitingHost: {
              always: { guard: stepIs('logivaert-check', 'skipped'), target: 'notNeeded' },
              on: {
                'logivaert.decided': [
                  {
                    guard: ({ event }) => event.confirmed,
                    target: 'confirmed',
                    actions: [
                      { type: 'setStep', params: { step: 'logivaert-check', status: 'done' } },
                      { type: 'recordBasisDate', params: ({ event }) => ({ date: event.decidedOn }) },
                    ],
                  },
                  {
                    target: 'refused',
                    actions: {
                      type: 'setStep',
                      params: { step: 'logivaert-check', status: 'failed', reason: 'host-did-not-confirm' },
                    },
                  },
                ],
              },
            },
            // A caseworker sorts it out with the citizen and the host, then records the new answer.
            refused: {
              on: {
                'logivaert.decided': {
                  guard: ({ event }) => event.confirmed,
                  target: 'confirmed',
                  actions: [
                    { type: 'setStep', params: { step: 'logivaert-check', status: 'done' } },
                    { type: 'recordBasisDate', params: ({ event }) => ({ date: event.decidedOn }) },
                  ],
                },
              },
            },
            confirmed: { type: 'final' },
            notNeeded: { type: 'final' },
          },
        },
        parentHearing: {
          initial: 'awaitingOtherParent',
          states: {
            awaitingOtherParent: {
              always: { guard: stepIs('child-move-hearing', 'skipped'), target: 'notNeeded' },
              on: {
                // Either outcome ends the hearing; a refusal keeps only the child at the old address.
                'child-move-hearing.decided': {
                  target: 'concluded',
                  actions: [
                    {
                      type: 'setStep',
                      params: ({ event }) => ({
                        step: 'child-move-hearing',
                        status: 'done',
                        reason: event.registrationMayProceed ? 'child-move-approved' : 'child-move-refused',
                      }),
                    },
                    { type: 'recordBasisDate', params: ({ event }) => ({ date: event.decidedOn }) },
                  ],
                },
              },
            },
            concluded: { type: 'final' },
            notNeeded: { type: 'final' },
          },
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
  },
});
