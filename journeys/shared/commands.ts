/**
 * What a journey machine and the engine say to each other: commands a machine emits (XState `emit`)
 * for the engine to carry out through the outbox, and the engine's events back. Plain data, part of
 * the contract (re-exported from `contract.ts`).
 */
import type { AuthoritySystemId, JourneyTypeId } from './ids';

// ---------------------------------------------------------------------------------------------
// Commands: emitted by machines (XState `emit`), executed by the engine through the outbox.
// ---------------------------------------------------------------------------------------------

export interface RequestIntegrationCommand {
  type: 'integration.request';
  /** Step the task belongs to. */
  step: string;
  /** Operation name on the system's port, e.g. `register-move`. */
  task: string;
  system: AuthoritySystemId;
  input: Record<string, unknown>;
}

export interface ScheduleTimerCommand {
  type: 'timer.schedule';
  /** Unique within the journey; scheduling the same key again replaces the earlier timer. */
  key: string;
  /** ISO timestamp at which `timer.fired { key }` is delivered. */
  dueAt: string;
  step?: string;
  purpose: 'reminder' | 'deadline' | 'watchdog';
}

export interface CancelTimerCommand {
  type: 'timer.cancel';
  key: string;
}

export interface NotifyCitizenCommand {
  type: 'citizen.notify';
  /** Template id, e.g. `deadline-reminder`, `step-needs-you`. */
  template: string;
  step?: string;
  params?: Record<string, string | number | boolean>;
}

/** Ask the engine to start (or link to) another journey for the same citizen. */
export interface LinkJourneyCommand {
  type: 'journey.link';
  journeyType: JourneyTypeId;
  /** The step of this journey that the linked journey fulfils. */
  step: string;
  answers?: Record<string, unknown>;
}

/**
 * The step waits for the authority's self-service solution. The engine mints a single-use task token
 * scoped to the step and sends it to the system's webhook subscribers (`step.awaiting`); the solution
 * then completes the step with `complete` (or gives up with `fail`) through the hook endpoints. Both
 * events must be in the journey's `events` with `system` among their actors.
 */
export interface AwaitAuthorityCommand {
  type: 'authority.await';
  step: string;
  system: AuthoritySystemId;
  /** Event type the solution sends, with its data, to complete the step. */
  complete: string;
  /**
   * Event type (data `{ reason }`) for a solution that cannot complete the step; without one the
   * failure flags the step for caseworkers.
   */
  fail?: string;
  /** Days until the token expires. */
  expiresInDays: number;
}

export type JourneyCommand =
  RequestIntegrationCommand | ScheduleTimerCommand | CancelTimerCommand | NotifyCitizenCommand | LinkJourneyCommand | AwaitAuthorityCommand;

export const COMMAND_TYPES = [
  'integration.request',
  'timer.schedule',
  'timer.cancel',
  'citizen.notify',
  'journey.link',
  'authority.await',
] as const;

// ---------------------------------------------------------------------------------------------
// Events the engine sends back.
// ---------------------------------------------------------------------------------------------

export interface IntegrationCompletedEvent {
  type: 'integration.completed';
  step: string;
  task: string;
  output: Record<string, unknown>;
}

export interface IntegrationFailedEvent {
  type: 'integration.failed';
  step: string;
  task: string;
  /** Error code from the authority adapter; never personal data. */
  code: string;
}

/** A caseworker asks to run a failed integration task again. */
export interface IntegrationRetryEvent {
  type: 'integration.retry';
  step: string;
  task: string;
  /** ISO timestamp of the caseworker's request, so that the machine can restart watchdogs from then. */
  requestedAt?: string;
  /** The system the task runs at (the engine's record of it). */
  system?: AuthoritySystemId;
}

export interface TimerFiredEvent {
  type: 'timer.fired';
  key: string;
  /**
   * When the engine fired it (ISO timestamp): later than `dueAt` after downtime. A recurring timer
   * schedules its next round from here, so a journey that was asleep does not replay every round.
   */
  firedAt?: string;
}

/** A linked journey finished: the step it fulfils can be marked done. */
export interface LinkedJourneyCompletedEvent {
  type: 'journey.linked-completed';
  step: string;
  journeyType: JourneyTypeId;
}

export const ENGINE_EVENT_TYPES = [
  'integration.completed',
  'integration.failed',
  'integration.retry',
  'timer.fired',
  'journey.linked-completed',
] as const;
