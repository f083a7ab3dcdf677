/** The state pension (folkepension): application, decision, deferral or switch. */
import { isTimer } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { applicationTiming, canApply } from '../retiring.rules';
import { APPLY_BY_PASSED, retiringSetup } from '../retiring.setup';

export const folkepensionRegion = retiringSetup.createStateConfig({
  initial: 'application',
  states: {
    application: {
      always: { guard: ({ context }) => context.facts.disabilityPensioner, target: 'automaticSwitch' },
      on: {
        'folkepension.applied': {
          // Udbetaling Danmark does not accept applications earlier than 6 months ahead.
          guard: ({ context, event }) => canApply(context.dates, event.appliedOn),
          target: 'awaitingDecision',
          actions: [{ type: 'recordApplication', params: ({ event }) => ({ appliedOn: event.appliedOn }) }, 'stopApplicationReminders'],
        },
        // Opsat pension: for people who keep working at least 750 hours a year.
        'folkepension.deferred': {
          guard: ({ context }) => context.facts.stillWorking,
          target: 'deferred',
          actions: [
            { type: 'setStep', params: { step: 'apply-folkepension', status: 'done', reason: 'deferred' } },
            { type: 'cancelTimer', params: { key: APPLY_BY_PASSED } },
          ],
        },
        'timer.fired': { guard: isTimer(APPLY_BY_PASSED), actions: ['moveToBackPayDeadline', 'remindBackPay'] },
      },
    },
    awaitingDecision: {
      on: {
        'folkepension.decided': {
          target: 'decided',
          actions: [
            {
              type: 'setStep',
              params: ({ context, event }) => ({
                step: 'apply-folkepension',
                status: 'done',
                reason: !event.granted
                  ? 'refused'
                  : context.appliedOn === undefined || applicationTiming(context.dates, context.appliedOn) === 'on-time'
                    ? undefined
                    : `applied-${applicationTiming(context.dates, context.appliedOn)}`,
              }),
            },
            { type: 'cancelWatchdog', params: { step: 'apply-folkepension' } },
          ],
        },
        'timer.fired': overdue('apply-folkepension', 'decision-overdue'),
      },
    },
    // Disability pensioners switch to the state pension without applying.
    automaticSwitch: {
      on: {
        'folkepension.switch-confirmed': {
          target: 'switched',
          actions: [
            { type: 'setStep', params: { step: 'apply-folkepension', status: 'done', reason: 'switched-from-disability-pension' } },
            { type: 'cancelWatchdog', params: { step: 'apply-folkepension' } },
          ],
        },
        'timer.fired': overdue('apply-folkepension', 'switch-not-confirmed'),
      },
    },
    decided: { type: 'final' },
    deferred: { type: 'final' },
    switched: { type: 'final' },
  },
});
