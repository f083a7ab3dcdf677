import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { movingV1 } from '../../journeys/moving';
import { CASEWORKER_SIGN_IN, CITIZEN_SIGN_IN, DESKTOP, describeInBrowser, startBrowserStack, type BrowserStack } from './browser-stack';
import { PageAudit, type Reader } from './page-checks';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(new Date());
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The pages in a real browser (Debian's Chromium through playwright-core). People sign in through
 * the local OpenID Connect provider with real redirects, as they would through NemLog-in. A citizen starts and
 * completes the moving journey, a caseworker finds it and reads its timeline, and the citizen
 * then sees that read under "Hvem har set mine data". axe-core checks every page on the way.
 */
describeInBrowser('citizen and caseworker in the browser', () => {
  let stack: BrowserStack;
  let page: Page;
  let base: string;
  const found = new PageAudit(movingV1);

  /** axe-core in the page: a finding of any impact fails the suite. */
  const audit = () => found.axe(page);

  /** The page now shown: axe, its language, internal codes, and reflow at 320 px. */
  const inspect = (reader: Reader = 'citizen') => found.inspect(page, reader);

  /** The page now shown in Danish and English, at 1280 and 390 px; back in Danish at 1280 px. */
  async function inBothLanguages(reader: Reader = 'citizen'): Promise<void> {
    const url = new URL(page.url());
    for (const [lang, width] of [
      ['da', 1280],
      ['en', 1280],
      ['en', 390],
      ['da', 390],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      url.searchParams.set('lang', lang);
      await whileLive(async () => {
        await page.goto(url.toString());
        await inspect(reader);
      });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    url.searchParams.delete('lang');
    await whileLive(async () => void (await page.goto(`${url.toString()}${url.search ? '&' : '?'}lang=da`)));
  }

  /**
   * A journey page reloads itself when the worker moves the journey on (its live script), which can cut
   * into a navigation or an inspection: then the page is looked at again, as it is after the reload.
   */
  async function whileLive(look: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await look();
      } catch (e) {
        const cut = /interrupted by another navigation|Execution context was destroyed|navigation|ERR_ABORTED/i.test(String(e));
        if (!cut || attempt === 5) throw e;
        // The page reloads itself while the workers move the journey on: let that reload finish first.
        await page.waitForLoadState('load').catch(() => undefined);
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }

  async function visit(path: string): Promise<void> {
    await page.goto(`${base}${path}`);
    await audit();
  }

  /** Through the provider: the service's button, the provider's page, and back with a session. */
  async function signInAs(name: string, service: string): Promise<void> {
    await visit('/login');
    await stack.toProvider(page, service);
    expect(new URL(page.url()).origin).not.toBe(base);
    await stack.backAs(page, name);
  }

  /** The start form of a move on `movingDate` to Søndergade 14 in Aarhus, found by search, "Nej" to every question. */
  async function fillInMoveToAarhus(movingDate: string): Promise<void> {
    await page.getByLabel('Flyttedato').fill(movingDate);
    await page.getByLabel('Søg efter adressen').fill('Søndergade 14, Aarhus');
    await page.getByRole('button', { name: 'Søg adresse' }).click();
    await page.getByLabel('Søndergade 14, 8000 Aarhus C').check();
    for (const question of [
      'Bor der allerede andre',
      'Lejer du',
      'Flytter der børn',
      'Flytter et barn fra',
      'Vil du søge om adressebeskyttelse',
    ])
      await page
        .getByRole('group', { name: new RegExp(question) })
        .getByLabel('Nej')
        .check();
  }

  /** Signing out here and at the provider ends on the sign-in page. */
  const signOut = () => stack.signOut(page);

  beforeAll(async () => {
    stack = await startBrowserStack({ name: 'browser', seed: 11, definitions: [movingV1], role: 'all' });
    base = stack.base;
    page = await stack.newPage({ viewport: DESKTOP });
  }, 60_000);
  afterAll(() => stack?.close());

  it('does let a citizen start the moving journey and work through its task list', async () => {
    await signInAs('Anna Jensen', CITIZEN_SIGN_IN);
    expect(page.url()).toBe(`${base}/journeys`);
    // No journeys yet: the page offers starting one.
    await page.getByRole('main').getByRole('link', { name: 'Start et forløb' }).waitFor();
    await inBothLanguages();
    await visit('/journeys/new');
    await inBothLanguages();
    await page.getByRole('link', { name: 'Flytte' }).click();
    await inBothLanguages();
    // Submitting the empty form shows the errors, linked to their fields.
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Der er fejl i formularen').waitFor();
    await inspect();
    expect(await page.locator('[role=alert] li').allTextContents()).toContain('Søg efter adressen, og vælg den på listen');
    // The summary says what to do, in the order of the fields; it has the focus and the title says "Fejl".
    expect(await page.title()).toMatch(/^Fejl: Flytte/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    const summary = await page.locator('[role=alert] li').allTextContents();
    expect(summary[0]).toBe('Indtast flyttedato');
    expect(summary.indexOf('Svar på spørgsmålet: Lejer du den nye bolig?')).toBeLessThan(
      summary.indexOf('Svar på spørgsmålet: Flytter der børn under 18 år med?'),
    );

    // A move years ago is refused with the journey's instruction, the other answers kept.
    await page.getByLabel('Flyttedato').fill('2020-01-01');
    await page
      .getByRole('group', { name: /Lejer du/ })
      .getByLabel('Ja')
      .check();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.locator('[role=alert] li', { hasText: 'Indtast en flyttedato, der højst ligger 30 dage tilbage' }).waitFor();
    expect(
      await page
        .getByRole('group', { name: /Lejer du/ })
        .getByLabel('Ja')
        .isChecked(),
    ).toBe(true);
    await inspect();

    await page.getByLabel('Flyttedato').fill(inDays(3));
    // The address as people know it, found in the register; its id and municipality code are never typed.
    expect(await page.getByLabel(/Kommunekode|DAR/).count()).toBe(0);
    await page.getByLabel('Søg efter adressen').fill('vesterbrogade 12 1620');
    await page.getByRole('button', { name: 'Søg adresse' }).click();
    await page.getByLabel('Vesterbrogade 12, 3. tv, 1620 København V').check();
    await inspect();
    expect(await page.getByLabel('Flyttedato').inputValue()).toBe(inDays(3));
    for (const question of ['Bor der allerede andre', 'Flytter der børn', 'Flytter et barn fra', 'Vil du søge om adressebeskyttelse']) {
      await page
        .getByRole('group', { name: new RegExp(question) })
        .getByLabel('Nej')
        .check();
    }
    await page
      .getByRole('group', { name: /Lejer du/ })
      .getByLabel('Ja')
      .check();
    await Promise.all([page.waitForURL(/\/journeys\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Start' }).click()]);
    await page.getByRole('heading', { name: 'Det skal du gøre nu' }).waitFor();
    await inBothLanguages();
    const journeyUrl = `${base}${new URL(page.url()).pathname}`;

    // Starting a second move says one runs, offers it, and keeps the answers in the form.
    await visit('/journeys/new/moving');
    await page.getByText('Du har allerede et forløb i gang: Flytte').waitFor();
    await fillInMoveToAarhus(inDays(10));
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Svarene herunder er ikke gemt.').waitFor();
    expect(await page.getByLabel('Flyttedato').inputValue()).toBe(inDays(10));
    await inspect();
    await Promise.all([page.waitForURL(journeyUrl), page.getByRole('link', { name: 'Gå til det forløb, du har i gang' }).click()]);

    // One primary task, its deadline in the heading; the link to do it comes before the form that says it is done.
    const primary = page.locator('section.task-primary');
    expect(await primary.count()).toBe(1);
    expect(await primary.getByRole('heading').textContent()).toMatch(
      /^Anmeld flytningen på borger\.dk – senest \d{1,2}\. [a-zæøå]+ \d{4}$/,
    );
    const order = await primary.evaluate((s) => [...s.querySelectorAll('a, form')].map((e) => e.tagName));
    expect(order.indexOf('A')).toBeLessThan(order.indexOf('FORM'));
    // The other open tasks follow in order; steps that do not apply are folded away with a reason.
    expect(await page.locator('h2:has-text("Dine andre opgaver") + ol h3').allTextContents()).toEqual([
      'Vælg, om du vil beholde din læge',
      'Tjek din forskudsopgørelse i TastSelv',
    ]);
    expect(await page.locator('h2:has-text("Senere i forløbet") + ul').textContent()).toMatch(/Søg boligstøtte – senest \d/);
    const notRelevant = page.locator('details', { has: page.getByText('Ikke relevant for dig (4)') });
    expect(await notRelevant.getAttribute('open')).toBeNull();
    expect(await notRelevant.textContent()).toContain('Adressebeskyttelse: Du har svaret, at du ikke vil søge om adressebeskyttelse.');
    // The reminders planned for the deadlines, with their dates, here and under "Beskeder".
    expect(await page.locator('h2:has-text("Påmindelser") + ul').textContent()).toMatch(
      /Vi minder dig om "Anmeld flytning til folkeregistret" den \d{1,2}\. [a-zæøå]+ \d{4}/,
    );
    await visit('/me/notifications');
    expect(await page.locator('h2:has-text("Planlagte påmindelser") + ul').textContent()).toMatch(/påmindelse om "Søg boligstøtte"/);
    // The day the first reminder is due, the timer worker sends it: the journey page says so, and "Beskeder" lists it.
    await stack.app.get(DataSource).query(
      `UPDATE journey_timer SET due_at = now() WHERE journey_id = $1 AND key = (SELECT key FROM journey_timer
        WHERE journey_id = $1 AND purpose = 'reminder' AND status = 'scheduled' ORDER BY due_at LIMIT 1)`,
      [new URL(journeyUrl).pathname.split('/').pop()],
    );
    const sent = page.locator('h2:has-text("Påmindelser") + ul li', { hasText: 'Vi sendte dig en påmindelse om' });
    for (let i = 0; i < 40 && !(await sent.count()); i++) {
      await new Promise((r) => setTimeout(r, 250));
      await whileLive(async () => void (await page.goto(journeyUrl)));
    }
    expect(await sent.textContent()).toMatch(
      /^Vi sendte dig en påmindelse om "Anmeld flytning til folkeregistret" den \d{1,2}\. [a-zæøå]+ \d{4} \(Beskeder\)$/,
    );
    await whileLive(async () => void (await page.goto(`${journeyUrl}?lang=en`)));
    expect(await page.locator('h2:has-text("Reminders") + ul li', { hasText: 'We sent you a reminder about' }).count()).toBe(1);
    await inBothLanguages();
    await visit('/me/notifications');
    await page.locator('h2:has-text("Sendte beskeder") + ul').getByRole('heading', { name: 'Påmindelse: en frist nærmer sig' }).waitFor();
    await inBothLanguages();
    await page.goto(journeyUrl);

    await primary.getByLabel('Dato for anmeldelsen').fill(today());
    await primary.getByRole('button', { name: 'Jeg har anmeldt flytningen' }).click();
    await page.getByText('Gemt.').waitFor();
    // The address the citizen lands on (and may share) names no event either.
    expect(page.url()).not.toContain('move.reported');
    // The task due first now leads (housing benefit opens once the move is reported), and the first is done, by the citizen.
    expect(await primary.getByRole('heading').textContent()).toMatch(/^Søg boligstøtte på borger\.dk – senest /);
    expect(await page.locator('h2:has-text("Færdige trin") + ul').textContent()).toMatch(
      /Anmeld flytning til folkeregistret – .* · Udført af: Dig/,
    );
    await inBothLanguages();

    // A task that is not the primary one is done from its folded "Sådan gør du".
    const tax = page.locator('section', { has: page.getByRole('heading', { name: 'Tjek din forskudsopgørelse i TastSelv' }) });
    await tax.getByText('Sådan gør du').click();
    await tax.getByLabel('Nej').check();
    await tax.getByRole('button', { name: 'Jeg har tjekket forskudsopgørelsen' }).click();
    await page.getByText('Gemt.').waitFor();
    // Nothing to change: the step is folded away with the reason the citizen gave.
    expect(await page.locator('details', { has: page.getByText('Ikke relevant for dig (5)') }).textContent()).toContain(
      'Ret din forskudsopgørelse: Du har tjekket forskudsopgørelsen, og der var ikke noget at rette.',
    );
    const gp = page.locator('section', { has: page.getByRole('heading', { name: 'Vælg, om du vil beholde din læge' }) });
    await gp.getByText('Sådan gør du').click();
    await gp.getByLabel('Behold min nuværende læge').check();
    await gp.getByRole('button', { name: 'Jeg har valgt læge' }).click();
    await page.getByText('Gemt.').waitFor();
    expect(await primary.getByRole('heading').textContent()).toMatch(/^Søg boligstøtte på borger\.dk – senest /);
    await inBothLanguages();
    await primary.getByRole('button', { name: 'Jeg søger ikke boligstøtte' }).click();
    await page.getByText('Gemt.').waitFor();

    for (let i = 0; i < 40 && !(await page.locator('main .badge').first().textContent())?.includes('Afsluttet'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      await page.reload();
    }
    expect(await page.locator('main .badge').first().textContent()).toBe('Afsluttet');
    await inBothLanguages();
    await page.getByRole('link', { name: 'Forløbets trin og hvem der gør hvad' }).click();
    await page.getByRole('heading', { name: 'Anmeld flytning til folkeregistret' }).waitFor();
    await inBothLanguages();
    // An error page keeps the menu and "Log ud", in the page's language, and says what to do.
    await page.goto(`${base}/journeys/00000000-0000-4000-8000-000000000000`);
    expect(await page.title()).toMatch(/^Fejl: Siden findes ikke/);
    await page.getByRole('button', { name: 'Log ud' }).waitFor();
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mine forløb' }).waitFor();
    await page.getByText('Tjek adressen').waitFor();
    await inBothLanguages();
    for (const path of ['/journeys', '/me/notifications', '/me/proxies', '/me/access-log']) {
      await visit(path);
      await inBothLanguages();
    }
  }, 180_000);

  it('does let a caseworker find the journey and see its timeline', async () => {
    await signOut();
    await signInAs('Jonas Berg', CASEWORKER_SIGN_IN);
    expect(page.url()).toBe(`${base}/caseworker`);
    await audit();
    await page.getByLabel('Type').selectOption('moving');
    await page.getByRole('button', { name: 'Søg forløb' }).click();
    await inBothLanguages('caseworker');
    // The language switch keeps the search.
    await page.getByRole('link', { name: 'Switch to English' }).click();
    expect(new URL(page.url()).searchParams.get('type')).toBe('moving');
    expect(await page.getByLabel('Type').inputValue()).toBe('moving');
    // A search that finds nothing says why and what to change, with the filters still set, in both languages.
    await page.goto(`${base}/caseworker?type=moving&status=dismissed&overdue=true&lang=da`);
    await page.getByText('Ingen forløb matcher. Du ser kun forløb, hvor din myndighed har et trin').waitFor();
    await inBothLanguages('caseworker');
    await page.getByRole('link', { name: 'Switch to English' }).click();
    await page.getByText('No journeys match. You see only journeys in which your authority has a step').waitFor();
    expect(await page.getByLabel('Status').inputValue()).toBe('dismissed');
    expect(await page.getByLabel('Only overdue').isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Skift til dansk' }).click();
    expect(await page.getByLabel('Type').inputValue()).toBe('moving');
    expect(await page.getByLabel('Kun overskredne frister').isChecked()).toBe(true);
    await page.goto(`${base}/caseworker?type=moving&lang=da`);
    await page.getByRole('link', { name: 'Flytte' }).first().click();
    await page.getByRole('heading', { name: 'Tidslinje' }).waitFor();
    // Events and states in words, not codes.
    expect(await page.getByRole('cell', { name: /^Svar fra myndigheden: / }).count()).toBeGreaterThan(0);
    expect(await page.locator('main').innerText()).not.toMatch(/integration\.completed|inProgress/);
    await inBothLanguages('caseworker');
    // An empty note is refused with an instruction in a summary that has the focus.
    await page.getByRole('button', { name: 'Tilføj note' }).click();
    await page.getByRole('link', { name: 'Skriv en note på højst 2000 tegn' }).waitFor();
    expect(await page.title()).toMatch(/^Fejl: Flytte/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await inspect('caseworker');
  }, 60_000);

  it('does show the caseworker’s read under "Hvem har set mine data"', async () => {
    await signOut();
    await signInAs('Anna Jensen', CITIZEN_SIGN_IN);
    await visit('/me/access-log');
    const row = page.getByRole('row', { name: /Jonas Berg/ });
    expect(await row.count()).toBeGreaterThan(0);
    expect(await row.first().textContent()).toContain('CPR');
    // What they did, in words: "Så forløbet", not the log's code "view".
    expect((await row.allTextContents()).join(' ')).toContain('Så forløbet');
    await visit('/me/access-log?lang=en');
    expect((await page.getByRole('row', { name: /Jonas Berg/ }).allTextContents()).join(' ')).toContain('Saw the journey');
    await inBothLanguages();
  }, 60_000);

  it('does start a move past its reporting deadline with a warning, not a refusal', async () => {
    await signOut();
    await signInAs('Bo Nielsen', CITIZEN_SIGN_IN);
    await visit('/journeys/new/moving');
    await fillInMoveToAarhus(inDays(-10));
    await Promise.all([page.waitForURL(/\/journeys\/[0-9a-f-]{36}\?/), page.getByRole('button', { name: 'Start' }).click()]);
    await page.getByText('Fristen for at anmelde flytningen (5 dage efter flyttedagen) er overskredet.').waitFor();
    await page.getByRole('heading', { name: 'Det skal du gøre nu' }).waitFor();
    await whileLive(async () => void (await page.goto(`${page.url()}&lang=en`)));
    await page.getByText('The deadline for reporting the move (5 days after moving) has passed.').waitFor();
    await inBothLanguages();
  }, 60_000);

  it('does find no accessibility violations, text in the wrong language, internal codes or sideways scrolling on any page', async () => {
    expect(found.problems).toEqual([]);
    expect(found.violations.splice(0)).toEqual([]);
    // A canary: the same check on a page with a known fault must report it, or the audit proves nothing.
    await page.setContent('<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="/x.png"><input></main></body></html>');
    await audit();
    expect(found.violations.map((v) => v.id).sort()).toEqual(['html-has-lang', 'image-alt', 'label']);
  });
});
