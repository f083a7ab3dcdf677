/** Child benefit and daycare, which wait for the child's CPR number. */
import { CHILD_BENEFIT_TASK } from '../becoming-a-parent.rules';
import { confirmation, parentSetup } from '../becoming-a-parent.setup';

export const childBenefitRegion = parentSetup.createStateConfig({
  initial: 'awaitingBirth',
  states: {
    awaitingBirth: {
      always: [
        { guard: ({ context }) => context.birthDate !== undefined && context.situation.crossBorderEu, target: 'application' },
        { guard: 'birthKnown', target: 'automatic' },
      ],
    },
    // Udbetaling Danmark awards it from CPR; its status confirms the award.
    ...confirmation({
      step: 'child-benefit',
      task: CHILD_BENEFIT_TASK,
      awaiting: 'automatic',
      failed: 'statusFailed',
      confirmed: 'granted',
      entry: 'requestChildBenefit',
      lateReason: 'first-payment-not-confirmed',
    }),
    // Cross-border EU/EEA families apply; Udbetaling Danmark then coordinates with the other country.
    application: {
      on: {
        'child-benefit.applied': {
          target: 'granted',
          actions: { type: 'setStep', params: { step: 'child-benefit', status: 'done', reason: 'applied-cross-border' } },
        },
      },
    },
    granted: { type: 'final' },
  },
});

export const daycareRegion = parentSetup.createStateConfig({
  initial: 'awaitingBirth',
  states: {
    // Digital Pladsanvisning needs the child's CPR number.
    awaitingBirth: { always: { guard: 'birthKnown', target: 'open' } },
    open: {
      on: {
        'daycare.signed-up': {
          target: 'signedUp',
          actions: { type: 'setStep', params: { step: 'daycare-signup', status: 'done' } },
        },
        'daycare.not-needed': {
          target: 'notNeeded',
          actions: { type: 'setStep', params: { step: 'daycare-signup', status: 'skipped', reason: 'not-needed' } },
        },
      },
    },
    signedUp: { type: 'final' },
    notNeeded: { type: 'final' },
  },
});
