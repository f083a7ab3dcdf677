/** What follows the pay: ATP and pension, holiday pay, and the benefits that read the pay. */
import { dateOfTimestamp } from '../../shared/calendar';
import { stepIs } from '../../shared/kit';
import { PAYROLL_TASK } from '../new-job.rules';
import { confirmation, newJobSetup } from '../new-job.setup';

export const pensionAtpRegion = newJobSetup.createStateConfig({
  initial: 'awaitingPayroll',
  states: {
    ...confirmation({
      step: 'pension-atp',
      task: PAYROLL_TASK,
      awaiting: 'awaitingPayroll',
      failed: 'confirmationFailed',
      confirmed: 'reported',
      entry: 'requestPayrollConfirmation',
      lateReason: 'first-pay-not-reported',
      retry: [
        {
          type: 'recordBasis',
          params: ({ context, event }) => ({ payroll: event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.basis.payroll }),
        },
      ],
    }),
    reported: { type: 'final' },
  },
});

export const holidayPayRegion = newJobSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      always: { guard: stepIs('holiday-pay', 'skipped'), target: 'notRelevant' },
      on: {
        'holiday-pay.requested': {
          target: 'requested',
          actions: { type: 'setStep', params: { step: 'holiday-pay', status: 'done' } },
        },
        'holiday-pay.not-needed': {
          target: 'notRelevant',
          actions: { type: 'setStep', params: { step: 'holiday-pay', status: 'skipped', reason: 'not-needed' } },
        },
      },
    },
    requested: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});

export const incomeLinkedBenefitsRegion = newJobSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      type: 'parallel',
      onDone: [{ guard: stepIs('income-linked-benefits', 'skipped'), target: 'notRelevant' }, { target: 'reported' }],
      states: {
        housingBenefit: {
          initial: 'open',
          states: {
            open: {
              always: { guard: ({ context }) => !context.answers.receivesHousingBenefit, target: 'notRelevant' },
              on: { 'housing-benefit.income-reported': { target: 'reported' } },
            },
            reported: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        su: {
          initial: 'open',
          states: {
            open: {
              always: { guard: ({ context }) => !context.answers.receivesSu, target: 'notRelevant' },
              on: { 'su.income-checked': { target: 'checked' } },
            },
            checked: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
      },
    },
    reported: {
      type: 'final',
      entry: { type: 'setStep', params: { step: 'income-linked-benefits', status: 'done' } },
    },
    notRelevant: { type: 'final' },
  },
});
