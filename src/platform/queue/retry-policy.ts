import type { EngineSettings } from '../config/app.config';

export interface RetryPolicy {
  attempts: number;
  /** First delay; each retry doubles it, with ±50 % jitter so retries of many jobs spread out. */
  backoffMs: number;
}

/**
 * Per-task overrides of the default policy (INTEGRATION_ATTEMPTS / INTEGRATION_BACKOFF_MS), keyed
 * `system/task`. Reads can be retried eagerly; a write an authority processes slowly gets fewer,
 * wider-spaced attempts.
 */
export const TASK_RETRY_OVERRIDES: Record<string, Partial<RetryPolicy>> = {
  'dar/validate-address': { attempts: 8, backoffMs: 500 },
  'cpr/lookup-person': { attempts: 8 },
};

export function retryPolicy(engine: EngineSettings, system: string, task: string): RetryPolicy {
  const override = TASK_RETRY_OVERRIDES[`${system}/${task}`] ?? {};
  // Test and small setups shorten the default backoff; overrides scale with it.
  const scale = engine.integrationBackoffMs / 2000;
  return {
    attempts: override.attempts ?? engine.integrationAttempts,
    backoffMs: Math.max(10, Math.round((override.backoffMs ?? 2000) * scale)),
  };
}

/** Job options for a queue job: retries with exponential backoff and jitter; completed jobs kept a day for dedup. */
export function jobOptions(queue: string, policy?: RetryPolicy) {
  const keep = { removeOnComplete: { age: 86_400, count: 100_000 }, removeOnFail: { age: 7 * 86_400 } };
  if (policy) return { attempts: policy.attempts, backoff: { type: 'exponential', delay: policy.backoffMs, jitter: 0.5 }, ...keep };
  return { attempts: 10, backoff: { type: 'exponential', delay: 500, jitter: 0.5 }, ...keep };
}
