import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { UnusedGateway } from '../support/experience';
import { errandV1 } from '../support/fixtures/errand.journey';
import { csrfOf, signInAs } from '../support/sign-in';

/** Server-rendered pages: sign-in through the local provider, forms without JavaScript, CSRF, languages, headers. */
describe('pages', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('pages');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'pages',
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const signIn = (persona: string) => signInAs(app, persona);

  it('does offer the sign-in services in Danish, and in English on the toggle, with security headers', async () => {
    const da = await request(app.getHttpServer()).get('/login').expect(200);
    expect(da.text).toContain('<html lang="da">');
    expect(da.text).toContain('Log ind med MitID (testpersoner)');
    expect(da.text).toContain('Log ind med medarbejder-log-ind (testpersoner)');
    expect(da.headers['content-security-policy']).toContain("script-src 'self'");
    expect(da.headers['x-content-type-options']).toBe('nosniff');
    const en = await request(app.getHttpServer()).get('/login?lang=en').expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Sign in with MitID (test personas)');
    await request(app.getHttpServer()).get('/assets/dkfds/css/dkfds-borgerdk.min.css').expect(200).expect('content-type', /css/);
  });

  it('does send the signed-out to the sign-in page and refuse a form without its CSRF token', async () => {
    await request(app.getHttpServer()).get('/journeys').expect(303).expect('location', '/login');
    const agent = request.agent(app.getHttpServer());
    await agent.get('/login').expect(200);
    const refused = await agent.post('/login').type('form').send({ provider: 'dev-citizen', _csrf: 'forged' }).expect(403);
    expect(refused.text).toContain('<html lang="da">');
  });

  it('does start a journey and send an event with plain HTML forms, showing field errors', async () => {
    const anna = await signIn('anna');
    const form = await anna.get('/journeys/new/moving').expect(200);
    const started = await anna
      .post('/journeys/new/moving')
      .type('form')
      .send({ _csrf: csrfOf(form.text), remindAfterMs: '60000' })
      .expect(303);
    const page = await anna.get(started.headers.location).expect(200);
    expect(page.text).toContain('Det skal du gøre nu');
    expect(page.text).toContain('Opslag');

    const action = /action="([^"]+\/events\/note)"/.exec(page.text)![1];
    const bad = await anna
      .post(action)
      .type('form')
      .send({ _csrf: csrfOf(page.text), n: 'x' })
      .expect(400);
    expect(bad.text).toContain('Der er fejl i formularen');
    expect(bad.text).toContain('skal være et helt tal');
    await anna
      .post(action)
      .type('form')
      .send({ _csrf: csrfOf(page.text), n: '3' })
      .expect(303);
    const list = await anna.get('/journeys').expect(200);
    expect(list.text).toContain(started.headers.location);
  });

  it('does let a caseworker search and open a journey, and the citizen see that in the access log', async () => {
    const bo = await signIn('bo');
    const form = await bo.get('/journeys/new/moving').expect(200);
    const started = await bo
      .post('/journeys/new/moving')
      .type('form')
      .send({ _csrf: csrfOf(form.text) })
      .expect(303);
    const id = started.headers.location.split('/').pop()!;

    const sofie = await signIn('cw-health');
    const search = await sofie.get('/caseworker?type=moving&status=&state=').expect(200);
    expect(search.text).toContain(`/caseworker/journeys/${id}`);
    const opened = await sofie.get(`/caseworker/journeys/${id}`).expect(200);
    expect(opened.text).toContain('Tidslinje');
    // An empty note: the title says "Fejl:", the summary (which has the focus) says what to do and links to the field.
    for (const [lang, title, instruction] of [
      ['da', '<title>Fejl: ', 'Skriv en note på højst 2000 tegn'],
      ['en', '<title>Error: ', 'Write a note of at most 2000 characters'],
    ]) {
      const refused = await sofie
        .post(`/caseworker/journeys/${id}/notes?lang=${lang}`)
        .type('form')
        .send({ _csrf: csrfOf(opened.text), body: '' })
        .expect(400);
      expect(refused.text).toContain(title);
      expect(refused.text).toMatch(/role="alert"[^>]*tabindex="-1" autofocus>/);
      expect(refused.text).toContain(`<li><a href="#note-body">${instruction}</a></li>`);
      expect(refused.text).toContain('aria-describedby="note-body-error"');
    }
    await sofie.get('/journeys').expect(403);

    // The refused notes wrote nothing; the journey shown again with each was seen, so it says that.
    const log = await bo.get('/me/access-log').expect(200);
    expect(log.text).toContain('Sofie Dahl');
    expect(log.text).toContain('Sagsbehandling');
    expect(log.text.match(/Så forløbet/g)).toHaveLength(3);
    expect(log.text).not.toContain('Skrev en note');
    await sofie
      .post(`/caseworker/journeys/${id}/notes`)
      .type('form')
      .send({ _csrf: csrfOf(opened.text), body: 'Ringede til borgeren.' })
      .expect(303);
    expect((await bo.get('/me/access-log').expect(200)).text.match(/Skrev en note/g)).toHaveLength(1);
  });

  it('does explain an empty search by the authority’s scope, in both languages, and keep the filters in the language link', async () => {
    // Skattestyrelsen has no step in the errand journey: the caseworker is told why nothing shows.
    const ida = await signIn('cw-tax');
    const da = await ida.get('/caseworker?type=moving&status=active&overdue=true').expect(200);
    expect(da.text).toContain('Din myndighed har ingen trin i disse forløb, så du ser dem ikke.');
    expect(da.text).not.toContain('/caseworker/journeys/');
    const link = /<a href="\?([^"]+)" lang="en"/.exec(da.text)![1].replace(/&amp;/g, '&');
    expect(Object.fromEntries(new URLSearchParams(link))).toEqual({ type: 'moving', status: 'active', overdue: 'true', lang: 'en' });
    const en = await ida.get(`/caseworker?${link}`).expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Your authority has no steps in these journeys, so you do not see them.');
    expect(en.text).toMatch(/<option value="active" selected>/);
    expect(en.text).toMatch(/id="s-overdue" name="overdue"\s+value="true" checked>/);
    // An authority with a step in the journey is told to loosen the filters instead.
    const sofie = await signIn('cw-health');
    const none = await sofie.get('/caseworker?type=moving&status=dismissed').expect(200);
    expect(none.text).toContain('Ingen forløb matcher. Du ser kun forløb, hvor din myndighed har et trin, der gælder for borgeren');
    expect(none.text).not.toContain('Din myndighed har ingen trin');
  });

  it('does grant and revoke a power of attorney through the form, without echoing the CPR number on errors', async () => {
    const clara = await signIn('clara');
    const page = await clara.get('/me/proxies').expect(200);
    const bad = await clara
      .post('/me/proxies')
      .type('form')
      .send({ _csrf: csrfOf(page.text), proxyCpr: '991399-1234', access: 'read', expiresAt: '2020-01-01' })
      .expect(400);
    expect(bad.text).not.toContain('991399');
    expect(bad.text).toContain('skal være et CPR-nummer');
    const expires = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const looked = await clara
      .post('/me/proxies')
      .type('form')
      .send({ _csrf: csrfOf(page.text), proxyCpr: '0101901234', access: 'act', expiresAt: expires })
      .expect(303);
    // Nothing is given before the citizen has seen whom the number belongs to and confirmed.
    expect((await clara.get('/me/proxies').expect(200)).text).not.toContain('Anna Jensen');
    const confirm = await clara.get(looked.headers.location).expect(200);
    expect(confirm.text).toContain(
      'Du giver Anna Jensen (født 1. januar 1990, 010190-xxxx) adgang til at se og handle i: Alle mine forløb',
    );
    expect(confirm.text).not.toContain('0101901234');
    const granted = await clara
      .post(/action="(\/me\/proxies\/pending\/[^"]+\/confirm)"/.exec(confirm.text)![1])
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) })
      .expect(303);
    const after = await clara.get(granted.headers.location).expect(200);
    expect(after.text).toContain('Fuldmagten er givet til Anna Jensen.');
    // The proxy's list says whose journey each is.
    const form2 = await clara.get('/journeys/new/moving').expect(200);
    await clara
      .post('/journeys/new/moving')
      .type('form')
      .send({ _csrf: csrfOf(form2.text) })
      .expect(303);
    const annasList = await (await signIn('anna')).get('/journeys').expect(200);
    expect(annasList.text).toContain('Clara Hansens forløb: Ærinde');
    expect(annasList.text).toContain('På vegne af Clara Hansen · Må se og handle');
    // Revoking asks first, naming whom, and then says it is done.
    const ask = await clara.get(/href="(\/me\/proxies\/[^"]+\/revoke)"/.exec(after.text)![1]).expect(200);
    expect(ask.text).toContain('Vil du tilbagekalde fuldmagten til Anna Jensen?');
    expect(ask.text).toContain('Nej, behold fuldmagten');
    const revoke = /action="(\/me\/proxies\/[^"]+\/revoke)"/.exec(ask.text)![1];
    const revoked = await clara
      .post(revoke)
      .type('form')
      .send({ _csrf: csrfOf(ask.text) })
      .expect(303);
    expect((await clara.get(revoked.headers.location).expect(200)).text).toContain('Fuldmagten er tilbagekaldt.');
  });
});

