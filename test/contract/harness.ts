import { randomUUID } from 'node:crypto';
import { findTask, type AuthorityTask } from '../../journeys/shared/authority-tasks';
import type { AuthoritySystemId } from '../../journeys/shared/contract';
import { createHttpAuthorities } from '../../src/authorities/authorities.factory';
import type { HttpAuthoritySettings } from '../../src/authorities/http/http-settings';
import { AuthorityError, type AuthorityCall, type AuthorityResult } from '../../src/authorities/ports/authority-gateway.port';
import { exampleInput } from '../../src/authorities/sandbox/outputs';

export function spec(system: AuthoritySystemId, task: string): AuthorityTask {
  const found = findTask(system, task);
  if (!found) throw new Error(`no catalogue task ${system}/${task}`);
  return found;
}

/**
 * The citizen the example calls concern (made up), as the engine takes it from the citizen table:
 * born 1 July 1958, so old enough for every example (folkepension included).
 */
export const SUBJECT = { cpr: '0107581237' };

/** A call with the task's example input (dates moved to today), the example subject and a fresh idempotency key. */
export function callFor(task: AuthorityTask, overrides: Partial<AuthorityCall> = {}): AuthorityCall {
  return {
    system: task.system,
    task: task.task,
    input: exampleInput(task),
    idempotencyKey: randomUUID(),
    journeyId: `journey-${randomUUID()}`,
    step: task.usedBy[0]?.split('/')[1] ?? 'step',
    subject: SUBJECT,
    ...overrides,
  };
}

export function httpAuthorities(baseUrl: string, settings: Partial<HttpAuthoritySettings> = {}) {
  return createHttpAuthorities({ systems: {}, defaultBaseUrl: baseUrl, timeoutMs: 2000, ...settings });
}

export async function caught(promise: Promise<unknown>): Promise<AuthorityError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AuthorityError) return e;
    throw e;
  }
  throw new Error('expected an AuthorityError, but the call succeeded');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the engine does with one task: retry retryable errors with the same idempotency key, waiting
 * at least `retryAfterMs` when given (capped here so tests stay fast; the sandbox does not enforce it).
 */
export async function withRetries(
  run: () => Promise<AuthorityResult>,
  { maxAttempts = 40, backoffMs = 10, maxWaitMs = 250 } = {},
): Promise<{ result: AuthorityResult; errors: AuthorityError[] }> {
  const errors: AuthorityError[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await run(), errors };
    } catch (e) {
      if (!(e instanceof AuthorityError) || !e.retryable || attempt >= maxAttempts) throw e;
      errors.push(e);
      await sleep(Math.min(e.retryAfterMs ?? backoffMs, maxWaitMs));
    }
  }
}

/** The structure of a value: keys of objects (recursively), element shape of arrays, type of the rest. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, shapeOf((value as Record<string, unknown>)[k])]),
    );
  }
  return typeof value;
}

/**
 * The example's shape, with a list left empty where the answer's list is empty: an answer may hold
 * no entries (a citizen a paying system pays nothing), and entries it holds have the example's shape.
 */
export function expectedShape(example: unknown, answer: unknown): unknown {
  if (Array.isArray(example)) return Array.isArray(answer) && answer.length === 0 ? [] : shapeOf(example);
  if (typeof example === 'object' && example !== null && typeof answer === 'object' && answer !== null) {
    return Object.fromEntries(
      Object.keys(example)
        .sort()
        .map((k) => [k, expectedShape((example as Record<string, unknown>)[k], (answer as Record<string, unknown>)[k])]),
    );
  }
  return shapeOf(example);
}

/** Anything that looks like a CPR number. */
export const CPR_LIKE = /\d{6}-?\d{4}/;

/** A CPR-like number standing on its own: not digits inside a UUID or a reference (`…-d42387576629`). */
export const CPR_VALUE = /(?<![\w-])\d{6}-?\d{4}(?![\w-])/;
