/** The retiring machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { addDays, addWorkingDays, atUtc, dateOfTimestamp, maxIsoDate, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import { journeyActions, journeyGuards } from '../shared/actions';
import {
  awaitAuthority,
  cancelReminders,
  cancelTimer,
  deadlinePassedKey,
  deadlinePassedTimer,
  deadlineReminders,
  emitCommands,
  integrationTask,
  journeyTypes,
  notifyCitizen,
  REMINDER_TIME_UTC,
  reminderTimers,
  watchdogTimer,
  without,
} from '../shared/kit';
import { awaitedConfirmation } from '../shared/patterns';
import type { RetiringEvent } from './retiring.events';
import {
  ATP_STATUS_TASK,
  atpWatchdogDate,
  decisionWatchdogDate,
  disabilitySwitchWatchdogDate,
  housingRecalcWatchdogDate,
  RETIRING_RULES,
  tokenDays,
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
  /** Version 3: how many pension schemes the citizen has besides the state pension and ATP, and where that came from. */
  pensions?: { source: 'pensionsinfo' | 'citizen'; schemes: number };
}

export const PENSIONS_TASK = 'pension-overview';

export const APPLY_BY_PASSED = deadlinePassedKey('apply-folkepension');
export const confirmation = awaitedConfirmation<RetiringContext>();

/** When the first deadline has passed: the morning after it, or the start if the journey began later. */
function backPayWindowOpens(context: RetiringContext): string {
  const morningAfter = atUtc(addDays(context.dates.applyBy, 1), REMINDER_TIME_UTC);
  return Date.parse(context.startedAt) > Date.parse(morningAfter) ? context.startedAt : morningAfter;
}

export const retiringSetup = setup({
  types: journeyTypes<RetiringContext, RetiringEvent>(),
  guards: journeyGuards,
  actions: {
    ...journeyActions<RetiringContext, RetiringEvent, RetiringStepId>(),
    // Version 3: PensionsInfo is read only with the citizen's consent (the step's legal basis).
    requestPensions: emitCommands(() => [integrationTask('private-pensions', 'pensionsinfo', PENSIONS_TASK, {})]),
    recordPensions: assign(({ event }) => {
      if (event.type === 'private-pensions.entered') return { pensions: { source: 'citizen' as const, schemes: event.schemes } };
      if (event.type !== 'integration.completed') return {};
      const schemes = event.output.schemes;
      return typeof schemes === 'number' ? { pensions: { source: 'pensionsinfo' as const, schemes } } : {};
    }),
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
      const retriedOn =
        event.type === 'integration.retry' && typeof event.requestedAt === 'string' ? dateOfTimestamp(event.requestedAt) : undefined;
      const watchdog = atpWatchdogDate(context.dates);
      const fromRetry =
        retriedOn === undefined ? undefined : addWorkingDays(retriedOn, RETIRING_RULES.atp.watchdogWorkingDaysAfterFirstPayment);
      return [
        integrationTask('atp-payout', 'atp', ATP_STATUS_TASK, {}),
        watchdogTimer('atp-payout', fromRetry === undefined ? watchdog : maxIsoDate(watchdog, fromRetry)),
      ];
    }),
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
      return {
        appliedOn: params.appliedOn,
        steps: { ...context.steps, 'apply-folkepension': without(context.steps['apply-folkepension'], 'deadline') },
      };
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
  },
});
