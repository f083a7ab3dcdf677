/** ATP, private pensions, housing benefit and holiday pay. */
import { stepIs } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { ATP_STATUS_TASK, canDeferAtp } from '../retiring.rules';
import { confirmation, retiringSetup } from '../retiring.setup';

/** ATP pays automatically; its payout status confirms it. */
const atpStatus = confirmation({
  step: 'atp-payout',
  task: ATP_STATUS_TASK,
  awaiting: 'automatic',
  failed: 'statusFailed',
  confirmed: 'paid',
  entry: 'requestAtpStatus',
  lateReason: 'payout-not-confirmed',
});

export const atpRegion = retiringSetup.createStateConfig({
  initial: 'automatic',
  states: {
    automatic: {
      ...atpStatus.automatic,
      always: { guard: ({ context }) => context.facts.livesAbroad, target: 'abroad' },
      on: {
        ...atpStatus.automatic.on,
        'atp.payout-deferred': {
          guard: ({ context, event }) => canDeferAtp(context.dates, event.decidedOn),
          target: 'deferred',
          actions: [
            { type: 'setStep', params: { step: 'atp-payout', status: 'done', reason: 'deferred' } },
            { type: 'cancelWatchdog', params: { step: 'atp-payout' } },
          ],
        },
      },
    },
    statusFailed: atpStatus.statusFailed,
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
            { type: 'cancelWatchdog', params: { step: 'housing-benefit-recalc' } },
          ],
        },
        'timer.fired': overdue('housing-benefit-recalc', 'recalculation-overdue'),
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
