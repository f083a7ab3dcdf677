/**
 * State-config factories for shapes that several journey machines share. Each returns plain
 * XState config (state names, guards, targets and action objects exactly as a machine would
 * write them by hand), so a machine that uses one keeps its persisted snapshots and diagram.
 * The action names are those of `journeyActions()` (actions.ts).
 */
import type { EventObject } from 'xstate';
import type { IntegrationFailedEvent, IntegrationRetryEvent, JourneyContextBase, LinkedJourneyCompletedEvent } from './contract';
import { isTask, isTimer, watchdogKey, type StepUpdate } from './kit';

/**
 * The transition for a step's overdue confirmation: when its watchdog fires, the step becomes
 * `late` with `reason` and the citizen is told. `guard` defaults to the step's watchdog timer.
 */
export function overdue<TStep extends string>(
  step: TStep,
  reason: string,
  guard: (args: { context: JourneyContextBase; event: EventObject }) => boolean = isTimer(watchdogKey(step)),
) {
  return {
    guard,
    actions: [{ type: 'setStep', params: { step, status: 'late', reason } } as const, { type: 'notifyLate', params: { step } } as const],
  };
}

/** An action object whose params are worked out from the retry event (e.g. a new watchdog basis). */
export interface RetryAction<TContext, TType extends string = string, TParams = unknown> {
  type: TType;
  params: (args: { context: TContext; event: IntegrationRetryEvent }) => TParams;
}

export interface AwaitedConfirmationOptions<
  TContext,
  TStep extends string,
  TAwaiting extends string,
  TFailed extends string,
  TEntry extends string,
  TRecord extends string,
  TConfirmedBy extends string,
  TRetryType extends string,
  TRetryParams,
> {
  step: TStep;
  /** The integration task whose result (and caseworker retry) the region waits for. */
  task: string;
  /** Names of the waiting state and of the state a failed confirmation leads to. */
  awaiting: TAwaiting;
  failed: TFailed;
  /** Where a confirmed step goes. */
  confirmed: string;
  /** Entry action of the waiting state: requests the task and schedules the watchdog. */
  entry: TEntry;
  /**
   * The waiting state opens the step itself, before `entry` (the step was not open before it was
   * reached). A caseworker's retry then re-enters it open, so the retry does not reopen the step.
   */
  opensStep?: boolean;
  /** The `reason` the step gets when the watchdog fires. */
  lateReason: string;
  /** A reason kept when the step is done (e.g. a late reason recorded earlier). */
  doneReason?: (context: TContext) => string | undefined;
  /** An action run first when the confirmation arrives (e.g. recording a date from it). */
  record?: TRecord;
  /** Events of the authority's own solution that confirm the step as the task's result does. */
  confirmedBy?: readonly TConfirmedBy[];
  /** Actions after `setStep active` on a caseworker's retry. */
  retry?: RetryAction<TContext, TRetryType, TRetryParams>[];
}

/**
 * The automatic register flow awaiting a confirmation: the waiting state requests `task` on entry;
 * `integration.completed` (or an event in `confirmedBy`) marks the step done, `integration.failed`
 * marks it failed with the event's code (both cancel the watchdog), and the watchdog marks it late
 * and tells the citizen. From the failed state a caseworker's `integration.retry` reopens the step
 * and waits again.
 *
 * Returns both states, to spread into the region's `states`:
 * `states: { ...confirmation({ ... }), fetched: { type: 'final' } }`. A region that accepts more in
 * the waiting state spreads that state and adds to its `on`.
 */
