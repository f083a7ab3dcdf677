import type { NestExpressApplication } from '@nestjs/platform-express';
import fc from 'fast-check';
import request from 'supertest';
import { allDefinitions } from '../../journeys';
import { TokenService } from '../../src/api/auth/token.service';
import { startLocalProvider, type LocalProvider } from '../../src/api/dev/identity-provider';
import { accessWorld, type Fixture } from '../support/access-world';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { AcceptingGateway } from '../support/self-service';
import { badCookie, formBody, routeTokens, unstorable, writableFields } from '../support/hostile';
import { callbackOf, pathOf, ProviderBrowser } from '../support/sign-in';

/** The test app's default PUBLIC_BASE_URL, where the staff provider sends its answers. */
const BASE = 'http://localhost:3000';
const STAFF_SECRET = 'staff-secret-0123456789-staff-secret';
/** Display names an identity provider might send: NUL and unpaired surrogates among ordinary text. */
const ODD_NAMES = [
  '\u0000',
  '\uD800',
  'Mette\u0000Larsen\uDFFF',
  ...fc.sample(
    fc.tuple(fc.string({ maxLength: 10 }), unstorable, fc.string({ maxLength: 10 })).map(([a, b, c]) => `${a}${b}${c}`),
    12,
  ),
];
/** A caseworker account whose subject PostgreSQL cannot store. */
const NUL_SUBJECT = 'kk\u0000sb';

/**
 * Input that used to reach a 500: CSRF tokens of the right length in characters but not in bytes,
 * malformed cookies, text PostgreSQL cannot store (NUL, unpaired surrogates) in any field or in an
 * identity provider's claims, and forged search cursors. Each class is a property over the real app.
 */
