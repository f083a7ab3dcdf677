/** Reporting the emigration and CPR's confirmation of it. */
import { raise } from 'xstate';
import { overdue } from '../../shared/patterns';
import { moveReported } from '../../shared/registration';
import { CPR_TASK, registrationPath, registrationPathV1 } from '../moving-abroad.rules';
import type { MovingAbroadAnswers } from '../moving-abroad.start';
import { cprConfirmation, CPR_STEP, movingAbroadSetup } from '../moving-abroad.setup';

const reported = moveReported('report-emigration');

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
            { guard: 'toNordicCountry', target: 'awaitingNordicConfirmation', actions: reported },
            { target: 'awaitingCpr', actions: reported },
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
          'timer.fired': overdue(CPR_STEP, 'nordic-confirmation-overdue'),
        },
      },
      ...cprConfirmation(CPR_STEP, CPR_TASK),
      registered: { type: 'final' },
      kept: { type: 'final' },
    },
  });
