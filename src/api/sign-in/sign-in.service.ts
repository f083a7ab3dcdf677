import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import * as oidc from 'openid-client';
import { parseCpr } from '../../../journeys/shared/cpr';
import { AUTHORITY_SYSTEM_IDS } from '../../../journeys/shared/contract';
import { CitizenRepository } from '../../engine/persistence/citizen.repository';
import { AppConfig, type SignInProviderSettings } from '../../platform/config/app.config';
import { isStorable, storableText } from '../../platform/text/storable';
import type { LocalProvider } from '../dev/identity-provider';
import { PageSessions, type SessionPrincipal } from './page-sessions';

/** Why a sign-in was refused; each has its own page text (i18n `refused…`). */
export type Refusal = 'state' | 'token' | 'cancelled' | 'loa' | 'cpr' | 'authority' | 'unavailable';

export class SignInRefused extends Error {
  /** A code for the log: the library's or the provider's error code, never a claim value. */
  readonly code?: string;

  constructor(
    readonly reason: Refusal,
    code?: string,
  ) {
    super(`sign-in refused: ${reason}`);
    // The provider's `error` parameter arrives in the query string: only a code's characters reach the log.
    this.code = code?.replace(/[^\w.-]/g, '').slice(0, 60);
  }
}

/** An ID token issued this far in the future is not valid yet (the library checks `nbf`, not `iat`). */
const CLOCK_TOLERANCE_SECONDS = 30;
const isLoopbackHttp = (url: URL) => url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
const claimString = (claims: Record<string, unknown>, name: string) =>
  typeof claims[name] === 'string' && claims[name] ? claims[name] : undefined;

/**
 * Signs people in to the pages with OpenID Connect (openid-client): authorization-code flow with
 * PKCE (S256), `state` and `nonce`; the ID token's signature is checked against the provider's JWKS
 * and its issuer, audience, expiry and nonce by the library. Then the assurance level, the CPR
 * number (citizens) and the authority (caseworkers) are checked here. Tokens of the provider are
 * dropped after the check: the page session is ours, server-side, and carries none of them.
 */