describe('hostile input', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let world: Awaited<ReturnType<typeof accessWorld>>;
  let fx: Fixture;
  let staff: LocalProvider;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('hostile_input');
    // An organisation's provider (a real oidc-provider) whose accounts carry the names no well-kept directory holds.
    staff = await startLocalProvider({
      port: 0,
      clients: [
        { clientId: 'staff', clientSecret: STAFF_SECRET, redirectUri: `${BASE}/login/callback`, postLogoutRedirectUri: `${BASE}/login` },
      ],
      claimNames: ['name', 'authority'],
      accounts: [
        ...ODD_NAMES.map((name, i) => ({
          id: `odd-${i}`,
          clientId: 'staff',
          label: `Odd ${i}`,
          claims: { name, authority: 'municipality' },
        })),
        { id: NUL_SUBJECT, clientId: 'staff', label: 'NUL subject', claims: { name: 'Mette Larsen', authority: 'municipality' } },
      ],
    });
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: allDefinitions(),
      gateway: new AcceptingGateway(),
      role: 'api',
      namespace: `hostile_input_${process.pid}`,
      env: {
        SIGNIN_PROVIDERS: JSON.stringify([
          { id: 'staff', role: 'caseworker', issuer: staff.issuer, clientId: 'staff', authority: 'municipality' },
        ]),
        SIGNIN_STAFF_CLIENT_SECRET: STAFF_SECRET,
      },
    });
    expect(callbackOf(app)).toBe(`${BASE}/login/callback`);
    world = await accessWorld(app);
    fx = await world.fixture();
    await world.fixture();
  });
  afterAll(async () => {
    await app?.close();
    await staff?.close();
    await db?.drop();
  });

  /**
   * Finishes a sign-in begun by `POST /login` (its answer given) at the local provider as `account`
   * and visits the callback with `cookie` besides the pending sign-in; answers the callback's answer.
   */
  async function finishSignIn(started: request.Response, account: string, cookie: string): Promise<request.Response> {
    const pending = /lf_signin=([^;]+)/.exec(String(started.headers['set-cookie']))![1];
    const callback = await new ProviderBrowser().approve(started.headers.location, account, callbackOf(app));
    return http().get(pathOf(callback)).set('Cookie', `${cookie}; lf_signin=${pending}`);
  }
  const sessionOf = (res: request.Response) => `lf_session=${/lf_session=([^;]+)/.exec(String(res.headers['set-cookie']))![1]}`;

  /** A page answer in the page layout, in the language asked for. */
  const isPage = (res: request.Response, lang: 'da' | 'en') => res.type === 'text/html' && res.text.includes(`<html lang="${lang}">`);

  it('does refuse a CSRF token that matches the real one in characters but not in bytes with a 403 page, signed in or not', async () => {
    const anonymous = await world.pageSession(undefined);
    const citizen = await world.pageSession(fx.citizenA);
    const units = fc
      .array(fc.integer({ min: 1, max: 0xffff }), { minLength: 43, maxLength: 43 })
      .map((codes) => String.fromCharCode(...codes));
    const swapped = fc.tuple(fc.nat(42), fc.constantFrom('é', 'ø', '€', '\u0000', '\uD800', '\uDFFF', '\u00A0'));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(units, swapped),
        fc.constantFrom('login', 'logout'),
        fc.constantFrom<'da' | 'en'>('da', 'en'),
        fc.boolean(),
        async (forgery, route, lang, json) => {
          const session = route === 'login' ? anonymous : citizen;
          const token =
            typeof forgery === 'string' ? forgery : session.csrf.slice(0, forgery[0]) + forgery[1] + session.csrf.slice(forgery[0] + 1);
          fc.pre(token !== session.csrf && token.length === session.csrf.length);
          const res = await formBody(
            http().post(`/${route}`).set('Cookie', `${session.cookie}; lf_lang=${lang}`),
            { _csrf: token, provider: 'dev-citizen' },
            json,
          );
          // A form field holding NUL or a lone surrogate is refused as such where the route reads its form (the sign-in).
          const storable = json
            ? // eslint-disable-next-line no-control-regex -- NUL is one of the characters the service must refuse
              !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(token)
            : !token.includes('\u0000');
          expect(res.status).toBe(route === 'login' && !storable ? 400 : 403);
          expect(isPage(res, lang)).toBe(true);
          if (res.status === 403) expect(res.text).toContain(lang === 'da' ? 'Formularen er udløbet' : 'The form has expired');
        },
      ),
      { numRuns: 60 },
    );
    // The genuine tokens are accepted: the sign-in goes on to the provider and back, and signing out works.
    const started = await formBody(
      http().post('/login').set('Cookie', anonymous.cookie),
      { _csrf: anonymous.csrf, provider: 'dev-citizen' },
      false,
    ).expect(303);
    const landed = await finishSignIn(started, 'anna', anonymous.cookie);
    expect([landed.status, landed.headers.location]).toEqual([303, '/journeys']);
    await http().get('/journeys').set('Cookie', sessionOf(landed)).expect(200);
    await formBody(http().post('/logout').set('Cookie', citizen.cookie), { _csrf: citizen.csrf }, false).expect(303);
    await http().get('/journeys').set('Cookie', citizen.cookie).expect(303).expect('location', '/login');
  });

  it('does ignore malformed cookies, wherever they sit, and serve every page as without them', async () => {
    const citizen = await world.pageSession(fx.citizenA);
    const caseworker = await world.pageSession(await world.tokenOf('caseworkerIn', fx, 'municipality'));
    const anonymous = await world.pageSession(undefined);
    const pages: [string, { cookie: string }, number][] = [
      ['/login', anonymous, 200],
      ['/journeys', anonymous, 303],
      ['/journeys', citizen, 200],
      [`/journeys/${fx.journeyId}`, citizen, 200],
      ['/me/access-log', citizen, 200],
      ['/caseworker', caseworker, 200],
      [`/caseworker/journeys/${fx.journeyId}`, caseworker, 200],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...pages),
        fc.array(badCookie, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async ([path, session, status], bad, first) => {
          const planted = bad.join('; ');
          const res = await http()
            .get(path)
            .set('Cookie', first ? `${planted}; ${session.cookie}` : `${session.cookie}; ${planted}`);
          expect([path, res.status]).toEqual([path, status]);
          if (status === 303) expect(res.headers.location).toBe('/login');
        },
      ),
      { numRuns: 80 },
    );
    // A whole sign-in through the provider with the malformed cookies on every request to the service.
    await fc.assert(
      fc.asyncProperty(fc.array(badCookie, { minLength: 1, maxLength: 3 }), async (bad) => {
        const planted = bad.join('; ');
        const started = await formBody(
          http().post('/login').set('Cookie', `${planted}; ${anonymous.cookie}`),
          { _csrf: anonymous.csrf, provider: 'dev-citizen' },
          false,
        );
        expect([started.status, started.headers.location]).toEqual([303, expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//)]);
        const landed = await finishSignIn(started, 'anna', `${anonymous.cookie}; ${planted}`);
        expect([landed.status, landed.headers.location]).toEqual([303, '/journeys']);
        await http()
          .get('/journeys')
          .set('Cookie', `${planted}; ${sessionOf(landed)}`)
          .expect(200);
      }),
      { numRuns: 10 },
    );
  });

  it('does refuse NUL and unpaired surrogates in every writable field of the API with a 400 naming the field', async () => {
    const doc = (await http().get('/api/docs-json').expect(200)).body;
    const fields = writableFields(doc, { id: fx.journeyId, token: fx.taskToken, taskId: fx.deadTaskId, type: 'moving' });
    expect(fields.filter((f) => f.in === 'body').length).toBeGreaterThan(25);
    expect(fields.filter((f) => f.in === 'query').length).toBeGreaterThan(5);
    const tokens = await routeTokens(world, fx);
    for (const field of fields) {
      await fc.assert(
        fc.asyncProperty(unstorable, async (bad) => {
          // A URL carries bytes: a lone surrogate cannot be written there, NUL can.
          const value = field.in === 'body' ? bad : bad.replace(/[\uD800-\uDFFF]/g, '\u0000');
          const sent = field.request(value);
          let req = http()[sent.method as 'get'](sent.url);
          const token = tokens(field.op.path);
          if (token) req = req.set('Authorization', `Bearer ${token}`);
          const res =
            sent.body === undefined ? await req : await req.set('Content-Type', 'application/json').send(JSON.stringify(sent.body));
          const name = field.name(value);
          expect([field.op.method, field.op.path, name, res.status, res.body.fields?.[0]]).toEqual([
            field.op.method,
            field.op.path,
            name,
            400,
            { field: name, reason: 'must not contain NUL characters or unpaired surrogates' },
          ]);
        }),
        { numRuns: 4 },
      );
    }
  });

  it('does refuse NUL and unpaired surrogates in every form field and query of the pages with a 400 page naming the field', async () => {
    const citizen = await world.pageSession(fx.citizenA);
    const caseworker = await world.pageSession(await world.tokenOf('caseworkerIn', fx, 'municipality'));
    const anonymous = await world.pageSession(undefined);
    const forms: [string, { cookie: string; csrf: string }, string[]][] = [
      ['/login', anonymous, ['provider']],
      ['/journeys/new/moving', citizen, ['movingDate', 'newAddress.careOf', 'newAddress.municipalityCode', 'renting', '_key']],
      [`/journeys/${fx.journeyId}/events/gp-choice.made`, citizen, ['choice', '_key']],
      ['/me/proxies', citizen, ['proxyCpr', 'journeyId', 'access', 'expiresAt']],
      [`/caseworker/journeys/${fx.journeyId}/notes`, caseworker, ['body']],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...forms),
        fc.nat(),
        unstorable,
        fc.boolean(),
        fc.constantFrom<'da' | 'en'>('da', 'en'),
        async ([path, session, names], pick, bad, json, lang) => {
          const name = names[pick % names.length];
          const value = json ? bad : bad.replace(/[\uD800-\uDFFF]/g, '\u0000');
          const res = await formBody(
            http().post(path).set('Cookie', `${session.cookie}; lf_lang=${lang}`),
            { _csrf: session.csrf, [name]: value },
            json,
          );
          expect([path, name, res.status, isPage(res, lang)]).toEqual([path, name, 400, true]);
          expect(res.text).toContain(`<code>${name}</code>`);
          expect(res.text).toContain(lang === 'da' ? 'må ikke indeholde NUL-tegn' : 'must not contain NUL characters');
        },
      ),
      { numRuns: 80 },
    );
    for (const [url, field] of [
      [`/caseworker?state=a%00b`, 'state'],
      [`/caseworker?type=%00`, 'type'],
      [`/journeys/%00`, 'id'],
    ]) {
      const res = await http()
        .get(url)
        .set('Cookie', url.startsWith('/caseworker') ? caseworker.cookie : citizen.cookie)
        .expect(400);
      expect(res.text).toContain(`<code>${field}</code>`);
    }
  });

  it('does clean NUL and unpaired surrogates out of a caseworker name from the identity provider, and refuse such a subject', async () => {
    // What a UTF-8 encoder makes of the name once its NUL characters are gone: lone surrogates become U+FFFD.
    // eslint-disable-next-line no-control-regex -- removing NUL is the point
    const shown = (name: string) => Buffer.from(name.replace(/\u0000/g, ''), 'utf8').toString('utf8');
    const lastViewer = async () =>
      (await http().get('/api/me/access-log?limit=2').set('Authorization', `Bearer ${fx.citizenA}`).expect(200)).body.items[0].viewer;

    // Pages: the name is the ID token's claim, from a real provider, kept in the session at sign-in.
    const anonymous = await world.pageSession(undefined);
    const signIn = async (account: string) =>
      finishSignIn(
        await formBody(http().post('/login').set('Cookie', anonymous.cookie), { _csrf: anonymous.csrf, provider: 'staff' }, false).expect(
          303,
        ),
        account,
        anonymous.cookie,
      );
    for (const [i, name] of ODD_NAMES.entries()) {
      const landed = await signIn(`odd-${i}`);
      expect([JSON.stringify(name), landed.status, landed.headers.location]).toEqual([JSON.stringify(name), 303, '/caseworker']);
      await http().get(`/caseworker/journeys/${fx.journeyId}`).set('Cookie', sessionOf(landed)).expect(200);
      expect(await lastViewer()).toEqual(expect.objectContaining({ name: shown(name) }));
    }
    const refused = await signIn(NUL_SUBJECT);
    expect([refused.status, String(refused.headers['set-cookie'])]).toEqual([401, expect.not.stringMatching(/lf_session=[^;]/)]);
    expect(refused.text).toContain('kunne ikke godkendes');

    // The API: the name is the bearer token's claim.
    const tokens = app.get(TokenService);
    for (const name of ODD_NAMES) {
      const token = await tokens.issueDev({ role: 'caseworker', subject: 'kk-sb-777', authority: 'municipality', name });
      await http().get(`/api/caseworker/journeys/${fx.journeyId}`).set('Authorization', `Bearer ${token}`).expect(200);
      expect(await lastViewer()).toEqual(expect.objectContaining({ name: shown(name) }));
    }
    const subject = await tokens.issueDev({ role: 'caseworker', subject: NUL_SUBJECT, authority: 'municipality', name: 'Mette Larsen' });
    await http().get(`/api/caseworker/journeys/${fx.journeyId}`).set('Authorization', `Bearer ${subject}`).expect(401);
  });

  it('does refuse a forged search cursor with a 400 naming the cursor, on the API and the page, and follow a real one', async () => {
    const token = (await world.tokenOf('caseworkerIn', fx, 'municipality'))!;
    const page = await world.pageSession(token);
    const first = await http().get('/api/caseworker/journeys?limit=1').set('Authorization', `Bearer ${token}`).expect(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await http()
      .get(`/api/caseworker/journeys?limit=1&cursor=${first.body.nextCursor}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    await http().get(`/caseworker?limit=1&cursor=${first.body.nextCursor}`).set('Cookie', page.cookie).expect(200);

    const date = fc.tuple(
      fc.integer({ min: 1, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
    );
    const two = (n: number) => String(n).padStart(2, '0');
    const stamp = ([y, mo, d, h, mi]: number[], offset = '+00') =>
      `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)}:00.5${offset}`;
    // One part out of its range at a time: each such date is refused on its own, not by luck.
    const outOfRange = fc.tuple(date, fc.nat(5), fc.integer({ min: 60, max: 99 })).map(([parts, which, big]) => {
      const p = [...parts];
      if (which === 0) return stamp([0, p[1], p[2], p[3], p[4]]);
      if (which === 1) return stamp([p[0], [0, 13, big][big % 3], p[2], p[3], p[4]]);
      if (which === 2) return stamp([p[0], 2, 30 + (big % 2), p[3], p[4]]);
      if (which === 3) return stamp([p[0], p[1], p[2], 24 + (big % 76), p[4]]);
      if (which === 4) return stamp([p[0], p[1], p[2], p[3], big]);
      return stamp(p, `+${big}`);
    });
    const cursor = fc
      .oneof(
        fc.uuid().map((id) => ['not-a-date', id]),
        fc.tuple(outOfRange, fc.uuid()),
        fc.tuple(
          date.map((d) => stamp(d)),
          fc.constantFrom('-'.repeat(36), 'g'.repeat(36), '00000000-0000-0000-0000-00000000000', ''),
        ),
        fc.tuple(fc.constantFrom('infinity', '-infinity', 'epoch', 'now', 'today', '2026-12-06', '2026-12-06T10:00:00Z'), fc.uuid()),
        fc.jsonValue({ maxDepth: 3 }),
      )
      .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url'));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          cursor,
          fc.string({ unit: 'binary', minLength: 1 }).map((s) => Buffer.from(s).toString('base64url')),
        ),
        async (forged) => {
          const api = await http().get(`/api/caseworker/journeys?cursor=${forged}`).set('Authorization', `Bearer ${token}`);
          expect([forged, api.status, api.body.fields]).toEqual([
            forged,
            400,
            [{ field: 'cursor', reason: 'must be a nextCursor from a previous page' }],
          ]);
          const html = await http().get(`/caseworker?cursor=${forged}`).set('Cookie', page.cookie);
          expect([forged, html.status, isPage(html, 'da')]).toEqual([forged, 400, true]);
          expect(html.text).toContain('<code>cursor</code>');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('does answer a bad search on the page in Danish or English, naming the field, and never echo a CPR number', async () => {
    const page = await world.pageSession(await world.tokenOf('caseworkerIn', fx, 'municipality'));
    for (const query of ['0101901234=1', '010190-1234=x', 'status=0101901234', 'limit=0101901234', 'cursor=0101901234']) {
      const res = await http().get(`/caseworker?${query}`).set('Cookie', page.cookie).expect(400);
      expect([query, res.text]).toEqual([query, expect.not.stringMatching(/010190-?1234/)]);
    }
    const da = await http().get('/caseworker?limit=500').set('Cookie', page.cookie).expect(400);
    expect(da.text).toContain('<code>limit</code>: må højst være 100');
    const en = await http().get('/caseworker?limit=500').set('Cookie', `${page.cookie}; lf_lang=en`).expect(400);
    expect(en.text).toContain('<code>limit</code>: must not be greater than 100');
  });
});
