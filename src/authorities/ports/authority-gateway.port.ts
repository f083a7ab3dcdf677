import type { AuthoritySystemId } from '../../../journeys/shared/contract';

/** One request from a journey step to an authority system. */
export interface AuthorityCall {
  system: AuthoritySystemId;
  /** Operation name on the system's port (see journeys/shared/authority-tasks.ts). */
  task: string;
  input: Record<string, unknown>;
  /** Stable across every attempt of the same task: the authority must apply it at most once. */
  idempotencyKey: string;
  journeyId: string;
  step: string;
  /**
   * The citizen the task concerns, resolved from the citizen table at call time: CPR numbers are
   * stored once and never travel in task inputs, outbox rows or jobs.
   */
  subject?: { cpr: string };
}

export interface AuthorityResult {
  output: Record<string, unknown>;
}

/**
 * `retryable`: try again later (timeouts, 5xx, an open circuit). Not retryable: the authority said
 * no (validation, unknown task): retrying would only burn attempts.
 */
export class AuthorityError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    message: string,
    /** When the caller should try again at the earliest (e.g. an open circuit breaker). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AuthorityError';
  }
}

/** The only thing the engine knows about authorities. Adapters implement it. */
export abstract class AuthorityGateway {
  abstract execute(call: AuthorityCall): Promise<AuthorityResult>;
}
