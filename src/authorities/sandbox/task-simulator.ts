import { createHash, randomBytes } from 'node:crypto';
import { AUTHORITY_TASKS, findTask, type AuthorityTask } from '../../../journeys/shared/authority-tasks';
import { prepareTaskValidation, taskInputProblem } from '../task-validation';
import { faultFor, outageEnd, type FaultConfig } from './faults';
import { isoDay, realiseOutput } from './outputs';
import { Prng } from './prng';
import { applyRules, Rejection, type Subject } from './rules';
import type { CallOutcome, SandboxStore } from './sandbox-store';

export interface TaskRequest {
  system: string;
  task: string;
  idempotencyKey?: string;
  /** The `Authorization` header, if any. */
  authorization?: string;
  body: string;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  outcome: CallOutcome;
  code?: string;
  headers?: Record<string, string>;
  /** Hold the answer back: the caller will time out (the work is done all the same). */
  hang?: boolean;
  journeyRef?: string;
  step?: string;
}

export interface SimulatorOptions {
  seed: number;
  latencyScale: number;
  credentials: Partial<Record<string, { clientId: string; clientSecret: string }>>;
  now: () => Date;
}

const KEY = /^[\x21-\x7e]{1,255}$/;
const CPR_NUMBER = /^[0-9]{6}-?[0-9]{4}$/;
const LATENCY_MS = { read: [15, 80], write: [40, 250] } as const;

const no = (
  status: number,
  code: string,
  message: string,
  outcome: CallOutcome = 'rejected',
  headers?: Record<string, string>,
): Answer => ({
  status,
  body: { code, message },
  outcome,
  code,
  headers,
});

/**
 * One authority call, simulated: checks, injected faults, then the work itself. A write is applied
 * at most once per idempotency key; a repeated key gets the first result back.
 */
export class TaskSimulator {
  private faultRng: Prng;
  private latencyRng: Prng;
  private readonly salt = randomBytes(16);

  constructor(
    private readonly store: SandboxStore,
    private readonly options: SimulatorOptions,
    public faults: FaultConfig,
  ) {
    this.faultRng = Prng.from(options.seed, 'faults');
    this.latencyRng = Prng.from(options.seed, 'latency');
    prepareTaskValidation(AUTHORITY_TASKS);
  }

  reseed(): void {
    this.faultRng = Prng.from(this.options.seed, 'faults');
    this.latencyRng = Prng.from(this.options.seed, 'latency');
  }

  async simulate(req: TaskRequest): Promise<Answer> {
    const spec = findTask(req.system, req.task);
    if (!spec) return no(404, 'UNKNOWN_TASK', 'no such system or task');
    if (!req.idempotencyKey || !KEY.test(req.idempotencyKey)) return no(400, 'IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header');
    if (!this.authorised(req)) return no(401, 'UNAUTHORIZED', 'missing or wrong client credentials');
    let body: { input?: unknown; subject?: unknown; journeyRef?: unknown; step?: unknown };
    try {
      body = JSON.parse(req.body) as typeof body;
    } catch {
      return no(400, 'BAD_REQUEST', 'the body is not JSON');
    }
    const meta = { journeyRef: shortString(body?.journeyRef), step: shortString(body?.step) };
    if (typeof body?.input !== 'object' || body.input === null || Array.isArray(body.input)) {
      return { ...no(400, 'BAD_REQUEST', 'the body needs an "input" object'), ...meta };
    }
    const input = body.input as Record<string, unknown>;
    const subject = subjectOf(body.subject);
    if (subject === null) return { ...no(400, 'BAD_REQUEST', 'the "subject" needs a "cpr" number'), ...meta };

    // Drawn on arrival, so outcomes depend on the seed and the order of calls, not on timing.
    const [errorRoll, errorKind, timeoutRoll] = [this.faultRng.next(), this.faultRng.next(), this.faultRng.next()];
    const fault = faultFor(this.faults, spec.system);
    const [min, max] = LATENCY_MS[spec.effect];
    await sleep(this.latencyRng.int(min, max) * this.options.latencyScale + (fault.latencyMs ?? 0));

    const outageUntil = outageEnd(fault, this.options.now());
    if (outageUntil) {
      const seconds = Math.max(1, Math.ceil((outageUntil.getTime() - this.options.now().getTime()) / 1000));
      return { ...no(503, 'OUTAGE', 'the system is down for maintenance', 'fault', { 'retry-after': String(seconds) }), ...meta };
    }
    if (errorRoll < (fault.errorRate ?? 0)) {
      const injected =
        errorKind < 0.7
          ? no(503, 'UNAVAILABLE', 'service unavailable', 'fault')
          : errorKind < 0.9
            ? no(500, 'INTERNAL_ERROR', 'internal error', 'fault')
            : no(429, 'RATE_LIMITED', 'too many requests', 'fault', { 'retry-after': '1' });
      return { ...injected, ...meta };
    }
    const answer = { ...this.perform(spec, req.idempotencyKey, input, subject, meta), ...meta };
    if (answer.status === 200 && timeoutRoll < (fault.timeoutRate ?? 0)) return { ...answer, hang: true, outcome: 'timeout' };
    return answer;
  }

