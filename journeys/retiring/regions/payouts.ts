/** ATP, private pensions, housing benefit and holiday pay. */
import { isTask, stepIs } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { ATP_STATUS_TASK, canDeferAtp } from '../retiring.rules';
import { confirmation, PENSIONS_TASK, retiringSetup } from '../retiring.setup';

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

/**
 * Labour-market and private pensions. Version 3 (`fetchPensions`) reads the citizen's pension overview
 * from PensionsInfo when the journey starts; the engine holds that read until the citizen consents,
 * and the citizen may type in their pensions instead (`private-pensions.entered`).
 */
function privatePensions(fetchPensions: boolean) {
  return retiringSetup.createStateConfig({
    initial: 'open',
    states: {
      open: {
        entry: fetchPensions ? ['requestPensions' as const] : [],
        on: {
          'private-pensions.checked': {
            target: 'checked',
            actions: { type: 'setStep', params: { step: 'private-pensions', status: 'done' } },
          },
          ...(fetchPensions
            ? {
                'private-pensions.entered': { actions: 'recordPensions' as const },
                // Without an answer from PensionsInfo the citizen types their pensions in.
                'integration.completed': { guard: isTask(PENSIONS_TASK), actions: 'recordPensions' as const },
                'integration.failed': { guard: isTask(PENSIONS_TASK) },
              }
            : {}),
        },
      },
      checked: { type: 'final' },
    },
  });
}

export const privatePensionsRegion = privatePensions(false);
export const privatePensionsWithOverviewRegion = privatePensions(true);

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
