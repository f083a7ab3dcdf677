/** Tax liability, the benefits that stop, and EU social security (A1/S1). */
import { isTimer, stepIs } from '../../shared/kit';
import { housingBenefitAffected } from '../moving-abroad.rules';
import { CPR_STEP, movingAbroadSetup, TAX_CALL_TIMER } from '../moving-abroad.setup';

export const taxLiabilityRegion = movingAbroadSetup.createStateConfig({
  initial: 'awaitingDeregistration',
  states: {
    awaitingDeregistration: {
      always: [
        { guard: stepIs('tax-liability', 'skipped'), target: 'notRelevant' },
        { guard: stepIs(CPR_STEP, 'done'), target: 'open', actions: ['openTaxLiability', 'scheduleTaxCall'] },
      ],
    },
    open: {
      on: {
        'tax-liability.clarified': {
          target: 'clarified',
          actions: [
            { type: 'setStep', params: ({ event }) => ({ step: 'tax-liability', status: 'done', reason: `liability-${event.liability}` }) },
            { type: 'cancelTimer', params: { key: TAX_CALL_TIMER } },
          ],
        },
        'timer.fired': { guard: isTimer(TAX_CALL_TIMER), actions: { type: 'notifyNeedsYou', params: { step: 'tax-liability' } } },
      },
    },
    clarified: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});

export const benefitsStopRegion = movingAbroadSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      type: 'parallel',
      onDone: [{ guard: stepIs('benefits-stop', 'skipped'), target: 'notRelevant' }, { target: 'checked' }],
      states: {
        // UDK stops child benefit from the CPR registration, unless the citizen still works in Denmark.
        childBenefit: {
          initial: 'awaitingRegistration',
          states: {
            awaitingRegistration: {
              always: [
                { guard: ({ context }) => !context.answers.benefits.childBenefit, target: 'notRelevant' },
                // Staying registered: the move is not permanent, the benefit continues.
                { guard: stepIs('report-emigration', 'skipped'), target: 'notRelevant' },
                {
                  guard: ({ context }) => context.steps[CPR_STEP].status === 'done' && context.answers.stillWorksInDenmark,
                  target: 'open',
                },
                { guard: stepIs(CPR_STEP, 'done'), target: 'stoppedByCpr' },
              ],
            },
            open: {
              on: {
                'benefit-change.reported': { guard: ({ event }) => event.benefit === 'child-benefit', target: 'reported' },
              },
            },
            reported: { type: 'final' },
            stoppedByCpr: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        housingBenefit: {
          initial: 'open',
          states: {
            open: {
              always: { guard: ({ context }) => !housingBenefitAffected(context.answers), target: 'notRelevant' },
              on: {
                'benefit-change.reported': { guard: ({ event }) => event.benefit === 'housing-benefit', target: 'reported' },
              },
            },
            reported: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        su: {
          initial: 'open',
          states: {
            open: {
              always: { guard: ({ context }) => !context.answers.benefits.su, target: 'notRelevant' },
              on: { 'benefit-change.reported': { guard: ({ event }) => event.benefit === 'su', target: 'reported' } },
            },
            reported: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        pension: {
          initial: 'open',
          states: {
            open: {
              always: { guard: ({ context }) => !context.answers.benefits.pension, target: 'notRelevant' },
              on: { 'benefit-change.reported': { guard: ({ event }) => event.benefit === 'pension', target: 'reported' } },
            },
            reported: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
      },
    },
    checked: {
      type: 'final',
      entry: { type: 'setStep', params: { step: 'benefits-stop', status: 'done' } },
    },
    notRelevant: { type: 'final' },
  },
});

export const euSocialSecurityRegion = movingAbroadSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      always: { guard: stepIs('eu-social-security', 'skipped'), target: 'notRelevant' },
      on: {
        'eu-social-security.clarified': [
          {
            guard: ({ event }) => event.outcome === 'certificate-obtained',
            target: 'handled',
            actions: { type: 'setStep', params: { step: 'eu-social-security', status: 'done' } },
          },
          {
            target: 'notRelevant',
            actions: { type: 'setStep', params: { step: 'eu-social-security', status: 'skipped', reason: 'not-needed' } },
          },
        ],
      },
    },
    handled: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
