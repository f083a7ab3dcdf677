import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { allDefinitions } from '../../journeys';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { selfServiceHelpers } from '../support/self-service';
import { UnusedGateway } from '../support/unused-gateway';

/** Each register event starts the real journey it stands for, with the facts the journey declares. */
describe('register feed with the real journeys', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let http: ReturnType<typeof request>;
  let feed: string;
  const token = async (body: object) => (await http.post('/api/dev/token').send(body).expect(201)).body.token as string;
  const send = (body: object) => http.post('/api/register-events').set('Authorization', `Bearer ${feed}`).send(body);

  beforeAll(async () => {
    db = await createTestDatabase('register_real');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: allDefinitions(),
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'register_real',
    });
    http = request(app.getHttpServer());
    const h = selfServiceHelpers(app);
    feed = await h.clientToken(await h.createClient('cpr'));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it.each([
    [
      'birth',
      'becoming-a-parent',
      '2026-11-20',
      '0204931234',
      { married: false, parentRole: 'mother', employed: true, crossBorderEu: false },
    ],
    [
      'death',
      'losing-a-relative',
      '2026-11-24',
      '2005481234',
      { relation: 'spouse', bothReceivedPublicPension: true, deceasedHadHealthCover: true },
    ],
    [
      'birthday-15',
      'digital-citizen',
      '2026-11-26',
      '2611114321',
      { hasParents: true, parentsHaveDigitalPost: true, working: false, hasMitid: false, municipalityCode: '0751' },
    ],
    [
      'pension-age-approaching',
      'retiring',
      '2026-11-26',
      '3005591234',
      { disabilityPensioner: false, stillWorking: false, livesAbroad: false, receivesHousingBenefit: false },
    ],
  ])('a %s event starts %s for the person', async (type, journeyType, occurredOn, cpr, facts) => {
    const res = await send({ id: `evt-${type}`, type, occurredOn, persons: [{ cpr, facts }] }).expect(200);
    expect(res.body.outcomes).toEqual([expect.objectContaining({ result: 'started' })]);
    const citizen = await token({ role: 'citizen', subject: cpr });
    const mine = await http.get('/api/journeys').set('Authorization', `Bearer ${citizen}`).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ type: journeyType, status: 'active' })]);
    expect(mine.body[0].steps.some((s: { deadline?: string }) => s.deadline)).toBe(true);
  });

  it('delivers a birth to a parent who started the journey before it', async () => {
    const cpr = '1507921234';
    const father = await token({ role: 'citizen', subject: cpr });
    const parent = allDefinitions().find((d) => d.id === 'becoming-a-parent')!;
    const answers = parent.startExamples.find((a) => 'dueDate' in a) ?? parent.startExamples[0];
    const started = await http
      .post('/api/journeys')
      .set('Authorization', `Bearer ${father}`)
      .send({ type: 'becoming-a-parent', answers })
      .expect(201);
    const res = await send({
      id: 'evt-birth-2',
      type: 'birth',
      occurredOn: '2026-11-25',
      persons: [{ cpr, facts: { married: true, parentRole: 'father', employed: true, crossBorderEu: false } }],
    }).expect(200);
    expect(res.body.outcomes).toEqual([
      expect.objectContaining({ result: 'already-active', journeyId: started.body.id, delivered: 'applied' }),
    ]);
    const history = await http.get(`/api/journeys/${started.body.id}/history`).set('Authorization', `Bearer ${father}`).expect(200);
    expect(history.body.map((h: { event: string }) => h.event)).toContain('birth.registered');
  });
});
