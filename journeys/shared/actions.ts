/**
 * The actions and guards every journey registers under the same names. Regions in any journey then
 * read alike, and the machine shell (`machine.ts`) and the patterns (`patterns.ts`) can name them.
 *
 * `setup({ actions: { ...journeyActions<Ctx, Ev, StepId>(), ...ownActions } })`: a journey may replace
 * one by registering its own under the same name after the spread (most replace `scheduleStartTimers`).
 */
import { assign, type EventObject } from 'xstate';
import type { IsoDate } from './calendar';
import type { JourneyCommand, JourneyContextBase } from './contract';
import {
  activatePending,
  cancelReminders,
  cancelTimer,
  deadlineReminders,
  emitCommands,
  isReminderForOpenStep,
  notifyCitizen,
  reminderNotification,
  rescheduledReminders,
  setStepAction,
  watchdogKey,
  watchdogTimer,
  type EngineEvent,
} from './kit';

/** Guards the machine shell names. */
export const journeyGuards = { isReminderForOpenStep };

/** The shared actions, typed for one journey's context, own events and step ids. */
export function journeyActions<TContext extends JourneyContextBase, TOwnEvent extends EventObject, TStep extends string>() {
  type TEvent = TOwnEvent | EngineEvent;
  const emit = <TParams extends Record<string, unknown> | undefined = undefined>(
    build: (context: TContext, event: TEvent, params: TParams) => readonly JourneyCommand[],
  ) => emitCommands<TContext, TEvent, TParams>(build);
  return {
    /** `{ step, status, reason? }`; cancels the step's reminders when a step with a deadline closes. */
    setStep: setStepAction<TContext, TEvent>(),
    /** Opens the listed steps that are still `pending`. */
    activate: assign<TContext, TEvent, { steps: readonly TStep[] }, TEvent, never>(
      ({ context }, params) => ({ steps: activatePending(context.steps, params.steps) }) as Partial<TContext>,
    ),
    /** A new deadline for a step (and the day it opens, when given); its status and reason stay. */
    setDeadline: assign<TContext, TEvent, { step: TStep; deadline: IsoDate; availableFrom?: IsoDate }, TEvent, never>(
      ({ context }, params) =>
        ({
          steps: {
            ...context.steps,
            [params.step]: {
              ...context.steps[params.step],
              deadline: params.deadline,
              ...(params.availableFrom ? { availableFrom: params.availableFrom } : {}),
            },
          },
        }) as Partial<TContext>,
    ),
    /** The start's entry action: reminders for every open step with a deadline. Journeys with more timers replace it. */
    scheduleStartTimers: emit((context) => deadlineReminders(context)),
    /** Tells the citizen about a deadline when one of its reminders fires (behind `isReminderForOpenStep`). */
    remindCitizen: emit((context, event) => reminderNotification(context, event)),
    /** Replaces a step's reminders after its deadline changed on `from` (same keys: the new timers replace the old). */
    rescheduleReminders: emit<{ step: TStep; from: IsoDate }>((context, _event, params) =>
      rescheduledReminders(context, params.step, params.from),
    ),
    cancelStepReminders: emit<{ step: TStep }>((context, _event, params) => cancelReminders(params.step, context.reminderDays)),
    /** Flags the step `late` (through the machine) when its confirmation has not come by `due`. */
    scheduleWatchdog: emit<{ step: TStep; due: IsoDate }>((_context, _event, params) => [watchdogTimer(params.step, params.due)]),
    cancelWatchdog: emit<{ step: TStep }>((_context, _event, params) => [cancelTimer(watchdogKey(params.step))]),
    /** Cancels a timer that is not a step's watchdog or reminder (a deadline that passes, a call to make). */
    cancelTimer: emit<{ key: string }>((_context, _event, params) => [cancelTimer(params.key)]),
    notifyLate: emit<{ step: TStep }>((_context, _event, params) => [notifyCitizen('step-late', params.step)]),
    notifyNeedsYou: emit<{ step: TStep }>((_context, _event, params) => [notifyCitizen('step-needs-you', params.step)]),
    notifyCompleted: emit(() => [notifyCitizen('journey-completed')]),
  };
}

/** Context of a journey that finishes some steps late and says why when they close. */
interface WithLateReasons<TStep extends string> extends JourneyContextBase {
  lateReasons: Partial<Record<TStep, string>>;
}

/** `markLate`: remembers why a step is being finished late; the step gets the reason when it closes. */
export function markLateAction<TContext extends WithLateReasons<TStep>, TOwnEvent extends EventObject, TStep extends string>() {
  type TEvent = TOwnEvent | EngineEvent;
  return assign<TContext, TEvent, { step: TStep; late: boolean; reason: string }, TEvent, never>(
    ({ context }, params) =>
      ({
        lateReasons: params.late ? { ...context.lateReasons, [params.step]: params.reason } : context.lateReasons,
      }) as Partial<TContext>,
  );
}

/** `linkMove` (`{ answers }`): starts the moving journey that fulfils `step`, with the move's details as its answers. */
export function linkMoveAction<TContext extends JourneyContextBase, TOwnEvent extends EventObject>(step: string) {
  return emitCommands<TContext, TOwnEvent | EngineEvent, { answers: Record<string, unknown> }>((_context, _event, params) => [
    { type: 'journey.link', journeyType: 'moving', step, answers: params.answers },
  ]);
}
