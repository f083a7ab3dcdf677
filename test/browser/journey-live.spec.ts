import { TokenService } from '../../src/api/auth/token.service';
import { PageSessions } from '../../src/api/sign-in/page-sessions';
import { CitizenRepository } from '../../src/engine/persistence/citizen.repository';
import { errandV1 } from '../support/fixtures/errand.journey';
import { AcceptingGateway } from '../support/self-service';
import { describeInBrowser, startBrowserStack, type BrowserStack } from './browser-stack';

/**
 * The journey page keeps itself up to date in a real browser, under the pages' own CSP: it follows
 * the journey's event stream, so a step a worker process finishes shows without a reload, and a
 * citizen who is filling in a form is told instead of having the page reloaded under them.
 */
describeInBrowser('the journey page, live', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    // The API alone: the worker starts when the test wants the journey to move.
    stack = await startBrowserStack({ name: 'journey_live', gateway: new AcceptingGateway(), definitions: [errandV1], role: 'api' });
  }, 60_000);
  afterAll(() => stack?.close());

  it('shows the step a worker finished without a reload, and tells a citizen who is typing instead of reloading', async () => {
    const { app: api, http, base } = stack;
    const token = (await http.post('/api/dev/token').send({ role: 'citizen', subject: '0101901234' }).expect(201)).body.token as string;
    const { body: journey } = await http.post('/api/journeys').set('Authorization', `Bearer ${token}`).send({ type: 'moving' }).expect(201);
    const principal = await api.get(TokenService).verify(token);
    const citizen = await api.get(CitizenRepository).identify(principal.subject);
    const session = await api.get(PageSessions).create({ ...principal, provider: 'test', citizen, citizenId: citizen.id });
    const page = await stack.newPage({ underCsp: true });
    await page.context().addCookies([{ name: 'lf_session', value: session, url: base }]);
    await page.goto(`${base}/journeys/${journey.id}`);
    const finished = page.getByRole('heading', { name: 'Færdige trin' });
    expect(await finished.count()).toBe(0);

    // A worker process runs the authority call; the page the citizen is looking at shows the next step.
    await stack.startApp('worker');
    await finished.waitFor({ timeout: 20_000 });

    // The citizen starts answering; a change now does not take their answer away.
    const answer = page.locator('form:has(input[name=answer])');
    await answer.getByRole('radio').first().check();
    await http
      .post(`/api/journeys/${journey.id}/events`)
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'note', data: { n: 1 } })
      .expect(200);
    await page.getByRole('status').getByText('Forløbet er blevet opdateret.').waitFor({ timeout: 20_000 });
    expect(await answer.getByRole('radio').first().isChecked()).toBe(true);
    await page.context().close();
  }, 90_000);
});
