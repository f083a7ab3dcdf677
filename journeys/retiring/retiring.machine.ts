/**
 * Retiring on the state pension (journeys.md section 10).
 *
 * The anchor is the day the citizen reaches the pension age, computed from the CPR birth date with
 * `pensionAge`. The state pension application has two computed deadlines: the last day of the
 * pension month (paid from the start) and, once that has passed, the 10th of the 5th month after
 * (paid back). ATP's payout is confirmed by its status; Udbetaling Danmark's decisions (the pension,
 * the disability switch, the housing benefit) come from its own solution through task tokens.
 * Watchdogs flag every confirmation that is overdue.
 */
import { assign, setup } from 'xstate';
import { addDays, addWorkingDays, atUtc, dateOfTimestamp, maxIsoDate, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import {
  REMINDER_TIME_UTC,
  awaitAuthority,
  cancelReminders,
  cancelTimer,
  deadlineReminders,
  emitCommands,
  integrationTask,
  isReminderForOpenStep,
  isTask,
  isTimer,
  notifyCitizen,
  reminderNotification,
  reminderTimers,
  setStepAction,
  stepIs,
  watchdogKey,
  watchdogTimer,
  type JourneyTypes,
} from '../shared/kit';
import type { RetiringEvent } from './retiring.events';
import {
  ATP_STATUS_TASK,
  DEADLINE_PASSED,
  RETIRING_RULES,
  applicationTiming,
  atpWatchdogDate,
  canApply,
  canDeferAtp,
  deadlinePassedTimer,
  decisionWatchdogDate,
  disabilitySwitchWatchdogDate,
  housingRecalcWatchdogDate,
  initialRetiringSteps,
  pensionAgeDateOf,
  pensionDates,
  tokenDays,
  retiringFactsProblem,
  type PensionDates,
} from './retiring.rules';
import type { RetiringAnswers, RetiringFacts } from './retiring.start';
import type { RetiringStepId } from './retiring.steps';

export interface RetiringContext extends JourneyContextBase {
  answers: RetiringAnswers;
  facts: RetiringFacts;
  /** The pension age date. */
  anchorDate: IsoDate;
  dates: PensionDates;
  /** Day the state pension application reached Udbetaling Danmark. */
  appliedOn?: IsoDate;
}

const WATCHDOG = {
  decision: watchdogKey('apply-folkepension'),
  atp: watchdogKey('atp-payout'),
  housing: watchdogKey('housing-benefit-recalc'),
};
const APPLY_BY_PASSED = DEADLINE_PASSED('apply-folkepension');

/** When the first deadline has passed: the morning after it, or the start if the journey began later. */
function backPayWindowOpens(context: RetiringContext): string {
  const morningAfter = atUtc(addDays(context.dates.applyBy, 1), REMINDER_TIME_UTC);
  return Date.parse(context.startedAt) > Date.parse(morningAfter) ? context.startedAt : morningAfter;
}

export const retiringMachine = setup({
  types: {} as JourneyTypes<RetiringContext, RetiringEvent>,
  guards: { isReminderForOpenStep },
  actions: {
    setStep: setStepAction(),
    scheduleStartTimers: emitCommands((context) => {
      const { dates, facts, startedAt } = context;
      const switchExpected = disabilitySwitchWatchdogDate(dates);
      const recalcExpected = housingRecalcWatchdogDate(dates);
      return [
        ...deadlineReminders(context),
        ...(facts.disabilityPensioner
          ? [
              watchdogTimer('apply-folkepension', switchExpected),
              awaitAuthority('apply-folkepension', 'udbetaling-danmark-pension', 'folkepension.switch-confirmed', {
                expiresInDays: tokenDays(startedAt, switchExpected),
              }),
            ]
          : [deadlinePassedTimer('apply-folkepension', dates.applyBy)]),
        ...(facts.receivesHousingBenefit
          ? [
              watchdogTimer('housing-benefit-recalc', recalcExpected),
              awaitAuthority('housing-benefit-recalc', 'udbetaling-danmark-housing', 'housing-benefit.recalculated', {
                expiresInDays: tokenDays(startedAt, recalcExpected),
              }),
            ]
          : []),
      ];
    }),
    /** ATP pays automatically; its payout status confirms it (a retry restarts the watchdog from the request). */
    requestAtpStatus: emitCommands((context, event) => {
      // Entered on the way to `abroad` too: abroad there is nothing to confirm automatically.
      if (context.facts.livesAbroad) return [];
      const retriedOn = event.type === 'integration.retry' && typeof event.requestedAt === 'string' ? dateOfTimestamp(event.requestedAt) : undefined;
      const watchdog = atpWatchdogDate(context.dates);
      const fromRetry = retriedOn === undefined ? undefined : addWorkingDays(retriedOn, RETIRING_RULES.atp.watchdogWorkingDaysAfterFirstPayment);
      return [
        integrationTask('atp-payout', 'atp', ATP_STATUS_TASK, {}),
        watchdogTimer('atp-payout', fromRetry === undefined ? watchdog : maxIsoDate(watchdog, fromRetry)),
      ];
    }),
    remindCitizen: emitCommands((context, event) => reminderNotification(context, event)),
    /** The first deadline passed: from now on the back-pay deadline is the one to remind about. */
    moveToBackPayDeadline: assign(({ context }) => ({
      steps: {
        ...context.steps,
        'apply-folkepension': { ...context.steps['apply-folkepension'], deadline: context.dates.backPayBy },
      },
    })),
    remindBackPay: emitCommands((context) => [
      ...cancelReminders('apply-folkepension', context.reminderDays),
      ...reminderTimers('apply-folkepension', context.dates.backPayBy, context.reminderDays, backPayWindowOpens(context)),
      notifyCitizen('step-needs-you', 'apply-folkepension', { deadline: context.dates.backPayBy }),
    ]),
    /** The deadline is met (or missed) once the application is in; the reason on completion keeps the timing. */
    recordApplication: assign(({ context }, params: { appliedOn: IsoDate }) => {
      const { deadline: _met, ...step } = context.steps['apply-folkepension'];
      return { appliedOn: params.appliedOn, steps: { ...context.steps, 'apply-folkepension': step } };
    }),
    /** Applied: no more reminders to apply while Udbetaling Danmark decides in its own solution. */
    stopApplicationReminders: emitCommands((context) => {
      const expected = context.appliedOn ? decisionWatchdogDate(context.appliedOn) : undefined;
      return [
        ...cancelReminders('apply-folkepension', context.reminderDays),
        cancelTimer(APPLY_BY_PASSED),
        ...(expected
          ? [
              watchdogTimer('apply-folkepension', expected),
              awaitAuthority('apply-folkepension', 'udbetaling-danmark-pension', 'folkepension.decided', {
                expiresInDays: tokenDays(context.appliedOn ? `${context.appliedOn}T00:00:00.000Z` : context.startedAt, expected),
              }),
            ]
          : []),
      ];
    }),
    cancel: emitCommands((_context, _event, params: { key: string }) => [cancelTimer(params.key)]),
    notifyLate: emitCommands((_context, _event, params: { step: RetiringStepId }) => [notifyCitizen('step-late', params.step)]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
}).createMachine({
  id: 'retiring',
  context: ({ input }) => {
    // Everything comes from registers; a missing fact stops the start instead of becoming a default.
    const facts = input.facts as RetiringFacts;
    const problem = retiringFactsProblem(facts);
    if (problem) throw new Error(problem);
    const dates = pensionDates(pensionAgeDateOf(facts));
    return {
      answers: input.answers as RetiringAnswers,
      facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: dates.pensionAgeDate,
      dates,
      steps: initialRetiringSteps(facts, dates),
    };
  },
  entry: 'scheduleStartTimers',
  initial: 'inProgress',
  states: {
    inProgress: {
      type: 'parallel',
      onDone: 'completed',
      on: { 'timer.fired': { guard: 'isReminderForOpenStep', actions: 'remindCitizen' } },
      states: {
        folkepension: {
          initial: 'application',
          states: {
            application: {
              always: { guard: ({ context }) => context.facts.disabilityPensioner, target: 'automaticSwitch' },
              on: {
                'folkepension.applied': {
                  // Udbetaling Danmark does not accept applications earlier than 6 months ahead.
                  guard: ({ context, event }) => canApply(context.dates, event.appliedOn),
                  target: 'awaitingDecision',
                  actions: [
                    { type: 'recordApplication', params: ({ event }) => ({ appliedOn: event.appliedOn }) },
                    'stopApplicationReminders',
                  ],
                },
                // Opsat pension: for people who keep working at least 750 hours a year.
                'folkepension.deferred': {
                  guard: ({ context }) => context.facts.stillWorking,
                  target: 'deferred',
                  actions: [
                    { type: 'setStep', params: { step: 'apply-folkepension', status: 'done', reason: 'deferred' } },
                    { type: 'cancel', params: { key: APPLY_BY_PASSED } },
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
                    { type: 'cancel', params: { key: WATCHDOG.decision } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(WATCHDOG.decision),
                  actions: [
                    { type: 'setStep', params: { step: 'apply-folkepension', status: 'late', reason: 'decision-overdue' } },
                    { type: 'notifyLate', params: { step: 'apply-folkepension' } },
                  ],
                },
              },
            },
            // Disability pensioners switch to the state pension without applying.
            automaticSwitch: {
              on: {
                'folkepension.switch-confirmed': {
                  target: 'switched',
                  actions: [
                    { type: 'setStep', params: { step: 'apply-folkepension', status: 'done', reason: 'switched-from-disability-pension' } },
                    { type: 'cancel', params: { key: WATCHDOG.decision } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(WATCHDOG.decision),
                  actions: [
                    { type: 'setStep', params: { step: 'apply-folkepension', status: 'late', reason: 'switch-not-confirmed' } },
                    { type: 'notifyLate', params: { step: 'apply-folkepension' } },
                  ],
                },
              },
            },
            decided: { type: 'final' },
            deferred: { type: 'final' },
            switched: { type: 'final' },
          },
        },
        atp: {
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
        },
        privatePensions: {
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
        },
        housingBenefit: {
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
        },
        holidayPay: {
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
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type RetiringMachine = typeof retiringMachine;
