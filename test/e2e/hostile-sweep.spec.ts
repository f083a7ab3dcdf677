import type { NestExpressApplication } from '@nestjs/platform-express';
import fc from 'fast-check';
import request from 'supertest';
import { allDefinitions } from '../../journeys';
import { accessWorld, appRoutes, type Fixture } from '../support/access-world';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { cprLike, fromSchema, junkString, pathSegment } from '../support/fuzz';
import { badCookie, unstorable, type OpenApiOperation } from '../support/hostile';
import { AcceptingGateway } from '../support/self-service';

const STACK = /\n\s+at \S+ \(|\.(ts|js):\d+:\d+|node_modules\//;
// About 1,300 requests in all keep the suite near 30 s; SWEEP_RUNS=2000 for a longer hunt.
const RUNS = Number(process.env.SWEEP_RUNS ?? 400);
/** A bound for each sweep: a loaded machine is slow, not wrong. */
const LONG = 240_000;
const ROLES = ['anonymous', 'citizen', 'caseworker', 'system'] as const;
type Role = (typeof ROLES)[number];

/** A header value Node's client will send (printable Latin-1, no cookie separator). */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e\xa0-\xff]|;/g, '').slice(0, 2000);

/** Every value shape that has broken a service: junk, CPR numbers, text PostgreSQL cannot store, forged cursors. */
const hostile = fc.oneof(
  { weight: 3, arbitrary: junkString },
  { weight: 3, arbitrary: unstorable },
  { weight: 1, arbitrary: cprLike },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')) },
);

/** Strings somewhere in a value made unstorable: NUL or a lone surrogate added to the n-th string or key. */
function taint(value: unknown, n: number, bad: string): unknown {
  let seen = 0;
  // Only the first levels: the deeply nested values exist to be refused for their depth.
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return seen++ === n ? `${v}${bad}` : v;
    if (depth > 8) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [seen++ === n ? `${k}${bad}` : k, walk(x, depth + 1)]));
    return v;
  };
  return walk(value, 0);
}

/**
 * Hostile requests to every page and every API operation, as citizen, caseworker, system and
 * anonymous caller: malformed and forged cookies, CSRF fields of any length and encoding, junk query
 * strings and cursors, NUL and unpaired surrogates in any field. Whatever comes, never a 5xx.
 */
