import * as fs from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { TokenService } from '../../src/api/auth/token.service';
import { PageSessions } from '../../src/api/sign-in/page-sessions';
import { CitizenRepository } from '../../src/engine/persistence/citizen.repository';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { errandV1 } from '../support/fixtures/errand.journey';
import { freePort } from '../support/ports';
import { AcceptingGateway } from '../support/self-service';
import { CHROMIUM, launchChromium } from './page-checks';

/**
 * The journey page keeps itself up to date in a real browser, under the pages' own CSP: it follows
 * the journey's event stream, so a step a worker process finishes shows without a reload, and a
 * citizen who is filling in a form is told instead of having the page reloaded under them.
 */
(fs.existsSync(CHROMIUM) ? describe : describe.skip)('the journey page, live', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: NestExpressApplication;
  let worker: NestExpressApplication | undefined;
  let browser: Browser;
  let page: Page;
  let base: string;
  const namespace = `journey_live_${process.pid}`;

  beforeAll(async () => {
    db = await createTestDatabase('journey_live');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The API alone: the worker starts when the test wants the journey to move.
    api = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new AcceptingGateway(),
      role: 'api',
      namespace,
    });
    await api.listen(port, '127.0.0.1');
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  it('shows the step a worker finished without a reload, and tells a citizen who is typing instead of reloading', async () => {
    const token = (await request(api.getHttpServer()).post('/api/dev/token').send({ role: 'citizen', subject: '0101901234' }).expect(201))
      .body.token as string;
    const { body: journey } = await request(api.getHttpServer())
      .post('/api/journeys')
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'moving' })
      .expect(201);
    const principal = await api.get(TokenService).verify(token);
    const citizen = await api.get(CitizenRepository).identify(principal.subject);
    const session = await api.get(PageSessions).create({ ...principal, provider: 'test', citizen, citizenId: citizen.id });
    const context = await browser.newContext({ locale: 'da-DK' });
    await context.addCookies([{ name: 'lf_session', value: session, url: base }]);
    page = await context.newPage();
    await page.goto(`${base}/journeys/${journey.id}`);
    const finished = page.getByRole('heading', { name: 'Færdige trin' });
    expect(await finished.count()).toBe(0);

    // A worker process runs the authority call; the page the citizen is looking at shows the next step.
    worker = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new AcceptingGateway(),
      role: 'worker',
      namespace,
    });
    await finished.waitFor({ timeout: 20_000 });

    // The citizen starts answering; a change now does not take their answer away.
    const answer = page.locator('form:has(input[name=answer])');
    await answer.getByRole('radio').first().check();
    await request(api.getHttpServer())
      .post(`/api/journeys/${journey.id}/events`)
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'note', data: { n: 1 } })
      .expect(200);
    await page.getByRole('status').getByText('Forløbet er blevet opdateret.').waitFor({ timeout: 20_000 });
    expect(await answer.getByRole('radio').first().isChecked()).toBe(true);
    await context.close();
  }, 90_000);
});
