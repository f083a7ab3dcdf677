/** ATP, private pensions, housing benefit and holiday pay. */
import { isTask, isTimer, stepIs } from '../../shared/kit';
import { ATP_STATUS_TASK, canDeferAtp } from '../retiring.rules';
import { retiringSetup, WATCHDOG } from '../retiring.setup';

export const atpRegion = retiringSetup.createStateConfig({
  initial: 'automatic',
  states: {
    automatic: {
      always: { guard: ({ context }) => context.facts.livesAbroad, target: 'abroad' },
      entry: 'requestAtpStatus',
      on: {
        'integration.completed': {
          guard: isTask(ATP_STATUS_TASK),
          target: 'paid',
          actions: [
            { type: 'setStep', params: { step: 'atp-payout', status: 'done' } },
            { type: 'cancel', params: { key: WATCHDOG.atp } },
          ],
        },
        'integration.failed': {
          guard: isTask(ATP_STATUS_TASK),
          target: 'statusFailed',
          actions: [
            { type: 'setStep', params: ({ event }) => ({ step: 'atp-payout', status: 'failed', reason: event.code }) },
            { type: 'cancel', params: { key: WATCHDOG.atp } },
          ],
        },
        'atp.payout-deferred': {
          guard: ({ context, event }) => canDeferAtp(context.dates, event.decidedOn),
          target: 'deferred',
          actions: [
            { type: 'setStep', params: { step: 'atp-payout', status: 'done', reason: 'deferred' } },
            { type: 'cancel', params: { key: WATCHDOG.atp } },
          ],
        },
        'timer.fired': {
          guard: isTimer(WATCHDOG.atp),
          actions: [
            { type: 'setStep', params: { step: 'atp-payout', status: 'late', reason: 'payout-not-confirmed' } },
            { type: 'notifyLate', params: { step: 'atp-payout' } },
          ],
        },
      },
    },
    statusFailed: {
      on: {
        'integration.retry': {
          guard: isTask(ATP_STATUS_TASK),
          target: 'automatic',
          actions: { type: 'setStep', params: { step: 'atp-payout', status: 'active' } },
        },
      },
    },
    // Living abroad: ATP pays only when the citizen starts the payout in its self-service.
    abroad: {
      on: {
        'atp.payout-started': {
          target: 'paid',
          actions: { type: 'setStep', params: { step: 'atp-payout', status: 'done', reason: 'started-from-abroad' } },
        },
        'atp.payout-deferred': {
          guard: ({ context, event }) => canDeferAtp(context.dates, event.decidedOn),
          target: 'deferred',
          actions: { type: 'setStep', params: { step: 'atp-payout', status: 'done', reason: 'deferred' } },
        },
      },
    },
    paid: { type: 'final' },
    deferred: { type: 'final' },
  },
});

export const privatePensionsRegion = retiringSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      on: {
        'private-pensions.checked': {
          target: 'checked',
          actions: { type: 'setStep', params: { step: 'private-pensions', status: 'done' } },
        },
      },
    },
    checked: { type: 'final' },
  },
});

export const housingBenefitRegion = retiringSetup.createStateConfig({
  initial: 'awaitingRecalculation',
  states: {
    awaitingRecalculation: {
      always: { guard: stepIs('housing-benefit-recalc', 'skipped'), target: 'notRelevant' },
      on: {
        'housing-benefit.recalculated': {
          target: 'recalculated',
          actions: [
            { type: 'setStep', params: { step: 'housing-benefit-recalc', status: 'done' } },
            { type: 'cancel', params: { key: WATCHDOG.housing } },
          ],
        },
        'timer.fired': {
          guard: isTimer(WATCHDOG.housing),
          actions: [
            { type: 'setStep', params: { step: 'housing-benefit-recalc', status: 'late', reason: 'recalculation-overdue' } },
            { type: 'notifyLate', params: { step: 'housing-benefit-recalc' } },
          ],
        },
      },
    },
    recalculated: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});

export const holidayPayRegion = retiringSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      on: {
        'holiday-pay.requested': {
          target: 'requested',
          actions: { type: 'setStep', params: { step: 'holiday-pay', status: 'done' } },
        },
        'holiday-pay.not-relevant': {
          target: 'notRelevant',
          actions: { type: 'setStep', params: { step: 'holiday-pay', status: 'skipped', reason: 'not-relevant' } },
        },
      },
    },
    requested: { type: 'final' },
    notRelevant: { type: 'final' },
  },
});
