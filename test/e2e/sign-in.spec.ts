import { ProviderBrowser, startSignIn } from '../support/sign-in';
import { signInWorld } from '../support/sign-in-world';
import type { Misbehaviour } from '../support/rogue-issuer';

const TEXTS = {
  state: 'hørte ikke til et log-ind, du har startet her',
  token: 'kunne ikke godkendes, så vi har ikke logget dig ind',
  cancelled: 'Log-ind blev afbrudt',
  loa: 'ikke et højt nok sikringsniveau',
  cpr: 'oplyste ikke dit CPR-nummer',
  authority: 'Din organisation er ikke tilsluttet Livsforløb',
};

/**
 * Signing in to the pages with OpenID Connect in production mode, against real providers: what is
 * accepted, and every answer that is refused, each with its own page and no session afterwards.
 */
describe('sign-in through OpenID Connect', () => {
  let world: Awaited<ReturnType<typeof signInWorld>>;

  beforeAll(async () => {
    world = await signInWorld('sign_in');
  });
  afterAll(async () => {
    await world?.close();
  });

  /** The refusal page: its status, its text, no session cookie, and no access to the pages afterwards. */
  function expectRefused(outcome: Awaited<ReturnType<typeof world.finish>>, status: number, text: string) {
    expect([outcome.res.status, outcome.signedIn]).toEqual([status, false]);
    expect(outcome.res.text).toContain('Du blev ikke logget ind');
    expect(outcome.res.text).toContain(text);
    expect(String(outcome.res.headers['set-cookie'] ?? '')).not.toMatch(/lf_session=[^;]/);
  }

  it('does sign a citizen in with MitID at NSIS substantial or high, and a caseworker through their organisation', async () => {
    for (const account of ['anna', 'high']) {
      const a = world.agent();
      const outcome = await world.finish(a, await world.callbackFor(a, 'mitid', account));
      expect([outcome.res.status, outcome.res.headers.location, outcome.signedIn]).toEqual([303, '/journeys', true]);
    }
    const cw = world.agent();
    const outcome = await world.finish(cw, await world.callbackFor(cw, 'org', 'kk'));
    expect([outcome.res.status, outcome.res.headers.location, outcome.signedIn]).toEqual([303, '/caseworker', true]);
    expect((await cw.get('/caseworker')).text).toContain('Mette Larsen');
  });

  it('does send PKCE (S256), state and nonce to the provider', async () => {
    const url = new URL(await startSignIn(world.agent(), 'mitid'));
    expect(url.origin).toBe(world.local.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce']) expect(url.searchParams.get(p)).toMatch(/^[\w-]{32,}$/);
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:3000/login/callback');
  });

  it('does refuse an answer without a sign-in started in this browser, without state, or with another state', async () => {
    const a = world.agent();
    const stranger = await world.callbackFor(world.agent(), 'mitid', 'anna');
    expectRefused(await world.finish(a, stranger), 400, TEXTS.state);
    const noState = new URL(await world.callbackFor(a, 'mitid', 'anna'));
    noState.searchParams.delete('state');
    expectRefused(await world.finish(a, noState.href), 400, TEXTS.state);
    const otherState = new URL(await world.callbackFor(a, 'mitid', 'anna'));
    otherState.searchParams.set('state', 'x'.repeat(43));
    expectRefused(await world.finish(a, otherState.href), 400, TEXTS.state);
  });

  it('does refuse a code used before: the same answer again, and the code in a new sign-in', async () => {
    const a = world.agent();
    const first = await world.callbackFor(a, 'mitid', 'anna');
    expect((await world.finish(a, first)).signedIn).toBe(true);
    // The same answer again, from another browser (one that started no sign-in of its own) …
    expectRefused(await world.finish(world.agent(), first), 400, TEXTS.state);
    // … and from the first browser: refused, and the session it has stays its own.
    const again = await world.finish(a, first);
    expect(again.res.status).toBe(400);
    expect(String(again.res.headers['set-cookie'] ?? '')).not.toMatch(/lf_session=[^;]/);
    // A new sign-in in the same browser, answered with the spent code: the provider refuses it.
    const b = world.agent();
    const fresh = new URL(await world.callbackFor(b, 'mitid', 'anna'));
    fresh.searchParams.set('code', new URL(first).searchParams.get('code')!);
    expectRefused(await world.finish(b, fresh.href), 401, TEXTS.token);
  });

  it('does refuse an ID token with another nonce than the one this sign-in sent', async () => {
    const a = world.agent();
    const callback = await world.callbackFor(a, 'mitid', 'anna', new ProviderBrowser(), (url) =>
      url.searchParams.set('nonce', 'n'.repeat(43)),
    );
    expectRefused(await world.finish(a, callback), 401, TEXTS.token);
  });

  it('does refuse a cancelled sign-in', async () => {
    const a = world.agent();
    const url = new URL(await startSignIn(a, 'mitid'));
    const answer = new URL('http://localhost:3000/login/callback?error=access_denied');
    answer.searchParams.set('state', url.searchParams.get('state')!);
    answer.searchParams.set('iss', world.local.issuer);
    expectRefused(await world.finish(a, answer.href), 401, TEXTS.cancelled);
  });

  it('does accept the rogue issuer’s well-formed token, so its refusals below are for what they change', async () => {
    world.rogue.behave('valid');
    const a = world.agent();
    expect((await world.finish(a, await world.callbackFor(a, 'rogue', ''))).signedIn).toBe(true);
  });

  it.each<[Misbehaviour]>([['expired'], ['not-yet-valid'], ['issued-in-future'], ['wrong-audience'], ['alg-none'], ['wrong-key']])(
    'does refuse an ID token that is %s',
    async (how) => {
      world.rogue.behave(how);
      const a = world.agent();
      expectRefused(await world.finish(a, await world.callbackFor(a, 'rogue', '')), 401, TEXTS.token);
    },
  );

  it(
    'does refuse an assurance level below substantial, a citizen without a CPR number, and an authority the provider may not ' +
      'vouch for',
    async () => {
      const refusals = [
        ['mitid', 'low', 403, TEXTS.loa],
        ['mitid', 'no-cpr', 403, TEXTS.cpr],
        ['org', 'elsewhere', 403, TEXTS.authority],
        ['org', 'not-ours', 403, TEXTS.authority],
      ] as const;
      for (const [provider, account, status, text] of refusals) {
        const a = world.agent();
        expectRefused(await world.finish(a, await world.callbackFor(a, provider, account)), status, text);
      }
    },
  );

  it('does keep a signed-in person signed in when a link from elsewhere lands on the callback', async () => {
    const a = world.agent();
    const outcome = await world.finish(a, await world.callbackFor(a, 'mitid', 'anna'));
    expect(outcome.signedIn).toBe(true);
    // No sign-in of this browser's own is waiting: the refusal must not end its session.
    await a.get('/login/callback?code=forged&state=forged').expect(400);
    await a.get('/journeys').expect(200);
  });

  it('does explain a refusal in English to someone who chose English', async () => {
    const a = world.agent();
    await a.get('/login?lang=en').expect(200);
    const res = await a.get('/login/callback?code=x&state=y').expect(400);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('You were not signed in');
    expect(res.text).toContain('did not belong to a sign-in you started here');
  });
});
