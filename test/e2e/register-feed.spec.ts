import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { contractCheck } from '../support/openapi-contract';
import { createTestDatabase } from '../support/database';
import { errandV1 } from '../support/fixtures/errand.journey';
import { selfServiceHelpers } from '../support/self-service';
import { UnusedGateway } from '../support/unused-gateway';

/** The errand test journey stands in for becoming-a-parent: this suite is about the feed, not the journey. */
const parentJourney = { ...errandV1, id: 'becoming-a-parent' as const };

describe('register feed (proactive starts)', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let http: ReturnType<typeof request>;
  const token = async (body: object) => (await http.post('/api/dev/token').send(body).expect(201)).body.token as string;
  /** The CPR register feed: a self-service client of the cpr authority, with a client-credentials token. */
  const feedToken = async () => {
    const h = selfServiceHelpers(app);
    return h.clientToken(await h.createClient('cpr'));
  };

  beforeAll(async () => {
    db = await createTestDatabase('register_feed');
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [parentJourney],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'register_feed',
    });
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const birth = {
    id: 'cpr-birth-0001',
    type: 'birth',
    occurredOn: '2026-11-20',
    persons: [
      { cpr: '0101901234', facts: { parentRole: 'mother' } },
      { cpr: '0202891234', facts: { parentRole: 'father' } },
    ],
  };

  it('starts the journey for each person once, however often the event is replayed', async () => {
    const feed = await feedToken();
    const first = await http.post('/api/register-events').set('Authorization', `Bearer ${feed}`).send(birth).expect(200);
    expect(first.body).toMatchObject({ replayed: false, journeyType: 'becoming-a-parent' });
    expect(first.body.outcomes.map((o: { result: string }) => o.result)).toEqual(['started', 'started']);
    const again = await http.post('/api/register-events').set('Authorization', `Bearer ${feed}`).send(birth).expect(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    const concurrent = await Promise.all(
      [1, 2, 3].map(() =>
        http
          .post('/api/register-events')
          .set('Authorization', `Bearer ${feed}`)
          .send({ ...birth, id: 'cpr-birth-0002', occurredOn: '2026-11-21' }),
      ),
    );
    expect(concurrent.map((r) => r.status)).toEqual([200, 200, 200]);

    const mother = await token({ role: 'citizen', subject: '0101901234' });
    const mine = await http.get('/api/journeys').set('Authorization', `Bearer ${mother}`).expect(200);
    // One active journey per citizen and type: the second birth event found the first journey active.
    expect(mine.body.map((j: { type: string }) => j.type)).toEqual(['becoming-a-parent']);
    expect(concurrent.every((r) => r.body.outcomes.every((o: { result: string }) => o.result === 'already-active'))).toBe(true);
  });

  it('lets the citizen dismiss a journey they do not want', async () => {
    const mother = await token({ role: 'citizen', subject: '0101901234' });
    const [journey] = (await http.get('/api/journeys').set('Authorization', `Bearer ${mother}`).expect(200)).body;
    const dismissed = await http.post(`/api/journeys/${journey.id}/dismiss`).set('Authorization', `Bearer ${mother}`).expect(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', nextActions: [] });
    await http
      .post(`/api/journeys/${journey.id}/events`)
      .set('Authorization', `Bearer ${mother}`)
      .send({ type: 'note', data: { n: 1 } })
      .expect(409);
  });

  it('takes register events only from the CPR feed', async () => {
    const h = selfServiceHelpers(app);
    const other = await h.clientToken(await h.createClient('jobnet'));
    await http.post('/api/register-events').set('Authorization', `Bearer ${other}`).send(birth).expect(403);
    // A token that only says `authority: cpr` is not the feed's client-credentials token.
    const claimsCpr = await token({ role: 'system', subject: 'cpr-feed', authority: 'cpr' });
    const refused = await http
      .post('/api/register-events')
      .set('Authorization', `Bearer ${claimsCpr}`)
      .send({ ...birth, id: 'cpr-birth-claims' })
      .expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const caseworker = await token({ role: 'caseworker', subject: 'cw-cpr', authority: 'cpr', name: 'CPR caseworker' });
    await http
      .post('/api/register-events')
      .set('Authorization', `Bearer ${caseworker}`)
      .send({ ...birth, id: 'cpr-birth-claims' })
      .expect(403);
    const citizen = await token({ role: 'citizen', subject: '0101901234' });
    await http.post('/api/register-events').set('Authorization', `Bearer ${citizen}`).send(birth).expect(403);
  });

  it('refuses an impossible CPR number naming the field, without echoing the number, and accepts one failing modulus 11', async () => {
    const feed = await feedToken();
    const bad = await http
      .post('/api/register-events')
      .set('Authorization', `Bearer ${feed}`)
      .send({ ...birth, id: 'cpr-birth-0003', persons: [{ cpr: '3213901234' }] })
      .expect(400);
    expect(bad.body.fields).toEqual([{ field: 'persons.0.cpr', reason: 'must be a CPR number (DDMMYY-SSSS) with an existing birth date' }]);
    expect(JSON.stringify(bad.body)).not.toContain('3213901234');
    // 010100-1230 fails modulus 11 (numbers without it are issued since 2007) and is accepted.
    const ok = await http
      .post('/api/register-events')
      .set('Authorization', `Bearer ${feed}`)
      .send({ ...birth, id: 'cpr-birth-0004', persons: [{ cpr: '0101001230' }] })
      .expect(200);
    expect(ok.body.outcomes[0].result).toBe('started');
  });
});
