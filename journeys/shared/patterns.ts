/**
 * State-config factories for shapes that several journey machines share. Each returns plain
 * XState config (state names, guards, targets and action objects exactly as a machine would
 * write them by hand), so a machine that uses one keeps its persisted snapshots and diagram.
 */
import type { IntegrationFailedEvent, IntegrationRetryEvent } from './contract';
import { isTask, isTimer, watchdogKey, type StepUpdate } from './kit';

/**
 * How a machine cancels a watchdog: its `cancelWatchdog` action (`params: { step }`) or its
 * generic `cancel` action (`params: { key }`). Both emit `timer.cancel` for `watchdogKey(step)`.
 */
export type WatchdogCancel = 'byStep' | 'byKey';

type CancelAction<TStep extends string, TCancel extends WatchdogCancel> = TCancel extends 'byStep'
  ? { readonly type: 'cancelWatchdog'; readonly params: { readonly step: TStep } }
  : { readonly type: 'cancel'; readonly params: { readonly key: string } };

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
  TCancel extends WatchdogCancel,
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
  /** The `reason` the step gets when the watchdog fires. */
  lateReason: string;
  cancel: TCancel;
  /** A reason kept when the step is done (e.g. a late reason recorded earlier). */
  doneReason?: (context: TContext) => string | undefined;
  /** Actions after `setStep active` on a caseworker's retry. */
  retry?: RetryAction<TContext, TRetryType, TRetryParams>[];
}

function cancelAction<TStep extends string, TCancel extends WatchdogCancel>(step: TStep, how: TCancel): CancelAction<TStep, TCancel> {
  return (
    how === 'byStep' ? { type: 'cancelWatchdog', params: { step } } : { type: 'cancel', params: { key: watchdogKey(step) } }
  ) as CancelAction<TStep, TCancel>;
}

/**
 * The automatic register flow awaiting a confirmation: the waiting state requests `task` on entry;
 * `integration.completed` marks the step done, `integration.failed` marks it failed with the
 * event's code (both cancel the watchdog), and the watchdog marks it late and tells the citizen.
 * From the failed state a caseworker's `integration.retry` reopens the step and waits again.
 *
 * Returns both states, to spread into the region's `states`:
 * `states: { ...awaitedConfirmation({ ... }), fetched: { type: 'final' } }`.
 */
export function awaitedConfirmation<TContext>() {
  return <
    TStep extends string,
    TAwaiting extends string,
    TFailed extends string,
    TEntry extends string,
    TCancel extends WatchdogCancel,
    TRetryType extends string = never,
    TRetryParams = never,
  >(
    options: AwaitedConfirmationOptions<TContext, TStep, TAwaiting, TFailed, TEntry, TCancel, TRetryType, TRetryParams>,
  ) => {
    const { step, task, awaiting, failed, confirmed, entry, lateReason, doneReason } = options;
    const cancel = cancelAction(step, options.cancel);
    const done: StepUpdate | ((args: { context: TContext }) => StepUpdate) = doneReason
      ? ({ context }) => ({ step, status: 'done', reason: doneReason(context) })
      : { step, status: 'done' };
    const reopen = { type: 'setStep', params: { step, status: 'active' } } as const;
    const awaitingState = {
      entry,
      on: {
        'integration.completed': {
          guard: isTask(task),
          target: confirmed,
          actions: [{ type: 'setStep', params: done } as const, cancel],
        },
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
        'timer.fired': {
          guard: isTimer(watchdogKey(step)),
          actions: [
            { type: 'setStep', params: { step, status: 'late', reason: lateReason } } as const,
            { type: 'notifyLate', params: { step } } as const,
          ],
        },
      },
    };
    const failedState = {
      on: {
        'integration.retry': {
          guard: isTask(task),
          target: awaiting,
          actions: options.retry ? [reopen, ...options.retry] : reopen,
        },
      },
    };
    // One mapped type rather than an intersection: XState checks a spread intersection less strictly.
    return { [awaiting]: awaitingState, [failed]: failedState } as NoInfer<{
      [K in TAwaiting | TFailed]: K extends TAwaiting ? typeof awaitingState : typeof failedState;
    }>;
  };
}
