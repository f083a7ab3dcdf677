import * as http from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { allDefinitions } from '../../journeys';
import { accessWorld, appRoutes, ROLES, type Fixture } from '../support/access-world';
import { createTestApp } from '../support/app';
import { contractCheck } from '../support/openapi-contract';
import { createTestDatabase } from '../support/database';
import { AcceptingGateway } from '../support/self-service';

type Expected = number | 'L'; // 'L': 303 to the sign-in page
interface Route {
  /** Exactly 11 answers, one per role in ROLES order. */
  expect: Expected[];
  path: (fx: Fixture) => string;
  body?: (fx: Fixture) => object;
  /** The authority "in" and "out" are relative to (default municipality, of the moving journey). */
  authority?: string;
  /** A success changes the fixture (consumes a token, dismisses a journey): each success gets a fresh one. */
  mutates?: boolean;
  /** An event stream: asked for with `Accept: text/event-stream`, and closed once its status has come. */
  stream?: boolean;
}

const rep = (n: number, s: Expected) => Array<Expected>(n).fill(s);
//                      anon  A    B    pAct pRead pOther pExp cwIn cwOut sysIn sysOut
const PUBLIC = (s: number) => rep(11, s);
const CITIZENS = (s: number, anon: Expected = 401) => [anon, ...rep(6, s), ...rep(4, 403)];
const OWNER = (s: number, anon: Expected = 401) => [anon, s, ...rep(5, 404), ...rep(4, 403)];
const PROXY = (read: number, act: number, anon: Expected = 401) => [anon, 404, 404, act, read, 404, 404, ...rep(4, 403)];
const CASEWORKER = (s: number, out: number, anon: Expected = 401) => [anon, ...rep(6, 403), s, out, 403, 403];
const SYSTEM = (s: number, out: number, role = 403) => [401, ...rep(6, role), role, role, s, out];

const future = () => new Date(Date.now() + 86_400_000).toISOString();
const gp = { type: 'gp-choice.made', data: { choice: 'keep-current' } };
const decided = { type: 'logivaert.decided', data: { confirmed: true, decidedOn: '2026-05-22' } };
let registerId = 0;

