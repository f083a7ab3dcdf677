import { createDataSource } from '../../src/platform/database/data-source';
import { CreateClientUseCase } from '../../src/engine/self-service/create-client.use-case';
import { SystemClientRepository } from '../../src/engine/self-service/system-client.repository';
import { createTestDatabase } from '../support/database';
import { OpenApiContract } from '../support/openapi-contract';
import { freePort } from '../support/ports';
import { ServiceProcess } from '../support/service-process';

type Json = any;
interface Action {
  event: string;
  example: Record<string, unknown>;
}

/**
 * An integrator with nothing but the published contract: the built service as users run it (its
 * authority sandbox answering the integrations), HTTP only, no journey code. Every journey type is
 * started as `/api/journey-types/{id}` says (by the citizen or through the register feed with its
 * facts example) and driven to its end by sending, as citizen, caseworker or self-service system,
 * the next actions the views offer with their examples. Every answer is checked against the
 * OpenAPI document. Clients are created as an operator does (`npm run clients:create`).
 */
describe('an integrator drives every journey with the published contract only', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ServiceProcess;
  let base: string;
  let contract: OpenApiContract;
  const problems: string[] = [];
  const clients = new Map<string, string>();
  let operator: ReturnType<typeof createDataSource>;

  beforeAll(async () => {
    db = await createTestDatabase('integrator_drives');
    operator = createDataSource(db.url, 1);
    const port = String(await freePort());
    base = `http://127.0.0.1:${port}`;
    service = new ServiceProcess({
      PORT: port,
      PUBLIC_BASE_URL: base,
      DEV_IDP_PORT: '0',
      DATABASE_URL: db.url,
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'warn',
      QUEUE_NAMESPACE: `integrator_${process.pid}`,
      OUTBOX_POLL_MS: '50',
      DEV_AUTH_SECRET: 'integrator-secret-integrator-secret-0123',
      RATE_LIMIT_LOGIN: '100000',
      RATE_LIMIT_WRITES: '100000',
    });
    service.start();
    await service.ready(60_000);
    contract = new OpenApiContract((await call('GET', '/api/docs-json')).body);
  }, 90_000);
  afterAll(async () => {
    if (service?.exitCode === null) {
      service.signal('SIGTERM');
      await service.exited().catch(() => undefined);
    }
    if (operator?.isInitialized) await operator.destroy();
    await db?.drop();
  });

  async function call(method: string, path: string, o: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    if (contract && !path.startsWith('/api/dev/')) problems.push(...contract.problems({ method, path, status: res.status, body }));
    return { status: res.status, body };
  }

  const devToken = async (claims: object) => (await call('POST', '/api/dev/token', { body: claims })).body.token as string;
  async function systemToken(authority: string): Promise<string> {
    if (!clients.has(authority)) {
      if (!operator.isInitialized) await operator.initialize();
      const client = await new CreateClientUseCase(new SystemClientRepository(operator)).execute({ authority });
      const res = await fetch(`${base}/api/oauth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
      clients.set(authority, (await res.json()).access_token);
    }
    return clients.get(authority)!;
  }

  let serial = 0;
  async function start(type: Json, cpr: string): Promise<string> {
    if (type.startedBy.includes('citizen')) {
      const res = await call('POST', '/api/journeys', {
        token: await devToken({ role: 'citizen', subject: cpr }),
        body: { type: type.id, answers: type.startExample },
      });
      expect(res.status).toBe(201);
      return res.body.id;
    }
    const facts = type.facts.examples[0] ?? {};
    const res = await call('POST', '/api/register-events', {
      token: await systemToken('cpr'),
      body: {
        id: `integrator-${type.id}`,
        type: type.register.eventType,
        occurredOn: facts[type.register.dateFact] ?? new Date().toISOString().slice(0, 10),
        persons: [{ cpr, facts }],
      },
    });
    expect(res.body.outcomes).toEqual([expect.objectContaining({ result: 'started' })]);
    return res.body.outcomes[0].journeyId;
  }

  interface Sender {
    path: string;
    token: string;
    send: string;
  }

  /** The citizen, and a caseworker and a self-service system of each authority whose steps the journey type's events decide. */
  async function sendersFor(type: Json, journeyId: string, citizen: string): Promise<Sender[]> {
    const authoritiesOf = (kind: string) => [
      ...new Set<string>(
        type.events
          .filter((e: Json) => e.actors.includes(kind))
          .flatMap((e: Json) => e.steps.map((st: Json) => st.authority))
          .filter(Boolean),
      ),
    ];
    const senders: Sender[] = [{ path: `/api/journeys/${journeyId}`, token: citizen, send: `/api/journeys/${journeyId}/events` }];
    for (const authority of authoritiesOf('caseworker')) {
      senders.push({
        path: `/api/caseworker/journeys/${journeyId}`,
        token: await devToken({ role: 'caseworker', subject: `cw-${authority}`, authority, name: 'Test Sagsbehandler' }),
        send: `/api/caseworker/journeys/${journeyId}/events`,
      });
    }
    for (const authority of authoritiesOf('system')) {
      senders.push({
        path: `/api/self-service/journeys/${journeyId}`,
        token: await systemToken(authority),
        send: `/api/self-service/journeys/${journeyId}/events`,
      });
    }
    return senders;
  }

  const types = [
    'moving',
    'divorce',
    'starting-education',
    'new-job',
    'moving-abroad',
    'moving-to-denmark',
    'losing-a-job',
    'becoming-a-parent',
    'retiring',
    'losing-a-relative',
    'digital-citizen',
  ];

  it.each(types)(
    '%s: started and finished from /api/journey-types and the views’ nextActions',
    async (id) => {
      const type = (await call('GET', `/api/journey-types/${id}`)).body;
      const cpr = `0303${String(6000 + ++serial).padStart(6, '0')}`;
      const citizen = await devToken({ role: 'citizen', subject: cpr });
      const journeyId = await start(type, cpr);
      const tracked = new Map<string, Sender[]>([[journeyId, await sendersFor(type, journeyId, citizen)]]);
      const sent = new Map<string, number>();
      let idle = 0;
      for (let round = 0; round < 150 && idle < 40; round++) {
        const view = (await call('GET', `/api/journeys/${journeyId}`, { token: citizen })).body;
        if (view.status !== 'active') break;
        // A step another journey fulfils (divorce → moving) is driven through that journey, as the citizen would.
        for (const child of view.links.children as { id: string; type: string; status: string }[]) {
          if (!tracked.has(child.id))
            tracked.set(child.id, await sendersFor((await call('GET', `/api/journey-types/${child.type}`)).body, child.id, citizen));
        }
        const offers: { sender: Sender; action: Action }[] = [];
        for (const senders of tracked.values()) {
          for (const sender of senders) {
            const res = await call('GET', sender.path, { token: sender.token });
            if (res.status === 200 && res.body.status === 'active')
              for (const action of res.body.nextActions as Action[]) offers.push({ sender, action });
          }
        }
        // The action sent least often first, so that a pair of events that undo each other cannot loop.
        const next = offers.sort((x, y) => (sent.get(x.action.event) ?? 0) - (sent.get(y.action.event) ?? 0))[0];
        if (!next) {
          // Nothing to send: an integration or a webhook is on its way through the workers.
          idle++;
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        idle = 0;
        sent.set(next.action.event, (sent.get(next.action.event) ?? 0) + 1);
        const res = await call('POST', next.sender.send, {
          token: next.sender.token,
          body: { type: next.action.event, data: next.action.example, idempotencyKey: `drive-${round}` },
        });
        // A worker may move the journey on between the read and the send: then the next round looks again.
        if (res.status !== 200)
          expect({ event: next.action.event, status: res.status, code: res.body.code }).toMatchObject({
            status: 409,
            code: 'EVENT_NOT_ALLOWED',
          });
      }
      const final = (await call('GET', `/api/journeys/${journeyId}`, { token: citizen })).body;
      expect({
        id,
        status: final.status,
        open: final.steps.filter((s: Json) => !['done', 'skipped'].includes(s.status)).map((s: Json) => `${s.id}:${s.status}`),
      }).toEqual({ id, status: 'completed', open: [] });
    },
    90_000,
  );

  it('got only answers the OpenAPI document describes', () => {
    expect(problems).toEqual([]);
  });
});
