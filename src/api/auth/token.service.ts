import { createHmac, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { AUTHORITY_SYSTEM_IDS } from '../../../journeys/shared/contract';
import { AppConfig } from '../../platform/config/app.config';
import { DomainError } from '../../platform/errors/domain-error';
import { isStorable, storableText } from '../../platform/text/storable';
import type { Principal, Role } from './principal';

const ROLES: Role[] = ['citizen', 'caseworker', 'system'];
const DEV_ISSUER = 'livsforloeb-dev-idp';
const DEV_AUDIENCE = 'livsforloeb';
/** Our own issuer of system tokens (client credentials), in every AUTH_MODE. */
const CLIENT_ISSUER = 'livsforloeb-clients';
/** A verified token is trusted again without a signature check for at most this long (and never past its expiry). */
const VERIFIED_TTL_MS = 60_000;
/** Our own issuers sign with HS256 only; a token that names another algorithm was not made by us. */
const LOCAL_ALGORITHMS = ['HS256'];
/**
 * Signatures an OpenID Connect provider may use. Pinned, so a token can never choose a weaker or
 * unexpected algorithm (or `none`) for itself; all are asymmetric, as keys from a JWKS are public.
 */
const OIDC_ALGORITHMS = ['RS256', 'PS256', 'ES256'];
/** A token without an expiry would be valid for ever: every issuer path requires `exp`. */
const REQUIRED_CLAIMS = ['exp'];

/**
 * Verifies bearer tokens: OpenID Connect (issuer, audience, JWKS) in production, as MitID /
 * NemLog-in deliver them; in AUTH_MODE=dev a local identity provider signs its own tokens.
 * Claims used: `sub`, `role` (citizen | caseworker | system), `authority`, `name`.
 *
 * Authorities' systems are not people and have no MitID: in every AUTH_MODE (oidc too) they get
 * short-lived tokens from our own client-credentials issuer (`issueClientToken`), HS256 with
 * CLIENT_TOKEN_SECRET, told apart from identity-provider tokens by their issuer.
 */
@Injectable()
export class TokenService {
  private readonly logger = new Logger(TokenService.name);
  private readonly devKey: Uint8Array;
  private readonly clientKey: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  /**
   * Identity-provider tokens already verified: a citizen's page sends the same token with every
   * request, and checking its signature each time costs a noticeable share of the API's CPU under
   * load. Keyed by the whole token, so only the very same bytes hit; bounded in size and time.
   */
  private readonly verified = new LRUCache<string, Principal>({ max: 10_000, ttl: VERIFIED_TTL_MS });

  constructor(private readonly config: AppConfig) {
    this.devKey = new TextEncoder().encode(config.auth.devSecret ?? randomBytes(32).toString('hex'));
    if (config.auth.mode === 'oidc' && config.auth.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.auth.jwksUrl));
    const secret = config.selfService.clientTokenSecret;
    if (secret) this.clientKey = new TextEncoder().encode(secret);
    // A key of its own, so a development token can never pass for a client token or the reverse.
    else if (this.devMode) this.clientKey = createHmac('sha256', this.devKey).update('livsforloeb client tokens').digest();
    else {
      this.clientKey = randomBytes(32);
      this.logger.warn('CLIENT_TOKEN_SECRET is not set: system tokens are valid only on the API process that issued them');
    }
  }

  get devMode(): boolean {
    return this.config.auth.mode === 'dev';
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) return { ...known };
    if (issuerOf(token) === CLIENT_ISSUER) return this.verifyClientToken(token);
    let payload: JWTPayload;
    try {
      payload = this.devMode
        ? (
            await jwtVerify(token, this.devKey, {
              issuer: DEV_ISSUER,
              audience: DEV_AUDIENCE,
              algorithms: LOCAL_ALGORITHMS,
              requiredClaims: REQUIRED_CLAIMS,
            })
          ).payload
        : (
            await jwtVerify(token, this.jwks!, {
              issuer: this.config.auth.issuer,
              audience: this.config.auth.audience,
              algorithms: OIDC_ALGORITHMS,
              requiredClaims: REQUIRED_CLAIMS,
            })
          ).payload;
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired');
    }
    const principal = toPrincipal(payload);
    const ttl = Math.min(VERIFIED_TTL_MS, payload.exp! * 1000 - Date.now());
    if (ttl > 0) this.verified.set(token, principal, { ttl });
    return { ...principal };
  }

  async issueDev(principal: Pick<Principal, 'role' | 'subject' | 'authority' | 'name'>, ttlSeconds = 8 * 3600): Promise<string> {
    if (!this.devMode) throw new DomainError('NOT_FOUND', 'The development identity provider is only available when AUTH_MODE=dev');
    return new SignJWT({ role: principal.role, authority: principal.authority, name: principal.name })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(principal.subject)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.devKey);
  }

  /**
   * A client-credentials access token: role system, the client's authority, `sub` = client id,
   * `gen` = the generation of the secret it was issued for (a rotation makes it stale).
   */
  async issueClientToken(client: {
    clientId: string;
    authority: string;
    secretGeneration: number;
  }): Promise<{ token: string; expiresIn: number }> {
    const expiresIn = this.config.selfService.clientTokenTtlSeconds;
    const token = await new SignJWT({ role: 'system', authority: client.authority, gen: client.secretGeneration })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(client.clientId)
      .setIssuer(CLIENT_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.clientKey);
    return { token, expiresIn };
  }

  private async verifyClientToken(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.clientKey, {
        issuer: CLIENT_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: LOCAL_ALGORITHMS,
        requiredClaims: REQUIRED_CLAIMS,
      }));
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired');
    }
    const principal = toPrincipal(payload);
    if (principal.role !== 'system') throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired');
    // Tokens without `gen` were issued before generations existed, for the first secret.
    const generation = Number.isInteger(payload.gen) ? (payload.gen as number) : 1;
    return { ...principal, clientId: principal.subject, clientSecretGeneration: generation };
  }
}

/** The unverified `iss`, only to choose the key; verification then checks it. */
function issuerOf(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

function toPrincipal(payload: JWTPayload): Principal {
  const role = payload.role as Role;
  // The subject is an identity and is written to access logs: one PostgreSQL cannot store is no identity.
  if (!ROLES.includes(role) || typeof payload.sub !== 'string' || !payload.sub || !isStorable(payload.sub)) {
    throw new DomainError('UNAUTHENTICATED', 'The access token lacks a role or subject');
  }
  const authority = typeof payload.authority === 'string' ? payload.authority : undefined;
  if (role !== 'citizen' && !(AUTHORITY_SYSTEM_IDS as readonly string[]).includes(authority ?? '')) {
    throw new DomainError('UNAUTHENTICATED', 'Caseworker and system tokens must name a known authority');
  }
  // The display name is only shown and logged as who looked: cleaned, so a NUL in it cannot fail the access-log insert.
  return { role, subject: payload.sub, authority, name: typeof payload.name === 'string' ? storableText(payload.name) : undefined };
}
