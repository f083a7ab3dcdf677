/** How one call ended, as the sandbox saw it. */
export type CallOutcome =
  | 'applied' //    a write took effect (first time for its key)
  | 'answered' //   a read was answered
  | 'replayed' //   a repeated key: the first result again, nothing applied
  | 'rejected' //   a 4xx: the authority said no, or the request was malformed
  | 'fault' //      an injected 5xx/429/outage, before anything was applied
  | 'timeout'; //   applied or answered, but the answer was held back until the caller gave up

export interface SandboxCall {
  seq: number;
  at: string;
  system: string;
  task: string;
  idempotencyKey?: string;
  /** 1 for the first call with this idempotency key, 2 for the next, ... */
  attempt: number;
  outcome: CallOutcome;
  status: number;
  code?: string;
  durationMs: number;
  journeyRef?: string;
  step?: string;
}

export interface SideEffect {
  idempotencyKey: string;
  system: string;
  task: string;
  journeyRef?: string;
  step?: string;
  /** Times the effect was applied: 1 unless something is badly wrong. */
  count: number;
  /** Calls that carried the key (attempts, replays, faults). */
  requests: number;
  appliedAt: string;
}

export interface StoredResult {
  system: string;
  task: string;
  inputHash: string;
  output: Record<string, unknown>;
}

export interface CallFilter {
  system?: string;
  task?: string;
  key?: string;
  journeyRef?: string;
}

const MAX_CALLS = 50_000;

/**
 * Everything the sandbox remembers. Inputs and subjects (CPR numbers) are never stored: only a salted
 * hash of both, to spot a reused key.
 */
export class SandboxStore {
  private seq = 0;
  private calls: SandboxCall[] = [];
  private readonly attempts = new Map<string, number>();
  readonly results = new Map<string, StoredResult>();
  private readonly effects = new Map<string, SideEffect>();

  nextAttempt(key: string | undefined): number {
    if (key === undefined) return 1;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    const effect = this.effects.get(key);
    if (effect) effect.requests = attempt;
    return attempt;
  }

  record(call: Omit<SandboxCall, 'seq'>): SandboxCall {
    const full = { seq: ++this.seq, ...call };
    this.calls.push(full);
    if (this.calls.length > MAX_CALLS) this.calls = this.calls.slice(-MAX_CALLS / 2);
    return full;
  }

  applyEffect(key: string, effect: Omit<SideEffect, 'count' | 'requests' | 'idempotencyKey'>): void {
    const existing = this.effects.get(key);
    if (existing) existing.count += 1;
    else this.effects.set(key, { idempotencyKey: key, ...effect, count: 1, requests: this.attempts.get(key) ?? 1 });
  }

  listCalls(f: CallFilter = {}): SandboxCall[] {
    return this.calls.filter((c) => matches(c, f)).map((c) => ({ ...c }));
  }

  listSideEffects(f: CallFilter = {}): SideEffect[] {
    return [...this.effects.values()].filter((e) => matches(e, f)).map((e) => ({ ...e }));
  }

  clear(): void {
    this.seq = 0;
    this.calls = [];
    this.attempts.clear();
    this.results.clear();
    this.effects.clear();
  }
}

function matches(x: { system: string; task: string; idempotencyKey?: string; journeyRef?: string }, f: CallFilter): boolean {
  return (
    (f.system === undefined || x.system === f.system) &&
    (f.task === undefined || x.task === f.task) &&
    (f.key === undefined || x.idempotencyKey === f.key) &&
    (f.journeyRef === undefined || x.journeyRef === f.journeyRef)
  );
}