export function awaitedConfirmation<TContext>() {
  return <
    TStep extends string,
    TAwaiting extends string,
    TFailed extends string,
    TEntry extends string,
    TRecord extends string = never,
    TConfirmedBy extends string = never,
    TRetryType extends string = never,
    TRetryParams = never,
  >(
    options: AwaitedConfirmationOptions<TContext, TStep, TAwaiting, TFailed, TEntry, TRecord, TConfirmedBy, TRetryType, TRetryParams>,
  ) => {
    const { step, task, awaiting, failed, confirmed, lateReason, doneReason } = options;
    const cancel = { type: 'cancelWatchdog', params: { step } } as const;
    const done: StepUpdate | ((args: { context: TContext }) => StepUpdate) = doneReason
      ? ({ context }) => ({ step, status: 'done', reason: doneReason(context) })
      : { step, status: 'done' };
    const open = { type: 'setStep', params: { step, status: 'active' } } as const;
    const confirm = {
      target: confirmed,
      actions: [...(options.record ? [options.record] : []), { type: 'setStep', params: done } as const, cancel],
    };
    const confirmedBy = Object.fromEntries((options.confirmedBy ?? []).map((type) => [type, confirm])) as {
      [K in TConfirmedBy]: typeof confirm;
    };
    const awaitingState = {
      entry: options.opensStep ? [open, options.entry] : options.entry,
      on: {
        'integration.completed': { guard: isTask(task), ...confirm },
        ...confirmedBy,
        'integration.failed': {
          guard: isTask(task),
          target: failed,
          actions: [
            {
              type: 'setStep',
              params: ({ event }: { event: IntegrationFailedEvent }): StepUpdate => ({ step, status: 'failed', reason: event.code }),
            } as const,
            cancel,
          ],
        },
        'timer.fired': overdue(step, lateReason),
      },
    };
    // Re-entering a state that opens the step opens it again; otherwise the retry does.
    const retryActions = options.opensStep ? (options.retry ?? []) : [open, ...(options.retry ?? [])];
    const failedState = {
      on: {
        'integration.retry': {
          guard: isTask(task),
          target: awaiting,
          ...(retryActions.length ? { actions: retryActions } : {}),
        },
      },
    };
    // One mapped type rather than an intersection: XState checks a spread intersection less strictly.
    return { [awaiting]: awaitingState, [failed]: failedState } as NoInfer<{
      [K in TAwaiting | TFailed]: K extends TAwaiting ? typeof awaitingState : typeof failedState;
    }>;
  };
}

/**
 * A step that a moving journey of its own fulfils: in `planning` the citizen gives the move's
 * details (`move-out.planned`), which starts the linked journey (`linkMove`, see `linkMoveAction`),
 * or says there is no move; the step is done when the linked journey completes. Returns the states
 * `planning`, `linked`, `moved` and `notMoving`; a region may add to `planning`.
 */
export function linkedMove<TStep extends string>(step: TStep) {
  return {
    planning: {
      on: {
        'move-out.planned': {
          target: 'linked',
          actions: { type: 'linkMove', params: ({ event }: { event: { move: Record<string, unknown> } }) => ({ answers: event.move }) },
        },
        'move-out.cancelled': {
          target: 'notMoving',
          actions: { type: 'setStep', params: { step, status: 'skipped', reason: 'not-moving' } },
        },
      },
    },
    linked: {
      on: {
        'journey.linked-completed': {
          guard: ({ event }: { event: LinkedJourneyCompletedEvent }) => event.step === step && event.journeyType === 'moving',
          target: 'moved',
          actions: { type: 'setStep', params: { step, status: 'done' } },
        },
      },
    },
    moved: { type: 'final' },
    notMoving: { type: 'final' },
  } as const;
}

/** The citizen checked the preliminary tax assessment: `update-preliminary-tax` is done when it changed, else not needed. */
export function preliminaryTaxChecked(updated = 'updated', unchanged = 'unchanged') {
  return [
    {
      guard: ({ event }: { event: { changed: boolean } }) => event.changed,
      target: updated,
      actions: { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'done' } },
    },
    {
      target: unchanged,
      actions: { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'skipped', reason: 'no-change' } },
    },
  ] as const;
}

/** A region of its own for the preliminary tax assessment: checked once, then updated or left as it is. */
export function preliminaryTaxCheck() {
  return {
    initial: 'open',
    states: {
      open: { on: { 'preliminary-tax.checked': preliminaryTaxChecked() } },
      updated: { type: 'final' },
      unchanged: { type: 'final' },
    },
  } as const;
}