  private perform(
    spec: AuthorityTask,
    key: string,
    input: Record<string, unknown>,
    subject: Subject | undefined,
    meta: { journeyRef?: string; step?: string },
  ): Answer {
    const problem = taskInputProblem(spec, input);
    if (problem) return no(422, 'VALIDATION_FAILED', problem);
    // The subject is part of the request (a key reused for another citizen is caught), but like the
    // input it is only ever kept as a salted hash.
    const inputHash = createHash('sha256')
      .update(this.salt)
      .update(JSON.stringify({ input, subject: subject?.cpr ?? null }))
      .digest('hex');
    if (spec.effect === 'write') {
      const stored = this.store.results.get(key);
      if (stored) {
        if (stored.system !== spec.system || stored.task !== spec.task || stored.inputHash !== inputHash) {
          return no(422, 'IDEMPOTENCY_KEY_REUSED', 'this key was used for a different request');
        }
        return { status: 200, body: { output: stored.output }, outcome: 'replayed', headers: { 'idempotent-replayed': 'true' } };
      }
    }
    const now = this.options.now();
    // Writes get fresh references per key; reads answer the same question the same way.
    const rng = spec.effect === 'write' ? Prng.from(this.options.seed, 'write', key) : Prng.from(this.options.seed, 'read', inputHash);
    const output = realiseOutput(spec, input, rng, now);
    try {
      applyRules(spec.system, spec.task, { input, subject, output, today: isoDay(now) });
    } catch (e) {
      if (e instanceof Rejection) return no(e.status, e.code, e.message);
      throw e;
    }
    if (spec.effect === 'read') return { status: 200, body: { output }, outcome: 'answered' };
    this.store.results.set(key, { system: spec.system, task: spec.task, inputHash, output });
    this.store.applyEffect(key, { system: spec.system, task: spec.task, ...meta, appliedAt: now.toISOString() });
    return { status: 200, body: { output }, outcome: 'applied' };
  }

  private authorised(req: TaskRequest): boolean {
    const expected = this.options.credentials[req.system];
    if (!expected) return true;
    const given = /^Basic (.+)$/i.exec(req.authorization ?? '')?.[1];
    return given !== undefined && Buffer.from(given, 'base64').toString() === `${expected.clientId}:${expected.clientSecret}`;
  }
}

/** The body's `subject`: undefined when absent, null when malformed. Never echoed in an answer. */
function subjectOf(v: unknown): Subject | undefined | null {
  if (v === undefined) return undefined;
  const cpr = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { cpr?: unknown }).cpr : undefined;
  return typeof cpr === 'string' && CPR_NUMBER.test(cpr) ? { cpr } : null;
}

function shortString(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined;
}

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms).unref());
}
