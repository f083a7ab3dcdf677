import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { bearer, engineEvent, grantProxy, startErrand, tokenFor, UnusedGateway } from '../support/experience';
import { errandV1 } from '../support/fixtures/errand.journey';
import { sandboxName } from '../../src/authorities/sandbox/persons';

/** GET /api/me/access-log, notifications and proxies (fuldmagt), on the errand fixture. */
describe('citizen experience API', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    db = await createTestDatabase('citizen_experience');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'citizen_experience',
    });
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('does record a caseworker read in the access log, and only for the journey’s citizen', async () => {
    const anna = await tokenFor(http, '0101901234');
    const id = await startErrand(http, anna);
    const empty = await http.get('/api/me/access-log').set(bearer(anna)).expect(200);
    expect(empty.body).toEqual({ items: [], total: 0 });

    const cw = await tokenFor(http, 'sik-sb-301', 'caseworker', 'health-insurance', 'Sofie Dahl');
    await http.get(`/api/caseworker/journeys/${id}?purpose=citizen-support`).set(bearer(cw)).expect(200);
    // The citizen's own reads are not logged.
    await http.get(`/api/journeys/${id}`).set(bearer(anna)).expect(200);

    const log = await http.get('/api/me/access-log').set(bearer(anna)).expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        journey: { id, type: 'moving' },
        viewer: { kind: 'caseworker', name: 'Sofie Dahl', authority: 'health-insurance' },
        purpose: 'citizen-support',
        action: 'view',
      }),
    ]);
    const bo = await tokenFor(http, '0202802345');
    expect((await http.get('/api/me/access-log').set(bearer(bo)).expect(200)).body.total).toBe(0);
  });

  it('does list notifications once per reminder, with their delivery, and marks them read', async () => {
    const token = await tokenFor(http, '0303903456');
    const id = await startErrand(http, token);
    await engineEvent(app, id, 'integration.completed', { step: 'ask', task: 'order-health-card', output: {} });
    await engineEvent(app, id, 'timer.fired', { key: 'remind' });
    await engineEvent(app, id, 'timer.fired', { key: 'remind' });

    const list = await http.get('/api/me/notifications').set(bearer(token)).expect(200);
    expect(list.body.unread).toBe(1);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        journeyId: id,
        template: 'step-needs-you',
        step: 'confirm',
        readAt: null,
        delivery: expect.objectContaining({ channel: 'digital-post', status: 'pending' }),
      }),
    ]);
    const outbox = await app
      .get(DataSource)
      .query(`SELECT payload FROM outbox WHERE journey_id = $1 AND payload->>'queue' = 'notifications'`, [id]);
    expect(outbox).toHaveLength(1);

    const nid = list.body.items[0].id;
    await http.post(`/api/me/notifications/${nid}/read`).set(bearer(token)).expect(204);
    expect((await http.get('/api/me/notifications').set(bearer(token)).expect(200)).body.unread).toBe(0);
    const other = await tokenFor(http, '0404904567');
    await http.post(`/api/me/notifications/${nid}/read`).set(bearer(other)).expect(404);
    await http.post('/api/me/notifications/nope/read').set(bearer(token)).expect(400);
  });

  describe('proxies (fuldmagt)', () => {
    it('does let a read-only proxy see one journey, logs it, and refuses acting', async () => {
      const owner = await tokenFor(http, '0505905678');
      const proxy = await tokenFor(http, '0606906789', 'citizen', undefined, sandboxName('0606906789'));
      const id = await startErrand(http, owner);
      await http.get(`/api/me/represented/journeys/${id}`).set(bearer(proxy)).expect(404);

      const grant = await http
        .post('/api/me/proxies/pending')
        .set(bearer(owner))
        .send({ proxyCpr: '060690-6789', journeyId: id, access: 'read', expiresAt: '2099-01-01' })
        .expect(400);
      expect(grant.body.fields).toEqual([{ field: 'expiresAt', reason: 'must be at most 5 years ahead' }]);
      const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const ok = await grantProxy(http, owner, { proxyCpr: '060690-6789', journeyId: id, access: 'read', expiresAt: expires });
      // The proxy's sign-in named them; the grant list and the access log use that name alike.
      expect(ok).toMatchObject({
        counterpart: '060690-xxxx',
        counterpartName: sandboxName('0606906789'),
        journeyId: id,
        access: 'read',
        active: true,
      });

      const view = await http.get(`/api/me/represented/journeys/${id}`).set(bearer(proxy)).expect(200);
      expect(view.body.id).toBe(id);
      const listed = await http.get('/api/me/represented/journeys').set(bearer(proxy)).expect(200);
      expect(listed.body.map((j: { access: string; journey: { id: string } }) => [j.access, j.journey.id])).toEqual([['read', id]]);
      const refused = await http
        .post(`/api/me/represented/journeys/${id}/events`)
        .set(bearer(proxy))
        .send({ type: 'note', data: { n: 1 } })
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      const received = await http.get('/api/me/proxies').set(bearer(proxy)).expect(200);
      expect(received.body.received).toEqual([expect.objectContaining({ counterpart: '050590-xxxx', access: 'read' })]);

      const log = await http.get('/api/me/access-log').set(bearer(owner)).expect(200);
      expect(
        log.body.items.map((a: { viewer: { kind: string; name: string }; action: string }) => [a.viewer.kind, a.viewer.name, a.action]),
      ).toEqual([
        ['proxy', sandboxName('0606906789'), 'list'],
        ['proxy', sandboxName('0606906789'), 'view'],
      ]);
    });

    it('does let an acting proxy send events, recorded as proxy on behalf of the citizen, until revoked', async () => {
      const owner = await tokenFor(http, '0707907890');
      const proxy = await tokenFor(http, '0808908901');
      const id = await startErrand(http, owner);
      const expires = new Date(Date.now() + 86_400_000).toISOString();
      const grant = await grantProxy(http, owner, { proxyCpr: '0808908901', access: 'act', expiresAt: expires });
      expect(grant.journeyId).toBeNull();

      const sent = await http
        .post(`/api/me/represented/journeys/${id}/events`)
        .set(bearer(proxy))
        .send({ type: 'note', data: { n: 7 } })
        .expect(200);
      expect(sent.body.result.duplicate).toBe(false);
      const [entry] = await app
        .get(DataSource)
        .query(`SELECT actor FROM journey_history WHERE journey_id = $1 AND event_type = 'note'`, [id]);
      const [ownerRow] = await app.get(DataSource).query(`SELECT citizen_id FROM journey WHERE id = $1`, [id]);
      expect(entry.actor).toMatchObject({ kind: 'proxy', onBehalfOf: ownerRow.citizen_id });
      const log = await http.get('/api/me/access-log').set(bearer(owner)).expect(200);
      expect(log.body.items[0]).toMatchObject({ viewer: { kind: 'proxy' }, purpose: 'proxy', action: 'event:note' });

      await http.delete(`/api/me/proxies/${grant.id}`).set(bearer(proxy)).expect(404);
      await http.delete(`/api/me/proxies/${grant.id}`).set(bearer(owner)).expect(204);
      await http.get(`/api/me/represented/journeys/${id}`).set(bearer(proxy)).expect(404);
    });

    it('does refuse bad grants with the field and reason, never echoing the CPR number', async () => {
      const owner = await tokenFor(http, '0909909012');
      const res = await http
        .post('/api/me/proxies/pending')
        .set(bearer(owner))
        .send({ proxyCpr: '999999-9999', access: 'write', expiresAt: 'soon' })
        .expect(400);
      expect(res.body.fields).toEqual([{ field: 'access', reason: 'must be one of the following values: read, act' }]);
      const bad = await http
        .post('/api/me/proxies/pending')
        .set(bearer(owner))
        .send({ proxyCpr: '999999-9999', access: 'read', expiresAt: 'soon' })
        .expect(400);
      expect(bad.body.fields).toEqual([
        { field: 'proxyCpr', reason: 'must be a CPR number (DDMMYY-SSSS)' },
        { field: 'expiresAt', reason: 'must be a date (YYYY-MM-DD) or an ISO timestamp' },
      ]);
      expect(JSON.stringify(bad.body)).not.toContain('999999');
      const self = await http
        .post('/api/me/proxies/pending')
        .set(bearer(owner))
        .send({ proxyCpr: '0909909012', access: 'read', expiresAt: '2027-01-01' })
        .expect(400);
      expect(self.body.fields).toEqual([{ field: 'proxyCpr', reason: 'must be someone other than yourself' }]);
    });
  });
});
