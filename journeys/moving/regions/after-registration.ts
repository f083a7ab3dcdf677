/** The doctor, address protection, housing benefit, preliminary tax and the children's services. */
import { isAfterDeadline } from '../../shared/calendar';
import { isTask, stepIs } from '../../shared/kit';
import { preliminaryTaxCheck } from '../../shared/patterns';
import { CPR_STEP, INCOME_TASK, movingSetup } from '../moving.setup';

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

/**
 * Housing benefit. Version 2 (`fetchIncome`) fetches the household income for the application from
 * eIndkomst when the step opens; the engine holds that fetch until the citizen consents, and the
 * citizen may type the income in instead (`housing-benefit.income-entered`).
 */
function housingBenefit(fetchIncome: boolean) {
  return movingSetup.createStateConfig({
    initial: 'awaitingReport',
    states: {
      // UDK reads the new address from CPR, so the application follows the report.
      awaitingReport: {
        always: [
          { guard: stepIs('housing-benefit', 'skipped'), target: 'notRelevant' },
          {
            guard: stepIs('report-move', 'done'),
            target: 'open',
            actions: [{ type: 'activate', params: { steps: ['housing-benefit'] } }, ...(fetchIncome ? ['requestIncome' as const] : [])],
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
          ...(fetchIncome
            ? {
                'housing-benefit.income-entered': { actions: 'recordIncome' as const },
                // Without an answer from eIndkomst the citizen types the income in.
                'integration.completed': { guard: isTask(INCOME_TASK), actions: 'recordIncome' as const },
                'integration.failed': { guard: isTask(INCOME_TASK) },
              }
            : {}),
        },
      },
      applied: { type: 'final' },
      declined: { type: 'final' },
      notRelevant: { type: 'final' },
    },
  });
}

export const housingBenefitRegion = housingBenefit(false);
export const housingBenefitWithIncomeRegion = housingBenefit(true);

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
