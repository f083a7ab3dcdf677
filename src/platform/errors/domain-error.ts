/**
 * Errors as a domain vocabulary: use cases throw `DomainError` with a code; one filter maps codes to
 * HTTP statuses. Messages are shown to users, so they never contain personal data.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_ACCEPTABLE: 406,
  JOURNEY_TYPE_UNKNOWN: 404,
  EVENT_NOT_ALLOWED: 409,
  JOURNEY_NOT_ACTIVE: 409,
  JOURNEY_ALREADY_ACTIVE: 409,
  JOURNEY_BROKEN: 409,
  STARTED_BY_REGISTER: 409,
  CONCURRENT_UPDATE: 409,
  TASK_NOT_RETRYABLE: 409,
  TASK_TOKEN_USED: 409,
  CORRECTION_PENDING: 409,
  CORRECTION_ANSWERED: 409,
  CONSENT_ALREADY_GIVEN: 409,
  CONSENT_ALREADY_WITHDRAWN: 409,
  TASK_TOKEN_EXPIRED: 410,
  TASK_TOKEN_CLOSED: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldProblem {
  field: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A 429: how many seconds to wait, in the body (`retryAfterSeconds`) and in the `Retry-After` header the filters set. */
export function rateLimited(message: string, retryAfterSeconds: number): DomainError {
  return new DomainError('RATE_LIMITED', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
}

/** The `Retry-After` (seconds) of an error that answers 429. */
export function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof DomainError) || error.code !== 'RATE_LIMITED') return undefined;
  const seconds = error.details.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}
