import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { movingV1 } from '../../journeys/moving';
import { addDays } from '../../journeys/shared/calendar';
import { bearer, grantProxy, tokenFor } from '../support/experience';
import { describeInBrowser, PHONE, startBrowserStack, type BrowserStack } from './browser-stack';
import { PageAudit } from './page-checks';

const inDays = (n: number) => addDays(new Date().toISOString().slice(0, 10), n);

/**
 * Mit overblik in a real browser (Debian's Chromium through playwright-core) at a phone's 390 CSS px,
 * signed in through the local OpenID Connect provider; axe-core checks every state of the page, in
 * Danish and English, against WCAG 2.1 A/AA and any finding, whatever its impact, fails the suite.
 */
describeInBrowser('Mit overblik in the browser', () => {
  let stack: BrowserStack;
  let page: Page;
  let base: string;
  const found = new PageAudit(movingV1);

  /** axe-core in the page: a finding of any impact fails the suite. */
  const audit = () => found.axe(page);

  beforeAll(async () => {
    stack = await startBrowserStack({ name: 'browser_overview', seed: 13, definitions: [movingV1], role: 'api' });
    base = stack.base;
    page = await stack.newPage({ viewport: PHONE });
  }, 60_000);
  afterAll(() => stack?.close());

  it('does let a citizen read the overview, make a calendar link and turn it off', async () => {
    const { app, http } = stack;
    const anna = await tokenFor(http, '0101901234');
    const moving = await http
      .post('/api/journeys')
      .set(bearer(anna))
      .send({ type: 'moving', answers: { ...movingV1.startExamples[0], movingDate: inDays(10), renting: true } })
      .expect(201);
    // Anna applied for housing benefit: Udbetaling Danmark was asked and has not answered.
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
    await grantProxy(http, anna, { proxyCpr: '151295-4321', access: 'act', expiresAt: inDays(30) });

    await stack.signInAs(page, 'Anna Jensen');
    await page.getByRole('link', { name: 'Mit overblik' }).click();
    await page.getByRole('heading', { name: 'Mit overblik', level: 1 }).waitFor();
    await audit();
    expect(await page.getByRole('link', { name: 'Anmeld flytning til folkeregistret' }).count()).toBe(1);
    // The case waiting for Udbetaling Danmark says how long an answer normally takes, readable on a phone.
    const expected = page.getByText('Svar forventes normalt inden for 7 uger.');
    await expected.waitFor();
    expect(await expected.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
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
    await page.getByText('An answer is normally expected within 7 weeks.').waitFor();
    await audit();
    await page.goto(`${base}/overblik?lang=da`);
  }, 60_000);

  it('does let a proxy open the overview of the citizen they represent', async () => {
    // The municipality answered Anna's own correction: a new one for the fact may be made.
    await stack.app
      .get(DataSource)
      .query(`UPDATE correction_request SET status = 'corrected', answer = 'Adressen er rettet.', answered_at = now()`);
    await stack.signOut(page);
    await stack.signInAs(page, 'Clara Hansen');
    await page.goto(`${base}/overblik`);
    await page.getByRole('link', { name: 'Overblik for Anna Jensen' }).click();
    await page.getByRole('heading', { name: 'Overblik for Anna Jensen', level: 1 }).waitFor();
    await page.getByText('Du ser overblikket med din fuldmagt.').waitFor();
    await page.getByText('Svar forventes normalt inden for 7 uger.').waitFor();
    await audit();
    // The power of attorney lets Clara act: she can say a fact is wrong for Anna, refused at the field when empty.
    const wrong = page.getByText('Er det forkert?').first();
    await wrong.click();
    await page.getByRole('button', { name: 'Send rettelse' }).first().click();
    await page.getByText('Skriv mellem 1 og 2.000 tegn.').first().waitFor();
    await audit();
    await page.getByLabel('Beskriv, hvad der er forkert, og hvad der er det rigtige').first().fill('Anna er flyttet til Odense.');
    await page.getByRole('button', { name: 'Send rettelse' }).first().click();
    await page.getByText('sendt af en med fuldmagt').first().waitFor();
    await audit();
    await page.goto(`${page.url().split('?')[0].split('#')[0]}?lang=en`);
    await page.getByRole('heading', { name: 'Overview for Anna Jensen', level: 1 }).waitFor();
    await page.getByText('You see this overview through your power of attorney.').waitFor();
    await page.getByText('An answer is normally expected within 7 weeks.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await audit();
  }, 60_000);

  it('does find no accessibility violations of any impact', () => {
    expect(found.violations).toEqual([]);
  });
});
