/** Steps 4, 7 and 6: the children's arrangements, and the support and benefits that follow them. */
import { assign } from 'xstate';
import { isAfterDeadline } from '../../shared/calendar';
import { isTask, stepIs } from '../../shared/kit';
import { ALLOWANCE_TASK } from '../divorce.rules';
import { BENEFITS, CHILDREN, divorceSetup, SUPPORT } from '../divorce.setup';

export const childrenArrangementsRegion = divorceSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      always: { guard: stepIs(CHILDREN, 'skipped'), target: 'notRelevant' },
      on: {
        'children-arrangements.agreed': {
          target: 'settled',
          actions: { type: 'setStep', params: { step: CHILDREN, status: 'done', reason: 'agreed' } },
        },
        'children-arrangements.applied': { target: 'atFamilieretshuset' },
      },
    },
    atFamilieretshuset: {
      on: {
        'children-arrangements.decided': {
          target: 'settled',
          actions: {
            type: 'setStep',
            params: ({ event }) => ({ step: CHILDREN, status: 'done', reason: `decided-by-${event.decidedBy}` }),
          },
        },
      },
    },
    settled: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});

export const childSupportRegion = divorceSetup.createStateConfig({
  initial: 'awaitingArrangements',
  states: {
    awaitingArrangements: {
      always: [
        { guard: stepIs(SUPPORT, 'skipped'), target: 'notRelevant' },
        {
          guard: stepIs(CHILDREN, 'done'),
          target: 'open',
          actions: [
            { type: 'activate', params: { steps: [SUPPORT] } },
            { type: 'notifyNeedsYou', params: { step: SUPPORT } },
          ],
        },
      ],
    },
    open: {
      on: {
        'child-support.agreed': {
          target: 'settled',
          actions: { type: 'setStep', params: { step: SUPPORT, status: 'done', reason: 'agreed' } },
        },
        'child-support.applied': { target: 'awaitingDecision' },
      },
    },
    awaitingDecision: {
      on: {
        'child-support.decided': {
          target: 'settled',
          actions: { type: 'setStep', params: { step: SUPPORT, status: 'done', reason: 'decided-by-familieretshuset' } },
        },
      },
    },
    settled: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});

export const familyBenefitsRegion = divorceSetup.createStateConfig({
  initial: 'awaitingArrangements',
  states: {
    awaitingArrangements: {
      always: [
        { guard: stepIs(BENEFITS, 'skipped'), target: 'notRelevant' },
        {
          guard: stepIs(CHILDREN, 'done'),
          target: 'open',
          actions: [
            { type: 'activate', params: { steps: [BENEFITS] } },
            { type: 'notifyNeedsYou', params: { step: BENEFITS } },
          ],
        },
      ],
    },
    open: {
      on: {
        'family-benefits.chosen': [
          {
            guard: ({ event }) => event.singleProvider,
            target: 'applyingAllowance',
            // The reminders were about applying; we send the application now.
            actions: [
              assign({ allowanceRequestedOn: ({ event }) => event.chosenOn }),
              { type: 'cancelStepReminders', params: { step: BENEFITS } },
            ],
          },
          {
            target: 'arranged',
            actions: {
              type: 'setStep',
              params: ({ event }) => ({ step: BENEFITS, status: 'done', reason: `child-benefit-${event.childBenefitRecipient}` }),
            },
          },
        ],
      },
    },
    applyingAllowance: {
      entry: [{ type: 'setStep', params: { step: BENEFITS, status: 'active' } }, 'requestAllowance'],
      on: {
        'integration.completed': {
          guard: isTask(ALLOWANCE_TASK),
          target: 'arranged',
          actions: {
            type: 'setStep',
            params: ({ context }) => ({
              step: BENEFITS,
              status: 'done',
              // Paid from the quarter after applying: a late application loses a quarter.
              reason:
                context.allowanceRequestedOn && isAfterDeadline(context.allowanceRequestedOn, context.steps[BENEFITS].deadline)
                  ? 'allowance-applied-after-deadline'
                  : 'allowance-applied',
            }),
          },
        },
        'integration.failed': {
          guard: isTask(ALLOWANCE_TASK),
          target: 'allowanceFailed',
          actions: { type: 'setStep', params: ({ event }) => ({ step: BENEFITS, status: 'failed', reason: event.code }) },
        },
      },
    },
    allowanceFailed: {
      on: { 'integration.retry': { guard: isTask(ALLOWANCE_TASK), target: 'applyingAllowance' } },
    },
    arranged: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
