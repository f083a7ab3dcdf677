import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { movingV1 } from '../../journeys/moving';
import { addDays } from '../../journeys/shared/calendar';
import { createHttpAuthorities } from '../../src/authorities/authorities.factory';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { bearer, grantProxy, tokenFor } from '../support/experience';
import { csrfOf, signInAs } from '../support/sign-in';

const inDays = (n: number) => addDays(new Date().toISOString().slice(0, 10), n);
const movingAnswers = () => ({ ...movingV1.startExamples[0], movingDate: inDays(10) });

/** The overview page as a browser without JavaScript uses it: links, and forms that post and redirect. */
describe('Mit overblik (pages)', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sandbox: Sandbox;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    db = await createTestDatabase('overview_pages');
    sandbox = await startSandbox({ latencyScale: 0, seed: 5 });
    const { gateway } = createHttpAuthorities({ systems: {}, defaultBaseUrl: sandbox.url, timeoutMs: 5000 });
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [movingV1],
      gateway,
      role: 'api',
      namespace: 'overview_pages',
    });
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.drop();
  });

  it('does show deadlines, cases, benefits and facts in Danish and English, with the menu link', async () => {
    const token = await tokenFor(http, '0101901234'); // Anna, as the sign-in persona
    const started = await http.post('/api/journeys').set(bearer(token)).send({ type: 'moving', answers: movingAnswers() }).expect(201);
    sandbox.setFaults({ 'udbetaling-danmark-housing': { outage: { from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' } } });
    try {
      const anna = await signInAs(app, 'anna');
      const page = await anna.get('/overblik').expect(200);
      expect(page.text).toContain('<a href="/overblik" aria-current="page">Mit overblik</a>');
      for (const heading of [
        'Næste frister',
        'Sager hos myndighederne',
        'Ydelser og udbetalinger',
        'Oplysninger fra registrene',
        'Frister i din kalender',
      ]) {
        expect(page.text).toContain(`>${heading}</h2>`);
      }
      expect(page.text).toContain(`<a href="/journeys/${started.body.id}#step-report-move">Anmeld flytning til folkeregistret</a>`);
      expect(page.text).toContain('Du skal gøre noget');
      // The housing benefit system is down: its part says so, the rest of the page is there.
      expect(page.text).toContain(
        'Udbetaling Danmark: boligstøtte</h3><div class="alert alert-warning"><div class="alert-body">' +
          '<p class="alert-text">Kunne ikke læses lige nu',
      );
      expect(page.text).toContain('Bopælskommune (adresse)');
      const en = await anna.get('/overblik?lang=en').expect(200);
      expect(en.text).toContain('<html lang="en">');
      expect(en.text).toContain('>Next deadlines</h2>');
      expect(en.text).toContain('Could not be read right now');
      await anna.get('/overblik?lang=da').expect(200);
    } finally {
      sandbox.setFaults({});
    }
  });

  it('does send a correction with a form: an empty one is refused on the page, a filled one shows as waiting', async () => {
    const anna = await signInAs(app, 'anna');
    const page = await anna.get('/overblik').expect(200);
    expect(page.text).toContain('<summary>Er det forkert?</summary>');
    const empty = await anna
      .post('/overblik/ret')
      .type('form')
      .send({ _csrf: csrfOf(page.text), fact: 'address', description: ' ' })
      .expect(400);
    expect(empty.text).toContain('<details class="mt-2" open>');
    expect(empty.text).toMatch(
      /<span class="form-error-message" id="wrong-address-error"><span class="sr-only">Fejl: <\/span>Skriv mellem 1 og 2.000 tegn.<\/span>/,
    );
    expect(empty.text).toContain('aria-describedby="wrong-address-hint wrong-address-error"');
    const sent = await anna
      .post('/overblik/ret')
      .type('form')
      .send({ _csrf: csrfOf(page.text), fact: 'address', description: 'Jeg bor i Aarhus.' })
      .expect(303);
    expect(sent.headers.location).toBe('/overblik#facts-h');
    const after = await anna.get('/overblik').expect(200);
    expect(after.text).toContain('Sendt – venter på svar fra Folkeregister og Borgerservice');
  });

  it('does make a calendar link shown once, whose feed works until it is turned off', async () => {
    const bo = await signInAs(app, 'bo');
    const before = await bo.get('/overblik').expect(200);
    expect(before.text).toContain('Du har ikke et kalenderlink.');
    await bo.post('/overblik/kalender').type('form').send({ _csrf: 'forged' }).expect(403);
    const made = await bo
      .post('/overblik/kalender')
      .type('form')
      .send({ _csrf: csrfOf(before.text) })
      .expect(200);
    const url = /id="calendar-url" readonly value="([^"]+)"/.exec(made.text)![1].replace(/&amp;/g, '&');
    const feedPath = new URL(url).pathname + new URL(url).search;
    await http
      .get(feedPath)
      .expect(200)
      .expect('content-type', /text\/calendar/);
    const again = await bo.get('/overblik').expect(200);
    expect(again.text).not.toContain('id="calendar-url"');
    expect(again.text).toContain('Du har et aktivt kalenderlink');
    const off = await bo
      .post('/overblik/kalender/luk')
      .type('form')
      .send({ _csrf: csrfOf(again.text) })
      .expect(303);
    expect(off.headers.location).toBe('/overblik#calendar-h');
    await http.get(feedPath).expect(404);
  });

  it('does show a proxy the overview of the citizen who gave them access to all journeys, and 404 for any other grant', async () => {
    const anna = await tokenFor(http, '0101901234');
    const expires = inDays(30);
    const grant = { body: await grantProxy(http, anna, { proxyCpr: '151295-4321', access: 'read', expiresAt: expires }) };
    const claraPages = await signInAs(app, 'clara');
    const own = await claraPages.get('/overblik').expect(200);
    expect(own.text).toContain(`<a href="/overblik/fuldmagt/${grant.body.id}">Overblik for Anna Jensen</a>`);
    const theirs = await claraPages.get(`/overblik/fuldmagt/${grant.body.id}`).expect(200);
    expect(theirs.text).toContain('<h1>Overblik for Anna Jensen</h1>');
    expect(theirs.text).not.toContain('Frister i din kalender');
    const log = await http.get('/api/me/access-log').set(bearer(anna)).expect(200);
    expect(log.body.items[0]).toMatchObject({ viewer: { kind: 'proxy' }, action: 'overview' });
    await (await signInAs(app, 'bo')).get(`/overblik/fuldmagt/${grant.body.id}`).expect(404);
  });
  it(
    'does show the authority’s answer time beside a waiting case, and lets a proxy who may act send a correction for the ' +
      'citizen; a one-journey grant is refused',
    async () => {
      const bo = await tokenFor(http, '0202802345');
      const moving = await http
        .post('/api/journeys')
        .set(bearer(bo))
        .send({ type: 'moving', answers: { ...movingAnswers(), renting: true } })
        .expect(201);
      // Bo applied for housing benefit: Udbetaling Danmark was asked and has not answered.
      const sql = app.get(DataSource);
      await sql.query(
        `UPDATE journey SET snapshot = jsonb_set(snapshot, '{context,steps,housing-benefit,status}', '"active"') WHERE id = $1`,
        [moving.body.id],
      );
      await sql.query(
        `INSERT INTO integration_task (id, journey_id, step, task, system, status)
           VALUES (gen_random_uuid(), $1, 'housing-benefit', 'apply-housing-benefit', 'udbetaling-danmark-housing', 'queued')`,
        [moving.body.id],
      );
      const boPages = await signInAs(app, 'bo');
      const own = await boPages.get('/overblik').expect(200);
      expect(own.text).toContain('<span class="form-hint expected-answer">Svar forventes normalt inden for 7 uger.</span>');
      const ownEn = await boPages.get('/overblik?lang=en').expect(200);
      expect(ownEn.text).toContain('<span class="form-hint expected-answer">An answer is normally expected within 7 weeks.</span>');
      await boPages.get('/overblik?lang=da').expect(200);

      const expires = inDays(30);
      const one = {
        body: await grantProxy(http, bo, { proxyCpr: '151295-4321', journeyId: moving.body.id, access: 'act', expiresAt: expires }),
      };
      const read = { body: await grantProxy(http, bo, { proxyCpr: '151295-4321', access: 'read', expiresAt: expires }) };
      const clara = await signInAs(app, 'clara');
      await clara.get(`/overblik/fuldmagt/${one.body.id}`).expect(403);
      const readOnly = await clara.get(`/overblik/fuldmagt/${read.body.id}`).expect(200);
      expect(readOnly.text).toContain('Svar forventes normalt inden for 7 uger.');
      expect(readOnly.text).toContain('Du ser overblikket med din fuldmagt.');
      expect(readOnly.text).not.toContain('Er det forkert?');
      await clara
        .post(`/overblik/fuldmagt/${read.body.id}/ret`)
        .type('form')
        .send({ _csrf: csrfOf(readOnly.text), fact: 'address', description: 'Forkert kommune' })
        .expect(403);

      const act = { body: await grantProxy(http, bo, { proxyCpr: '151295-4321', access: 'act', expiresAt: expires }) };
      const acting = await clara.get(`/overblik/fuldmagt/${act.body.id}`).expect(200);
      expect(acting.text).toContain(`<form method="post" action="/overblik/fuldmagt/${act.body.id}/ret" novalidate>`);
      const empty = await clara
        .post(`/overblik/fuldmagt/${act.body.id}/ret`)
        .type('form')
        .send({ _csrf: csrfOf(acting.text), fact: 'address', description: 'x'.repeat(2001) })
        .expect(400);
      expect(empty.text).toContain('Skriv mellem 1 og 2.000 tegn.');
      const sent = await clara
        .post(`/overblik/fuldmagt/${act.body.id}/ret`)
        .type('form')
        .send({ _csrf: csrfOf(acting.text), fact: 'address', description: 'Bo er flyttet til Aarhus.' })
        .expect(303);
      expect(sent.headers.location).toBe(`/overblik/fuldmagt/${act.body.id}#facts-h`);
      const after = await boPages.get('/overblik').expect(200);
      expect(after.text).toContain('sendt af en med fuldmagt');
      const log = await http.get('/api/me/access-log').set(bearer(bo)).expect(200);
      expect(log.body.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['overview', 'correction:request']));
    },
  );
});
