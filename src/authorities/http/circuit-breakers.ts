import CircuitBreaker from 'opossum';
import type { AuthoritySystemId } from '../../../journeys/shared/contract';
import { AuthorityError } from '../ports/authority-gateway.port';
import { boundedRetryAfterMs } from './error-mapping';
import type { BreakerSettings } from './http-settings';

type Thunk = () => Promise<unknown>;
export type BreakerState = 'closed' | 'open' | 'half-open';

interface Entry {
  breaker: CircuitBreaker<[Thunk], unknown>;
  openedAt: number;
}

/**
 * One opossum breaker per authority system. Only retryable failures count: an authority that
 * answers "no" is up. An open breaker fails fast with `CIRCUIT_OPEN` and says when to come back, so
 * the engine delays the job instead of spending its attempts on a system that is down.
 */
export class SystemBreakers {
  private readonly entries = new Map<AuthoritySystemId, Entry>();

  constructor(
    private readonly settings: BreakerSettings,
    /** How long a half-open trial call may take (the request timeout). */
    private readonly trialMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async run<T>(system: AuthoritySystemId, action: () => Promise<T>): Promise<T> {
    const entry = this.entry(system);
    try {
      return (await entry.breaker.fire(action)) as T;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EOPENBREAKER') throw e;
      const waitMs = entry.breaker.opened
        ? entry.openedAt + this.settings.resetTimeoutMs - this.now()
        : Math.min(this.settings.resetTimeoutMs, this.trialMs); // half-open: a trial call is in flight
      const retryAfterMs = boundedRetryAfterMs(Math.max(50, waitMs))!;
      throw new AuthorityError('CIRCUIT_OPEN', true, `${system}: circuit open, retry in ${retryAfterMs} ms`, retryAfterMs);
    }
  }

  state(system: AuthoritySystemId): BreakerState {
    const breaker = this.entries.get(system)?.breaker;
    return !breaker || breaker.closed ? 'closed' : breaker.halfOpen ? 'half-open' : 'open';
  }

  /** Stops the breakers' timers. */
  shutdown(): void {
    for (const { breaker } of this.entries.values()) breaker.shutdown();
    this.entries.clear();
  }

  private entry(system: AuthoritySystemId): Entry {
    let entry = this.entries.get(system);
    if (entry) return entry;
    const breaker = new CircuitBreaker<[Thunk], unknown>((thunk: Thunk) => thunk(), {
      name: system,
      timeout: false, // the adapter aborts the request itself
      errorThresholdPercentage: this.settings.errorThresholdPercentage,
      volumeThreshold: this.settings.volumeThreshold,
      rollingCountTimeout: this.settings.rollingWindowMs,
      resetTimeout: this.settings.resetTimeoutMs,
      enableSnapshots: false,
      errorFilter: (e: unknown) => e instanceof AuthorityError && !e.retryable,
    });
    entry = { breaker, openedAt: 0 };
    const current = entry;
    breaker.on('open', () => (current.openedAt = this.now()));
    this.entries.set(system, entry);
    return entry;
  }
}
