/**
 * Helpers for journey machines written with XState `setup()`. They keep the eleven machines short
 * and make them treat steps, reminders and integrations the same way, so the engine and the
 * caseworker UI can rely on one behaviour.
 */
import { enqueueActions, type EventObject, type MachineContext, type ParameterizedObject } from 'xstate';
import type { TaskInput, TaskName } from './authority-tasks';
import { addDays, atUtc, previousWorkingDayOnOrBefore, type IsoDate } from './calendar';
import type {
  AuthoritySystemId,
  AwaitAuthorityCommand,
  CancelTimerCommand,
  IntegrationCompletedEvent,
  IntegrationFailedEvent,
  IntegrationRetryEvent,
  JourneyCommand,
  JourneyContextBase,
  JourneyInput,
  JsonSchema,
  LinkedJourneyCompletedEvent,
  NotifyCitizenCommand,
  RequestIntegrationCommand,
  ScheduleTimerCommand,
  StepState,
  StepStatus,
  Text,
  TimerFiredEvent,
} from './contract';
import { CHOICE_TEXT } from './choices';

/** Events the engine sends to every journey. */
export type EngineEvent =
  IntegrationCompletedEvent | IntegrationFailedEvent | IntegrationRetryEvent | TimerFiredEvent | LinkedJourneyCompletedEvent;

/**
 * The `types` of a journey's `setup()`: `setup({ types: {} as JourneyTypes<Ctx, Ev>, ... })`.
 * Emitted events are always engine commands, so the engine can persist them without guessing.
 */
export interface JourneyTypes<TContext extends JourneyContextBase, TEvent extends EventObject> {
  context: TContext;
  events: TEvent | EngineEvent;
  input: JourneyInput;
  emitted: JourneyCommand;
}

