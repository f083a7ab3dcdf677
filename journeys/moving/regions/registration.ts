/** Reporting the move, the municipality's checks and CPR's registration. */
import { stepIs } from '../../shared/kit';
import { moveReported } from '../../shared/registration';
import { CPR_TASK } from '../moving.rules';
import { cprConfirmation, CPR_STEP, movingSetup } from '../moving.setup';

export const registrationRegion = movingSetup.createStateConfig({
  initial: 'awaitingReport',
  states: {
    awaitingReport: {
      on: {
        'move.reported': {
          target: 'municipalityChecks',
          actions: [...moveReported('report-move'), { type: 'activate', params: { steps: ['logivaert-check', 'child-move-hearing'] } }],
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
    ...cprConfirmation(CPR_STEP, CPR_TASK),
    registered: { type: 'final' },
  },
});
