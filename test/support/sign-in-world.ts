import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { startLocalProvider, type LocalProvider } from '../../src/api/dev/identity-provider';
import { NEMLOGIN_CLAIMS } from '../../src/platform/config/sign-in-providers.config';
import { createTestApp } from './app';
import { createTestDatabase } from './database';
import { UnusedGateway } from './experience';
import { errandV1 } from './fixtures/errand.journey';
import { startRogueIssuer, type RogueIssuer } from './rogue-issuer';
import { callbackOf, pathOf, ProviderBrowser, startSignIn } from './sign-in';

const BASE = 'http://localhost:3000';
const client = (clientId: string) => ({
  clientId,
  clientSecret: `${clientId}-secret-0123456789`,
  redirectUri: `${BASE}/login/callback`,
  postLogoutRedirectUri: `${BASE}/login`,
});
const citizen = (cpr: string | undefined, loa: string) => ({
  ...(cpr ? { [NEMLOGIN_CLAIMS.cpr]: cpr } : {}),
  [NEMLOGIN_CLAIMS.name]: 'Test Borger',
  [NEMLOGIN_CLAIMS.loa]: loa,
});

/**
 * The service in production mode (AUTH_MODE=oidc) with three providers: `mitid` and `org`, a real
 * oidc-provider with accounts made for the refusals (a low assurance level, no CPR number, an
 * unknown authority), and `rogue`, a small real issuer whose ID tokens are wrong on purpose.
 */
export async function signInWorld(name: string) {
  const db = await createTestDatabase(name);
  const local: LocalProvider = await startLocalProvider({
    port: 0,
    clients: [client('citizens'), client('staff')],
    claimNames: [NEMLOGIN_CLAIMS.cpr, NEMLOGIN_CLAIMS.name, NEMLOGIN_CLAIMS.loa, 'name', 'authority'],
    accounts: [
      { id: 'anna', clientId: 'citizens', label: 'Anna', claims: citizen('0101901234', 'Substantial') },
      { id: 'high', clientId: 'citizens', label: 'High', claims: citizen('0202802345', 'High') },
      { id: 'low', clientId: 'citizens', label: 'Low', claims: citizen('1512954321', 'Low') },
      { id: 'no-cpr', clientId: 'citizens', label: 'No CPR', claims: citizen(undefined, 'Substantial') },
      { id: 'kk', clientId: 'staff', label: 'Mette', claims: { name: 'Mette Larsen', authority: 'municipality' } },
      { id: 'elsewhere', clientId: 'staff', label: 'Elsewhere', claims: { name: 'Ukendt', authority: 'nowhere' } },
      // Known to Livsforløb, but not one the organisation's provider may vouch for.
      { id: 'not-ours', clientId: 'staff', label: 'Not ours', claims: { name: 'Ukendt', authority: 'cpr' } },
    ],
  });
  const rogue: RogueIssuer = await startRogueIssuer(citizen('0101901234', 'Substantial'));
  const app: NestExpressApplication = await createTestApp({
    databaseUrl: db.url,
    backend: 'postgres',
    definitions: [errandV1],
    gateway: new UnusedGateway(),
    role: 'api',
    namespace: name,
    env: {
      // Outside AUTH_MODE=dev the service seals its secrets with a key of its own.
      SECRETS_KEY: `test:${randomBytes(32).toString('base64')}`,
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: local.issuer,
      OIDC_AUDIENCE: 'livsforloeb',
      OIDC_JWKS_URL: `${local.issuer}/jwks`,
      PUBLIC_BASE_URL: BASE,
      SIGNIN_PROVIDERS: JSON.stringify([
        { id: 'mitid', role: 'citizen', issuer: local.issuer, clientId: 'citizens' },
        { id: 'org', role: 'caseworker', issuer: local.issuer, clientId: 'staff', authorities: ['municipality', 'health-insurance'] },
        { id: 'rogue', role: 'citizen', issuer: rogue.url, clientId: 'rogue-client' },
      ]),
      SIGNIN_MITID_CLIENT_SECRET: client('citizens').clientSecret,
      SIGNIN_ORG_CLIENT_SECRET: client('staff').clientSecret,
      SIGNIN_ROGUE_CLIENT_SECRET: 'rogue-secret',
    },
  });
  const agent = () => request.agent(app.getHttpServer());
  type Agent = ReturnType<typeof agent>;

  /** Starts at the service, approves at the provider, and answers the callback URL (not yet visited). */
  async function callbackFor(
    a: Agent,
    provider: string,
    account: string,
    browser = new ProviderBrowser(),
    tamper?: (url: URL) => void,
  ): Promise<string> {
    const url = new URL(await startSignIn(a, provider));
    tamper?.(url);
    return browser.approve(url.href, account, callbackOf(app));
  }

  /** Visits the callback; answers the response and whether the agent is then signed in. */
  async function finish(a: Agent, callback: string) {
    const res = await a.get(pathOf(callback));
    const journeys = await a.get('/journeys');
    const caseworker = await a.get('/caseworker');
    return { res, signedIn: journeys.status === 200 || caseworker.status === 200 };
  }

  return {
    app,
    db,
    local,
    rogue,
    agent,
    callbackFor,
    finish,
    async close() {
      await app.close();
      await local.close();
      await rogue.close();
      await db.drop();
    },
  };
}
