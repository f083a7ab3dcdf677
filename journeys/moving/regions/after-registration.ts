/** The doctor, address protection, housing benefit, preliminary tax and the children's services. */
import { isAfterDeadline } from '../../shared/calendar';
import { stepIs } from '../../shared/kit';
import { preliminaryTaxCheck } from '../../shared/patterns';
import { CPR_STEP, movingSetup } from '../moving.setup';

export const gpChoiceRegion = movingSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      on: {
        'gp-choice.made': {
          target: 'chosen',
          actions: { type: 'setStep', params: { step: 'gp-choice', status: 'done' } },
        },
      },
    },
    chosen: { type: 'final' },
  },
});

export const addressProtectionRegion = movingSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      always: { guard: stepIs('address-protection', 'skipped'), target: 'notWanted' },
      on: {
        'address-protection.applied': {
          target: 'applied',
          actions: { type: 'setStep', params: { step: 'address-protection', status: 'done' } },
        },
        'address-protection.declined': {
          target: 'notWanted',
          actions: { type: 'setStep', params: { step: 'address-protection', status: 'skipped', reason: 'declined' } },
        },
      },
    },
    applied: { type: 'final' },
    notWanted: { type: 'final' },
  },
});

export const housingBenefitRegion = movingSetup.createStateConfig({
  initial: 'awaitingReport',
  states: {
    // UDK reads the new address from CPR, so the application follows the report.
    awaitingReport: {
      always: [
        { guard: stepIs('housing-benefit', 'skipped'), target: 'notRelevant' },
        {
          guard: stepIs('report-move', 'done'),
          target: 'open',
          actions: { type: 'activate', params: { steps: ['housing-benefit'] } },
        },
      ],
    },
    open: {
      on: {
        'housing-benefit.applied': {
          target: 'applied',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: 'housing-benefit',
              status: 'done',
              // Late applications are paid only from the 1st of the month after applying.
              reason: isAfterDeadline(event.appliedOn, context.steps['housing-benefit'].deadline) ? 'applied-after-deadline' : undefined,
            }),
          },
        },
        'housing-benefit.declined': {
          target: 'declined',
          actions: { type: 'setStep', params: { step: 'housing-benefit', status: 'skipped', reason: 'declined' } },
        },
      },
    },
    applied: { type: 'final' },
    declined: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});

export const preliminaryTaxRegion = movingSetup.createStateConfig(preliminaryTaxCheck());

export const childrenServicesRegion = movingSetup.createStateConfig({
  initial: 'awaitingRegistration',
  states: {
    // Daycare waiting lists and school districts count from the CPR registration.
    awaitingRegistration: {
      always: [
        { guard: stepIs('children-services', 'skipped'), target: 'notRelevant' },
        {
          guard: stepIs(CPR_STEP, 'done'),
          target: 'open',
          actions: { type: 'activate', params: { steps: ['children-services'] } },
        },
      ],
    },
    open: {
      on: {
        'children-services.arranged': {
          target: 'arranged',
          actions: { type: 'setStep', params: { step: 'children-services', status: 'done' } },
        },
      },
    },
    arranged: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