/** Every route of the running app and what each caller gets. A route missing here fails the suite. */
const MATRIX: Record<string, Route> = {
  'GET /health/live': { expect: PUBLIC(200), path: () => '/health/live' },
  'GET /health/ready': { expect: PUBLIC(200), path: () => '/health/ready' },
  'GET /api/docs': { expect: PUBLIC(200), path: () => '/api/docs' },
  'GET /api/docs/': { expect: PUBLIC(200), path: () => '/api/docs/' },
  'GET /api/docs/index.html': { expect: PUBLIC(200), path: () => '/api/docs/index.html' },
  'GET /api/docs/swagger-ui-init.js': { expect: PUBLIC(200), path: () => '/api/docs/swagger-ui-init.js' },
  'GET /api/docs/docs/swagger-ui-init.js': { expect: PUBLIC(200), path: () => '/api/docs/docs/swagger-ui-init.js' },
  // Mounted by @nestjs/swagger, whose package ships no LICENSE file to serve.
  'GET /api/docs/LICENSE': { expect: PUBLIC(404), path: () => '/api/docs/LICENSE' },
  'GET /api/docs-json': { expect: PUBLIC(200), path: () => '/api/docs-json' },
  'GET /api/docs-yaml': { expect: PUBLIC(200), path: () => '/api/docs-yaml' },
  'GET /api/journey-types': { expect: PUBLIC(200), path: () => '/api/journey-types' },
  'GET /api/authorities': { expect: PUBLIC(200), path: () => '/api/authorities' },
  'GET /api/journey-types/:type/diagram': { expect: PUBLIC(200), path: () => '/api/journey-types/moving/diagram' },
  'GET /api/journey-types/:type': { expect: PUBLIC(200), path: () => '/api/journey-types/retiring' },
  'GET /api/asyncapi.json': { expect: PUBLIC(200), path: () => '/api/asyncapi.json' },
  'POST /api/dev/token': { expect: PUBLIC(201), path: () => '/api/dev/token', body: () => ({ role: 'citizen', subject: '0101901234' }) },
  'POST /api/oauth/token': {
    expect: PUBLIC(401),
    path: () => '/api/oauth/token',
    body: () => ({ grant_type: 'client_credentials', client_id: 'municipality-000000000000', client_secret: 'wrong' }),
  },

  'POST /api/journeys': {
    expect: CITIZENS(201),
    path: () => '/api/journeys',
    body: () => ({ type: 'moving-abroad', answers: allDefinitions().find((d) => d.id === 'moving-abroad')!.startExamples[0] }),
  },
  'GET /api/journeys': { expect: CITIZENS(200), path: () => '/api/journeys' },
  'GET /api/journeys/:id': { expect: OWNER(200), path: (fx) => `/api/journeys/${fx.journeyId}` },
  'GET /api/journeys/:id/history': { expect: OWNER(200), path: (fx) => `/api/journeys/${fx.journeyId}/history` },
  'GET /api/journeys/:id/events/stream': { expect: OWNER(200), path: (fx) => `/api/journeys/${fx.journeyId}/events/stream`, stream: true },
  'POST /api/journeys/:id/events': {
    expect: OWNER(200),
    path: (fx) => `/api/journeys/${fx.journeyId}/events`,
    body: () => gp,
    mutates: true,
  },
  'POST /api/journeys/:id/dismiss': { expect: OWNER(200), path: (fx) => `/api/journeys/${fx.journeyId}/dismiss`, mutates: true },
  'GET /api/me/access-log': { expect: CITIZENS(200), path: () => '/api/me/access-log' },
  'GET /api/me/notifications': { expect: CITIZENS(200), path: () => '/api/me/notifications' },
  'POST /api/me/notifications/:id/read': { expect: OWNER(204), path: (fx) => `/api/me/notifications/${fx.notificationId}/read` },
  'GET /api/me/proxies': { expect: CITIZENS(200), path: () => '/api/me/proxies' },
  'POST /api/me/proxies/pending': {
    expect: CITIZENS(201),
    path: () => '/api/me/proxies/pending',
    body: () => ({ proxyCpr: '0909809012', access: 'read', expiresAt: future() }),
  },
  // Only the citizen who asked may confirm or cancel a pending grant; to anyone else it does not exist.
  'POST /api/me/proxies': { expect: OWNER(201), path: () => '/api/me/proxies', body: (fx) => ({ pendingId: fx.pendingId }), mutates: true },
  'DELETE /api/me/proxies/pending/:id': { expect: OWNER(204), path: (fx) => `/api/me/proxies/pending/${fx.pendingId}`, mutates: true },
  'DELETE /api/me/proxies/:id': { expect: OWNER(204), path: (fx) => `/api/me/proxies/${fx.grantId}`, mutates: true },
  'GET /api/me/export': { expect: CITIZENS(200), path: () => '/api/me/export' },
  'GET /api/me/represented/journeys': { expect: CITIZENS(200), path: () => '/api/me/represented/journeys' },
  'GET /api/me/represented/journeys/:id': { expect: PROXY(200, 200), path: (fx) => `/api/me/represented/journeys/${fx.journeyId}` },
  'GET /api/me/represented/journeys/:id/history': {
    expect: PROXY(200, 200),
    path: (fx) => `/api/me/represented/journeys/${fx.journeyId}/history`,
  },
  'GET /api/me/represented/journeys/:id/events/stream': {
    expect: PROXY(200, 200),
    path: (fx) => `/api/me/represented/journeys/${fx.journeyId}/events/stream`,
    stream: true,
  },
  'POST /api/me/represented/journeys/:id/events': {
    expect: PROXY(403, 200),
    path: (fx) => `/api/me/represented/journeys/${fx.journeyId}/events`,
    body: () => gp,
    mutates: true,
  },

  'GET /api/me/overview': { expect: CITIZENS(200), path: () => '/api/me/overview?benefits=false' },
  // The handle is the proxyRead grant: only that proxy reaches A's overview through it.
  'GET /api/me/represented/grants/:grantId/overview': {
    expect: [401, 404, 404, 404, 200, 404, 404, ...rep(4, 403)],
    path: (fx) => `/api/me/represented/grants/${fx.readGrantId}/overview?benefits=false`,
  },
  // The handle is the proxyAct grant: only that proxy may say one of A's register facts is wrong through it.
  'POST /api/me/represented/grants/:grantId/corrections': {
    expect: [401, 404, 404, 201, 404, 404, 404, ...rep(4, 403)],
    path: (fx) => `/api/me/represented/grants/${fx.actGrantId}/corrections`,
    body: () => ({ fact: 'address', description: 'Forkert kommune' }),
    mutates: true,
  },
  'POST /api/me/calendar-feed': { expect: CITIZENS(201), path: () => '/api/me/calendar-feed' },
  'GET /api/me/calendar-feed': { expect: CITIZENS(200), path: () => '/api/me/calendar-feed' },
  'DELETE /api/me/calendar-feed': { expect: CITIZENS(204), path: () => '/api/me/calendar-feed' },
  // Public: the token is the key, and without a live one there is no feed.
  'GET /api/me/calendar.ics': { expect: PUBLIC(404), path: () => '/api/me/calendar.ics?token=lfc_none' },
  'GET /api/me/corrections': { expect: CITIZENS(200), path: () => '/api/me/corrections' },
  // Only A's journeys used the address: the others have nothing to correct.
  'POST /api/me/corrections': {
    expect: [401, 201, ...rep(5, 400), ...rep(4, 403)],
    path: () => '/api/me/corrections',
    body: () => ({ fact: 'address', description: 'Forkert kommune' }),
    mutates: true,
  },
  'GET /api/me/consents': { expect: CITIZENS(200), path: () => '/api/me/consents' },
  // A's consent for the step is valid already: A gets as far as 409, everyone else finds no journey.
  'POST /api/me/consents': {
    expect: [401, 409, ...rep(5, 404), ...rep(4, 403)],
    path: () => '/api/me/consents',
    body: (fx) => ({ journeyId: fx.journeyId, step: 'housing-benefit' }),
  },
  'POST /api/me/consents/:id/withdraw': { expect: OWNER(200), path: (fx) => `/api/me/consents/${fx.consentId}/withdraw`, mutates: true },
  'GET /api/me/represented/journeys/:id/consents': {
    expect: PROXY(200, 200),
    path: (fx) => `/api/me/represented/journeys/${fx.journeyId}/consents`,
  },
  'POST /api/me/represented/journeys/:id/consents': {
    expect: PROXY(403, 409),
    path: (fx) => `/api/me/represented/journeys/${fx.journeyId}/consents`,
    body: () => ({ step: 'housing-benefit' }),
  },
  'POST /api/me/represented/journeys/:id/consents/:consentId/withdraw': {
    expect: PROXY(403, 200),
    path: (fx) => `/api/me/represented/journeys/${fx.journeyId}/consents/${fx.consentId}/withdraw`,
    mutates: true,
  },
  'GET /api/hooks/corrections/:id': { expect: SYSTEM(200, 403), path: (fx) => `/api/hooks/corrections/${fx.correctionId}` },
  'POST /api/hooks/corrections/:id/answer': {
    expect: SYSTEM(200, 403),
    path: (fx) => `/api/hooks/corrections/${fx.correctionId}/answer`,
    body: () => ({ outcome: 'rejected', message: 'CPR er korrekt.' }),
    mutates: true,
  },

  'GET /api/caseworker/journeys': { expect: CASEWORKER(200, 200), path: () => '/api/caseworker/journeys' },
  'GET /api/caseworker/journeys/:id': { expect: CASEWORKER(200, 404), path: (fx) => `/api/caseworker/journeys/${fx.journeyId}` },
  'GET /api/caseworker/journeys/:id/timeline': {
    expect: CASEWORKER(200, 404),
    path: (fx) => `/api/caseworker/journeys/${fx.journeyId}/timeline`,
  },
  'POST /api/caseworker/journeys/:id/tasks/:taskId/retry': {
    expect: CASEWORKER(200, 404),
    authority: 'skattestyrelsen',
    mutates: true,
    path: (fx) => `/api/caseworker/journeys/${fx.otherJourneyId}/tasks/${fx.deadTaskId}/retry`,
  },
  'POST /api/caseworker/journeys/:id/events': {
    expect: CASEWORKER(200, 404),
    path: (fx) => `/api/caseworker/journeys/${fx.journeyId}/events`,
    body: () => decided,
    mutates: true,
  },
  'POST /api/caseworker/journeys/:id/notes': {
    expect: CASEWORKER(201, 404),
    path: (fx) => `/api/caseworker/journeys/${fx.journeyId}/notes`,
    body: () => ({ body: 'Ringede til borgeren.' }),
  },

  'POST /api/register-events': {
    expect: SYSTEM(200, 403),
    authority: 'cpr',
    path: () => '/api/register-events',
    body: () => ({ id: `matrix-${++registerId}`, type: 'birthday-15', occurredOn: '2026-01-10', persons: [{ cpr: '1001110123' }] }),
  },
  'POST /api/hooks/tasks/:token/complete': {
    expect: SYSTEM(200, 403),
    path: (fx) => `/api/hooks/tasks/${fx.taskToken}/complete`,
    body: () => ({ data: decided.data }),
    mutates: true,
  },
  'POST /api/hooks/tasks/:token/fail': {
    expect: SYSTEM(200, 403),
    path: (fx) => `/api/hooks/tasks/${fx.taskToken}/fail`,
    body: () => ({ reason: 'No answer from the host' }),
    mutates: true,
  },
  'POST /api/self-service/webhooks': {
    expect: SYSTEM(201, 201),
    path: () => '/api/self-service/webhooks',
    body: () => ({ url: 'http://127.0.0.1:9/hooks', events: ['step.completed'] }),
  },
  'GET /api/self-service/webhooks': { expect: SYSTEM(200, 200), path: () => '/api/self-service/webhooks' },
  'DELETE /api/self-service/webhooks/:id': {
    expect: SYSTEM(204, 404),
    path: (fx) => `/api/self-service/webhooks/${fx.subscriptionId}`,
    mutates: true,
  },
  'GET /api/self-service/webhooks/:id/deliveries': {
    expect: SYSTEM(200, 404),
    path: (fx) => `/api/self-service/webhooks/${fx.subscriptionId}/deliveries`,
  },
  'GET /api/self-service/journeys/:id': { expect: SYSTEM(200, 404), path: (fx) => `/api/self-service/journeys/${fx.journeyId}` },
  'POST /api/self-service/journeys/:id/events': {
    expect: SYSTEM(200, 404),
    path: (fx) => `/api/self-service/journeys/${fx.journeyId}/events`,
    body: () => decided,
    mutates: true,
  },

  // Pages: the session is a cookie; forms carry the session's CSRF token.
  'GET /': { expect: ['L', ...rep(6, 303), 303, 303, 'L', 'L'], path: () => '/' },
  'GET /login': { expect: PUBLIC(200), path: () => '/login' },
  'POST /login': { expect: PUBLIC(303), path: () => '/login', body: () => ({ provider: 'dev-citizen' }) },
  // Without a sign-in started in this browser, the provider's answer is refused.
  'GET /login/callback': { expect: PUBLIC(400), path: () => '/login/callback?code=x&state=y' },
  'POST /logout': { expect: rep(11, 'L'), path: () => '/logout', body: () => ({}) },
  'GET /journeys': { expect: CITIZENS(200, 'L'), path: () => '/journeys' },
  'GET /journeys/new': { expect: CITIZENS(200, 'L'), path: () => '/journeys/new' },
  'GET /journeys/new/:type': { expect: CITIZENS(200, 'L'), path: () => '/journeys/new/losing-a-job' },
  'POST /journeys/new/:type': {
    expect: CITIZENS(303, 'L'),
    path: () => '/journeys/new/losing-a-job',
    body: () => ({
      firstDayUnemployed: '2025-03-01',
      aKasseMember: 'true',
      resigned: 'false',
      hasQualifyingEducation: 'true',
      residentNineOfLastTenYears: 'true',
    }),
  },
  'GET /journeys/:id': { expect: PROXY(200, 200, 'L').map((s, i) => (i === 1 ? 200 : s)), path: (fx) => `/journeys/${fx.journeyId}` },
  'GET /journeys/:id/diagram': {
    expect: PROXY(200, 200, 'L').map((s, i) => (i === 1 ? 200 : s)),
    path: (fx) => `/journeys/${fx.journeyId}/diagram`,
  },
  'GET /journeys/:id/stream': {
    expect: PROXY(200, 200, 'L').map((s, i) => (i === 1 ? 200 : s)),
    path: (fx) => `/journeys/${fx.journeyId}/stream`,
    stream: true,
  },
  'GET /assets/journey-live.js': { expect: PUBLIC(200), path: () => '/assets/journey-live.js' },
  'POST /journeys/:id/events/:event': {
    expect: PROXY(403, 303, 'L').map((s, i) => (i === 1 ? 303 : s)),
    mutates: true,
    path: (fx) => `/journeys/${fx.journeyId}/events/gp-choice.made`,
    body: () => gp.data,
  },
  // A's consent for the step is in force: a second "Giv samtykke" shows the journey again, as the first did.
  'POST /journeys/:id/consents': {
    expect: PROXY(403, 303, 'L').map((s, i) => (i === 1 ? 303 : s)),
    path: (fx) => `/journeys/${fx.journeyId}/consents`,
    body: () => ({ step: 'housing-benefit' }),
  },
  'GET /me/notifications': { expect: CITIZENS(200, 'L'), path: () => '/me/notifications' },
  'POST /me/notifications/:id/read': {
    expect: OWNER(303, 'L'),
    path: (fx) => `/me/notifications/${fx.notificationId}/read`,
    body: () => ({}),
  },
  'GET /me/access-log': { expect: CITIZENS(200, 'L'), path: () => '/me/access-log' },
  'GET /me/proxies': { expect: CITIZENS(200, 'L'), path: () => '/me/proxies' },
  'POST /me/proxies': {
    expect: CITIZENS(303, 'L'),
    path: () => '/me/proxies',
    body: () => ({ proxyCpr: '0909809012', access: 'read', expiresAt: future().slice(0, 10) }),
  },
  'GET /me/proxies/pending/:id': { expect: OWNER(200, 'L'), path: (fx) => `/me/proxies/pending/${fx.pendingId}` },
  'POST /me/proxies/pending/:id/confirm': {
    expect: OWNER(303, 'L'),
    path: (fx) => `/me/proxies/pending/${fx.pendingId}/confirm`,
    body: () => ({}),
    mutates: true,
  },
  'POST /me/proxies/pending/:id/cancel': {
    expect: OWNER(303, 'L'),
    path: (fx) => `/me/proxies/pending/${fx.pendingId}/cancel`,
    body: () => ({}),
    mutates: true,
  },
  'GET /me/proxies/:id/revoke': { expect: OWNER(200, 'L'), path: (fx) => `/me/proxies/${fx.grantId}/revoke` },
  'POST /me/proxies/:id/revoke': {
    expect: OWNER(303, 'L'),
    path: (fx) => `/me/proxies/${fx.grantId}/revoke`,
    body: () => ({}),
    mutates: true,
  },
  'GET /overblik': { expect: CITIZENS(200, 'L'), path: () => '/overblik' },
  'POST /overblik/kalender': { expect: CITIZENS(200, 'L'), path: () => '/overblik/kalender', body: () => ({}) },
  'POST /overblik/kalender/luk': { expect: CITIZENS(303, 'L'), path: () => '/overblik/kalender/luk', body: () => ({}) },
  'POST /overblik/ret': {
    expect: ['L', 303, ...rep(5, 400), ...rep(4, 403)],
    path: () => '/overblik/ret',
    body: () => ({ fact: 'address', description: 'Forkert kommune' }),
    mutates: true,
  },
  'GET /overblik/samtykker': { expect: CITIZENS(200, 'L'), path: () => '/overblik/samtykker' },
  'GET /overblik/samtykker/:id/traek-tilbage': {
    expect: OWNER(200, 'L'),
    path: (fx) => `/overblik/samtykker/${fx.consentId}/traek-tilbage`,
  },
  'POST /overblik/samtykker/:id/traek-tilbage': {
    expect: OWNER(303, 'L'),
    path: (fx) => `/overblik/samtykker/${fx.consentId}/traek-tilbage`,
    body: () => ({}),
    mutates: true,
  },
  'GET /overblik/fuldmagt/:grantId': {
    expect: ['L', 404, 404, 404, 200, 404, 404, ...rep(4, 403)],
    path: (fx) => `/overblik/fuldmagt/${fx.readGrantId}`,
  },
  'POST /overblik/fuldmagt/:grantId/ret': {
    expect: ['L', 404, 404, 303, 404, 404, 404, ...rep(4, 403)],
    path: (fx) => `/overblik/fuldmagt/${fx.actGrantId}/ret`,
    body: () => ({ fact: 'address', description: 'Forkert kommune' }),
    mutates: true,
  },
  'GET /caseworker': { expect: CASEWORKER(200, 200, 'L'), path: () => '/caseworker' },
  'GET /caseworker/journeys/:id': { expect: CASEWORKER(200, 404, 'L'), path: (fx) => `/caseworker/journeys/${fx.journeyId}` },
  'POST /caseworker/journeys/:id/notes': {
    expect: CASEWORKER(303, 404, 'L'),
    path: (fx) => `/caseworker/journeys/${fx.journeyId}/notes`,
    body: () => ({ body: 'Ringede.' }),
  },
  'POST /caseworker/journeys/:id/tasks/:taskId/retry': {
    expect: CASEWORKER(303, 404, 'L'),
    authority: 'skattestyrelsen',
    mutates: true,
    path: (fx) => `/caseworker/journeys/${fx.otherJourneyId}/tasks/${fx.deadTaskId}/retry`,
    body: () => ({}),
  },
};

