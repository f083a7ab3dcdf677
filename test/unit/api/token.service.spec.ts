import { SignJWT } from 'jose';
import { TokenService } from '../../../src/api/auth/token.service';
import { loadConfig } from '../../../src/platform/config/app.config';

const SECRET = 'token-service-spec-secret-0123456789abcdef';

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