@Injectable()
export class SignInService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SignIn');
  private list: SignInProviderSettings[] = [];
  private local?: LocalProvider;
  private readonly configs = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    private readonly config: AppConfig,
    private readonly sessions: PageSessions,
    private readonly citizens: CitizenRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    this.list = [...this.config.signIn.providers];
    if (this.config.auth.mode === 'dev') {
      // Loaded only here: production processes never load the development provider. A require, not import():
      // under nodenext an import() of a sibling module needs its compiled file name, which the tests' loader lacks.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
      const { startDevProviders } = require('../dev/dev-providers') as typeof import('../dev/dev-providers');
      const dev = await startDevProviders(this.config);
      this.local = dev.local;
      this.list.unshift(...dev.providers);
      this.logger.log(`development identity provider with the test personas at ${dev.local.issuer}`);
    }
    if (!this.list.length)
      this.logger.warn('SIGNIN_PROVIDERS is empty: nobody can sign in to the pages (docs/operations.md, "Identity providers")');
  }

  async onModuleDestroy(): Promise<void> {
    await this.local?.close();
  }

  providers(): readonly SignInProviderSettings[] {
    return this.list;
  }

  get redirectUri(): string {
    return `${this.config.selfService.publicBaseUrl}/login/callback`;
  }

  /** Where to send the browser, and the attempt id the browser keeps until the provider answers. */
  async start(providerId: string, lang: string): Promise<{ url: string; attemptId: string }> {
    const provider = this.list.find((p) => p.id === providerId)!;
    const config = await this.discover(provider);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: provider.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ui_locales: lang,
      ...(provider.acrValues ? { acr_values: provider.acrValues } : {}),
    });
    const attemptId = await this.sessions.beginAttempt({ provider: provider.id, state, nonce, codeVerifier });
    return { url: url.href, attemptId };
  }

  /** Checks the provider's answer (the callback's query string) and says who signed in. Throws `SignInRefused`. */
  async finish(attemptId: string | undefined, query: string): Promise<SessionPrincipal> {
    const attempt = await this.sessions.takeAttempt(attemptId);
    const provider = attempt && this.list.find((p) => p.id === attempt.provider);
    if (!attempt || !provider) throw new SignInRefused('state', 'no-attempt');
    const config = await this.discover(provider);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, new URL(`${this.redirectUri}${query}`), {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims() as Record<string, unknown>;
    } catch (e) {
      throw this.refusalOf(e);
    }
    if (typeof claims.iat !== 'number' || claims.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS)
      throw new SignInRefused('token', 'iat-in-future');
    return this.identify(provider, claims);
  }

  /** The provider's RP-initiated logout URL, when it offers one. */
  async endSessionUrl(providerId: string | undefined, lang: string): Promise<string | undefined> {
    const provider = this.list.find((p) => p.id === providerId);
    if (!provider) return undefined;
    try {
      const config = await this.discover(provider);
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      // No id_token_hint: the ID token carries the CPR number and is not kept; client_id names us instead.
      return oidc.buildEndSessionUrl(config, {
        client_id: provider.clientId,
        post_logout_redirect_uri: `${this.config.selfService.publicBaseUrl}/login`,
        ui_locales: lang,
      }).href;
    } catch {
      return undefined;
    }
  }

  private async identify(provider: SignInProviderSettings, claims: Record<string, unknown>): Promise<SessionPrincipal> {
    if (provider.acceptedLoa.length && !provider.acceptedLoa.includes(claimString(claims, provider.claims.loa) ?? ''))
      throw new SignInRefused('loa');
    // The display name is only shown and logged as who looked: cleaned, so a NUL in it cannot fail the session's insert.
    const raw = claimString(claims, provider.claims.name);
    const name = raw === undefined ? undefined : storableText(raw);
    if (provider.role === 'citizen') {
      const cpr = claimString(claims, provider.claims.cpr);
      if (!cpr || !parseCpr(cpr).ok) throw new SignInRefused('cpr');
      const citizen = await this.citizens.identify(cpr, name);
      return { provider: provider.id, role: 'citizen', subject: citizen.cpr, citizenId: citizen.id, citizen, name };
    }
    const authority = provider.authority ?? claimString(claims, provider.claims.authority);
    const allowed: readonly string[] = provider.authorities ?? AUTHORITY_SYSTEM_IDS;
    if (!authority || !(AUTHORITY_SYSTEM_IDS as readonly string[]).includes(authority) || !allowed.includes(authority))
      throw new SignInRefused('authority');
    // The subject is an identity written to access logs: one PostgreSQL cannot store is no identity.
    if (typeof claims.sub !== 'string' || !claims.sub) throw new SignInRefused('token', 'no-sub');
    if (!isStorable(claims.sub)) throw new SignInRefused('token', 'unstorable-sub');
    return { provider: provider.id, role: 'caseworker', subject: claims.sub, authority, name };
  }

  private refusalOf(e: unknown): SignInRefused {
    if (e instanceof SignInRefused) return e;
    if (e instanceof oidc.AuthorizationResponseError) return new SignInRefused('cancelled', e.error);
    const code = (e as { code?: string }).code;
    // openid-client wraps the protocol library's error, whose message names the parameter.
    const messages = `${(e as Error).message ?? ''} ${((e as Error).cause as Error | undefined)?.message ?? ''}`;
    if (/"state"/.test(messages)) return new SignInRefused('state', code);
    if (e instanceof oidc.ResponseBodyError) return new SignInRefused('token', e.error);
    if (!code || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || e instanceof TypeError)
      return new SignInRefused('unavailable', code ?? (e as Error).name);
    return new SignInRefused('token', code);
  }

  /** The provider's metadata from its issuer URL, read once per process (again after a failure). */
  private discover(provider: SignInProviderSettings): Promise<oidc.Configuration> {
    let config = this.configs.get(provider.id);
    if (!config) {
      const issuer = new URL(provider.issuer);
      config = oidc.discovery(
        issuer,
        provider.clientId,
        { id_token_signed_response_alg: provider.idTokenAlg },
        provider.clientSecret ? oidc.ClientSecretBasic(provider.clientSecret) : oidc.None(),
        { execute: [oidc.enableNonRepudiationChecks, ...(isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : [])], timeout: 10 },
      );
      config.catch(() => this.configs.delete(provider.id));
      this.configs.set(provider.id, config);
    }
    return config.catch((e: unknown) => {
      throw new SignInRefused('unavailable', (e as { code?: string }).code ?? (e as Error).name);
    });
  }
}