/** The status and headers of an event stream's answer; the stream is closed as soon as they have come. */
async function streamHead(app: NestExpressApplication, path: string, headers: Record<string, string>) {
  const server: Server = app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body?: { code?: string } }>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { ...headers, Accept: 'text/event-stream' } }, (res) => {
      resolve({ status: res.statusCode!, headers: res.headers });
      req.destroy();
    });
    req.on('error', reject);
  });
}

/**
 * A bound for the tests that walk the whole matrix (hundreds of requests, each with its own session): a loaded machine is
 * slow, not wrong.
 */
const LONG = 240_000;
/** Routes that serve public files, which browsers may keep; every other answer says `no-store`. */
const PUBLIC_FILES = ['GET /assets/journey-live.js'];
const isPage = (route: string) => !/^\S+ \/(api|health|metrics)\b/.test(route);
const succeeds = (e: Expected) => typeof e === 'number' && (e < 300 || e === 303);

/** Access control: every endpoint × every kind of caller gets exactly the answer in MATRIX. */
describe('access matrix', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let world: Awaited<ReturnType<typeof accessWorld>>;
  let shared: Fixture;

  beforeAll(async () => {
    db = await createTestDatabase('access_matrix');
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: allDefinitions(),
      gateway: new AcceptingGateway(),
      role: 'api',
      namespace: `access_matrix_${process.pid}`,
    });
    world = await accessWorld(app);
    shared = await world.fixture();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('has an entry for every route of the running app, and none for a route that is gone', () => {
    const routes = appRoutes(app);
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    for (const [route, spec] of Object.entries(MATRIX)) expect([route, spec.expect.length]).toEqual([route, ROLES.length]);
  });

  it(
    'gives every caller exactly the allowed answer, with security headers',
    async () => {
      const wrong: string[] = [];
      for (const [route, spec] of Object.entries(MATRIX)) {
        const [method, pattern] = route.split(' ');
        for (const [i, role] of ROLES.entries()) {
          // Systems have no page sessions: on a page they get what the anonymous get.
          const expected = isPage(route) && role.startsWith('system') ? spec.expect[0] : spec.expect[i];
          const fx = spec.mutates && succeeds(expected) ? await world.fixture() : shared;
          const token = await world.tokenOf(role, fx, spec.authority ?? 'municipality');
          let req = request(app.getHttpServer())[method.toLowerCase() as 'get'](spec.path(fx));
          const headers: Record<string, string> = {};
          if (isPage(route)) {
            const session = await world.pageSession(token);
            req = req.set('Cookie', session.cookie);
            headers.Cookie = session.cookie;
            if (method === 'POST') req = req.type('form').send({ ...spec.body?.(fx), _csrf: session.csrf });
          } else {
            if (token) req = req.set('Authorization', `Bearer ${token}`);
            if (token) headers.Authorization = `Bearer ${token}`;
            if (spec.body) req = req.send(spec.body(fx));
          }
          const res = spec.stream ? await streamHead(app, spec.path(fx), headers) : await req;
          const got: Expected = res.status === 303 && res.headers.location === '/login' ? 'L' : res.status;
          if (got !== expected)
            wrong.push(
              `${route} as ${role}: expected ${expected}, got ${got} ${JSON.stringify(res.body?.code ?? res.headers.location ?? '')}`,
            );
          if (!pattern.startsWith('/api/docs') && res.headers['x-content-type-options'] !== 'nosniff')
            wrong.push(`${route} as ${role}: no helmet headers`);
          if (!pattern.startsWith('/api/docs') && !PUBLIC_FILES.includes(route) && !/\bno-store\b/.test(res.headers['cache-control'] ?? ''))
            wrong.push(`${route} as ${role}: may be cached (Cache-Control: ${res.headers['cache-control']})`);
          if (res.headers.etag !== undefined && !PUBLIC_FILES.includes(route)) wrong.push(`${route} as ${role}: has an ETag`);
        }
      }
      expect(wrong).toEqual([]);
    },
    LONG,
  );

  it('sets the security headers on pages and API answers alike', async () => {
    for (const path of ['/login', '/api/journey-types', '/api/journeys', '/no-such-page']) {
      const res = await request(app.getHttpServer()).get(path);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': expect.stringContaining("script-src 'self'"),
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    // The design system's files are public and kept a day; personal answers never are.
    const css = await request(app.getHttpServer()).get('/assets/dkfds/css/dkfds-borgerdk.min.css').expect(200);
    expect(css.headers['cache-control']).toBe('public, max-age=86400');
  });

  it(
    'refuses every page form without the session’s own CSRF token, changing nothing',
    async () => {
      const forms = appRoutes(app).filter((r) => r.startsWith('POST ') && isPage(r));
      expect(forms.length).toBeGreaterThan(8);
      const other = await world.pageSession(await world.tokenOf('citizenB', shared, 'municipality'));
      for (const route of forms) {
        const spec = MATRIX[route];
        const role = ROLES[spec.expect.findIndex((e, i) => i > 0 && succeeds(e))];
        const token = await world.tokenOf(role, shared, spec.authority ?? 'municipality');
        const session = await world.pageSession(token);
        for (const csrf of [undefined, 'forged', other.csrf, session.csrf.slice(0, -1)]) {
          const res = await request(app.getHttpServer())
            .post(spec.path(shared))
            .set('Cookie', session.cookie)
            .type('form')
            .send({ ...spec.body?.(shared), ...(csrf ? { _csrf: csrf } : {}) });
          expect([route, csrf, res.status]).toEqual([route, csrf, 403]);
        }
      }
      // The journey and the grant the forms pointed at are as they were.
      await world
        .http()
        .get(`/api/journeys/${shared.journeyId}`)
        .set('Authorization', `Bearer ${shared.citizenA}`)
        .expect(200)
        .expect((r) => expect(r.body.status).toBe('active'));
      const proxies = await world.http().get('/api/me/proxies').set('Authorization', `Bearer ${shared.citizenA}`).expect(200);
      expect(proxies.body.granted.find((g: { id: string }) => g.id === shared.grantId).revokedAt).toBeNull();
    },
    LONG,
  );

  it('names everything with ids nobody can guess: random UUIDs and 256-bit task tokens', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const id of [
      shared.journeyId,
      shared.otherJourneyId,
      shared.deadTaskId,
      shared.notificationId,
      shared.grantId,
      shared.subscriptionId,
      shared.pendingId,
    ])
      expect(id).toMatch(v4);
    expect(shared.taskToken).toMatch(/^lft_[A-Za-z0-9_-]{43,}$/);
  });
});
