import type { NestExpressApplication } from '@nestjs/platform-express';
import fc from 'fast-check';
import request from 'supertest';
import { allDefinitions } from '../../journeys';
import { accessWorld, appRoutes, type Fixture } from '../support/access-world';
import { createTestApp } from '../support/app';
import { contractCheck } from '../support/openapi-contract';
import { createTestDatabase } from '../support/database';
import { fromSchema, junkJson, junkString, pathSegment, rawBody } from '../support/fuzz';
import type { OpenApiOperation, OpenApiSchema } from '../support/hostile';
import { AcceptingGateway } from '../support/self-service';

const CPR_LIKE = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/g;
const STACK = /\n\s+at \S+ \(|\.(ts|js):\d+:\d+|node_modules\//;
// 100 runs a route keep the suite near half a minute; FUZZ_RUNS=1000 for a longer hunt.
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** A bound for the fuzz tests (thousands of requests): a loaded machine is slow, not wrong. */
const LONG = 240_000;

type Operation = { method: string; path: string; params: { name: string; in: string; schema?: OpenApiSchema }[]; body?: OpenApiSchema };
type Sent = {
  method: string;
  url: string;
  auth?: string;
  cookie?: string;
  body?: unknown;
  raw?: [string, string];
  form?: Record<string, unknown>;
};

/** Never a 5xx; a 4xx is a JSON `{ code, message }` (with `fields` for 400), no stack trace, no CPR number echoed. */
function problems(sent: Sent, res: request.Response, json: boolean): string[] {
  const out: string[] = [];
  // Node's HTTP parser refuses a request line or headers over 16 kB itself (431, no body), before the app.
  if (res.status === 431) return out;
  const text = res.text ?? '';
  if (res.status >= 500) out.push(`status ${res.status}`);
  if (STACK.test(text)) out.push('stack trace in the answer');
  if (res.status >= 400) {
    const input = `${decodeURIComponentSafe(sent.url)} ${JSON.stringify(sent.body ?? sent.form ?? sent.raw?.[1] ?? '')}`;
    for (const cpr of new Set(input.match(CPR_LIKE) ?? [])) if (text.includes(cpr)) out.push(`echoes ${cpr}`);
    if (json) {
      if (typeof res.body?.code !== 'string' || typeof res.body?.message !== 'string' || !res.body.message)
        out.push(`no code/message: ${text.slice(0, 200)}`);
      if (res.status === 400 && !(Array.isArray(res.body?.fields) && res.body.fields.length))
        out.push(`400 without fields: ${text.slice(0, 200)}`);
    }
  }
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

describe('bad input', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let world: Awaited<ReturnType<typeof accessWorld>>;
  let fx: Fixture;
  let ops: Operation[];
  let schemas: Record<string, OpenApiSchema>;

  beforeAll(async () => {
    db = await createTestDatabase('bad_input');
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: allDefinitions(),
      gateway: new AcceptingGateway(),
      role: 'api',
      namespace: `bad_input_${process.pid}`,
    });
    world = await accessWorld(app);
    fx = await world.fixture();
    const doc = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    schemas = doc.components.schemas;
    ops = Object.entries<Record<string, OpenApiOperation>>(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method,
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** The caller each route is for, so bad input gets past the guard to validation. */
  async function tokenFor(path: string): Promise<string | undefined> {
    if (path.startsWith('/api/caseworker')) return world.tokenOf('caseworkerIn', fx, 'municipality');
    if (path.startsWith('/api/register-events')) return world.tokenOf('systemIn', fx, 'cpr');
    if (/^\/api\/(hooks|self-service)/.test(path)) return world.tokenOf('systemIn', fx, 'municipality');
    if (path.startsWith('/api/me/represented')) return world.tokenOf('proxyAct', fx, 'municipality');
    return fx.citizenA;
  }

  const known = (name: string): string[] =>
    ({
      id: [fx.journeyId, fx.notificationId, fx.grantId, fx.subscriptionId],
      taskId: [fx.deadTaskId],
      token: [fx.taskToken],
      type: ['moving', 'new-job'],
    })[name] ?? [];

  async function send(s: Sent): Promise<request.Response> {
    let req = request(app.getHttpServer())[s.method as 'get'](s.url);
    if (s.auth !== undefined) req = req.set('Authorization', s.auth);
    if (s.cookie) req = req.set('Cookie', s.cookie);
    if (s.raw) return req.set('Content-Type', s.raw[0]).send(s.raw[1]);
    if (s.form) return req.type('form').send(s.form as Record<string, string>);
    // Serialised here: supertest refuses to send a bare number or boolean as JSON.
    return s.body === undefined ? req : req.set('Content-Type', 'application/json').send(JSON.stringify(s.body));
  }

  it(
    'does answer malformed, mistyped, oversized and unknown input on every API route with a clear 4xx',
    async () => {
      expect(ops.length).toBeGreaterThan(30);
      const failures: string[] = [];
      for (const op of ops) {
        const token = await tokenFor(op.path);
        const pathParams = op.params.filter((p) => p.in === 'path');
        const queryParams = op.params.filter((p) => p.in === 'query');
        const arb = fc.record({
          params: fc.tuple(
            ...pathParams.map((p) =>
              fc.oneof(
                { weight: 2, arbitrary: fc.constantFrom(...known(p.name), '00000000-0000-4000-8000-000000000000') },
                { weight: 1, arbitrary: fc.uuid() },
                { weight: 3, arbitrary: junkString },
              ),
            ),
          ),
          query: fc.dictionary(
            fc.oneof(fc.constantFrom(...queryParams.map((p) => p.name), 'x'), junkString),
            fc.oneof(junkString, fc.constant('')),
            { maxKeys: 4 },
          ),
          body: fc.oneof(
            { weight: 6, arbitrary: fromSchema(op.body, (ref) => schemas[ref.split('/').pop()!]) },
            { weight: 2, arbitrary: rawBody },
            { weight: 1, arbitrary: junkJson },
          ),
          raw: fc.boolean(),
          auth: fc.oneof(
            { weight: 8, arbitrary: fc.constant(token ? `Bearer ${token}` : undefined) },
            { weight: 1, arbitrary: junkString.map((j) => `Bearer ${j.replace(/[^\x20-\x7e]/g, '')}`.slice(0, 4000)) },
            {
              weight: 1,
              arbitrary: fc.constantFrom('Basic Og==', 'Bearer', 'bearer x', 'Basic ' + Buffer.from('%ZZ:%ZZ').toString('base64')),
            },
          ),
        });
        await fc.assert(
          fc.asyncProperty(arb, async (a) => {
            let path = op.path;
            pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, pathSegment(a.params[i]))));
            const qs = new URLSearchParams(
              Object.entries(a.query).map(([k, v]): [string, string] => [
                k.replace(/[\uD800-\uDFFF]/g, '?'),
                v.replace(/[\uD800-\uDFFF]/g, '?'),
              ]),
            ).toString();
            // A raw body is [content type, text]; any other body (an array of other values too) is sent as JSON.
            const isRaw =
              Array.isArray(a.body) &&
              a.body.length === 2 &&
              typeof a.body[0] === 'string' &&
              a.body[0].includes('/') &&
              typeof a.body[1] === 'string' &&
              a.raw;
            const sent: Sent = {
              method: op.method,
              url: `${path}${qs ? `?${qs}` : ''}`,
              auth: a.auth,
              ...(op.method === 'get' || op.method === 'delete' ? {} : isRaw ? { raw: a.body as [string, string] } : { body: a.body }),
            };
            const res = await send(sent);
            const found = problems(sent, res, true);
            if (found.length)
              failures.push(`${op.method.toUpperCase()} ${op.path}: ${found.join(', ')} for ${JSON.stringify(sent).slice(0, 300)}`);
            return true;
          }),
          { numRuns: RUNS },
        );
      }
      expect(failures.slice(0, 30)).toEqual([]);
    },
    LONG,
  );

  it(
    'does answer random form posts and parameters on every page with a page, never a 5xx or an echoed CPR number',
    async () => {
      const pages = appRoutes(app).filter((r) => !/^\S+ \/(api|health|metrics)\b/.test(r));
      const failures: string[] = [];
      for (const route of pages) {
        const [method, pattern] = route.split(' ');
        const role = pattern.startsWith('/caseworker')
          ? 'caseworkerIn'
          : pattern.startsWith('/login') || pattern === '/' || pattern === '/logout'
            ? 'anonymous'
            : 'citizenA';
        const session = await world.pageSession(
          await world.tokenOf(role, fx, pattern.includes('retry') ? 'skattestyrelsen' : 'municipality'),
        );
        const names = pattern.match(/:\w+/g) ?? [];
        const arb = fc.record({
          params: fc.tuple(
            ...names.map((n) => fc.oneof(fc.constantFrom(...known(n.slice(1)), 'gp-choice.made', 'logivaert.decided'), junkString)),
          ),
          form: fc.dictionary(
            fc.oneof(
              fc.constantFrom('provider', 'proxyCpr', 'access', 'expiresAt', 'journeyId', 'body', 'choice', 'movingDate', '_key'),
              junkString,
            ),
            fc.oneof(junkString, fc.array(junkString, { maxLength: 3 })),
            { maxKeys: 6 },
          ),
          lang: fc.constantFrom('', '?lang=en', '?lang=xx', '?lang[]=da'),
        });
        await fc.assert(
          fc.asyncProperty(arb, async (a) => {
            let path = pattern;
            names.forEach((n, i) => (path = path.replace(n, pathSegment(a.params[i]))));
            const sent: Sent = {
              method: method.toLowerCase(),
              url: `${path}${a.lang}`,
              cookie: session.cookie,
              ...(method === 'POST' ? { form: { ...a.form, _csrf: session.csrf } } : {}),
            };
            const res = await send(sent);
            const found = problems(sent, res, false);
            if (found.length)
              failures.push(
                `${route}: ${found.join(', ')} for ${JSON.stringify(sent.form)} ${sent.url} -> ${res.status} ` +
                  (res.text.match(/.{0,80}(\n\s+at |\.(ts|js):\d+|node_modules).{0,80}/) ?? [''])[0],
              );
            return true;
          }),
          { numRuns: Math.ceil(RUNS / 2) },
        );
      }
      expect(failures.slice(0, 30)).toEqual([]);
    },
    LONG,
  );

  it('does refuse bodies over 100 kB with 413, before any work', async () => {
    const big = 'x'.repeat(101 * 1024);
    const json = await request(app.getHttpServer())
      .post('/api/journeys')
      .set('Authorization', `Bearer ${fx.citizenA}`)
      .send({ type: 'moving', answers: { big } })
      .expect(413);
    expect(json.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' });
    await request(app.getHttpServer()).post('/login').type('form').send({ provider: big }).expect(413);
    // Anonymous: refused for size before the missing token is even looked at.
    await request(app.getHttpServer())
      .post('/api/register-events')
      .set('Content-Type', 'application/json')
      .send(`{"persons":[${'"0101901234",'.repeat(10_000)}"x"]}`)
      .expect(413);
  });
});
