import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TokenService } from '../../../src/api/auth/token.service';
import { loadConfig } from '../../../src/platform/config/app.config';

const SECRET = 'token-service-spec-secret-0123456789abcdef';
/** `<key id>:<base64 of 32 bytes>`: required outside AUTH_MODE=dev. */
const TEST_SECRETS_KEY = `t1:${Buffer.alloc(32, 7).toString('base64')}`;

function devToken(expiresInSeconds: number, subject = '0101901234'): Promise<string> {
  return new SignJWT({ role: 'citizen' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer('livsforloeb-dev-idp')
    .setAudience('livsforloeb')
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(new TextEncoder().encode(SECRET));
}

describe(TokenService.name, () => {
  const tokens = new TokenService(loadConfig({ AUTH_MODE: 'dev', DEV_AUTH_SECRET: SECRET }));

  it('accepts the same token again and hands each caller its own principal', async () => {
    const token = await devToken(3600);
    const first = await tokens.verify(token);
    first.citizenId = 'set-by-one-request';
    const second = await tokens.verify(token);
    expect(second).toEqual({ role: 'citizen', subject: '0101901234', authority: undefined, name: undefined });
  });

  it('refuses a token once it has expired, even one it verified before', async () => {
    const token = await devToken(2);
    await expect(tokens.verify(token)).resolves.toMatchObject({ role: 'citizen' });
    await new Promise((r) => setTimeout(r, 2100));
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a token whose signature was tampered with after a good one was verified', async () => {
    const token = await devToken(3600, '0202802345');
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = [header, payload, signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA')].join('.');
    await expect(tokens.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('TokenService: what every issuer path requires', () => {
  const tokens = new TokenService(loadConfig({ AUTH_MODE: 'dev', DEV_AUTH_SECRET: SECRET }));
  const key = new TextEncoder().encode(SECRET);
  const unsigned = (claims: Record<string, unknown>) =>
    new SignJWT({ role: 'citizen', ...claims })
      .setSubject('0101901234')
      .setIssuer('livsforloeb-dev-idp')
      .setAudience('livsforloeb')
      .setIssuedAt();

  it('refuses a development token without an expiry', async () => {
    await expect(tokens.verify(await unsigned({}).setProtectedHeader({ alg: 'HS256' }).sign(key))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses a development token signed with another algorithm than HS256, even with the right key', async () => {
    const token = await unsigned({}).setProtectedHeader({ alg: 'HS512' }).setExpirationTime('1h').sign(key);
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a client token without an expiry', async () => {
    // The client-token key in dev mode is derived from the dev key (see TokenService).
    const clientKey = createHmac('sha256', key).update('livsforloeb client tokens').digest();
    const claims = { role: 'system', authority: 'municipality' };
    const good = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('c1')
      .setIssuer('livsforloeb-clients')
      .setAudience('livsforloeb')
      .setExpirationTime('5m')
      .sign(clientKey);
    await expect(tokens.verify(good)).resolves.toMatchObject({ role: 'system', clientId: 'c1' });
    const endless = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('c1')
      .setIssuer('livsforloeb-clients')
      .setAudience('livsforloeb')
      .sign(clientKey);
    await expect(tokens.verify(endless)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('TokenService with an OpenID Connect provider', () => {
  let server: Server;
  let tokens: TokenService;
  let issuer: string;
  const signing: Record<string, CryptoKey> = {};

  beforeAll(async () => {
    const keys = [];
    for (const alg of ['RS256', 'RS512']) {
      const pair = await generateKeyPair(alg, { extractable: true });
      signing[alg] = pair.privateKey;
      // The published keys name no algorithm, so only the pin decides which ones a token may use.
      keys.push({ ...(await exportJWK(pair.publicKey)), kid: alg, use: 'sig' });
    }
    // A real JWKS endpoint over HTTP, as the provider publishes its keys.
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    tokens = new TokenService(
      loadConfig({
        AUTH_MODE: 'oidc',
        OIDC_ISSUER: issuer,
        OIDC_AUDIENCE: 'livsforloeb',
        OIDC_JWKS_URL: `${issuer}/jwks`,
        SECRETS_KEY: TEST_SECRETS_KEY,
      }),
    );
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const idToken = (alg: string, expires = true) => {
    const jwt = new SignJWT({ role: 'citizen' })
      .setProtectedHeader({ alg, kid: alg })
      .setSubject('0101901234')
      .setIssuer(issuer)
      .setAudience('livsforloeb')
      .setIssuedAt();
    return (expires ? jwt.setExpirationTime('10m') : jwt).sign(signing[alg]);
  };

  it('accepts an RS256 token with an expiry', async () => {
    await expect(tokens.verify(await idToken('RS256'))).resolves.toMatchObject({ role: 'citizen', subject: '0101901234' });
  });

  it('refuses a token without an expiry', async () => {
    await expect(tokens.verify(await idToken('RS256', false))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a token whose algorithm is not one of the pinned ones', async () => {
    await expect(tokens.verify(await idToken('RS512'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
