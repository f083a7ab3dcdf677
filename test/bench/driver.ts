import { SignJWT } from 'jose';
import { httpJson } from './http-client';

export interface DriveResult {
  journeyId?: string;
  status: string;
  events: number;
  /** Page reads while the journey waited for the workers (`GET /api/journeys/:id`). */
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

/**
 * Drives one journey as a citizen would: start it, then keep sending the first next action's
 * example; when there is none, look again every `pollMs` (a page refreshing itself) until the
 * workers (integrations) have moved it on, or give up.
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
      if (Date.now() - idleSince > idleLimitMs) break;
      await new Promise((r) => setTimeout(r, pollMs));
      view = (await httpJson<View>('GET', `${base}/api/journeys/${view.id}`, headers)).body;
      result.reads++;
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
