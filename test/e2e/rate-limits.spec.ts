import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { contractCheck } from '../support/openapi-contract';
import { bearer, startErrand, UnusedGateway } from '../support/experience';
import { errandV1 } from '../support/fixtures/errand.journey';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/** @nestjs/throttler on sign-ins (per address) and writes (per session): 429 RATE_LIMITED with Retry-After. */
describe('rate limits', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const http = () => request(app.getHttpServer());
  const devToken = (subject: string, ip: string) =>
    http().post('/api/dev/token').set('X-Forwarded-For', ip).send({ role: 'citizen', subject });

  beforeAll(async () => {
    db = await createTestDatabase('rate_limits');
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'rate_limits',
      // One trusted proxy hop: each test plays clients at addresses of its own.
      env: { RATE_LIMIT_LOGIN: '3', RATE_LIMIT_WRITES: '4', RATE_LIMIT_WINDOW_SECONDS: '60', TRUST_PROXY: '1' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('does allow three sign-ins per address and window across all sign-in routes, then answers 429 with Retry-After', async () => {
    await devToken('0101901234', '203.0.113.1').expect(201);
    const page = await http().get('/login').set('X-Forwarded-For', '203.0.113.1').expect(200);
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    await http()
      .post('/login')
      .set('X-Forwarded-For', '203.0.113.1')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(page.text), provider: 'dev-citizen' })
      .expect(303);
    await http()
      .post('/api/oauth/token')
      .set('X-Forwarded-For', '203.0.113.1')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' })
      .expect(401);

    const refused = await devToken('0101901234', '203.0.113.1').expect(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many requests: try again in \d+ seconds$/),
      retryAfterSeconds: expect.any(Number),
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body.retryAfterSeconds).toBe(Number(refused.headers['retry-after']));
    await http()
      .post('/api/oauth/token')
      .set('X-Forwarded-For', '203.0.113.1')
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(429);
    // The page sign-in answers with a page, with the same status and header.
    const pageRefused = await http()
      .post('/login')
      .set('X-Forwarded-For', '203.0.113.1')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(page.text), provider: 'dev-citizen' })
      .expect(429);
    expect(pageRefused.headers['content-type']).toContain('text/html');
    expect(pageRefused.headers['retry-after']).toBeDefined();

    // Another address has a budget of its own; reads are not limited.
    await devToken('0101901234', '203.0.113.2').expect(201);
    for (let i = 0; i < 5; i++) await http().get('/api/journey-types').set('X-Forwarded-For', '203.0.113.1').expect(200);
  });

  it('does allow four writes per session and window, counting every write route together', async () => {
    const anna = (await devToken('0202802345', '203.0.113.10').expect(201)).body.token as string;
    const bo = (await devToken('0303803456', '203.0.113.10').expect(201)).body.token as string;
    const id = await startErrand(http(), anna);
    await http()
      .post(`/api/journeys/${id}/events`)
      .set(bearer(anna))
      .send({ type: 'note', data: { n: 1 } })
      .expect(200);
    await http()
      .post('/api/me/proxies')
      .set(bearer(anna))
      .send({ proxyCpr: '0303803456', access: 'read', expiresAt: '2026-12-31' })
      .expect((r) => expect([201, 400]).toContain(r.status));
    await http()
      .post(`/api/journeys/${id}/events`)
      .set(bearer(anna))
      .send({ type: 'note', data: { n: 2 } })
      .expect(200);

    const refused = await http()
      .post(`/api/journeys/${id}/events`)
      .set(bearer(anna))
      .send({ type: 'note', data: { n: 3 } })
      .expect(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    // Nothing was applied; reads go on; another citizen from the same address writes.
    const history = await http().get(`/api/journeys/${id}/history`).set(bearer(anna)).expect(200);
    expect(history.body.filter((h: { event: string }) => h.event === 'note')).toHaveLength(2);
    await startErrand(http(), bo);
  });

  it('does limit anonymous writes by address', async () => {
    for (let i = 0; i < 4; i++)
      await http().post('/api/journeys').set('X-Forwarded-For', '203.0.113.20').send({ type: 'moving' }).expect(401);
    await http().post('/api/journeys').set('X-Forwarded-For', '203.0.113.20').send({ type: 'moving' }).expect(429);
  });
});