describe('pages with AUTH_MODE=oidc', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('pages_oidc');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'pages_oidc',
      env: {
        AUTH_MODE: 'oidc',
        OIDC_ISSUER: 'https://idp.invalid',
        OIDC_AUDIENCE: 'livsforloeb',
        OIDC_JWKS_URL: 'https://idp.invalid/jwks',
        SECRETS_KEY: `k:${Buffer.alloc(32, 9).toString('base64')}`,
        SIGNIN_PROVIDERS: JSON.stringify([{ id: 'mitid', role: 'citizen', issuer: 'https://idp.invalid', clientId: 'livsforloeb' }]),
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('does offer only the configured providers: no test personas, no local provider', async () => {
    const page = await request(app.getHttpServer()).get('/login').expect(200);
    expect(page.text).toContain('Log ind med MitID');
    expect(page.text).not.toContain('testpersoner');
    const agent = request.agent(app.getHttpServer());
    const login = await agent.get('/login').expect(200);
    const refused = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), provider: 'dev-citizen' })
      .expect(400);
    expect(refused.text).toContain('vælg en af log-ind-tjenesterne');
  });

  it('does answer with a page, not an error, when the provider cannot be reached', async () => {
    const agent = request.agent(app.getHttpServer());
    const login = await agent.get('/login').expect(200);
    const refused = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), provider: 'mitid' })
      .expect(503);
    expect(refused.text).toContain('Log-ind-tjenesten svarer ikke lige nu');
  });
});

describe('pages behind a TLS proxy that is not trusted (TRUST_PROXY=0)', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('pages_https');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'pages_https',
      env: { PUBLIC_BASE_URL: 'https://livsforloeb.example', TRUST_PROXY: '0' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('does mark its cookies Secure when the public address is https, though the TLS proxy in front is not trusted', async () => {
    const res = await request(app.getHttpServer()).get('/login?lang=en').expect(200);
    const set = res.headers['set-cookie'] as unknown as string[];
    expect(set.length).toBe(2);
    for (const cookie of set) expect(cookie).toMatch(/; Secure/);
  });
});
