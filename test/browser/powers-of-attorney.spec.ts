import type { Page } from 'playwright-core';
import { movingV1 } from '../../journeys/moving';
import { addDays } from '../../journeys/shared/calendar';
import { bearer, tokenFor } from '../support/experience';
import { describeInBrowser, PHONE, startBrowserStack, type BrowserStack } from './browser-stack';
import { PageAudit } from './page-checks';

const inDays = (n: number) => addDays(new Date().toISOString().slice(0, 10), n);

/**
 * Giving and revoking a power of attorney in a real browser (Debian's Chromium through
 * playwright-core) at a phone's width, in Danish and English: the CPR number is looked up in the
 * sandbox's register and the page names the person before the citizen confirms; the proxy's list
 * names whose journey it is; revoking asks first. Every page passes axe-core's WCAG 2.1 A/AA rules,
 * speaks only its own language and does not scroll sideways at 320 px.
 */
describeInBrowser('powers of attorney in the browser', () => {
  let stack: BrowserStack;
  let page: Page;
  let base: string;
  const found = new PageAudit(movingV1);

  /** What is wrong with the page now shown: axe findings, language, codes and sideways scrolling. */
  const inspect = () => found.inspect(page);

  const signInAs = (name: string) => stack.signInAs(page, name, { path: '/login?lang=da' });

  async function signOut(): Promise<void> {
    await page.goto(`${base}/journeys?lang=da`);
    await stack.signOut(page, '/login**');
  }

  /** Step 1 of the form: the number, the journeys, the access and the date; answers the confirmation page. */
  async function ask(lang: 'da' | 'en', cpr: string, act: boolean): Promise<void> {
    await page.goto(`${base}/me/proxies?lang=${lang}`);
    const da = lang === 'da';
    await page.getByLabel(da ? 'Fuldmagtshaverens CPR-nummer' : "The proxy's CPR number").fill(cpr);
    await page.getByLabel(da ? (act ? 'Må se og handle' : 'Må se') : act ? 'May see and act' : 'May see', { exact: true }).check();
    await page.getByLabel(da ? 'Gælder til og med' : 'Valid until').fill(inDays(60));
    await Promise.all([
      page.waitForURL(/\/me\/proxies\/pending\//),
      page.getByRole('button', { name: da ? 'Fortsæt' : 'Continue' }).click(),
    ]);
  }

  beforeAll(async () => {
    stack = await startBrowserStack({ name: 'browser_proxies', seed: 19, definitions: [movingV1], role: 'api' });
    base = stack.base;
    const anna = await tokenFor(stack.http, '0101901234', 'citizen', undefined, 'Anna Jensen');
    await stack.http
      .post('/api/journeys')
      .set(bearer(anna))
      .send({ type: 'moving', answers: { ...movingV1.startExamples[0], movingDate: inDays(10) } })
      .expect(201);
    page = await stack.newPage({ viewport: PHONE });
  }, 60_000);
  afterAll(() => stack?.close());

  it('does name the person before the citizen confirms, and say that it is done (Danish)', async () => {
    await signInAs('Anna Jensen');
    await ask('da', '020280-2345', true);
    await page
      .getByText('Du giver Bo Nielsen (født 2. februar 1980, 020280-xxxx) adgang til at se og handle i: Alle mine forløb')
      .waitFor();
    await inspect();
    await page.getByRole('button', { name: 'Bekræft fuldmagten til Bo Nielsen' }).click();
    await page.getByText('Fuldmagten er givet til Bo Nielsen.').waitFor();
    // The grant list names him as the confirmation did, the birth-date part of the number beside it.
    expect(await page.locator('td').filter({ hasText: '020280-xxxx' }).textContent()).toContain('Bo Nielsen');
    await inspect();
  }, 60_000);

  it('does show the proxy whose journey it is, and the citizen who looked, by the same names', async () => {
    await signOut();
    await signInAs('Bo Nielsen');
    await page.goto(`${base}/journeys?lang=da`);
    await page.getByRole('link', { name: 'Anna Jensens forløb: Flytte' }).waitFor();
    await page.getByText('På vegne af Anna Jensen · Må se og handle').waitFor();
    await inspect();
    await page.goto(`${base}/journeys?lang=en`);
    await page.getByRole('link', { name: 'Anna Jensen’s journey: Moving' }).click();
    await page.getByText('On behalf of: Anna Jensen').waitFor();
    await signOut();
    await signInAs('Anna Jensen');
    await page.goto(`${base}/me/access-log?lang=da`);
    expect(await page.getByRole('cell', { name: 'Bo Nielsen' }).count()).toBeGreaterThan(0);
  }, 60_000);

  it('does ask before revoking, naming the person, and say that it is done (Danish)', async () => {
    await page.goto(`${base}/me/proxies?lang=da`);
    await page.getByRole('link', { name: 'Tilbagekald Bo Nielsen' }).click();
    await page.getByText('Vil du tilbagekalde fuldmagten til Bo Nielsen? Bo Nielsen mister adgangen med det samme.').waitFor();
    await inspect();
    await page.getByRole('button', { name: 'Ja, tilbagekald fuldmagten' }).click();
    await page.getByText('Fuldmagten er tilbagekaldt. Personen har ikke længere adgang.').waitFor();
    await inspect();
  }, 60_000);

  it('does the same in English, and gives nothing when the citizen cancels', async () => {
    await ask('en', '151295-4321', false);
    await page.getByText('You give Clara Hansen (born 15 December 1995, 151295-xxxx) access to see: All my journeys').waitFor();
    await inspect();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('You did not give the power of attorney. Nobody was given access.').waitFor();
    expect(await page.locator('td').filter({ hasText: 'Clara Hansen' }).count()).toBe(0);
    await inspect();

    await ask('en', '151295-4321', false);
    await page.getByRole('button', { name: 'Confirm the power of attorney for Clara Hansen' }).click();
    await page.getByText('The power of attorney was given to Clara Hansen.').waitFor();
    await inspect();
    await page.getByRole('link', { name: 'Revoke Clara Hansen' }).click();
    await page.getByText('Do you want to revoke the power of attorney of Clara Hansen?').waitFor();
    await inspect();
    await page.getByRole('button', { name: 'Yes, revoke the power of attorney' }).click();
    await page.getByText('The power of attorney was revoked. The person no longer has access.').waitFor();
    await inspect();
  }, 60_000);

  it('does find no accessibility, language or layout problems on any page', () => {
    expect(found.described()).toEqual([]);
  });
});
