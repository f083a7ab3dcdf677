/** The tax card, the move and the travel card, which open once the place is accepted. */
import { assign } from 'xstate';
import { isAfterDeadline } from '../../shared/calendar';
import { isClosed, isTask, stepIs } from '../../shared/kit';
import { linkedMove } from '../../shared/patterns';
import { TAX_CARD_TASK } from '../starting-education.rules';
import { MOVE_OUT, noPlace, placeAccepted, startingEducationSetup, SU, TAX_CARD, UNGDOMSKORT } from '../starting-education.setup';

export const taxCardRegion = startingEducationSetup.createStateConfig({
  initial: 'awaitingSu',
  states: {
    // The choice only matters once SU is paid.
    awaitingSu: {
      always: [
        {
          guard: ({ context }) => context.suGranted === true,
          target: 'open',
          actions: [
            { type: 'activate', params: { steps: [TAX_CARD] } },
            { type: 'notifyNeedsYou', params: { step: TAX_CARD } },
          ],
        },
        {
          guard: ({ context }) => isClosed(context.steps[SU].status),
          target: 'notRelevant',
          actions: { type: 'setStep', params: { step: TAX_CARD, status: 'skipped', reason: 'no-su' } },
        },
      ],
    },
    open: {
      on: {
        'tax-card.chosen': {
          target: 'settingCard',
          actions: assign({ mainTaxCard: ({ event }) => ({ mainCard: event.mainCard, employerCvr: event.employerCvr }) }),
        },
      },
    },
    // We register the choice in eSkattekort; the other income then uses the secondary card.
    settingCard: {
      entry: [{ type: 'setStep', params: { step: TAX_CARD, status: 'active' } }, 'setTaxCard'],
      on: {
        'integration.completed': {
          guard: isTask(TAX_CARD_TASK),
          target: 'chosen',
          actions: {
            type: 'setStep',
            params: ({ context }) => ({ step: TAX_CARD, status: 'done', reason: `main-card-${context.mainTaxCard?.mainCard ?? 'su'}` }),
          },
        },
        'integration.failed': {
          guard: isTask(TAX_CARD_TASK),
          target: 'cardFailed',
          actions: { type: 'setStep', params: ({ event }) => ({ step: TAX_CARD, status: 'failed', reason: event.code }) },
        },
      },
    },
    cardFailed: {
      on: {
        'integration.retry': { guard: isTask(TAX_CARD_TASK), target: 'settingCard' },
        // The student may change the choice while a caseworker looks at the failure.
        'tax-card.chosen': {
          target: 'settingCard',
          actions: assign({ mainTaxCard: ({ event }) => ({ mainCard: event.mainCard, employerCvr: event.employerCvr }) }),
        },
      },
    },
    chosen: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});

export const moveOutRegion = startingEducationSetup.createStateConfig({
  initial: 'awaitingPlace',
  states: {
    awaitingPlace: {
      always: [
        { guard: stepIs(MOVE_OUT, 'skipped'), target: 'notMoving' },
        {
          guard: noPlace,
          target: 'notMoving',
          actions: { type: 'setStep', params: { step: MOVE_OUT, status: 'skipped', reason: 'no-place' } },
        },
        {
          guard: placeAccepted,
          target: 'planning',
          actions: [
            { type: 'activate', params: { steps: [MOVE_OUT] } },
            { type: 'notifyNeedsYou', params: { step: MOVE_OUT } },
          ],
        },
      ],
    },
    // The moving journey needs the move's details, so it starts when the student gives them.
    ...linkedMove(MOVE_OUT),
  },
});

export const ungdomskortRegion = startingEducationSetup.createStateConfig({
  initial: 'awaitingPlace',
  states: {
    awaitingPlace: {
      always: [
        {
          guard: noPlace,
          target: 'notRelevant',
          actions: { type: 'setStep', params: { step: UNGDOMSKORT, status: 'skipped', reason: 'no-place' } },
        },
        { guard: placeAccepted, target: 'open', actions: { type: 'activate', params: { steps: [UNGDOMSKORT] } } },
      ],
    },
    open: {
      on: {
        'ungdomskort.applied': {
          target: 'applied',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: UNGDOMSKORT,
              status: 'done',
              reason: isAfterDeadline(event.appliedOn, context.steps[UNGDOMSKORT].deadline) ? 'applied-after-deadline' : undefined,
            }),
          },
        },
        'ungdomskort.declined': {
          target: 'notRelevant',
          actions: { type: 'setStep', params: { step: UNGDOMSKORT, status: 'skipped', reason: 'declined' } },
        },
      },
    },
    applied: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
