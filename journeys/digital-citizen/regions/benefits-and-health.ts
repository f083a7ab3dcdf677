/** The tax card (frikort), ungeydelse and the choice of doctor. */
import { watchdogFiredWhileActive } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { decideBranches } from '../digital-citizen.rules';
import { digitalCitizenSetup, FRIKORT, GP, UNGEYDELSE } from '../digital-citizen.setup';

export const frikortRegion = digitalCitizenSetup.createStateConfig({
  initial: 'awaitingCard',
  states: {
    awaitingCard: {
      on: {
        'frikort.created': [
          {
            // With a job, the young person must enter the expected income before the step is done.
            guard: ({ context }) => decideBranches(context.facts).enterExpectedIncome,
            target: 'awaitingIncome',
            actions: [
              { type: 'setStep', params: { step: FRIKORT, status: 'active' } },
              { type: 'cancelWatchdog', params: { step: FRIKORT } },
              { type: 'notifyNeedsYou', params: { step: FRIKORT } },
            ],
          },
          {
            target: 'created',
            actions: [
              { type: 'setStep', params: { step: FRIKORT, status: 'done' } },
              { type: 'cancelWatchdog', params: { step: FRIKORT } },
            ],
          },
        ],
        'timer.fired': overdue(FRIKORT, 'confirmation-overdue', watchdogFiredWhileActive(FRIKORT)),
      },
    },
    awaitingIncome: {
      on: {
        'expected-income.entered': {
          target: 'created',
          actions: { type: 'setStep', params: { step: FRIKORT, status: 'done', reason: 'expected-income-entered' } },
        },
      },
    },
    created: { type: 'final' },
  },
});

export const ungeydelseRegion = digitalCitizenSetup.createStateConfig({
  initial: 'awaitingPayment',
  states: {
    awaitingPayment: {
      on: {
        'ungeydelse.switched': {
          target: 'switched',
          actions: [
            { type: 'setStep', params: { step: UNGEYDELSE, status: 'done' } },
            { type: 'cancelWatchdog', params: { step: UNGEYDELSE } },
          ],
        },
        'timer.fired': overdue(UNGEYDELSE, 'confirmation-overdue', watchdogFiredWhileActive(UNGEYDELSE)),
      },
    },
    switched: { type: 'final' },
  },
});

export const gpChoiceRegion = digitalCitizenSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      on: {
        'gp.changed': {
          target: 'changed',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => {
              const deadline = context.steps[GP].deadline;
              // After the free period the change costs a fee (uncertain rule, see the rules file).
              return { step: GP, status: 'done', reason: deadline && event.changedOn > deadline ? 'changed-after-free-period' : undefined };
            },
          },
        },
        'gp.kept': {
          target: 'kept',
          actions: { type: 'setStep', params: { step: GP, status: 'skipped', reason: 'kept-current-doctor' } },
        },
      },
    },
    changed: { type: 'final' },
    kept: { type: 'final' },
  },
});
