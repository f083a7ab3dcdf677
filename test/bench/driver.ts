import { SignJWT } from 'jose';
import { httpJson, streamUntil } from './http-client';

export interface DriveResult {
  journeyId?: string;
  status: string;
  events: number;
  /** Requests while the journey waited for the workers: `GET /api/journeys/:id` polls, or event streams opened. */
  reads: number;
  latenciesMs: number[];
  error?: string;
}

interface View {
  id: string;
  status: string;
  nextActions: { event: string; example: Record<string, unknown> }[];
}

/** Limits how many writes (starts and events) per second all drivers send together (open loop for the latency phase). */
export class RateLimiter {
  private next = Date.now();
  constructor(private readonly perSecond: number) {}
  async take(): Promise<void> {
    if (!Number.isFinite(this.perSecond)) return;
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }
}

/** Citizen tokens signed like the development identity provider signs them (shared DEV_AUTH_SECRET). */
export async function citizenToken(secret: string, cpr: string): Promise<string> {
  return new SignJWT({ role: 'citizen' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(cpr)
    .setIssuer('livsforloeb-dev-idp')
    .setAudience('livsforloeb')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
}

/** How a citizen's page waits for the workers: the journey's event stream, or a read every `pollMs`. */
export type WaitMode = 'stream' | 'poll';

/**
 * Drives one journey as a citizen would: start it, then keep sending the first next action's
 * example; when there is none, wait until the workers (integrations) have moved it on, or give up:
 * on the journey's event stream (as the journey page does), or by reading it every `pollMs`.
 */
export async function driveJourney(
  base: string,
  token: string,
  type: string,
  answers: Record<string, unknown>,
  limiter: RateLimiter,
  maxEvents = 40,
  idleLimitMs = 20_000,
  pollMs = 250,
  wait: WaitMode = 'stream',
): Promise<DriveResult> {
  const headers = { authorization: `Bearer ${token}` };
  const result: DriveResult = { status: 'not-started', events: 0, reads: 0, latenciesMs: [] };
  // Starts share the limiter with events: at half load, all writes together arrive at half the rate.
  await limiter.take();
  const started = await httpJson<View>('POST', `${base}/api/journeys`, headers, { type, answers });
  if (started.status !== 201) return { ...result, error: `start ${started.status}: ${JSON.stringify(started.body).slice(0, 200)}` };
  let view = started.body;
  result.journeyId = view.id;
  let idleSince = Date.now();
  while (view.status === 'active' && result.events < maxEvents) {
    const action = view.nextActions[0];
    if (!action) {
      const left = idleLimitMs - (Date.now() - idleSince);
      if (left <= 0) break;
      result.reads++;
      if (wait === 'stream') {
        const moved = (v: View) => v.status !== 'active' || v.nextActions.length > 0;
        const next = await streamUntil<View>(`${base}/api/journeys/${view.id}/events/stream`, headers, moved, left);
        if (!next) break;
        view = next;
        continue;
      }
      await new Promise((r) => setTimeout(r, pollMs));
      view = (await httpJson<View>('GET', `${base}/api/journeys/${view.id}`, headers)).body;
      continue;
    }
    await limiter.take();
    const t0 = performance.now();
    const res = await httpJson<{ journey: View }>('POST', `${base}/api/journeys/${view.id}/events`, headers, {
      type: action.event,
      data: action.example,
      idempotencyKey: `${view.id}-${result.events}`,
    });
    const body = res.body;
    result.latenciesMs.push(performance.now() - t0);
    if (res.status !== 200)
      return { ...result, status: view.status, error: `${action.event} ${res.status}: ${JSON.stringify(body).slice(0, 200)}` };
    result.events++;
    view = body.journey;
    idleSince = Date.now();
  }
  result.status = view.status;
  return result;
}
