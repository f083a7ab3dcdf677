import { AuthorityError } from '../ports/authority-gateway.port';

/** Authority error codes are passed on to journeys and logs, so only plain identifiers survive. */
const SAFE_CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * The longest an authority (Retry-After) or an open circuit may make the engine wait before the next
 * try. Such waits do not spend an attempt, so an unbounded one could park a task indefinitely.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60 * 1000;

/** A wait in whole milliseconds within 0..`MAX_RETRY_AFTER_MS`; undefined when there is none (or it is NaN). */
export function boundedRetryAfterMs(ms: number | undefined): number | undefined {
  if (ms === undefined || Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(Math.ceil(ms), 0), MAX_RETRY_AFTER_MS);
}

/** `error` itself when its `retryAfterMs` is within bounds, else the same error with the wait bounded. */
export function withBoundedRetryAfter(error: AuthorityError): AuthorityError {
  const bounded = boundedRetryAfterMs(error.retryAfterMs);
  if (bounded === error.retryAfterMs) return error;
  return new AuthorityError(error.code, error.retryable, error.message, bounded);
}

/** What error mapping reads of an authority's answer. */
export interface AuthorityAnswer {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

/**
 * An HTTP error answer as an `AuthorityError`. 429, 408 and 5xx are worth retrying; any other 4xx is
 * the authority's final word and keeps its code. The authority's message is left out on purpose:
 * it may quote the input (CPR numbers, names) and our messages end up in logs.
 */
export async function errorFromResponse(res: AuthorityAnswer, where: string): Promise<AuthorityError> {
  const body = (await res.json().catch(() => undefined)) as { code?: unknown } | undefined;
  const given = typeof body?.code === 'string' && SAFE_CODE.test(body.code) ? body.code : undefined;
  const message = `${where}: HTTP ${res.status}${given ? ` ${given}` : ''}`;
  if (res.status === 429) {
    // A rate limit is not the task's fault: the engine may wait without spending an attempt.
    return new AuthorityError(given ?? 'RATE_LIMITED', true, message, retryAfterMs(res.headers.get('retry-after')) ?? 1000);
  }
  if (res.status >= 500 || res.status === 408) return new AuthorityError(given ?? `HTTP_${res.status}`, true, message);
  return new AuthorityError(given ?? `HTTP_${res.status}`, false, message);
}

/** A failure before any answer arrived: our timeout, or the network. Both may have reached the authority. */
export function errorFromException(e: unknown, where: string, timeoutMs: number): AuthorityError {
  if (e instanceof AuthorityError) return withBoundedRetryAfter(e);
  const name = (e as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new AuthorityError('TIMEOUT', true, `${where}: no answer within ${timeoutMs} ms`);
  }
  // The failure's code (ECONNREFUSED, UND_ERR_SOCKET), on the error itself or on its cause.
  const failure = e as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const cause = typeof failure?.code === 'string' ? failure.code : failure?.cause?.code;
  return new AuthorityError('NETWORK_ERROR', true, `${where}: ${typeof cause === 'string' ? cause : 'network error'}`);
}

/** `Retry-After` as milliseconds (delta-seconds or an HTTP date), at most `MAX_RETRY_AFTER_MS`. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now;
  return boundedRetryAfterMs(ms);
}
