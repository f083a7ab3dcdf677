import { ConfigValidationError, loadConfig } from '../../../src/platform/config/app.config';

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('self-service configuration', () => {
  it('defaults: links to http://localhost:3000, no self-service links, local webhook targets only in dev', () => {
    expect(loadConfig({}).selfService).toMatchObject({
      publicBaseUrl: 'http://localhost:3000',
      links: {},
      clientTokenTtlSeconds: 600,
      webhookAttempts: 12,
      allowLocalHttpTargets: true,
    });
    const oidc = loadConfig({
      DATABASE_URL: 'postgres://db/x',
      OIDC_ISSUER: 'https://idp',
      OIDC_AUDIENCE: 'lf',
      OIDC_JWKS_URL: 'https://idp/jwks',
      SECRETS_KEY: `k:${Buffer.alloc(32).toString('base64')}`,
    });
    expect(oidc.selfService.allowLocalHttpTargets).toBe(false);
  });

  it('reads SELF_SERVICE_LINKS as authority system → URL and strips a trailing slash from PUBLIC_BASE_URL', () => {
    const config = loadConfig({
      SELF_SERVICE_LINKS: '{"municipality":"https://kk.example.dk/flyt"}',
      PUBLIC_BASE_URL: 'https://lf.example.dk/',
    });
    expect(config.selfService.links).toEqual({ municipality: 'https://kk.example.dk/flyt' });
    expect(config.selfService.publicBaseUrl).toBe('https://lf.example.dk');
  });

  it.each([
    ['{not json', /^Invalid configuration: SELF_SERVICE_LINKS must be a JSON object/],
    ['["https://x"]', /SELF_SERVICE_LINKS must be a JSON object/],
    ['{"kommunen":"https://x.dk"}', /SELF_SERVICE_LINKS names an unknown authority system "kommunen"/],
    ['{"municipality":"ftp://x.dk"}', /SELF_SERVICE_LINKS has no valid http\(s\) URL for "municipality"/],
  ])('names SELF_SERVICE_LINKS when it is %s', (value, message) => {
    expect(problem({ SELF_SERVICE_LINKS: value })).toMatch(message);
  });

  it('never echoes a secret that is too short', () => {
    const message = problem({ CLIENT_TOKEN_SECRET: 'short-secret-value' });
    expect(message).toMatch(/CLIENT_TOKEN_SECRET must be at least 32 characters/);
    expect(message).not.toContain('short-secret-value');
  });
});
