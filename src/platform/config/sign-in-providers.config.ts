import { AUTHORITY_SYSTEM_IDS, type AuthoritySystemId } from '../../../journeys/shared/contract';
import type { SignInProviderSettings } from './settings';

/**
 * Claim names of NemLog-in's OpenID Connect broker (the OIOSAML 3 attribute names), the defaults
 * for citizen providers. An operator checks them against the provider's agreement and overrides
 * any that differ.
 */
export const NEMLOGIN_CLAIMS = {
  cpr: 'https://data.gov.dk/model/core/eid/cprNumber',
  name: 'https://data.gov.dk/model/core/eid/fullName',
  loa: 'https://data.gov.dk/concept/core/nsis/loa',
} as const;
/** NSIS "substantial" or higher: what a citizen needs to see and act on their own case data. */
export const NSIS_SUBSTANTIAL_OR_HIGHER = ['Substantial', 'High'];

const isKnownAuthority = (v: unknown): v is AuthoritySystemId =>
  typeof v === 'string' && (AUTHORITY_SYSTEM_IDS as readonly string[]).includes(v);
const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** The environment variable holding a provider's client secret, e.g. `SIGNIN_MITID_CLIENT_SECRET`. */
export const secretVariable = (id: string) => `SIGNIN_${id.toUpperCase().replace(/-/g, '_')}_CLIENT_SECRET`;

/**
 * SIGNIN_PROVIDERS: a JSON array of providers (see docs/operations.md, "Identity providers").
 * Returns the providers, or what is wrong (loadConfig names the variable).
 */
export function parseSignInProviders(raw: string | undefined, env: Record<string, string | undefined>): SignInProviderSettings[] | string {
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'must be a JSON array of providers, e.g. [{"id":"mitid","role":"citizen","issuer":"https://…","clientId":"…"}]';
  }
  if (!Array.isArray(parsed)) return 'must be a JSON array of providers';
  const out: SignInProviderSettings[] = [];
  for (const [i, entry] of parsed.entries()) {
    const p = (entry ?? {}) as Record<string, unknown>;
    const at = `entry ${i}`;
    if (typeof p.id !== 'string' || !/^[a-z][a-z0-9-]{0,30}$/.test(p.id)) return `${at}: "id" must be a lowercase id (letters, digits, -)`;
    if (out.some((o) => o.id === p.id)) return `${at}: "id" "${p.id}" is used twice`;
    if (p.role !== 'citizen' && p.role !== 'caseworker') return `${at}: "role" must be "citizen" or "caseworker"`;
    if (typeof p.issuer !== 'string' || !URL.canParse(p.issuer)) return `${at}: "issuer" must be a URL`;
    const issuer = new URL(p.issuer);
    if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer)))
      return `${at}: "issuer" must be an https:// URL`;
    if (typeof p.clientId !== 'string' || !p.clientId) return `${at}: "clientId" is required`;
    const claims = (p.claims ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(claims)) {
      if (!['cpr', 'name', 'authority', 'loa'].includes(key) || typeof claims[key] !== 'string' || !claims[key])
        return `${at}: "claims" maps cpr, name, authority and loa to claim names`;
    }
    if (p.acceptedLoa !== undefined && (!Array.isArray(p.acceptedLoa) || !p.acceptedLoa.every((v) => typeof v === 'string')))
      return `${at}: "acceptedLoa" must be a list of strings`;
    if (p.authority !== undefined && !isKnownAuthority(p.authority)) return `${at}: "authority" names an unknown authority system`;
    if (p.authorities !== undefined && (!Array.isArray(p.authorities) || !p.authorities.every(isKnownAuthority)))
      return `${at}: "authorities" must list known authority systems`;
    // An organisation's provider vouches for its own people: without a pin, anyone whose authority
    // attribute says another authority would sign in as that authority's caseworker.
    if (p.role === 'caseworker' && p.authority === undefined && p.authorities === undefined)
      return `${at}: a caseworker provider must name the "authority" it signs in for, or the "authorities" its claim may name`;
    for (const key of ['scope', 'acrValues', 'idTokenAlg'] as const) {
      if (p[key] !== undefined && (typeof p[key] !== 'string' || !p[key])) return `${at}: "${key}" must be a string`;
    }
    if (p.idTokenAlg === 'none' || (typeof p.idTokenAlg === 'string' && p.idTokenAlg.startsWith('HS')))
      return `${at}: "idTokenAlg" must be an asymmetric algorithm such as RS256 or ES256`;
    const label = (p.label ?? {}) as Record<string, unknown>;
    const citizen = p.role === 'citizen';
    out.push({
      id: p.id,
      role: p.role,
      issuer: p.issuer,
      clientId: p.clientId,
      clientSecret: env[secretVariable(p.id)] || undefined,
      scope: (p.scope as string | undefined) ?? 'openid',
      acrValues: p.acrValues as string | undefined,
      idTokenAlg: (p.idTokenAlg as string | undefined) ?? 'RS256',
      claims: {
        cpr: (claims.cpr as string | undefined) ?? NEMLOGIN_CLAIMS.cpr,
        name: (claims.name as string | undefined) ?? (citizen ? NEMLOGIN_CLAIMS.name : 'name'),
        authority: (claims.authority as string | undefined) ?? 'authority',
        loa: (claims.loa as string | undefined) ?? NEMLOGIN_CLAIMS.loa,
      },
      acceptedLoa: p.acceptedLoa ?? (citizen ? NSIS_SUBSTANTIAL_OR_HIGHER : []),
      authority: p.authority,
      authorities: p.authorities,
      label: {
        da: typeof label.da === 'string' ? label.da : citizen ? 'MitID' : 'medarbejder-log-ind',
        en: typeof label.en === 'string' ? label.en : citizen ? 'MitID' : 'staff sign-in',
      },
    });
  }
  return out;
}
