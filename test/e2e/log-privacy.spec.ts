import { PERSONAS } from '../../src/api/dev/personas';
import { createDataSource } from '../../src/platform/database/data-source';
import { CreateClientUseCase } from '../../src/engine/self-service/create-client.use-case';
import { SystemClientRepository } from '../../src/engine/self-service/system-client.repository';
import { createTestDatabase } from '../support/database';
import { waitFor } from '../support/private-redis';
import { freePort } from '../support/ports';
import { ServiceProcess } from '../support/service-process';
import { movingAnswers } from '../support/self-service';
import { ProviderBrowser } from '../support/sign-in';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/** The pattern the service masks (src/platform/logging/redact.ts), unanchored: any CPR-like number in a line. */
const CPR_LIKE = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/g;
/** Random ids can hold ten digits in a row by chance; they are not personal data, so they are taken out first. */
const IDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|lft_[A-Za-z0-9_-]+|whsec_[A-Za-z0-9_-]+|eyJ[A-Za-z0-9_.-]+/g;

function asRead(line: string): string {
  let out = line;
  for (let i = 0; i < 3; i++)
    out = out.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  return out.normalize('NFKC');
}

/**
 * Everything the service logs, at the most verbose level, across a full workflow on every surface
 * (citizens, pages, proxies, caseworkers, systems, the register feed, workers and the sandbox)
 * and its error paths: no CPR number and no person's name.
 */
