import type { NestExpressApplication } from '@nestjs/platform-express';
import ICAL from 'ical.js';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { allDefinitions } from '../../journeys';
import { addDays, daysBetween } from '../../journeys/shared/calendar';
import { createHttpAuthorities } from '../../src/authorities/authorities.factory';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { PAYING_SYSTEMS } from '../../src/engine/overview/benefits.reader';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { bearer, grantProxy, tokenFor } from '../support/experience';

const definitions = allDefinitions();
const today = () => new Date().toISOString().slice(0, 10);

function moved(answers: Record<string, unknown>, offset: number): Record<string, unknown> {
  const text = JSON.stringify(answers);
  const first = /"(\d{4}-\d{2}-\d{2})"/.exec(text)?.[1];
  if (!first) return answers;
  const shift = daysBetween(first, addDays(today(), offset));
  return JSON.parse(text.replace(/"(\d{4}-\d{2}-\d{2})"/g, (_, d: string) => `"${addDays(d, shift)}"`));
}

/**
 * Mit overblik through the API on the real stack: PostgreSQL, the authority sandbox over HTTP (CPR
 * lookups at start, the paying systems' benefits), the calendar feed parsed back with ical.js.
 */
describe('Mit overblik (API)', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sandbox: Sandbox;
  let http: ReturnType<typeof request>;
  let sql: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('overview');
    sandbox = await startSandbox({ latencyScale: 0, seed: 19 });
    const { gateway } = createHttpAuthorities({ systems: {}, defaultBaseUrl: sandbox.url, timeoutMs: 5000 });
    // API only: integrations stay queued, so authority steps keep waiting and the overview is stable.
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions,
      gateway,
      role: 'api',
      namespace: 'overview',
      env: { PUBLIC_BASE_URL: 'https://livsforloeb.example' },
    });
    http = request(app.getHttpServer());
    sql = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.drop();
  });

  /**
   * Starts each journey with its start example moved so that its first date is `offset` days from
   * today (the first offset the API accepts): deadlines then lie around today, as for a real citizen.
   */
  async function startJourneys(token: string, types: string[]): Promise<Record<string, string>> {
    const ids: Record<string, string> = {};
    for (const type of types) {
      const def = definitions.find((d) => d.id === type)!;
      for (const offset of [20, 0, -5]) {
        const answers = moved(def.startExamples[0], offset);
        const res = await http.post('/api/journeys').set(bearer(token)).send({ type, answers });
        if (res.status === 201) {
          ids[type] = res.body.id;
          break;
        }
      }
      expect({ type, started: !!ids[type] }).toEqual({ type, started: true });
    }
    return ids;
  }

  it(
    'does list the deadlines of running journeys, overdue first and marked, then soonest, each with its authority and a link to ' +
      'the step',
    async () => {
      const anna = await tokenFor(http, '0101901234');
      const ids = await startJourneys(anna, ['moving', 'losing-a-job']);
      // Time passes for one step: its deadline is now behind us.
      const [overdueStep] = await sql.query(
        `SELECT key AS step FROM journey, jsonb_each(snapshot->'context'->'steps')
          WHERE id = $1 AND value ? 'deadline' AND value->>'status' NOT IN ('done', 'skipped') LIMIT 1`,
        [ids['losing-a-job']],
      );
      await sql.query(
        `UPDATE journey SET snapshot = jsonb_set(snapshot, ARRAY['context','steps',$2,'deadline'], '"2020-01-15"') WHERE id = $1`,
        [ids['losing-a-job'], overdueStep.step],
      );

      const res = await http.get('/api/me/overview?benefits=false').set(bearer(anna)).expect(200);
      expect(res.body.runningJourneys).toBe(2);
      expect(res.body.benefits).toBeUndefined();
      const deadlines = res.body.deadlines as {
        journey: { id: string };
        step: { id: string; title: { da: string } };
        deadline: string;
        overdue: boolean;
        link: string;
        authority: { id: string } | null;
      }[];
      expect(deadlines.length).toBeGreaterThan(2);
      expect(deadlines[0]).toMatchObject({
        journey: { id: ids['losing-a-job'] },
        step: { id: overdueStep.step },
        deadline: '2020-01-15',
        overdue: true,
      });
      expect(deadlines.slice(1).every((d) => !d.overdue)).toBe(true);
      const rest = deadlines.slice(1).map((d) => d.deadline);
      expect(rest).toEqual([...rest].sort());
      for (const d of deadlines) expect(d.link).toBe(`/journeys/${d.journey.id}#step-${d.step.id}`);
      const reportMove = deadlines.find((d) => d.journey.id === ids.moving && d.step.id === 'report-move')!;
      expect(reportMove.authority).toEqual({ id: 'borger-dk', name: { da: 'borger.dk selvbetjening', en: 'borger.dk self-services' } });
      expect(reportMove).toMatchObject({ forYou: true, overdue: false });
      // Another citizen sees nothing of Anna's.
      const bo = await tokenFor(http, '0202802345');
      expect((await http.get('/api/me/overview?benefits=false').set(bearer(bo)).expect(200)).body).toMatchObject({
        runningJourneys: 0,
        deadlines: [],
        cases: [],
      });
    },
  );

  it('does group the steps that wait for an authority by authority, with since when', async () => {
    const citizen = await tokenFor(http, '0303903456');
    const ids = await startJourneys(citizen, ['moving']);
    expect((await http.get('/api/me/overview?benefits=false').set(bearer(citizen)).expect(200)).body.cases).toEqual([]);
    // The citizen reports the move: the engine asks the authority, and the step now waits for it.
    const view = await http.get(`/api/journeys/${ids.moving}`).set(bearer(citizen)).expect(200);
    const action = view.body.nextActions[0];
    await http
      .post(`/api/journeys/${ids.moving}/events`)
      .set(bearer(citizen))
      .send({ type: action.event, data: action.example })
      .expect(200);
    const res = await http.get('/api/me/overview?benefits=false').set(bearer(citizen)).expect(200);
    const cases = res.body.cases as {
      authority: { id: string; name: { da: string; en: string } };
      steps: { journey: { id: string }; step: { id: string }; since: string | null }[];
    }[];
    expect(cases.length).toBeGreaterThan(0);
    const queued: { system: string; step: string; created_at: Date }[] = await sql.query(
      `SELECT system, step, created_at FROM integration_task WHERE journey_id = $1`,
      [ids.moving],
    );
    const first = queued[0];
    const group = cases.find((c) => c.authority.id === first.system)!;
    expect(group.authority.name.da).toBeTruthy();
    expect(group.steps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          journey: expect.objectContaining({ id: ids.moving }),
          step: expect.objectContaining({ id: first.step }),
          since: new Date(first.created_at).toISOString(),
        }),
      ]),
    );
    expect(new Set(cases.map((c) => c.authority.id)).size).toBe(cases.length);
  });

  it(
    'does read benefits from every paying system, and shows a system that does not answer as could-not-be-read without failing ' +
      'the rest',
    async () => {
      const pensioner = await tokenFor(http, '0101451234'); // born 1945: state pension and ATP
      sandbox.setFaults({ 'a-kasse': { outage: { from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' } } });
      try {
        const res = await http.get('/api/me/overview').set(bearer(pensioner)).expect(200);
        const parts = res.body.benefits as {
          authority: { id: string };
          status: string;
          benefits: { benefit: string; amount: number; nextPaymentDate: string; periodFrom: string }[];
        }[];
        expect(parts.map((p) => p.authority.id).sort()).toEqual([...PAYING_SYSTEMS].sort());
        expect(parts.find((p) => p.authority.id === 'a-kasse')).toMatchObject({ status: 'unavailable', benefits: [] });
        const pension = parts.find((p) => p.authority.id === 'udbetaling-danmark-pension')!;
        expect(pension.status).toBe('read');
        expect(pension.benefits).toEqual([
          expect.objectContaining({
            benefit: 'folkepension',
            amount: expect.any(Number),
            nextPaymentDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          }),
        ]);
        expect(pension.benefits[0].nextPaymentDate >= new Date().toISOString().slice(0, 10)).toBe(true);
        expect(parts.find((p) => p.authority.id === 'minsu')).toMatchObject({ status: 'read', benefits: [] });
      } finally {
        sandbox.setFaults({});
      }
    },
  );

  it('does link a benefit to the journey step it came from', async () => {
    // The first of these citizens whom the sandbox's housing benefit system pays.
    let token = '';
    for (const cpr of ['1111901111', '1212901212', '1301901313', '1402901414', '1503901515', '1604901616']) {
      token = await tokenFor(http, cpr);
      const res = await http.get('/api/me/overview').set(bearer(token)).expect(200);
      const housing = res.body.benefits.find((p: { authority: { id: string } }) => p.authority.id === 'udbetaling-danmark-housing');
      if (housing.benefits.length) {
        expect(housing.benefits[0]).toMatchObject({ benefit: 'boligstoette', source: null });
        break;
      }
      token = '';
    }
    expect(token).not.toBe('');
    const ids = await startJourneys(token, ['moving']);
    await sql.query(`UPDATE journey SET snapshot = jsonb_set(snapshot, '{context,steps,housing-benefit,status}', '"done"') WHERE id = $1`, [
      ids.moving,
    ]);
    const res = await http.get('/api/me/overview').set(bearer(token)).expect(200);
    const housing = res.body.benefits.find((p: { authority: { id: string } }) => p.authority.id === 'udbetaling-danmark-housing');
    expect(housing.benefits[0].source).toEqual({
      journeyId: ids.moving,
      journeyType: 'moving',
      step: 'housing-benefit',
      link: `/journeys/${ids.moving}#step-housing-benefit`,
    });
  });

  it('does let a proxy with access to all journeys see the overview, logged for the citizen; a one-journey grant does not', async () => {
    const owner = await tokenFor(http, '0505905678');
    const proxy = await tokenFor(http, '0606906789', 'citizen', undefined, 'Peter Proxy');
    const ids = await startJourneys(owner, ['moving']);
    const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const one = {
      body: await grantProxy(http, owner, { proxyCpr: '060690-6789', journeyId: ids.moving, access: 'act', expiresAt: expires }),
    };
    const refused = await http.get(`/api/me/represented/grants/${one.body.id}/overview`).set(bearer(proxy)).expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', message: 'Your power of attorney covers one journey, not the overview' });
    await http
      .post(`/api/me/represented/grants/${one.body.id}/corrections`)
      .set(bearer(proxy))
      .send({ fact: 'address', description: 'Forkert kommune' })
      .expect(403);
    const all = { body: await grantProxy(http, owner, { proxyCpr: '060690-6789', access: 'read', expiresAt: expires }) };

    const own = await http.get('/api/me/overview?benefits=false').set(bearer(owner)).expect(200);
    const seen = await http.get(`/api/me/represented/grants/${all.body.id}/overview?benefits=false`).set(bearer(proxy)).expect(200);
    expect(seen.body.deadlines).toEqual(own.body.deadlines);
    expect(seen.body.cases).toEqual(own.body.cases);
    expect(seen.body.representing).toEqual({ grantId: all.body.id, citizen: '050590-xxxx', name: null, access: 'read' });
    expect(seen.body.calendar).toBeUndefined();
    // Reading is not acting: a read grant files no correction.
    const readOnly = await http
      .post(`/api/me/represented/grants/${all.body.id}/corrections`)
      .set(bearer(proxy))
      .send({ fact: 'address', description: 'Forkert kommune' })
      .expect(403);
    expect(readOnly.body.message).toBe('Your power of attorney lets you read the overview, not act on it');
    // The grant is the owner's to give: the owner cannot use it as a proxy, nor can a stranger.
    await http.get(`/api/me/represented/grants/${all.body.id}/overview`).set(bearer(owner)).expect(404);
    const stranger = await tokenFor(http, '0404904567');
    await http.get(`/api/me/represented/grants/${all.body.id}/overview`).set(bearer(stranger)).expect(404);
    await http.get(`/api/me/represented/grants/not-a-uuid/overview`).set(bearer(proxy)).expect(400);

    const log = await http.get('/api/me/access-log').set(bearer(owner)).expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ journey: null, viewer: { kind: 'proxy', name: 'Peter Proxy', authority: null }, action: 'overview' }),
    ]);
    await http.delete(`/api/me/proxies/${all.body.id}`).set(bearer(owner)).expect(204);
    await http.get(`/api/me/represented/grants/${all.body.id}/overview`).set(bearer(proxy)).expect(404);
  });

  it('does let a proxy who may act on all journeys say a register fact is wrong, recorded as the proxy’s and logged', async () => {
    const owner = await tokenFor(http, '1010901011');
    const proxy = await tokenFor(http, '1111801112', 'citizen', undefined, 'Petra Proxy');
    await startJourneys(owner, ['moving']);
    const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const act = { body: await grantProxy(http, owner, { proxyCpr: '111180-1112', access: 'act', expiresAt: expires }) };
    const url = `/api/me/represented/grants/${act.body.id}/corrections`;
    for (const [body, field] of [
      [{ fact: 'address', description: '' }, 'description'],
      [{ fact: 'address', description: 'x'.repeat(2001) }, 'description'],
      [{ fact: 'shoeSize', description: 'Forkert' }, 'fact'],
    ] as const) {
      const bad = await http.post(url).set(bearer(proxy)).send(body).expect(400);
      expect(bad.body.fields).toEqual([{ field, reason: expect.any(String) }]);
    }
    const made = await http
      .post(url)
      .set(bearer(proxy))
      .send({ fact: 'address', description: 'Min mor er flyttet på plejehjem.' })
      .expect(201);
    expect(made.body).toMatchObject({ fact: 'address', authority: 'municipality', status: 'awaiting', requestedBy: 'proxy' });
    const [row] = await sql.query(
      `SELECT r.citizen_id = o.id AS for_owner, r.requested_by_citizen_id = p.id AS by_proxy
         FROM correction_request r, citizen o, citizen p WHERE r.id = $1 AND o.cpr = '1010901011' AND p.cpr = '1111801112'`,
      [made.body.id],
    );
    expect(row).toEqual({ for_owner: true, by_proxy: true });
    // The citizen sees the request as their own, made by the proxy; a second one for the fact waits its turn.
    const mine = await http.get('/api/me/corrections').set(bearer(owner)).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ id: made.body.id, requestedBy: 'proxy' })]);
    await http.post('/api/me/corrections').set(bearer(owner)).send({ fact: 'address', description: 'Forkert' }).expect(409);
    const seen = await http.get(`/api/me/represented/grants/${act.body.id}/overview?benefits=false`).set(bearer(proxy)).expect(200);
    expect(seen.body.representing.access).toBe('act');
    expect(seen.body.corrections[0]).toMatchObject({ id: made.body.id, requestedBy: 'proxy' });
    const log = await http.get('/api/me/access-log').set(bearer(owner)).expect(200);
    expect(
      log.body.items.map((a: { viewer: { kind: string; name: string }; action: string }) => [a.viewer.kind, a.viewer.name, a.action]),
    ).toEqual(
      expect.arrayContaining([
        ['proxy', 'Petra Proxy', 'correction:request'],
        ['proxy', 'Petra Proxy', 'overview'],
      ]),
    );
  });

  it('does show the authority’s published answer time beside a case that waits for it, and none where it publishes none', async () => {
    const citizen = await tokenFor(http, '1212851213');
    const ids = await startJourneys(citizen, ['divorce', 'moving']);
    // The divorce has reached Familieretshuset's screening, and the move waits for the municipality.
    await sql.query(`UPDATE journey SET snapshot = jsonb_set(snapshot, '{context,steps,screening,status}', '"active"') WHERE id = $1`, [
      ids.divorce,
    ]);
    await sql.query(
      `UPDATE journey SET snapshot = jsonb_set(snapshot, '{context,steps,logivaert-check}', '{"status":"active"}') WHERE id = $1`,
      [ids.moving],
    );
    const res = await http.get('/api/me/overview?benefits=false').set(bearer(citizen)).expect(200);
    const steps = (res.body.cases as { authority: { id: string }; steps: { step: { id: string }; expectedAnswer: unknown }[] }[]).flatMap(
      (c) => c.steps.map((s) => ({ authority: c.authority.id, step: s.step.id, expectedAnswer: s.expectedAnswer })),
    );
    expect(steps).toContainEqual({
      authority: 'familieretshuset',
      step: 'screening',
      expectedAnswer: {
        measure: 'within',
        amount: 5,
        unit: 'working-days',
        text: { da: 'Svar forventes normalt inden for 5 hverdage', en: 'An answer is normally expected within 5 working days' },
        source: {
          title: 'Familieretshuset: Lovbestemte frister (lov om Familieretshuset)',
          url: 'https://familieretshuset.dk/om-familieretshuset/sagsbehandlingstider/lovbestemte-frister',
          checked: '2026-12-06',
        },
      },
    });
    expect(steps).toContainEqual({ authority: 'municipality', step: 'logivaert-check', expectedAnswer: null });
  });

  it('does refuse a bad benefits flag with 400 naming the field', async () => {
    const citizen = await tokenFor(http, '0707907890');
    const res = await http.get('/api/me/overview?benefits=maybe').set(bearer(citizen)).expect(400);
    expect(res.body.fields).toEqual([{ field: 'benefits', reason: 'must be true or false' }]);
    await http.get('/api/me/overview').expect(401);
  });

  describe('calendar feed', () => {
    it('does serve the deadlines as iCalendar that parses back, one all-day event per deadline', async () => {
      const citizen = await tokenFor(http, '0808908901');
      await startJourneys(citizen, ['moving']);
      const overview = await http.get('/api/me/overview?benefits=false').set(bearer(citizen)).expect(200);
      const issued = await http.post('/api/me/calendar-feed').set(bearer(citizen)).expect(201);
      expect(issued.body.url).toBe(`https://livsforloeb.example/api/me/calendar.ics?token=${encodeURIComponent(issued.body.token)}`);
      const stored: { token_hash: string }[] = await sql.query('SELECT token_hash FROM calendar_feed_token');
      expect(JSON.stringify(stored)).not.toContain(issued.body.token);

      const feed = await http.get(`/api/me/calendar.ics?token=${encodeURIComponent(issued.body.token)}`).expect(200);
      expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(feed.text));
      const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const deadlines = overview.body.deadlines as { deadline: string; step: { title: { da: string } }; link: string }[];
      expect(events).toHaveLength(deadlines.length);
      const byDate = events
        .map((e) => ({ date: e.startDate.toString(), allDay: e.startDate.isDate, summary: e.summary }))
        .sort((a, b) => a.date.localeCompare(b.date));
      for (const d of deadlines)
        expect(byDate).toContainEqual({ date: d.deadline, allDay: true, summary: expect.stringContaining(`Frist: ${d.step.title.da}`) });
      const urls = calendar.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('url'));
      expect(urls).toContain(`https://livsforloeb.example${deadlines[0].link}`);
      const en = await http.get(`/api/me/calendar.ics?token=${encodeURIComponent(issued.body.token)}&lang=en`).expect(200);
      expect(en.text).toContain('SUMMARY:Deadline: ');
      expect((await http.get('/api/me/calendar-feed').set(bearer(citizen)).expect(200)).body).toEqual({
        active: true,
        createdAt: issued.body.createdAt,
      });
    });

    it('does answer 404 for a revoked, replaced, unknown or missing token', async () => {
      const citizen = await tokenFor(http, '0909909012');
      const first = await http.post('/api/me/calendar-feed').set(bearer(citizen)).expect(201);
      await http.get(`/api/me/calendar.ics?token=${first.body.token}`).expect(200);
      const second = await http.post('/api/me/calendar-feed').set(bearer(citizen)).expect(201);
      await http.get(`/api/me/calendar.ics?token=${first.body.token}`).expect(404);
      await http.get(`/api/me/calendar.ics?token=${second.body.token}`).expect(200);
      await http.delete('/api/me/calendar-feed').set(bearer(citizen)).expect(204);
      const revoked = await http.get(`/api/me/calendar.ics?token=${second.body.token}`).expect(404);
      expect(revoked.body.code).toBe('NOT_FOUND');
      // Revoking is idempotent: nothing live, nothing to do.
      await http.delete('/api/me/calendar-feed').set(bearer(citizen)).expect(204);
      expect((await http.get('/api/me/calendar-feed').set(bearer(citizen)).expect(200)).body).toEqual({ active: false, createdAt: null });
      const exported = await http.get('/api/me/export').set(bearer(citizen)).expect(200);
      expect(exported.body.calendarFeeds).toEqual([
        { createdAt: first.body.createdAt, revokedAt: expect.any(String) },
        { createdAt: second.body.createdAt, revokedAt: expect.any(String) },
      ]);
      expect(JSON.stringify(exported.body)).not.toContain(second.body.token);
      await http.get('/api/me/calendar.ics?token=lfc_nope').expect(404);
      await http.get('/api/me/calendar.ics').expect(404);
    });
  });
});