/** `setup({ types: journeyTypes<Ctx, Ev>() })`: XState reads the types at compile time; the value is never used. */
export function journeyTypes<TContext extends JourneyContextBase, TEvent extends EventObject>(): JourneyTypes<TContext, TEvent> {
  return {} as JourneyTypes<TContext, TEvent>;
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

export type Steps = Record<string, StepState>;

/** Every step starts `pending` unless an override says otherwise (e.g. skipped by a branch). */
export function initialSteps<const TId extends string>(
  ids: readonly TId[],
  overrides: Partial<Record<TId, Partial<StepState>>> = {},
): Record<TId, StepState> {
  const steps = {} as Record<TId, StepState>;
  for (const id of ids) steps[id] = { status: 'pending', ...overrides[id] };
  return steps;
}

/**
 * Returns `steps` with one step's status changed. Dates are kept; `reason` is kept only when
 * given, because a reason explains one particular status (a `late` step that becomes `done`
 * must not keep saying "late").
 */
export function withStep(steps: Steps, id: string, status: StepStatus, extra: Partial<Omit<StepState, 'status'>> = {}): Steps {
  const current = steps[id];
  if (!current) throw new Error(`Unknown step "${id}"`);
  return { ...steps, [id]: { ...without(current, 'reason'), ...extra, status } };
}

/** A copy of `object` without `key` (a reason that no longer applies, a deadline that was met). */
export function without<T extends object, K extends keyof T>(object: T, key: K): Omit<T, K> {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

export function isClosed(status: StepStatus): boolean {
  return status === 'done' || status === 'skipped';
}

export function allStepsClosed(steps: Steps): boolean {
  return Object.values(steps).every((s) => isClosed(s.status));
}

/** Opens the listed steps that are still `pending`; skipped or finished ones stay as they are. */
export function activatePending(steps: Steps, ids: readonly string[]): Steps {
  return ids.reduce((acc, id) => (acc[id]?.status === 'pending' ? withStep(acc, id, 'active') : acc), steps);
}

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

/**
 * An action that emits every command `build` returns, in order. It spawns, raises, checks and
 * delays nothing, so those type parameters of `enqueueActions` are `never`: the action then fits
 * any machine's `setup({ actions })`, wherever it is written.
 */
export function emitCommands<
  TContext extends MachineContext,
  TEvent extends EventObject,
  TParams extends ParameterizedObject['params'] | undefined = undefined,
>(build: (context: TContext, event: TEvent, params: TParams) => readonly JourneyCommand[]) {
  return enqueueActions<TContext, TEvent, TParams, TEvent, never, never, never, never, JourneyCommand>(
    ({ context, event, enqueue }, params) => {
      for (const command of build(context, event, params)) enqueue.emit(command);
    },
  );
}

export interface StepUpdate {
  step: string;
  status: StepStatus;
  reason?: string;
}

/**
 * The parameterised action every machine registers as `setStep`: it changes a step's status and,
 * when a step with a deadline closes, cancels its reminders so nobody is nagged about finished work.
 */
export function setStepAction<TContext extends JourneyContextBase, TEvent extends EventObject>() {
  return enqueueActions<TContext, TEvent, StepUpdate, TEvent, never, never, never, never, JourneyCommand>(
    ({ context, enqueue }, { step, status, reason }) => {
      const steps = withStep(context.steps, step, status, reason === undefined ? {} : { reason });
      enqueue.assign(() => ({ steps }) as Partial<TContext>);
      // Reminders exist only for steps with a deadline; cancelling others would just add noise to the outbox.
      if (isClosed(status) && context.steps[step].deadline !== undefined) {
        for (const command of cancelReminders(step, context.reminderDays)) enqueue.emit(command);
      }
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/**
 * 07:00 UTC is 08:00 in Danish winter time and 09:00 in summer time: always daytime, and it needs
 * no time-zone database inside the pure machines.
 */
export const REMINDER_TIME_UTC = '07:00';

export function reminderKey(step: string, daysBefore: number): string {
  return `reminder:${step}:${daysBefore}d`;
}

export function parseReminderKey(key: string): { step: string; daysBefore: number } | undefined {
  const m = /^reminder:(.+):(\d+)d$/.exec(key);
  return m ? { step: m[1], daysBefore: Number(m[2]) } : undefined;
}

/**
 * One reminder per entry of `reminderDays` (calendar days before `deadline`). A reminder that
 * would land on a weekend or holiday moves to the working day before, when Borgerservice and the
 * authorities' phone lines are open if the citizen needs help. Reminders due at or before `now`
 * (an ISO timestamp) are left out.
 */
export function reminderTimers(step: string, deadline: IsoDate, reminderDays: readonly number[], now: string): ScheduleTimerCommand[] {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new RangeError(`Not an ISO timestamp: ${now}`);
  return reminderDays.flatMap((days) => {
    const dueAt = atUtc(previousWorkingDayOnOrBefore(addDays(deadline, -days)), REMINDER_TIME_UTC);
    if (Date.parse(dueAt) <= nowMs) return [];
    return [{ type: 'timer.schedule', key: reminderKey(step, days), dueAt, step, purpose: 'reminder' }];
  });
}

/** Reminders for every open step with a deadline, counted from `context.startedAt`: the start entry action. */
export function deadlineReminders(context: JourneyContextBase): ScheduleTimerCommand[] {
  return Object.entries(context.steps).flatMap(([step, { status, deadline }]) =>
    isClosed(status) || deadline === undefined ? [] : reminderTimers(step, deadline, context.reminderDays, context.startedAt),
  );
}

/**
 * A step's reminders after its deadline changed on `day`: the old ones cancelled, new ones counted
 * from that day (never from before the journey started). Same keys, so the new timers replace the old.
 */
export function rescheduledReminders(
  context: JourneyContextBase,
  step: string,
  day: IsoDate,
): (CancelTimerCommand | ScheduleTimerCommand)[] {
  const deadline = context.steps[step]?.deadline;
  const dayStart = atUtc(day, '00:00');
  const now = Date.parse(dayStart) > Date.parse(context.startedAt) ? dayStart : context.startedAt;
  return [...cancelReminders(step, context.reminderDays), ...(deadline ? reminderTimers(step, deadline, context.reminderDays, now) : [])];
}

/** The notification for a fired reminder (use behind the `isReminderForOpenStep` guard). */
export function reminderNotification(context: JourneyContextBase, event: EventObject): NotifyCitizenCommand[] {
  const reminder = event.type === 'timer.fired' ? parseReminderKey(String((event as { key?: unknown }).key)) : undefined;
  if (!reminder) return [];
  const deadline = context.steps[reminder.step]?.deadline;
  return [notifyCitizen('deadline-reminder', reminder.step, deadline ? { deadline } : undefined)];
}

/** Cancels all reminders a step may have; the engine treats cancelling an unknown key as a no-op. */
export function cancelReminders(step: string, reminderDays: readonly number[]): CancelTimerCommand[] {
  return reminderDays.map((days) => ({ type: 'timer.cancel', key: reminderKey(step, days) }));
}

export function watchdogKey(step: string): string {
  return `watchdog:${step}`;
}

/** A timer that fires when an awaited confirmation is overdue (the machine then marks the step `late`). */
export function watchdogTimer(step: string, dueDate: IsoDate): ScheduleTimerCommand {
  return { type: 'timer.schedule', key: watchdogKey(step), dueAt: atUtc(dueDate, REMINDER_TIME_UTC), step, purpose: 'watchdog' };
}

export function deadlinePassedKey(step: string): string {
  return `deadline:${step}`;
}

/** A timer that fires the morning after `deadline`, when the deadline has passed (the machine then moves on). */
export function deadlinePassedTimer(step: string, deadline: IsoDate): ScheduleTimerCommand {
  return {
    type: 'timer.schedule',
    key: deadlinePassedKey(step),
    dueAt: atUtc(addDays(deadline, 1), REMINDER_TIME_UTC),
    step,
    purpose: 'deadline',
  };
}

export function cancelTimer(key: string): CancelTimerCommand {
  return { type: 'timer.cancel', key };
}

/** Typed against the task catalogue, so a machine cannot request an unknown task or send the wrong input. */
export function integrationTask<S extends AuthoritySystemId, T extends TaskName<S>>(
  step: string,
  system: S,
  task: T,
  input: TaskInput<S, T>,
): RequestIntegrationCommand {
  return { type: 'integration.request', step, task, system, input: input as Record<string, unknown> };
}

export function notifyCitizen(template: string, step?: string, params?: NotifyCitizenCommand['params']): NotifyCitizenCommand {
  return { type: 'citizen.notify', template, ...(step === undefined ? {} : { step }), ...(params ? { params } : {}) };
}

/** Waits for the authority's self-service solution to complete `step` with the `complete` event (see AwaitAuthorityCommand). */
export function awaitAuthority(
  step: string,
  system: AuthoritySystemId,
  complete: string,
  options: { expiresInDays: number; fail?: string },
): AwaitAuthorityCommand {
  return {
    type: 'authority.await',
    step,
    system,
    complete,
    ...(options.fail ? { fail: options.fail } : {}),
    expiresInDays: options.expiresInDays,
  };
}

// ---------------------------------------------------------------------------------------------
// Guards (usable inline, `guard: isTask('x')`, or registered in `setup({ guards })`)
// ---------------------------------------------------------------------------------------------

type IntegrationEventType = 'integration.completed' | 'integration.failed' | 'integration.retry';

/** Matches integration results (and caseworker retries) for `task`, optionally of one type only. */
export function isTask(task: string, type?: IntegrationEventType) {
  return ({ event }: { event: EventObject }): boolean =>
    (type === undefined
      ? event.type === 'integration.completed' || event.type === 'integration.failed' || event.type === 'integration.retry'
      : event.type === type) && (event as { task?: unknown }).task === task;
}

export function isTimer(key: string) {
  return ({ event }: { event: EventObject }): boolean => event.type === 'timer.fired' && (event as { key?: unknown }).key === key;
}

/** A reminder timer fired for a step that is still open (reminders for finished steps are dropped). */
export function isReminderForOpenStep({ context, event }: { context: JourneyContextBase; event: EventObject }): boolean {
  if (event.type !== 'timer.fired') return false;
  const reminder = parseReminderKey(String((event as { key?: unknown }).key));
  const state = reminder && context.steps[reminder.step];
  return state !== undefined && !isClosed(state.status);
}

export function stepIs(step: string, ...statuses: StepStatus[]) {
  return ({ context }: { context: JourneyContextBase }): boolean => {
    const state = context.steps[step];
    return state !== undefined && statuses.includes(state.status);
  };
}

/** A step's watchdog fired while the step is still open and not yet flagged (`late` is not repeated). */
export function watchdogFiredWhileActive(step: string) {
  return ({ context, event }: { context: JourneyContextBase; event: EventObject }): boolean =>
    isTimer(watchdogKey(step))({ event }) && stepIs(step, 'active')({ context });
}

// ---------------------------------------------------------------------------------------------
// JSON Schema snippets for EventSpec and start schemas
// ---------------------------------------------------------------------------------------------

/**
 * Annotation keywords carrying a schema node's words in Danish and English: `x-title` (the field's
 * label), `x-description` (an optional hint) and `x-enum-titles` (one label per choice). Ajv in
 * strict mode needs them registered: `ajv.addVocabulary([...SCHEMA_TEXT_KEYWORDS])`.
 */
export const SCHEMA_TEXT_KEYWORDS = ['x-title', 'x-description', 'x-enum-titles'] as const;

/** The words of a schema node; the plain `description` keeps the English for generic JSON Schema tools. */
export function described(title: Text, hint?: Text): JsonSchema {
  return { description: title.en, 'x-title': title, ...(hint ? { 'x-description': hint } : {}) };
}

/** A label per choice, from the shared choice texts; a choice without words is a definition bug. */
function choiceTitles(values: readonly string[]): Record<string, Text> {
  return Object.fromEntries(
    values.map((v) => {
      const text = CHOICE_TEXT[v];
      if (!text) throw new Error(`Choice "${v}" has no Danish and English text in journeys/shared/choices.ts`);
      return [v, text];
    }),
  );
}

export const schema = {
  date: (title: Text, hint?: Text): JsonSchema => ({ type: 'string', format: 'date', ...described(title, hint) }),
  yesNo: (title: Text, hint?: Text): JsonSchema => ({ type: 'boolean', ...described(title, hint) }),
  uuid: (title: Text, hint?: Text): JsonSchema => ({ type: 'string', format: 'uuid', ...described(title, hint) }),
  text: (title: Text, maxLength = 200, hint?: Text): JsonSchema => ({ type: 'string', minLength: 1, maxLength, ...described(title, hint) }),
  oneOf: (values: readonly string[], title: Text, hint?: Text): JsonSchema => ({
    type: 'string',
    enum: [...values],
    ...described(title, hint),
    'x-enum-titles': choiceTitles(values),
  }),
  /** A string of a given pattern (a kommunekode, a CVR number, a case reference). */
  pattern: (pattern: string, title: Text, hint?: Text): JsonSchema => ({ type: 'string', pattern, ...described(title, hint) }),
  /** Any schema node with words of its own (a nested object, a list, a choice between branches). */
  titled: (title: Text, node: JsonSchema, hint?: Text): JsonSchema => ({ ...node, ...described(title, hint) }),
  /** Every property is required unless listed in `optional`, so a branch never hides behind a missing answer. */
  object: (properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema => ({
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  }),
  empty: (): JsonSchema => ({ type: 'object', properties: {}, additionalProperties: false }),
};
