import * as fs from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { movingV1 } from '../../journeys/moving';
import { addDays } from '../../journeys/shared/calendar';
import { createHttpAuthorities } from '../../src/authorities/authorities.factory';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { bearer, grantProxy, tokenFor } from '../support/experience';
import { freePort } from '../support/ports';
import { axeFindings, CHROMIUM, launchChromium, type AxeFinding } from './page-checks';

const inDays = (n: number) => addDays(new Date().toISOString().slice(0, 10), n);

/**
 * Mit overblik in a real browser (Debian's Chromium through playwright-core), signed in through the
 * local OpenID Connect provider; axe-core checks every state of the page against WCAG 2.1 A/AA and
 * any finding, whatever its impact, fails the suite.
 */
(fs.existsSync(CHROMIUM) ? describe : describe.skip)('Mit overblik in the browser', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sandbox: Sandbox;
  let app: NestExpressApplication;
  let browser: Browser;
  let page: Page;
  let base: string;
  const violations: AxeFinding[] = [];

  /** axe-core in the page: a finding of any impact fails the suite. */
  async function audit(): Promise<void> {
    violations.push(...(await axeFindings(page)));
  }

  async function signInAs(name: string): Promise<void> {
    await page.goto(`${base}/login`);
    await Promise.all([page.waitForURL(/\/interaction\//), page.getByRole('button', { name: 'Log ind med MitID (testpersoner)' }).click()]);
    await Promise.all([page.waitForURL(`${base}/**`), page.getByRole('button', { name: `Log ind som ${name}` }).click()]);
    await page.waitForLoadState();
  }

  beforeAll(async () => {
    db = await createTestDatabase('browser_overview');
    sandbox = await startSandbox({ latencyScale: 0, seed: 13 });
    const { gateway } = createHttpAuthorities({ systems: {}, defaultBaseUrl: sandbox.url, timeoutMs: 5000 });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [movingV1],
      gateway,
      role: 'api',
      namespace: `browser_overview_${process.pid}`,
      env: { PUBLIC_BASE_URL: base },
    });
    await app.listen(port, '127.0.0.1');
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, locale: 'da-DK' });
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sandbox?.close();
    await db?.drop();
  });

  it('does let a citizen read the overview, make a calendar link and turn it off', async () => {
    const http = request(app.getHttpServer());
    const anna = await tokenFor(http, '0101901234');
    await http
      .post('/api/journeys')
      .set(bearer(anna))
      .send({ type: 'moving', answers: { ...movingV1.startExamples[0], movingDate: inDays(10) } })
      .expect(201);
    await grantProxy(http, anna, { proxyCpr: '151295-4321', access: 'read', expiresAt: inDays(30) });

    await signInAs('Anna Jensen');
    await page.getByRole('link', { name: 'Mit overblik' }).click();
    await page.getByRole('heading', { name: 'Mit overblik', level: 1 }).waitFor();
    await audit();
    expect(await page.getByRole('link', { name: 'Anmeld flytning til folkeregistret' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Lav nyt kalenderlink' }).click();
    const url = await page.getByLabel('Dit kalenderlink (vises kun nu)').inputValue();
    expect(url).toMatch(new RegExp(`^${base}/api/me/calendar.ics\\?token=lfc_`));
    await audit();
    expect((await http.get(new URL(url).pathname + new URL(url).search)).status).toBe(200);
    await page.getByRole('button', { name: 'Luk kalenderlinket' }).click();
    await page.getByText('Du har ikke et kalenderlink.').waitFor();
    expect((await http.get(new URL(url).pathname + new URL(url).search)).status).toBe(404);
    // "Er det forkert?": the disclosure opens without script; an empty message is refused with the error at the field.
    await page.getByText('Er det forkert?').first().click();
    await page.getByRole('button', { name: 'Send rettelse' }).first().click();
    await page.getByText('Skriv mellem 1 og 2.000 tegn.').first().waitFor();
    await audit();
    await page.getByLabel('Beskriv, hvad der er forkert, og hvad der er det rigtige').first().fill('Jeg bor i Aarhus.');
    await page.getByRole('button', { name: 'Send rettelse' }).first().click();
    await page.getByText('Sendt – venter på svar fra').first().waitFor();
    await audit();
    await page.goto(`${base}/overblik?lang=en`);
    await page.getByRole('heading', { name: 'My overview', level: 1 }).waitFor();
    await audit();
    await page.goto(`${base}/overblik?lang=da`);
  }, 60_000);

  it('does let a proxy open the overview of the citizen they represent', async () => {
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.waitForURL(`${base}/login`);
    await signInAs('Clara Hansen');
    await page.goto(`${base}/overblik`);
    await page.getByRole('link', { name: 'Overblik for Anna Jensen' }).click();
    await page.getByRole('heading', { name: 'Overblik for Anna Jensen', level: 1 }).waitFor();
    await audit();
  }, 60_000);

  it('does find no accessibility violations of any impact', () => {
    expect(violations).toEqual([]);
  });
});
