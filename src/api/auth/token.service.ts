import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AUTHORITY_SYSTEM_IDS } from '../../../journeys/shared/contract';
import { AppConfig } from '../../platform/config/app.config';
import { DomainError } from '../../platform/errors/domain-error';
import type { Principal, Role } from './principal';

const ROLES: Role[] = ['citizen', 'caseworker', 'system'];
const DEV_ISSUER = 'livsforloeb-dev-idp';
const DEV_AUDIENCE = 'livsforloeb';

/**
 * Verifies bearer tokens: OpenID Connect (issuer, audience, JWKS) in production, as MitID /
 * NemLog-in deliver them; in AUTH_MODE=dev a local identity provider signs its own tokens.
 * Claims used: `sub`, `role` (citizen | caseworker | system), `authority`, `name`.
 */
@Injectable()
export class TokenService {
  private readonly devKey: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: AppConfig) {
    this.devKey = new TextEncoder().encode(config.auth.devSecret ?? randomBytes(32).toString('hex'));
    if (config.auth.mode === 'oidc' && config.auth.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.auth.jwksUrl));
  }

  get devMode(): boolean {
    return this.config.auth.mode === 'dev';
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      payload = this.devMode
        ? (await jwtVerify(token, this.devKey, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE })).payload
        : (await jwtVerify(token, this.jwks!, { issuer: this.config.auth.issuer, audience: this.config.auth.audience })).payload;
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired');
    }
    return toPrincipal(payload);
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
}

function toPrincipal(payload: JWTPayload): Principal {
  const role = payload.role as Role;
  if (!ROLES.includes(role) || typeof payload.sub !== 'string' || !payload.sub) {
    throw new DomainError('UNAUTHENTICATED', 'The access token lacks a role or subject');
  }
  const authority = typeof payload.authority === 'string' ? payload.authority : undefined;
  if (role !== 'citizen' && !(AUTHORITY_SYSTEM_IDS as readonly string[]).includes(authority ?? '')) {
    throw new DomainError('UNAUTHENTICATED', 'Caseworker and system tokens must name a known authority');
  }
  return { role, subject: payload.sub, authority, name: typeof payload.name === 'string' ? payload.name : undefined };
}
