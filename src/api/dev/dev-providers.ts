import { randomBytes } from 'node:crypto';
import { AUTHORITY_SYSTEMS } from '../../../journeys/shared/authority-tasks';
import type { AppConfig, SignInProviderSettings } from '../../platform/config/app.config';
import { NEMLOGIN_CLAIMS, NSIS_SUBSTANTIAL_OR_HIGHER } from '../../platform/config/sign-in-providers.config';
import { startLocalProvider, type LocalProvider } from './identity-provider';
import { PERSONAS } from './personas';

const CITIZEN_CLIENT = 'livsforloeb-citizens';
const CASEWORKER_CLIENT = 'livsforloeb-caseworkers';
const DEFAULT_PORT = 3001;

/**
 * AUTH_MODE=dev: the local provider with the test personas as its accounts, and the two sign-in
 * providers the pages offer for it. Citizens get NemLog-in's claims at NSIS "substantial";
 * caseworkers get `name` and `authority`, as an organisation's provider would be configured to send.
 */
export async function startDevProviders(config: AppConfig): Promise<{ local: LocalProvider; providers: SignInProviderSettings[] }> {
  const base = config.selfService.publicBaseUrl;
  const secrets = { citizen: randomBytes(24).toString('base64url'), caseworker: randomBytes(24).toString('base64url') };
  const client = (clientId: string, clientSecret: string) => ({
    clientId,
    clientSecret,
    redirectUri: `${base}/login/callback`,
    postLogoutRedirectUri: `${base}/login`,
  });
  const start = (port: number) =>
    startLocalProvider({
      port,
      clients: [client(CITIZEN_CLIENT, secrets.citizen), client(CASEWORKER_CLIENT, secrets.caseworker)],
      claimNames: [NEMLOGIN_CLAIMS.cpr, NEMLOGIN_CLAIMS.name, NEMLOGIN_CLAIMS.loa, 'name', 'authority'],
      accounts: PERSONAS.map((p) =>
        p.role === 'citizen'
          ? {
              id: p.id,
              clientId: CITIZEN_CLIENT,
              label: p.name,
              detail: `CPR ${p.subject.slice(0, 6)}-${p.subject.slice(6)}`,
              claims: { [NEMLOGIN_CLAIMS.cpr]: p.subject, [NEMLOGIN_CLAIMS.name]: p.name, [NEMLOGIN_CLAIMS.loa]: 'Substantial' },
            }
          : {
              id: p.subject,
              clientId: CASEWORKER_CLIENT,
              label: p.name,
              detail: AUTHORITY_SYSTEMS[p.authority!].name.da,
              claims: { name: p.name, authority: p.authority },
            },
      ),
    });
  const chosen = config.signIn.devProviderPort;
  let local: LocalProvider;
  try {
    local = await start(chosen ?? DEFAULT_PORT);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    if (chosen !== undefined) {
      throw new Error(`DEV_IDP_PORT ${chosen} is in use: set DEV_IDP_PORT to a free port (0 picks one)`, { cause: e });
    }
    // Several API processes on one machine (or another service on 3001): each gets a port of its own.
    local = await start(0);
  }
  const common = { issuer: local.issuer, scope: 'openid', idTokenAlg: 'RS256', claims: { ...NEMLOGIN_CLAIMS, authority: 'authority' } };
  return {
    local,
    providers: [
      {
        ...common,
        id: 'dev-citizen',
        role: 'citizen',
        clientId: CITIZEN_CLIENT,
        clientSecret: secrets.citizen,
        acceptedLoa: NSIS_SUBSTANTIAL_OR_HIGHER,
        label: { da: 'MitID (testpersoner)', en: 'MitID (test personas)' },
      },
      {
        ...common,
        id: 'dev-caseworker',
        role: 'caseworker',
        clientId: CASEWORKER_CLIENT,
        clientSecret: secrets.caseworker,
        acceptedLoa: [],
        claims: { ...common.claims, name: 'name' },
        label: { da: 'medarbejder-log-ind (testpersoner)', en: 'staff sign-in (test personas)' },
      },
    ],
  };
}
