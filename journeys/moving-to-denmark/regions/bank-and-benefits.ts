/** The NemKonto and the family benefits. */
import { stepIs } from '../../shared/kit';
import { mustApplyForChildBenefit, needsSuEqualStatus } from '../moving-to-denmark.rules';
import { movingToDenmarkSetup } from '../moving-to-denmark.setup';

export const bankNemkontoRegion = movingToDenmarkSetup.createStateConfig({
  initial: 'awaitingRegistration',
  states: {
    awaitingRegistration: {
      always: [
        { guard: stepIs('bank-nemkonto', 'skipped'), target: 'notRelevant' },
        {
          guard: stepIs('register-cpr', 'done'),
          target: 'awaitingAccount',
          actions: { type: 'activate', params: { steps: ['bank-nemkonto'] } },
        },
      ],
    },
    awaitingAccount: {
      on: {
        'nemkonto.nominated': {
          target: 'nominated',
          actions: {
            type: 'setStep',
            params: ({ event }) => ({
              step: 'bank-nemkonto',
              status: 'done',
              reason: event.foreignAccount ? 'foreign-account' : undefined,
            }),
          },
        },
      },
    },
    nominated: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});

export const familyBenefitsRegion = movingToDenmarkSetup.createStateConfig({
  initial: 'awaitingRegistration',
  states: {
    awaitingRegistration: {
      always: [
        { guard: stepIs('family-benefits', 'skipped'), target: 'notRelevant' },
        {
          guard: stepIs('register-cpr', 'done'),
          target: 'open',
          actions: { type: 'activate', params: { steps: ['family-benefits'] } },
        },
      ],
    },
    open: {
      type: 'parallel',
      onDone: 'settled',
      states: {
        childBenefit: {
          initial: 'open',
          states: {
            open: {
              always: { guard: ({ context }) => !context.answers.childrenMoving, target: 'notRelevant' },
              on: {
                // Those who must apply cannot record a benefit that started without an application.
                'child-benefit.settled': {
                  guard: ({ context, event }) =>
                    event.outcome !== 'started-without-application' || !mustApplyForChildBenefit(context.answers),
                  target: 'settled',
                },
              },
            },
            settled: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        suEqualStatus: {
          initial: 'open',
          states: {
            open: {
              always: { guard: ({ context }) => !needsSuEqualStatus(context.answers), target: 'notRelevant' },
              on: { 'su-equal-status.applied': { target: 'applied' } },
            },
            applied: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
      },
    },
    settled: {
      type: 'final',
      entry: { type: 'setStep', params: { step: 'family-benefits', status: 'done' } },
    },
    notRelevant: { type: 'final' },
  },
});
