import type { Page } from 'playwright-core';
import { movingV2 } from '../../journeys/moving';
import { addDays } from '../../journeys/shared/calendar';
import { bearer, tokenFor } from '../support/experience';
import { describeInBrowser, PHONE, startBrowserStack, type BrowserStack } from './browser-stack';
import { PageAudit } from './page-checks';

const inDays = (n: number) => addDays(new Date().toISOString().slice(0, 10), n);

/**
 * Samtykker in a real browser (Debian's Chromium through playwright-core) at a phone's width:
 * the housing-benefit step of a move offers "Giv samtykke" or "Udfyld selv"; a consent given on the
 * page releases the income fetch, which the app's own worker runs against the sandbox's eIndkomst;
 * the consent is withdrawn from Mit overblik through a confirmation. Every page is checked with
 * axe-core (WCAG 2.1 A/AA, any impact fails), for the other language's text and internal codes, and
 * for sideways scrolling at 320 px.
 */
describeInBrowser('consents in the browser', () => {
  let stack: BrowserStack;
  let page: Page;
  let base: string;
  const found = new PageAudit(movingV2);

  /** axe-core, the language and codes check and 320 px, on the page now shown. */
  const check = () => found.inspect(page);

  const signInAs = (name: string) => stack.signInAs(page, name);

  /** A renting citizen's move, reported: the housing-benefit step is open and its income fetch waits for consent. */
  async function reportedMove(cpr: string): Promise<string> {
    const { http } = stack;
    const token = await tokenFor(http, cpr);
    const answers = { ...movingV2.startExamples[1], movingDate: inDays(10) };
    const journey = await http.post('/api/journeys').set(bearer(token)).send({ type: 'moving', answers }).expect(201);
    await http
      .post(`/api/journeys/${journey.body.id}/events`)
      .set(bearer(token))
      .send({ type: 'move.reported', data: { reportedOn: inDays(0) } })
      .expect(200);
    return journey.body.id as string;
  }

  beforeAll(async () => {
    // API and workers in one process: the fetch a consent releases runs as it would in production.
    stack = await startBrowserStack({ name: 'browser_consents', seed: 17, definitions: [movingV2], role: 'all' });
    base = stack.base;
    page = await stack.newPage({ viewport: PHONE });
  }, 60_000);
  afterAll(() => stack?.close());

  it('does let a citizen give consent on the step, see the income fetched, and withdraw the consent after confirming', async () => {
    const journeyId = await reportedMove('0101901234');
    await signInAs('Anna Jensen');
    await page.goto(`${base}/journeys/${journeyId}`);

    // The choice: what is fetched, from whom, for what; or the step's own form.
    const give = page.getByRole('button', { name: 'Giv samtykke' });
    await give.waitFor();
    await page.getByText('Skattestyrelsen (eIndkomst)').first().waitFor();
    await page.getByText('At udfylde indkomsten i din ansøgning om boligstøtte').first().waitFor();
    await page.getByRole('heading', { name: 'Udfyld selv' }).waitFor();
    expect(await page.getByLabel('Husstandens indkomst det seneste år (kr.)').count()).toBe(1);
    await check();

    await give.click();
    await page.getByText('Tak. Dit samtykke er givet, og vi henter nu oplysningerne.').waitFor();
    expect(await page.getByRole('button', { name: 'Giv samtykke' }).count()).toBe(0);
    await page.getByText('Du gav samtykke').waitFor();

    // The worker fetches the income from the sandbox's eIndkomst; the journey's history shows the answer.
    const answered = page.getByRole('cell', { name: 'Svar fra myndigheden: Søg boligstøtte' });
    for (const until = Date.now() + 20_000; !(await answered.count()) && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 300));
      await page.reload();
    }
    expect(await answered.count()).toBe(1);
    expect(stack.sandbox!.calls().filter((c) => c.task === 'fetch-income')).toHaveLength(1);
    await page.getByRole('cell', { name: 'Samtykke givet: oplysningerne til trinnet må hentes' }).waitFor();
    await page.getByText('Du gav samtykke').waitFor();
    await check();

    // Mit overblik → Samtykker → Træk tilbage → "Vil du trække samtykket tilbage?" → Ja.
    await page.goto(`${base}/overblik`);
    await page.getByRole('link', { name: 'Se dine samtykker, og træk dem tilbage' }).click();
    await page.getByRole('heading', { name: 'Samtykker', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Søg boligstøtte', level: 2 }).waitFor();
    await page.getByText('Gælder').waitFor();
    await page
      .getByText(/af dig/)
      .first()
      .waitFor();
    await check();
    await page.getByRole('link', { name: /^Træk tilbage/ }).click();
    await page.getByText(/^Vil du trække samtykket tilbage\?/).waitFor();
    await check();
    // "Nej" keeps it.
    await page.getByRole('link', { name: 'Nej, behold samtykket' }).click();
    await page.getByText('Gælder').waitFor();
    await page.getByRole('link', { name: /^Træk tilbage/ }).click();
    await page.getByRole('button', { name: 'Ja, træk samtykket tilbage' }).click();
    await page.getByText('Samtykket er trukket tilbage. Vi henter ikke flere oplysninger med det.').waitFor();
    expect(await page.getByRole('link', { name: /^Træk tilbage/ }).count()).toBe(0);
    await page.getByRole('term').filter({ hasText: 'Trukket tilbage' }).waitFor();
    await check();
    const listed = await stack.http
      .get('/api/me/consents')
      .set(bearer(await tokenFor(stack.http, '0101901234')))
      .expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ valid: false, withdrawnBy: 'citizen' })]);

    // The same pages in English.
    await page.goto(`${base}/overblik/samtykker?lang=en`);
    await page.getByRole('heading', { name: 'Consents', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Apply for housing benefit', level: 2 }).waitFor();
    await page.getByText('the Danish Tax Agency (eIndkomst)').waitFor();
    await check();
    await page.goto(`${base}/overblik`);
    await page.getByRole('heading', { name: 'Consents', level: 2 }).waitFor();
    await check();
    await page.goto(`${base}/journeys/${journeyId}?lang=da`);
  }, 90_000);

  it('does offer the same choice in English, and "Udfyld selv" fills the income in with nothing fetched', async () => {
    await stack.signOut(page);
    const journeyId = await reportedMove('1512954321');
    await signInAs('Clara Hansen');
    await page.goto(`${base}/journeys/${journeyId}?lang=en`);
    await page.getByRole('button', { name: 'Give consent' }).waitFor();
    await page.getByRole('heading', { name: 'Fill it in yourself' }).waitFor();
    await page.getByText('To fill in the income in your application for housing benefit').first().waitFor();
    await check();
    await page.getByLabel('The household’s income in the last year (DKK)').fill('285000');
    await page.getByRole('button', { name: 'Save my income' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await page.getByRole('button', { name: 'Give consent' }).count()).toBe(0);
    await check();
    await page.goto(`${base}/overblik/samtykker`);
    await page.getByText('You have not given any consents.').waitFor();
    await check();
    expect(stack.sandbox!.calls().filter((c) => c.task === 'fetch-income')).toHaveLength(1);
  }, 60_000);

  it('does find no accessibility violations of any impact, no text of the other language and no sideways scrolling', () => {
    expect(found.violations).toEqual([]);
    expect(found.problems).toEqual([]);
  });
});
