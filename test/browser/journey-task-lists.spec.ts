import type { Page } from 'playwright-core';
import { allDefinitions } from '../../journeys';
import { addDays } from '../../journeys/shared/calendar';
import type { JourneyDefinition } from '../../journeys/shared/contract';
import { bearer, tokenFor } from '../support/experience';
import { selfServiceHelpers } from '../support/self-service';
import { describeInBrowser, PHONE, startBrowserStack, type BrowserStack } from './browser-stack';
import { describeFindings, inspectPage } from './page-checks';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(new Date());
const inDays = (n: number) => addDays(today(), n);
const ANNA = '0101901234';
const LANGS = ['da', 'en'] as const;

const latest = (type: string): JourneyDefinition =>
  allDefinitions()
    .filter((d) => d.id === type)
    .sort((a, b) => b.version - a.version)[0];

/** A deadline in the task's heading: "– senest 3. juni 2027" / "– by 3 June 2027". */
const DEADLINE = { da: / – senest \d{1,2}\. [a-zæøå]+ \d{4}$/, en: / – by \d{1,2} [A-Z][a-z]+ \d{4}$/ };
/** A planned reminder with its date: 'Vi minder dig om "Søg folkepension" den 3. juni 2027'. */
const REMINDER = {
  da: /Vi minder dig om "[^"]+" den \d{1,2}\. [a-zæøå]+ \d{4}/,
  en: /We will remind you about "[^"]+" on \d{1,2} [A-Z][a-z]+ \d{4}/,
};

/**
 * The task lists of the journeys other than moving, in a real browser (Debian's Chromium through
 * playwright-core) at a phone's width: journeys the citizen starts and journeys a register starts
 * (a birth, a death, the pension age). Each page, in Danish and in English, leads with one task
 * worded as something to do, speaks only its own language, shows no codes, passes axe-core's
 * WCAG 2.1 A/AA rules and does not scroll sideways at 320 px.
 */
