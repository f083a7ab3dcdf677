import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { pathOf, ProviderBrowser, startSignIn } from '../support/sign-in';
import { signInWorld } from '../support/sign-in-world';

const sessionCookie = (res: { headers: Record<string, unknown> }) => {
  const set = res.headers['set-cookie'];
  return /lf_session=([^;]+)/.exec(Array.isArray(set) ? set.join(',') : typeof set === 'string' ? set : '')?.[1];
};

/** Sessions of the pages: server-side, a new id at every sign-in, idle and absolute expiry, sign-out here and at the provider. */
describe('page sessions', () => {
  let world: Awaited<ReturnType<typeof signInWorld>>;
  let sql: DataSource;

  beforeAll(async () => {
    world = await signInWorld('page_sessions');
    sql = world.app.get(DataSource);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function signIn(browser = new ProviderBrowser(), agent = world.agent()) {
    const res = await agent.get(pathOf(await world.callbackFor(agent, 'mitid', 'anna', browser))).expect(303);
    return { agent, browser, id: sessionCookie(res)! };
  }
  const pages = (id: string) => request(world.app.getHttpServer()).get('/journeys').set('Cookie', `lf_session=${id}`);

  it('does keep only a hash of the session id, and the id is worth nothing against the API', async () => {
    const { id } = await signIn();
    const rows = await sql.query(`SELECT id_hash, citizen_id, subject FROM page_session`);
    expect(rows.map((r: { id_hash: string }) => r.id_hash)).toContain(createHash('sha256').update(id).digest('base64url'));
    expect(JSON.stringify(rows)).not.toContain(id);
    expect(JSON.stringify(rows)).not.toContain('0101901234');
    await request(world.app.getHttpServer()).get('/api/journeys').set('Authorization', `Bearer ${id}`).expect(401);
    await pages(id).expect(200);
  });

  it('does give a new session id at every sign-in and end the one before', async () => {
    const first = await signIn();
    const second = await signIn(first.browser, first.agent);
    expect(second.id).not.toBe(first.id);
    await pages(first.id).expect(303).expect('location', '/login');
    await pages(second.id).expect(200);
  });

  it('does end a session after 30 minutes without a request, and keep it before', async () => {
    const { id } = await signIn();
    const hash = createHash('sha256').update(id).digest('base64url');
    await sql.query(`UPDATE page_session SET last_seen_at = now() - interval '29 minutes' WHERE id_hash = $1`, [hash]);
    await pages(id).expect(200);
    await sql.query(`UPDATE page_session SET last_seen_at = now() - interval '31 minutes' WHERE id_hash = $1`, [hash]);
    await pages(id).expect(303).expect('location', '/login');
    expect(await sql.query(`SELECT 1 FROM page_session WHERE id_hash = $1`, [hash])).toEqual([]);
  });

  it('does end a session 8 hours after sign-in however busy it is', async () => {
    const { id } = await signIn();
    const hash = createHash('sha256').update(id).digest('base64url');
    await sql.query(`UPDATE page_session SET created_at = now() - interval '7 hours 59 minutes' WHERE id_hash = $1`, [hash]);
    await pages(id).expect(200);
    await sql.query(`UPDATE page_session SET created_at = now() - interval '8 hours 1 minute' WHERE id_hash = $1`, [hash]);
    await pages(id).expect(303).expect('location', '/login');
  });

  it('does sign out here and at the provider (RP-initiated logout), so the next sign-in asks again', async () => {
    const { agent, browser, id } = await signIn();
    // While the provider's session lives, a new sign-in comes straight back without asking.
    const again = await signIn(browser, agent);
    const page = await agent.get('/journeys').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const out = await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    await pages(again.id).expect(303);
    await pages(id).expect(303);
    const logout = new URL(out.headers.location);
    expect(logout.origin).toBe(world.local.issuer);
    expect(logout.searchParams.get('client_id')).toBe('citizens');
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe('http://localhost:3000/login');
    // The provider's confirmation form, submitted as a browser without scripts would.
    const confirm = await browser.visit(logout.href, 'http://localhost:3000/');
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm.text)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)![1];
    const back = await browser.visit(new URL(action, confirm.url).href, 'http://localhost:3000/', {
      method: 'POST',
      form: { xsrf, logout: 'yes' },
    });
    expect(back.url).toBe('http://localhost:3000/login');
    const start = await startSignIn(world.agent(), 'mitid');
    const asked = await browser.visit(start, 'http://localhost:3000/');
    expect(asked.text).toContain('Log ind som Anna');
  });
});