describe('hostile sweep', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let world: Awaited<ReturnType<typeof accessWorld>>;
  let fx: Fixture;
  const sessions = new Map<Role, { token?: string; cookie: string; csrf: string }>();

  beforeAll(async () => {
    db = await createTestDatabase('hostile_sweep');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: allDefinitions(),
      gateway: new AcceptingGateway(),
      role: 'api',
      namespace: `hostile_sweep_${process.pid}`,
    });
    world = await accessWorld(app);
    fx = await world.fixture();
    const tokens: Record<Role, string | undefined> = {
      anonymous: undefined,
      citizen: fx.citizenA,
      caseworker: await world.tokenOf('caseworkerIn', fx, 'municipality'),
      system: await world.tokenOf('systemIn', fx, 'municipality'),
    };
    for (const role of ROLES) sessions.set(role, { token: tokens[role], ...(await world.pageSession(tokens[role])) });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const known: Record<string, string[]> = {};
  // Never empty: an empty path segment matches no route (a plain 404), which is not what is under test.
  const filler = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...(known[name] ?? ['00000000-0000-4000-8000-000000000000'])) },
      { weight: 1, arbitrary: hostile.map((s) => s || '-') },
    );
  /** The real cookies of the role, reordered, with hostile ones planted among them. */
  const cookieHeader = (role: Role) =>
    fc
      .tuple(
        fc.array(
          fc.oneof(
            badCookie,
            fc.tuple(fc.constantFrom('lf_session', 'lf_csrf', 'lf_lang'), junkString).map(([k, v]) => `${k}=${headerSafe(v)}`),
          ),
          { maxLength: 3 },
        ),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([planted, keep, first]) => {
        const own = keep ? [sessions.get(role)!.cookie] : [];
        return (first ? [...planted, ...own] : [...own, ...planted]).filter(Boolean).join('; ');
      });
  const csrfField = (role: Role) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(sessions.get(role)!.csrf) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.nat(42), fc.constantFrom('é', '\u0000', '\uD800', '🙂')).map(([i, c]) => {
          const s = sessions.get(role)!.csrf;
          return s.slice(0, i) + c + s.slice(i + 1);
        }),
      },
      { weight: 1, arbitrary: hostile },
      { weight: 1, arbitrary: fc.array(hostile, { maxLength: 3 }) },
    );
  const query = fc
    .dictionary(
      fc.oneof(
        fc.constantFrom('lang', 'cursor', 'state', 'type', 'status', 'limit', 'offset', 'overdue', 'failed', 'sent', 'purpose'),
        junkString,
      ),
      fc.oneof(hostile, fc.constantFrom('da', 'en', 'true', '1', '')),
      { maxKeys: 4 },
    )
    .map((q) =>
      Object.entries(q)
        .map(([k, v]) => `${pathSegment(k.replace(/[\uD800-\uDFFF]/g, '?'))}=${pathSegment(v.replace(/[\uD800-\uDFFF]/g, '?'))}`)
        .join('&'),
    );

  function problems(res: request.Response, page: boolean): string[] {
    const out: string[] = [];
    if (res.status === 431) return out;
    if (res.status >= 500) out.push(`status ${res.status}`);
    if (STACK.test(res.text ?? '')) out.push('stack trace in the answer');
    if (res.status >= 400 && page && !/<html lang="(da|en)">/.test(res.text ?? '')) out.push(`a ${res.status} outside the page layout`);
    if (res.status >= 400 && !page && typeof res.body?.code !== 'string') out.push(`a ${res.status} without a code`);
    return out;
  }

  it(
    'does answer every page with a page or a redirect, never a 5xx, whoever sends whatever',
    async () => {
      Object.assign(known, {
        id: [fx.journeyId, fx.otherJourneyId, fx.notificationId, fx.grantId],
        taskId: [fx.deadTaskId],
        type: ['moving', 'new-job'],
        event: ['gp-choice.made', 'move.reported', 'logivaert.decided'],
      });
      const pages = appRoutes(app).filter((r) => !/^\S+ \/(api|health|metrics|operator)\b/.test(r));
      expect(pages).toEqual(
        expect.arrayContaining([
          'GET /journeys',
          'GET /journeys/:id',
          'POST /journeys/:id/events/:event',
          'POST /login',
          'POST /logout',
          'GET /caseworker',
          'GET /me/access-log',
          'POST /me/proxies',
        ]),
      );
      const failures: string[] = [];
      /** Pages answered 2xx to a signed-in caller: the sweep reached past the sign-in page. */
      const served = { citizen: 0, caseworker: 0 };
      const arb = fc.constantFrom(...pages).chain((route) => {
        const names = route.match(/:\w+/g) ?? [];
        return fc
          .record({
            route: fc.constant(route),
            role: fc.constantFrom(...ROLES),
            params: fc.tuple(...names.map((n) => filler(n.slice(1)))),
            query,
            json: fc.boolean(),
            form: fc.dictionary(
              fc.constantFrom(
                'provider',
                'proxyCpr',
                'access',
                'expiresAt',
                'journeyId',
                'body',
                'choice',
                'movingDate',
                'newAddress.careOf',
                '_key',
              ),
              fc.oneof(hostile, fc.array(hostile, { maxLength: 2 })),
              { maxKeys: 4 },
            ),
          })
          .chain((a) => fc.record({ a: fc.constant(a), cookie: cookieHeader(a.role), csrf: csrfField(a.role) }));
      });
      await fc.assert(
        fc.asyncProperty(arb, async ({ a, cookie, csrf }) => {
          const [method, pattern] = a.route.split(' ');
          let path = pattern;
          (pattern.match(/:\w+/g) ?? []).forEach((n, i) => (path = path.replace(n, pathSegment(a.params[i]))));
          let req = request(app.getHttpServer())[method.toLowerCase() as 'get'](`${path}${a.query ? `?${a.query}` : ''}`);
          if (cookie) req = req.set('Cookie', cookie);
          if (method === 'POST') {
            const form = { ...a.form, _csrf: csrf };
            // Urlencoded as a browser would (lone surrogates become U+FFFD), or JSON, where they arrive as they were.
            req = a.json
              ? req.set('Content-Type', 'application/json').send(JSON.stringify(form))
              : req.type('form').send(JSON.parse(JSON.stringify(form, (_k, v) => (typeof v === 'string' ? Buffer.from(v).toString() : v))));
          }
          const res = await req;
          const found = problems(res, true);
          if (found.length)
            failures.push(`${a.role} ${a.route}: ${found.join(', ')} for ${path}?${a.query} cookie=${JSON.stringify(cookie)}`);
          if (a.role === 'citizen' || a.role === 'caseworker') {
            if (res.status < 300) served[a.role]++;
            // Signing out, and a refused sign-in answer, end the session: the caller signs in again so the rest of the sweep is signed in.
            if (a.route === 'POST /logout' || a.route === 'GET /login/callback')
              sessions.set(a.role, { token: sessions.get(a.role)!.token, ...(await world.pageSession(sessions.get(a.role)!.token)) });
          }
          return true;
        }),
        { numRuns: RUNS * 2 },
      );
      expect(failures.slice(0, 20)).toEqual([]);
      // Signed-in callers were served pages throughout, and are still signed in at the end.
      expect(served.citizen).toBeGreaterThan(10);
      expect(served.caseworker).toBeGreaterThan(2);
      await request(app.getHttpServer()).get('/journeys').set('Cookie', sessions.get('citizen')!.cookie).expect(200);
      await request(app.getHttpServer()).get('/caseworker').set('Cookie', sessions.get('caseworker')!.cookie).expect(200);
    },
    LONG,
  );

  it(
    'does answer every API operation with JSON, never a 5xx, whoever sends whatever',
    async () => {
      const doc = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
      Object.assign(known, {
        id: [fx.journeyId, fx.notificationId, fx.grantId, fx.subscriptionId],
        taskId: [fx.deadTaskId],
        token: [fx.taskToken],
        type: ['moving', 'new-job'],
      });
      const ops = Object.entries<Record<string, OpenApiOperation>>(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          method,
          path,
          params: op.parameters ?? [],
          body: op.requestBody?.content?.['application/json']?.schema,
        })),
      );
      const failures: string[] = [];
      const arb = fc.constantFrom(...ops).chain((op) =>
        fc
          .record({
            op: fc.constant(op),
            role: fc.constantFrom(...ROLES),
            params: fc.tuple(...op.params.filter((p) => p.in === 'path').map((p) => filler(p.name))),
            query,
            body: fromSchema(op.body, (ref) => doc.components.schemas[ref.split('/').pop()!]),
            taint: fc.option(fc.tuple(fc.nat(20), unstorable)),
          })
          .chain((a) => fc.record({ a: fc.constant(a), cookie: cookieHeader(a.role) })),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ a, cookie }) => {
          let path = a.op.path;
          a.op.params.filter((p) => p.in === 'path').forEach((p, i) => (path = path.replace(`{${p.name}}`, pathSegment(a.params[i]))));
          let req = request(app.getHttpServer())[a.op.method as 'get'](`${path}${a.query ? `?${a.query}` : ''}`);
          const token = sessions.get(a.role)!.token;
          if (token) req = req.set('Authorization', `Bearer ${token}`);
          if (cookie) req = req.set('Cookie', cookie);
          const body = a.taint ? taint(a.body, a.taint[0], a.taint[1]) : a.body;
          const res =
            a.op.method === 'get' || a.op.method === 'delete'
              ? await req
              : await req.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null');
          const found = problems(res, false);
          if (found.length)
            failures.push(
              `${a.role} ${a.op.method.toUpperCase()} ${a.op.path}: ${found.join(', ')} for ${path}?${a.query} ` +
                (JSON.stringify(body) ?? '').slice(0, 200),
            );
          return true;
        }),
        { numRuns: RUNS },
      );
      expect(failures.slice(0, 20)).toEqual([]);
    },
    LONG,
  );
});