describeInBrowser('the task lists of other journeys in the browser', () => {
  let stack: BrowserStack;
  let page: Page;
  let base: string;
  const journeys = new Map<string, string>();

  /** What is wrong with the page now shown: axe findings, language, codes and sideways scrolling. */
  const inspect = async (def: JourneyDefinition) => describeFindings(await inspectPage(page, def));

  async function open(path: string, lang: 'da' | 'en'): Promise<void> {
    await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
  }

  beforeAll(async () => {
    stack = await startBrowserStack({ name: 'browser_journeys', seed: 17, definitions: allDefinitions(), role: 'api' });
    base = stack.base;
    page = await stack.newPage({ viewport: PHONE });
    await stack.signInAs(page, 'Anna Jensen');
  }, 60_000);
  afterAll(() => stack?.close());

  it('offers a way to start a journey while "Mine forløb" is empty, in Danish and English', async () => {
    for (const [lang, name] of [
      ['da', 'Start et forløb'],
      ['en', 'Start a journey'],
    ] as const) {
      await open('/journeys', lang);
      const start = page.getByRole('main').getByRole('link', { name });
      expect(await start.getAttribute('href')).toBe('/journeys/new');
      expect(await inspect(latest('moving'))).toEqual([]);
    }
    await page.getByRole('main').getByRole('link', { name: 'Start a journey' }).click();
    // A journey only a register starts says when it starts, in the page's language.
    await page.getByText('Starts by itself when').first().waitFor();
  });

  it('starts journeys as the citizen and as the register feed does', async () => {
    const { app, http } = stack;
    const anna = await tokenFor(http, ANNA);
    const startByHand = async (type: string, answers: Record<string, unknown>) => {
      const res = await http.post('/api/journeys').set(bearer(anna)).send({ type, answers }).expect(201);
      journeys.set(type, res.body.id);
    };
    await startByHand('new-job', {
      firstWorkingDay: inDays(20),
      employerCvr: '12345678',
      unemployment: 'dagpenge',
      earnedHolidayPay: true,
      receivesHousingBenefit: true,
      receivesSu: false,
      newcomer: { newToDenmark: false },
    });
    await startByHand('losing-a-job', {
      firstDayUnemployed: inDays(3),
      aKasseMember: true,
      resigned: false,
      hasQualifyingEducation: true,
      residentNineOfLastTenYears: true,
    });
    await startByHand('divorce', { separationDate: inDays(10), movingOut: true, receivesHousingBenefit: true });

    const helpers = selfServiceHelpers(app);
    const feed = await helpers.clientToken(await helpers.createClient('cpr'));
    const registered = async (type: string, occurredOn: string, facts: Record<string, unknown>) => {
      const res = await http
        .post('/api/register-events')
        .set(bearer(feed))
        .send({ id: `browser-${type}`, type, occurredOn, persons: [{ cpr: ANNA, facts }] })
        .expect(200);
      expect(res.body.outcomes).toEqual([expect.objectContaining({ result: 'started' })]);
      journeys.set(res.body.journeyType, res.body.outcomes[0].journeyId);
    };
    await registered('birth', inDays(-3), { married: false, parentRole: 'mother', employed: true, crossBorderEu: false });
    await registered('death', inDays(-1), { relation: 'spouse', bothReceivedPublicPension: false, deceasedHadHealthCover: true });
    // The register's birth date for this person: the pension age (67) is five months away, so the application is open.
    const pensionDay = inDays(150);
    await registered('pension-age-approaching', pensionDay, {
      birthDate: `${Number(pensionDay.slice(0, 4)) - 67}${pensionDay.slice(4)}`,
      disabilityPensioner: false,
      stillWorking: true,
      livesAbroad: false,
      receivesHousingBenefit: true,
    });
    expect([...journeys.keys()].sort()).toEqual([
      'becoming-a-parent',
      'divorce',
      'losing-a-job',
      'losing-a-relative',
      'new-job',
      'retiring',
    ]);
  });

  // The task each page leads with (the one due first) and the button that tells us it is done.
  it.each([
    ['becoming-a-parent', 'Underskriv omsorgs- og ansvarserklæringen på borger.dk', 'Vi har begge underskrevet erklæringen'],
    ['new-job', 'Vælg hovedkort eller bikort til dit nye job i TastSelv', 'Jeg har valgt skattekort'],
    ['losing-a-job', 'Tilmeld dig som ledig på Jobnet', 'Jeg har tilmeldt mig som ledig'],
    ['retiring', 'Søg folkepension på borger.dk', 'Jeg har søgt folkepension'],
    ['divorce', 'Ret din forskudsopgørelse og eventuel boligstøtte', 'Jeg har rettet forskudsopgørelsen'],
    ['losing-a-relative', 'Anmeld dødsfaldet, og anmod om begravelse eller ligbrænding', 'Dødsfaldet er anmeldt'],
  ])(
    'shows %s as a task list led by one task to do, with its reminders, in Danish and English',
    async (type, leadingTask, doneButton) => {
      const def = latest(type);
      const problems: string[] = [];
      for (const lang of LANGS) {
        await open(`/journeys/${journeys.get(type)}`, lang);
        await page.getByRole('heading', { level: 1, name: def.title[lang] }).waitFor();
        // One primary task, worded as the step's task (an imperative), its deadline, if any, after it.
        const primary = page.locator('section.task-primary');
        expect(await primary.count()).toBe(1);
        const heading = (await primary.getByRole('heading').first().textContent())!.trim();
        const task = def.steps.map((s) => s.task?.[lang]).find((t) => t && (heading === t || heading.startsWith(`${t} – `)));
        expect({ heading, task }).toEqual({ heading, task: expect.any(String) });
        if (heading !== task) expect(heading).toMatch(DEADLINE[lang]);
        // Its buttons say what the citizen tells us, in their words.
        const confirms = Object.values(def.events).flatMap((e) => (e.confirm ? [e.confirm[lang]] : []));
        const buttons = (await primary.locator('button[type=submit]').allTextContents()).map((b) => b.trim());
        for (const button of buttons) expect(confirms).toContain(button);
        if (lang === 'da') {
          expect(task).toBe(leadingTask);
          expect(buttons).toContain(doneButton);
        }
        // The reminders planned for the deadlines, each with its date.
        expect(await page.locator(`h2:has-text("${lang === 'da' ? 'Påmindelser' : 'Reminders'}") + ul`).textContent()).toMatch(
          REMINDER[lang],
        );
        problems.push(...(await inspect(def)));
      }
      expect(problems).toEqual([]);
    },
    60_000,
  );

  it('answers a journey that does not exist with an error page in the page’s language, inside the signed-in frame', async () => {
    const words = {
      da: { title: /^Fejl: Siden findes ikke/, logout: 'Log ud', nav: 'Hovedmenu', mine: 'Mine forløb', advice: 'Tjek adressen' },
      en: { title: /^Error: Page not found/, logout: 'Sign out', nav: 'Main menu', mine: 'My journeys', advice: 'Check the address' },
    };
    for (const lang of LANGS) {
      await open('/journeys/00000000-0000-4000-8000-000000000000', lang);
      const w = words[lang];
      expect(await page.title()).toMatch(w.title);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await page.getByRole('button', { name: w.logout }).waitFor();
      await page.getByRole('navigation', { name: w.nav }).getByRole('link', { name: w.mine }).waitFor();
      await page.getByText(w.advice).waitFor();
      expect(await inspect(latest('moving'))).toEqual([]);
    }
  });
});
