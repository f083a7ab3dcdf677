import { SignJWT } from 'jose';
import type { Pool } from 'pg';
import { MAX_CITIZEN_EVENTS } from './oracle';
import { shiftDates, type Scenario } from './scenarios';
import { Prng } from '../../src/authorities/sandbox/prng';
import { sleep } from './cluster';

/** Starts a journey in-process (the `engine` channel); resolves to its id. */
export type EngineStarter = (scenario: Scenario) => Promise<{ journeyId?: string; rejected?: string }>;

export interface DriveOutcome {
  journeyId?: string;
  /** The start was refused (the code the API or the engine gave). */
  rejected?: string;
  citizenEvents: number;
  error?: string;
}

interface View {
  id: string;
  type: string;
  status: string;
  nextActions: { event: string; example: Record<string, unknown> }[];
}

class Answer {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {}
}

/** Temporary: the API process was killed or restarted, or the database or queue is away. */
const transient = (a: Answer) => a.status >= 500 || (a.status === 409 && a.body.code === 'CONCURRENT_UPDATE');

export async function devToken(secret: string, subject: string, role: 'citizen', authority?: string): Promise<string> {
  return new SignJWT({ role, ...(authority ? { authority } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer('livsforloeb-dev-idp')
    .setAudience('livsforloeb')
    .setIssuedAt()
    .setExpirationTime('6h')
    .sign(new TextEncoder().encode(secret));
}

export interface DriverContext {
  apis: string[];
  devSecret: string;
  /** The CPR register feed's access token: one client, signed in once for every driver. */
  registerFeed: () => Promise<string>;
  db: Pool;
  startInEngine: EngineStarter;
  /** How long one request may keep failing (the API down, the database restarting) before the driver gives up. */
  patienceMs: number;
  /**
   * Share of answers to POSTs the driver throws away and sends again, as when the connection
   * breaks after the API committed: a kill -9 rarely lands in that gap, this makes it common.
   */
  lostAnswerRate: number;
  rng: Prng;
}

/**
 * Drives one scenario as its citizen (and, for register starts, as the CPR feed) through the HTTP
 * API, like test/bench/driver.ts but for a system that is being killed: every request is retried
 * with the same body and idempotency key until it gets an answer, on the other API process when one
 * is down, and the citizen acts only when nothing is in flight for the journey (integrations
 * answered, due timers fired, linked journeys reported), which is what makes the outcome
 * predictable by the oracle.
 */
export class ChaosDriver {
  private nextApi = 0;
  /** Requests sent again after no answer or a 5xx (the API or the database was away). */
  retries = 0;
  /** Answers thrown away on purpose (see `lostAnswerRate`). */
  lostAnswers = 0;
  /** 429s waited out before the request went again. */
  rateLimited = 0;

  constructor(private readonly ctx: DriverContext) {}

  async drive(scenario: Scenario): Promise<DriveOutcome> {
    const outcome: DriveOutcome = { citizenEvents: 0 };
    try {
      const citizen = await devToken(this.ctx.devSecret, scenario.cpr, 'citizen');
      const started = await this.start(scenario, citizen);
      Object.assign(outcome, started);
      const id = started.journeyId;
      if (!id) return outcome;
      while (outcome.citizenEvents < MAX_CITIZEN_EVENTS) {
        await this.quiescent(id);
        const view = (await this.request('GET', `/api/journeys/${id}`, citizen)).body as unknown as View;
        if (view.status !== 'active') break;
        const action = view.nextActions[0];
        if (!action) break;
        const body = {
          type: action.event,
          data: shiftDates(action.example, scenario.shiftDays),
          idempotencyKey: `chaos-${id}-${outcome.citizenEvents}`,
        };
        const answer = await this.request('POST', `/api/journeys/${id}/events`, citizen, body);
        if (answer.status !== 200) throw new Error(`${action.event}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        outcome.citizenEvents++;
      }
      await this.quiescent(id);
    } catch (e) {
      outcome.error = (e as Error).message;
    }
    return outcome;
  }

  private async start(scenario: Scenario, citizen: string): Promise<{ journeyId?: string; rejected?: string }> {
    if (scenario.channel === 'engine') return this.patiently(() => this.ctx.startInEngine(scenario));
    if (scenario.channel === 'register') {
      const feed = await this.ctx.registerFeed();
      // Idempotent by the register's event id: a replay answers with the first outcome.
      const { id, type, occurredOn } = scenario.register!;
      const answer = await this.request('POST', '/api/register-events', feed, {
        id,
        type,
        occurredOn,
        persons: [{ cpr: scenario.cpr, facts: scenario.facts }],
      });
      if (answer.status !== 200) return { rejected: `${answer.status} ${String(answer.body.code)}` };
      const [person] = answer.body.outcomes as { result: string; journeyId?: string; reason?: string }[];
      return person.journeyId ? { journeyId: person.journeyId } : { rejected: `register ${person.result}: ${person.reason ?? ''}` };
    }
    // POST /api/journeys takes no idempotency key: after a lost answer, the citizen looks at their
    // journeys before trying again (and a second try finds the first one as JOURNEY_ALREADY_ACTIVE).
    const started = Date.now();
    let until = started + this.ctx.patienceMs;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) {
        const mine = await this.request('GET', '/api/journeys', citizen);
        const existing = (mine.body as unknown as View[]).find((j) => j.type === scenario.type);
        if (existing) return { journeyId: existing.id };
      }
      const answer = await this.once('POST', '/api/journeys', citizen, { type: scenario.type, answers: scenario.answers });
      if (answer && attempt === 0 && this.ctx.rng.next() < this.ctx.lostAnswerRate) {
        this.lostAnswers++;
        continue;
      }
      if (answer && answer.status === 201) return { journeyId: String(answer.body.id) };
      if (answer && answer.status === 409 && answer.body.code === 'JOURNEY_ALREADY_ACTIVE')
        return { journeyId: String(answer.body.journeyId) };
      const wait = answer?.status === 429 ? this.rateLimitWait(answer, until, started) : undefined;
      if (wait) {
        until += wait;
        await sleep(wait);
        continue;
      }
      if (answer && !transient(answer)) return { rejected: `${answer.status} ${String(answer.body.code)}` };
      if (Date.now() > until) throw new Error(`start: no answer for ${this.ctx.patienceMs} ms`);
      this.retries++;
      await sleep(backoff(attempt));
    }
  }

  /** Waits until nothing the journey (or a journey it started) waits for is in flight. */
  private async quiescent(journeyId: string): Promise<void> {
    const until = Date.now() + 4 * this.ctx.patienceMs;
    for (;;) {
      try {
        const { rows } = await this.ctx.db.query<{ busy: boolean }>(QUIESCENT, [journeyId]);
        if (!rows[0].busy) return;
      } catch {
        /* the database is restarting */
      }
      if (Date.now() > until) throw new Error(`journey still busy after ${4 * this.ctx.patienceMs} ms`);
      await sleep(200);
    }
  }

  /** Sends until an answer that is not a temporary failure arrives; the same body every time. */
  /** How long a 429 is waited out (Retry-After); it does not spend the request's patience, up to this many times it. */
  private rateLimitWait(answer: Answer, until: number, started: number): number | undefined {
    const wait = Math.max(1, Number(answer.body.retryAfterSeconds) || 1) * 1000;
    if (until + wait - started > 5 * this.ctx.patienceMs) return undefined;
    this.rateLimited++;
    return wait;
  }

  private async request(method: string, path: string, token: string, body?: unknown): Promise<Answer> {
    const started = Date.now();
    let until = started + this.ctx.patienceMs;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.once(method, path, token, body);
      if (answer && method === 'POST' && attempt === 0 && this.ctx.rng.next() < this.ctx.lostAnswerRate) {
        this.lostAnswers++;
        continue; // the same request again, at once
      }
      // As a well-behaved client does (the register feed sends in bursts): wait as long as the
      // answer says, then send the same request again.
      const wait = answer?.status === 429 ? this.rateLimitWait(answer, until, started) : undefined;
      if (wait) {
        until += wait;
        await sleep(wait);
        continue;
      }
      if (answer && !transient(answer)) return answer;
      if (Date.now() > until)
        throw new Error(
          `${method} ${path}: ${answer ? `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}` : 'no answer'} ` +
            `for ${this.ctx.patienceMs} ms`,
        );
      this.retries++;
      await sleep(backoff(attempt));
    }
  }

  private async patiently<T>(fn: () => Promise<T>): Promise<T> {
    const until = Date.now() + this.ctx.patienceMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (Date.now() > until) throw e;
        this.retries++;
        await sleep(backoff(attempt));
      }
    }
  }

  /** One request to the next API process; undefined when the connection failed (the process is down). */
  private async once(method: string, path: string, token: string, body?: unknown): Promise<Answer | undefined> {
    const base = this.ctx.apis[this.nextApi++ % this.ctx.apis.length];
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = { text: text.slice(0, 200) };
      }
      return new Answer(res.status, (Array.isArray(parsed) ? parsed : (parsed ?? {})) as Record<string, unknown>);
    } catch {
      return undefined;
    }
  }
}

const backoff = (attempt: number) => Math.min(2000, 100 * 2 ** attempt) * (0.5 + Math.random());

/**
 * Busy: an integration task not finished, a timer due but not fired, or a linked journey's completion not delivered.
 * A task held for the citizen's consent (or cancelled by "Udfyld selv") is not in flight: it waits for the citizen.
 */
const QUIESCENT = `
  WITH RECURSIVE tree AS (
    SELECT id FROM journey WHERE id = $1
    UNION ALL SELECT j.id FROM journey j JOIN tree t ON j.parent_journey_id = t.id
  )
  SELECT EXISTS (SELECT 1 FROM integration_task WHERE journey_id IN (SELECT id FROM tree) AND status IN ('queued', 'running', 'failed'))
      OR EXISTS (SELECT 1 FROM journey_timer WHERE journey_id IN (SELECT id FROM tree) AND status = 'scheduled' AND due_at <= now())
      OR EXISTS (SELECT 1 FROM outbox WHERE journey_id IN (SELECT id FROM tree) AND payload->>'queue' = 'journey-events') AS busy`;