describe('log privacy', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ServiceProcess;
  let receiver: WebhookReceiver;
  let base: string;
  const people = ['0101901234', '0202802345', '1512954321', '2411774455'];
  const names = [...PERSONAS.map((p) => p.name), 'Peter Proxy'];

  beforeAll(async () => {
    db = await createTestDatabase('log_privacy');
    receiver = await startWebhookReceiver();
    const port = String(await freePort());
    base = `http://127.0.0.1:${port}`;
    service = new ServiceProcess({
      PORT: port,
      PUBLIC_BASE_URL: base,
      DEV_IDP_PORT: '0',
      DATABASE_URL: db.url,
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'trace',
      QUEUE_NAMESPACE: `log_privacy_${process.pid}`,
      OUTBOX_POLL_MS: '50',
      DEV_AUTH_SECRET: 'log-privacy-secret-log-privacy-secret-0123',
      RATE_LIMIT_LOGIN: '1000',
      WEBHOOK_BACKOFF_MS: '50',
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    });
    service.start();
    await service.ready(60_000);
  }, 90_000);
  afterAll(async () => {
    if (service?.exitCode === null) {
      service.signal('SIGTERM');
      await service.exited().catch(() => undefined);
    }
    await receiver?.close();
    await db?.drop();
  });

  const call = async (
    path: string,
    init: { method?: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
      body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      redirect: 'manual',
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  };
  const devToken = async (body: object) => (await call('/api/dev/token', { body })).json().token as string;

  it('does log no CPR number and no name through a whole workflow and its error paths', async () => {
    const [anna, bo, clara, unknown] = people;
    const citizen = await devToken({ role: 'citizen', subject: anna, name: 'Anna Jensen' });
    const proxy = await devToken({ role: 'citizen', subject: bo, name: 'Peter Proxy' });
    const caseworker = await devToken({ role: 'caseworker', subject: 'kk-sb-101', name: 'Mette Larsen', authority: 'municipality' });
    const ds = createDataSource(db.url, 2);
    await ds.initialize();
    const clients = new CreateClientUseCase(new SystemClientRepository(ds));
    const [municipality, cpr] = [await clients.execute({ authority: 'municipality' }), await clients.execute({ authority: 'cpr' })];
    await ds.destroy();
    const systemToken = async (c: { clientId: string; clientSecret: string }) =>
      (
        await call('/api/oauth/token', { body: { grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret } })
      ).json().access_token as string;
    const kk = await systemToken(municipality);
    await call('/api/self-service/webhooks', { token: kk, body: { url: receiver.url, events: ['step.awaiting', 'step.completed'] } });

    // The citizen's journey, a power of attorney, the proxy acting, a caseworker reading and writing.
    const journey = (await call('/api/journeys', { token: citizen, body: { type: 'moving', answers: movingAnswers() } })).json();
    expect(journey.id).toBeDefined();
    await call(`/api/journeys/${journey.id}/events`, {
      token: citizen,
      body: { type: 'move.reported', data: { reportedOn: '2026-05-20' } },
    });
    const pending = await call('/api/me/proxies/pending', {
      token: citizen,
      body: { proxyCpr: `${bo.slice(0, 6)}-${bo.slice(6)}`, access: 'act', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    await call('/api/me/proxies', { token: citizen, body: { pendingId: (pending.json() as { pendingId: string }).pendingId } });
    await call(`/api/me/represented/journeys/${journey.id}`, { token: proxy });
    await call(`/api/me/represented/journeys/${journey.id}/events`, {
      token: proxy,
      body: { type: 'gp-choice.made', data: { choice: 'keep-current' } },
    });
    await call(`/api/caseworker/journeys/${journey.id}/timeline?purpose=citizen-support`, { token: caseworker });
    await call(`/api/caseworker/journeys/${journey.id}/notes`, { token: caseworker, body: { body: `Talte med Anna Jensen (${anna})` } });
    // The municipality's solution decides the host declaration with the task token from its webhook.
    await waitFor(() => receiver.ofType('step.awaiting').length > 0, 20_000);
    const task = receiver.ofType('step.awaiting')[0].data.task;
    await call(`/api/hooks/tasks/${task.token}/complete`, { token: kk, body: { data: { confirmed: true, decidedOn: '2026-05-22' } } });
    await call('/api/register-events', {
      token: await systemToken(cpr),
      body: { id: 'log-privacy-1', type: 'birthday-15', occurredOn: '2026-01-10', persons: [{ cpr: '1001110123' }] },
    });
    await call('/api/me/export', { token: citizen });

    // Pages: a persona signs in through the local provider and posts forms.
    const session = await new ProviderBrowser().signIn(base, 'dev-citizen', 'clara');
    const page = await fetch(`${base}/me/proxies`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    const pageCsrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
    await fetch(`${base}/me/proxies`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(pageCsrf)}&proxyCpr=${clara}&access=read&expiresAt=${unknown}`,
    });

    // Error paths, each carrying a CPR number or a name where a careless log line would pick it up.
    await call('/api/me/proxies/pending', { token: citizen, body: { proxyCpr: '3113999999', access: 'read', expiresAt: unknown } });
    await call('/api/me/proxies/pending', {
      token: citizen,
      body: { proxyCpr: `${unknown.slice(0, 6)}0000`, access: 'read', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    await call(`/api/journeys/${unknown}`, { token: citizen });
    await call(`/api/journeys/${journey.id}?cpr=${unknown}&name=Anna%20Jensen`, { token: citizen });
    await call(`/api/journeys/${journey.id}/events`, {
      token: citizen,
      body: { type: unknown, data: { cpr: unknown }, idempotencyKey: `${unknown}-Anna Jensen` },
    });
    await call(`/api/journeys/${journey.id}/events`, {
      token: citizen,
      body: { type: 'gp-choice.made', data: { choice: unknown, [unknown]: 'Anna Jensen' } },
    });
    await call('/api/journeys', { token: citizen, raw: `{"type":"moving","answers":{"cpr":"${unknown}"` });
    await call('/api/dev/token', { body: { role: 'citizen', subject: `${unknown}x`, name: 'Anna Jensen' } });
    await call('/api/dev/token', { body: { role: 'caseworker', subject: unknown, name: 'Mette Larsen', authority: 'nowhere' } });
    await call(`/api/no-such-route/${unknown}`, { headers: { 'x-request-id': unknown } });
    await call('/api/journeys', { headers: { authorization: `Bearer ${unknown}`, 'x-request-id': `Anna-Jensen-${unknown}` } });
    await call('/api/oauth/token', { body: { grant_type: 'client_credentials', client_id: unknown, client_secret: 'Anna Jensen' } });
    await call(`/api/hooks/tasks/lft_${unknown}/complete`, { token: kk, body: { data: { cpr: unknown } } });
    await call('/api/register-events', {
      token: kk,
      body: {
        id: `r-${unknown}`,
        type: 'birth',
        occurredOn: '2026-01-10',
        persons: [{ cpr: `${unknown.slice(0, 4)}99${unknown.slice(6)}` }],
      },
    });
    await fetch(`${base}/journeys/${unknown}`, { headers: { cookie: session } });
    // The same numbers hidden by encoding: percent-escaped, escaped twice, in full-width digits; and as a search parameter's name.
    const escaped = [...unknown].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    const fullwidth = [...unknown].map((c) => String.fromCharCode(0xff10 + Number(c))).join('');
    await call(`/api/journeys/${escaped}`, { token: citizen });
    await call(`/api/journeys/${escaped.replace(/%/g, '%25')}/events`, { token: citizen, body: { type: 'x' } });
    await fetch(`${base}/journeys/${encodeURIComponent(fullwidth)}`, { headers: { cookie: session } });
    await fetch(`${base}/journeys/${anna.slice(0, 6)}%2d${anna.slice(6)}`, { headers: { cookie: session } });
    // A caseworker signs in through the local provider; their search page is theirs before a bad search is tried.
    const staff = await new ProviderBrowser().signIn(base, 'dev-caseworker', 'kk-sb-101');
    expect((await fetch(`${base}/caseworker`, { headers: { cookie: staff } })).status).toBe(200);
    const search = await fetch(`${base}/caseworker?${unknown}=1`, { headers: { cookie: staff } });
    expect(search.status).toBe(400);
    expect(await search.text()).not.toContain(unknown);

    // Let the workers run what the workflow queued (integrations on the sandbox, webhooks), then stop.
    await waitFor(() => receiver.ofType('step.completed').length > 0, 20_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1500));
    service.signal('SIGTERM');
    await service.exited();

    const log = service.stdout + service.stderr;
    // The capture works: requests, workers and the masking itself are in it.
    expect(log).toContain('"url":"/api/journeys');
    expect(log).toContain('[cpr]');
    expect(log.split('\n').length).toBeGreaterThan(60);
    const scrubbed = log.replace(IDS, '<id>');
    const lines = scrubbed.split('\n');
    expect(lines.filter((l) => new RegExp(CPR_LIKE.source).test(l)).slice(0, 5)).toEqual([]);
    // Read as a person would read them: escapes decoded (twice-escaped too), full-width digits folded.
    expect(
      lines
        .map(asRead)
        .filter((l) => new RegExp(CPR_LIKE.source).test(l))
        .slice(0, 5),
    ).toEqual([]);
    for (const name of [...names, 'Anna', 'Jensen']) expect([name, lines.filter((l) => l.includes(name)).slice(0, 3)]).toEqual([name, []]);
    for (const number of [...people, '1001110123']) expect(log).not.toContain(number);
  }, 120_000);
});
