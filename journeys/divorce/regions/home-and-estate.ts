/** Steps 5, 8 and 9: the move, the estate and the tax and housing updates. */
import { isAfterDeadline } from '../../shared/calendar';
import { isTask, stepIs } from '../../shared/kit';
import { linkedMove } from '../../shared/patterns';
import { ESTATE_DIVISION_TASK } from '../divorce.rules';
import { divorceSetup, ESTATE, MOVE_OUT, TAX_HOUSING, TERMS } from '../divorce.setup';

const move = linkedMove(MOVE_OUT);

export const moveOutRegion = divorceSetup.createStateConfig({
  initial: 'planning',
  states: {
    ...move,
    planning: { always: { guard: stepIs(MOVE_OUT, 'skipped'), target: 'notMoving' }, ...move.planning },
  },
});

export const estateSplitRegion = divorceSetup.createStateConfig({
  initial: 'awaitingDecree',
  states: {
    awaitingDecree: {
      always: [
        { guard: stepIs(TERMS, 'skipped'), target: 'open' },
        { guard: stepIs(TERMS, 'done'), target: 'open', actions: { type: 'activate', params: { steps: [ESTATE] } } },
      ],
    },
    open: {
      on: {
        'estate.divided': {
          target: 'divided',
          actions: { type: 'setStep', params: { step: ESTATE, status: 'done', reason: 'private-agreement' } },
        },
        // Only a marital estate goes to the probate court (cohabitants have no bodeling).
        'estate-division.requested': {
          guard: ({ context }) => context.divorceCase !== undefined,
          target: 'requestingDivision',
        },
      },
    },
    requestingDivision: {
      entry: [{ type: 'setStep', params: { step: ESTATE, status: 'active' } }, 'requestEstateDivision'],
      on: {
        'integration.completed': { guard: isTask(ESTATE_DIVISION_TASK), target: 'atProbateCourt' },
        'integration.failed': {
          guard: isTask(ESTATE_DIVISION_TASK),
          target: 'divisionRequestFailed',
          actions: { type: 'setStep', params: ({ event }) => ({ step: ESTATE, status: 'failed', reason: event.code }) },
        },
      },
    },
    divisionRequestFailed: {
      on: { 'integration.retry': { guard: isTask(ESTATE_DIVISION_TASK), target: 'requestingDivision' } },
    },
    atProbateCourt: {
      on: {
        'estate.divided': {
          target: 'divided',
          actions: { type: 'setStep', params: { step: ESTATE, status: 'done', reason: 'probate-court' } },
        },
      },
    },
    divided: { type: 'final' },
  },
});

export const taxAndHousingRegion = divorceSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      on: {
        'tax-and-housing.updated': {
          // With housing benefit, the step is done only once Payment Denmark has been told.
          guard: ({ context, event }) => !context.answers.receivesHousingBenefit || event.housingBenefitReported,
          target: 'updated',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: TAX_HOUSING,
              status: 'done',
              reason:
                context.answers.receivesHousingBenefit && isAfterDeadline(event.updatedOn, context.steps[TAX_HOUSING].deadline)
                  ? 'housing-benefit-reported-late'
                  : undefined,
            }),
          },
        },
      },
    },
    updated: { type: 'final' },
  },
});
