import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHttpAuthorities } from '../../src/authorities/authorities.factory';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { RetentionUseCase } from '../../src/engine/data-protection/retention.use-case';
import { createTestApp } from '../support/app';
import { tablesHolding } from '../support/at-rest';
import { csrfOf, signInAs } from '../support/sign-in';
import { createTestDatabase } from '../support/database';
import { bearer, startErrand, tokenFor } from '../support/experience';
import { errandV1 } from '../support/fixtures/errand.journey';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
/** The time in Denmark, `YYYY-MM-DD HH:MM:SS`. */
const danishClock = (at: Date) => at.toLocaleString('sv-SE', { timeZone: 'Europe/Copenhagen', hourCycle: 'h23' });

/**
 * Giving a power of attorney in two steps, against the authority sandbox's CPR register over HTTP:
 * the number is looked up and the person named, a pending grant waits for the citizen's
 * confirmation and gives nobody anything until then; lookups are counted per citizen and day.
 */
describe('powers of attorney (fuldmagt) in two steps', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sandbox: Sandbox;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    db = await createTestDatabase('powers_of_attorney');
    sandbox = await startSandbox({ latencyScale: 0, seed: 5 });
    const { gateway } = createHttpAuthorities({ systems: {}, defaultBaseUrl: sandbox.url, timeoutMs: 5000 });
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway,
      role: 'api',
      namespace: 'powers_of_attorney',
      env: { PROXY_LOOKUPS_PER_DAY: '3' },
    });
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.drop();
  });

  const pending = (token: string, body: object) => http.post('/api/me/proxies/pending').set(bearer(token)).send(body);

  it('does name the person before anything is given, and gives access only once the citizen confirms', async () => {
    const anna = await tokenFor(http, '0101901234', 'citizen', undefined, 'Anna Jensen');
    // Bo's token carries no name: every page names him as the CPR register does.
    const bo = await tokenFor(http, '0202802345');
    const id = await startErrand(http, anna);

    const asked = await pending(anna, { proxyCpr: '020280-2345', access: 'act', expiresAt: inDays(30) }).expect(201);
    expect(asked.body).toMatchObject({
      pendingId: expect.any(String),
      grantee: { name: 'Bo Nielsen', maskedCpr: '020280-xxxx', birthDate: '1980-02-02' },
      journeyId: null,
      access: 'act',
    });
    expect(JSON.stringify(asked.body)).not.toContain('2345');
    const confirmBefore = Date.parse(asked.body.confirmBefore);
    expect(confirmBefore).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(confirmBefore).toBeLessThanOrEqual(Date.now() + 15 * 60_000);

    // A pending grant is no grant: Bo sees nothing, Anna's list holds nothing yet.
    await http.get(`/api/me/represented/journeys/${id}`).set(bearer(bo)).expect(404);
    expect((await http.get('/api/me/represented/journeys').set(bearer(bo)).expect(200)).body).toEqual([]);
    expect((await http.get('/api/me/proxies').set(bearer(anna)).expect(200)).body.granted).toEqual([]);
    expect((await http.get('/api/me/proxies').set(bearer(bo)).expect(200)).body.received).toEqual([]);

    const confirmed = await http.post('/api/me/proxies').set(bearer(anna)).send({ pendingId: asked.body.pendingId }).expect(201);
    expect(confirmed.body).toMatchObject({ counterpart: '020280-xxxx', counterpartName: 'Bo Nielsen', access: 'act', active: true });
    // Confirming twice gives one grant.
    await http.post('/api/me/proxies').set(bearer(anna)).send({ pendingId: asked.body.pendingId }).expect(404);

    await http.get(`/api/me/represented/journeys/${id}`).set(bearer(bo)).expect(200);
    const granted = (await http.get('/api/me/proxies').set(bearer(anna)).expect(200)).body.granted;
    expect(granted).toEqual([expect.objectContaining({ id: confirmed.body.id, counterpartName: 'Bo Nielsen' })]);
    const received = (await http.get('/api/me/proxies').set(bearer(bo)).expect(200)).body.received;
    expect(received).toEqual([expect.objectContaining({ counterpart: '010190-xxxx', counterpartName: 'Anna Jensen' })]);
    // The access log names Bo as the grant list does, though his token said nothing.
    const log = (await http.get('/api/me/access-log').set(bearer(anna)).expect(200)).body.items;
    expect(log).toEqual([expect.objectContaining({ viewer: { kind: 'proxy', name: 'Bo Nielsen', authority: null }, action: 'view' })]);
  });

  it('does let nobody but the citizen who asked confirm or cancel a pending grant', async () => {
    const owner = await tokenFor(http, '0303903456');
    const other = await tokenFor(http, '0404904567');
    const asked = await pending(owner, { proxyCpr: '0505905678', access: 'read', expiresAt: inDays(10) }).expect(201);
    const { pendingId } = asked.body;
    // The proxy-to-be cannot confirm it either.
    const grantee = await tokenFor(http, '0505905678');
    for (const token of [other, grantee]) {
      const refused = await http.post('/api/me/proxies').set(bearer(token)).send({ pendingId }).expect(404);
      expect(refused.body.code).toBe('NOT_FOUND');
      await http.delete(`/api/me/proxies/pending/${pendingId}`).set(bearer(token)).expect(404);
    }
    await http.post('/api/me/proxies').set(bearer(owner)).send({ pendingId }).expect(201);
  });

  it('does drop a cancelled pending grant and refuse a lapsed one', async () => {
    const owner = await tokenFor(http, '0606901234');
    const proxy = await tokenFor(http, '0707901234');
    const id = await startErrand(http, owner);
    const cancelled = await pending(owner, { proxyCpr: '0707901234', access: 'read', expiresAt: inDays(5) }).expect(201);
    await http.delete(`/api/me/proxies/pending/${cancelled.body.pendingId}`).set(bearer(owner)).expect(204);
    await http.post('/api/me/proxies').set(bearer(owner)).send({ pendingId: cancelled.body.pendingId }).expect(404);

    const lapsed = await pending(owner, { proxyCpr: '0707901234', journeyId: id, access: 'read', expiresAt: inDays(5) }).expect(201);
    await app
      .get(DataSource)
      .query(`UPDATE pending_proxy_grant SET valid_until = now() - interval '1 second' WHERE id = $1`, [lapsed.body.pendingId]);
    const refused = await http.post('/api/me/proxies').set(bearer(owner)).send({ pendingId: lapsed.body.pendingId }).expect(404);
    expect(refused.body.message).toMatch(/lapsed/);
    await http.get(`/api/me/represented/journeys/${id}`).set(bearer(proxy)).expect(404);
    expect((await http.get('/api/me/proxies').set(bearer(owner)).expect(200)).body.granted).toEqual([]);
  });

  it('does keep the person looked up only in the pending grant, gone when it is cancelled or lapses', async () => {
    const owner = await tokenFor(http, '1505901234');
    const sql = app.get(DataSource);
    const held = async (cpr: string, name: string) => ({ ...(await tablesHolding(sql, cpr)), ...(await tablesHolding(sql, name)) });

    const cancelled = await pending(owner, { proxyCpr: '1606901234', access: 'read', expiresAt: inDays(5) }).expect(201);
    const cancelledName: string = cancelled.body.grantee.name;
    expect(cancelled.body.grantee).toEqual({ name: expect.any(String), maskedCpr: '160690-xxxx', birthDate: '1990-06-16' });
    expect(await held('1606901234', cancelledName)).toEqual({ 'public.pending_proxy_grant': 1 });
    await http.delete(`/api/me/proxies/pending/${cancelled.body.pendingId}`).set(bearer(owner)).expect(204);
    expect(await held('1606901234', cancelledName)).toEqual({});

    const lapsed = await pending(owner, { proxyCpr: '1707901234', access: 'read', expiresAt: inDays(5) }).expect(201);
    const lapsedName: string = lapsed.body.grantee.name;
    await sql.query(`UPDATE pending_proxy_grant SET valid_until = now() - interval '1 second' WHERE id = $1`, [lapsed.body.pendingId]);
    expect(await held('1707901234', lapsedName)).toEqual({ 'public.pending_proxy_grant': 1 });
    // The retention run takes every lapsed one (an earlier test left one too).
    expect((await app.get(RetentionUseCase).execute()).pendingGrants).toBeGreaterThanOrEqual(1);
    expect(await held('1707901234', lapsedName)).toEqual({});
  });

  it('does name a known person from the register only once the citizen confirms', async () => {
    const owner = await tokenFor(http, '1808901234');
    const kaj = await tokenFor(http, '1909901234', 'citizen', undefined, 'Kaj Holm');
    const nameOf = async () => (await app.get(DataSource).query(`SELECT name FROM citizen WHERE cpr = '1909901234'`))[0].name;
    // His sign-in named him; the register names him otherwise.
    await http.get('/api/me/proxies').set(bearer(kaj)).expect(200);
    expect(await nameOf()).toBe('Kaj Holm');

    const asked = await pending(owner, { proxyCpr: '1909901234', access: 'read', expiresAt: inDays(5) }).expect(201);
    const registered: string = asked.body.grantee.name;
    expect(registered).not.toBe('Kaj Holm');
    expect(await nameOf()).toBe('Kaj Holm');
    const confirmed = await http.post('/api/me/proxies').set(bearer(owner)).send({ pendingId: asked.body.pendingId }).expect(201);
    expect(confirmed.body).toMatchObject({ counterpart: '190990-xxxx', counterpartName: registered });
    expect(await nameOf()).toBe(registered);
  });

  it('does refuse an unknown number and the citizen’s own, saying no more than that', async () => {
    const owner = await tokenFor(http, '0808901234');
    const unknown = await pending(owner, { proxyCpr: '090990-0000', access: 'read', expiresAt: inDays(5) }).expect(400);
    expect(unknown.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'proxyCpr', reason: 'is not a person in the CPR register' }],
    });
    expect(JSON.stringify(unknown.body)).not.toContain('090990');
    // Nobody was added for the unknown number.
    expect(await app.get(DataSource).query(`SELECT 1 FROM citizen WHERE cpr = '0909900000'`)).toEqual([]);

    const self = await pending(owner, { proxyCpr: '080890-1234', access: 'read', expiresAt: inDays(5) }).expect(400);
    expect(self.body.fields).toEqual([{ field: 'proxyCpr', reason: 'must be someone other than yourself' }]);
    // The old one-step grant is gone: a grant needs a pending one.
    const direct = await http
      .post('/api/me/proxies')
      .set(bearer(owner))
      .send({ proxyCpr: '0202802345', access: 'read', expiresAt: inDays(5) })
      .expect(400);
    expect(direct.body.fields).toEqual(expect.arrayContaining([{ field: 'pendingId', reason: expect.any(String) }]));
  });

  it('does count every name lookup, found or not, and answer 429 past the day’s limit, for that citizen only', async () => {
    const curious = await tokenFor(http, '1010901234');
    await pending(curious, { proxyCpr: '1111900000', access: 'read', expiresAt: inDays(5) }).expect(400);
    await pending(curious, { proxyCpr: '1111901234', access: 'read', expiresAt: inDays(5) }).expect(201);
    await pending(curious, { proxyCpr: '1212901234', access: 'read', expiresAt: inDays(5) }).expect(201);
    const stopped = await pending(curious, { proxyCpr: '1303901234', access: 'read', expiresAt: inDays(5) }).expect(429);
    expect(stopped.body).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/try again tomorrow/) });
    // "Tomorrow" is midnight in Denmark: Retry-After counts the seconds to it, as the body does.
    expect(stopped.headers['retry-after']).toMatch(/^\d+$/);
    const wait = Number(stopped.headers['retry-after']);
    expect(stopped.body.retryAfterSeconds).toBe(wait);
    expect(danishClock(new Date(Date.now() + wait * 1000))).toMatch(/ 00:00:0\d$/);
    expect(danishClock(new Date(Date.now() + (wait - 2) * 1000))).toMatch(/ 23:59:5\d$/);
    expect(JSON.stringify(stopped.body)).not.toContain('130390');
    // No lookup was made for the refused one: the register never heard of it.
    expect(await app.get(DataSource).query(`SELECT 1 FROM citizen WHERE cpr = '1303901234'`)).toEqual([]);
    // Bad input is not a lookup and does not count; someone else still may look people up.
    await pending(curious, { proxyCpr: 'nope', access: 'read', expiresAt: inDays(5) }).expect(400);
    const other = await tokenFor(http, '1404901234');
    await pending(other, { proxyCpr: '1111901234', access: 'read', expiresAt: inDays(5) }).expect(201);
  });

  it('does tell the page past the day’s lookups when to come back, in Retry-After', async () => {
    const clara = await signInAs(app, 'clara');
    const api = await tokenFor(http, '1512954321');
    for (const proxyCpr of ['2303901234', '2404901234', '2505901234'])
      await pending(api, { proxyCpr, access: 'read', expiresAt: inDays(5) }).expect(201);
    const page = await clara.get('/me/proxies').expect(200);
    const stopped = await clara
      .post('/me/proxies')
      .type('form')
      .send({ _csrf: csrfOf(page.text), proxyCpr: '2606901234', access: 'read', expiresAt: inDays(5) })
      .expect(429);
    expect(stopped.text).toContain('Prøv igen i morgen');
    expect(danishClock(new Date(Date.now() + Number(stopped.headers['retry-after']) * 1000))).toMatch(/ 00:00:0\d$/);
  });

  it('does forget the counts of past days at the retention run', async () => {
    const sql = app.get(DataSource);
    const counter = await tokenFor(http, '2010901234');
    await pending(counter, { proxyCpr: '2111901234', access: 'read', expiresAt: inDays(5) }).expect(201);
    const [{ id }] = await sql.query(`SELECT id FROM citizen WHERE cpr = '2010901234'`);
    await sql.query(`UPDATE proxy_name_lookup SET day = day - 1 WHERE citizen_id = $1`, [id]);
    const today = await tokenFor(http, '2212901234');
    await pending(today, { proxyCpr: '2111901234', access: 'read', expiresAt: inDays(5) }).expect(201);
    const counts = `SELECT c.cpr FROM proxy_name_lookup l JOIN citizen c ON c.id = l.citizen_id
                     WHERE c.cpr IN ('2010901234', '2212901234')`;
    expect(await sql.query(counts)).toHaveLength(2);

    expect((await app.get(RetentionUseCase).execute()).lookupCounts).toBeGreaterThanOrEqual(1);
    expect(await sql.query(counts)).toEqual([{ cpr: '2212901234' }]);
  });
});
