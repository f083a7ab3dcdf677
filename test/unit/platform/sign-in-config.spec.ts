import { ConfigValidationError, loadConfig } from '../../../src/platform/config/app.config';

const providers = (list: unknown) => ({ SIGNIN_PROVIDERS: typeof list === 'string' ? list : JSON.stringify(list) });
const problem = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    return e as Error;
  }
  return undefined;
};

describe('sign-in configuration', () => {
  it('defaults to 30 minutes idle and 8 hours in all, and no providers beyond the development one', () => {
    expect(loadConfig({}).signIn).toEqual({ providers: [], idleSeconds: 1800, absoluteSeconds: 28_800, devProviderPort: undefined });
    expect(loadConfig({ SESSION_IDLE_MINUTES: '15', SESSION_ABSOLUTE_HOURS: '12' }).signIn).toMatchObject({
      idleSeconds: 900,
      absoluteSeconds: 43_200,
    });
  });

  it('gives a citizen provider NemLog-in’s claims and NSIS substantial or high, and takes its secret from its own variable', () => {
    const config = loadConfig({
      ...providers([{ id: 'mitid-test', role: 'citizen', issuer: 'https://broker.example', clientId: 'lf' }]),
      SIGNIN_MITID_TEST_CLIENT_SECRET: 's3cret',
    });
    expect(config.signIn.providers).toEqual([
      {
        id: 'mitid-test',
        role: 'citizen',
        issuer: 'https://broker.example',
        clientId: 'lf',
        clientSecret: 's3cret',
        scope: 'openid',
        acrValues: undefined,
        idTokenAlg: 'RS256',
        claims: {
          cpr: 'https://data.gov.dk/model/core/eid/cprNumber',
          name: 'https://data.gov.dk/model/core/eid/fullName',
          loa: 'https://data.gov.dk/concept/core/nsis/loa',
          authority: 'authority',
        },
        acceptedLoa: ['Substantial', 'High'],
        authority: undefined,
        authorities: undefined,
        label: { da: 'MitID', en: 'MitID' },
      },
    ]);
  });

  it('lets a caseworker provider be fixed to one authority, with claims of its own', () => {
    const [p] = loadConfig(
      providers([
        {
          id: 'kk',
          role: 'caseworker',
          issuer: 'https://login.kk.example',
          clientId: 'lf',
          authority: 'municipality',
          claims: { name: 'display_name' },
        },
      ]),
    ).signIn.providers;
    expect(p).toMatchObject({ authority: 'municipality', claims: { name: 'display_name' }, acceptedLoa: [] });
  });

  it.each([
    ['not JSON', '{', /SIGNIN_PROVIDERS must be a JSON array of providers/],
    ['an object', { id: 'x' }, /must be a JSON array/],
    ['a bad id', [{ id: 'Mit ID', role: 'citizen', issuer: 'https://a.example', clientId: 'c' }], /entry 0: "id" must be a lowercase id/],
    [
      'a role that is neither',
      [{ id: 'a', role: 'system', issuer: 'https://a.example', clientId: 'c' }],
      /"role" must be "citizen" or "caseworker"/,
    ],
    ['an http issuer', [{ id: 'a', role: 'citizen', issuer: 'http://idp.example', clientId: 'c' }], /"issuer" must be an https:\/\/ URL/],
    ['no client id', [{ id: 'a', role: 'citizen', issuer: 'https://a.example' }], /"clientId" is required/],
    [
      'an unknown authority',
      [{ id: 'a', role: 'caseworker', issuer: 'https://a.example', clientId: 'c', authority: 'nowhere' }],
      /"authority" names an unknown authority system/,
    ],
    [
      'a caseworker provider that pins no authority',
      [{ id: 'a', role: 'caseworker', issuer: 'https://a.example', clientId: 'c' }],
      /must name the "authority" it signs in for/,
    ],
    [
      'alg none',
      [{ id: 'a', role: 'citizen', issuer: 'https://a.example', clientId: 'c', idTokenAlg: 'none' }],
      /"idTokenAlg" must be an asymmetric algorithm/,
    ],
    [
      'a shared-secret alg',
      [{ id: 'a', role: 'citizen', issuer: 'https://a.example', clientId: 'c', idTokenAlg: 'HS256' }],
      /"idTokenAlg" must be an asymmetric algorithm/,
    ],
    [
      'an id twice',
      [
        { id: 'a', role: 'citizen', issuer: 'https://a.example', clientId: 'c' },
        { id: 'a', role: 'citizen', issuer: 'https://b.example', clientId: 'c' },
      ],
      /entry 1: "id" "a" is used twice/,
    ],
  ])('names SIGNIN_PROVIDERS and what is wrong with %s', (_what, value, message) => {
    const error = problem(providers(value));
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error!.message).toMatch(message);
  });

  it('sends people back to this machine on PORT when PUBLIC_BASE_URL is not set', () => {
    expect(loadConfig({ PORT: '4000' }).selfService.publicBaseUrl).toBe('http://localhost:4000');
  });

  it('allows an http issuer only on this machine (the development and test providers)', () => {
    expect(
      loadConfig(providers([{ id: 'local', role: 'citizen', issuer: 'http://127.0.0.1:4000', clientId: 'c' }])).signIn.providers,
    ).toHaveLength(1);
  });
});
