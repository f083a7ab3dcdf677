import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parseCpr } from '../../../journeys/shared/cpr';
import { AppConfig } from '../../platform/config/app.config';
import { DomainError } from '../../platform/errors/domain-error';
import { isStorable } from '../../platform/text/storable';
import type { Principal, Role } from '../auth/principal';
import { PageSessions } from '../sign-in/page-sessions';
import type { Lang } from './i18n';

export const SESSION_COOKIE = 'lf_session';
/** The pending sign-in, between the redirect to the provider and its answer. */
export const SIGN_IN_COOKIE = 'lf_signin';
const CSRF_COOKIE = 'lf_csrf';
const LANG_COOKIE = 'lf_lang';
/** The refusal of a form whose CSRF token does not match (the page shows it in Danish or English). */
export const CSRF_EXPIRED = 'The form has expired; reload the page and try again';

/** What every page needs: the language, the signed-in person (if any) and the CSRF token for its forms. */
export interface PageContext {
  lang: Lang;
  path: string;
  principal?: Principal;
  csrf: string;
  /** The request's query (search filters), kept by the language switch. */
  query?: string;
}

/**
 * The request's cookies. One whose value is not valid percent-encoding (or decodes to text that
 * cannot be stored) is treated as absent: a sibling domain can plant cookies for ours, and a
 * malformed one must not make every page fail for the citizen who carries it.
 */
export function cookies(req: Request): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const value = decodeCookie(part.slice(i + 1).trim());
    if (value !== undefined) out[part.slice(0, i).trim()] = value;
  }
  return out;
}

function decodeCookie(raw: string): string | undefined {
  try {
    const value = decodeURIComponent(raw);
    return isStorable(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compares a secret in constant time whatever the two strings hold: their digests always have the
 * same length, where the strings' UTF-8 bytes may not even when their lengths in characters agree.
 */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/**
 * Pages keep a random session id in an httpOnly, SameSite=Lax cookie; the session itself is a row
 * in PostgreSQL (`PageSessions`), so the cookie is worth nothing against the API. Forms carry a
 * CSRF token that is an HMAC of a random cookie, keyed by the session id (signed double submit): a
 * page on another site can neither read the cookie nor compute the token.
 */
@Injectable()
export class PageSession {
  constructor(
    private readonly sessions: PageSessions,
    private readonly config: AppConfig,
  ) {}

  /** Secure whenever the service is reached over https, even when a TLS proxy is not trusted to say so. */
  private cookieOptions(req: Request, httpOnly = true) {
    return {
      httpOnly,
      sameSite: 'lax' as const,
      secure: req.secure || this.config.selfService.publicBaseUrl.startsWith('https:'),
      path: '/',
    };
  }

  async context(req: Request, res: Response): Promise<PageContext> {
    const jar = cookies(req);
    const asked = typeof req.query.lang === 'string' && ['da', 'en'].includes(req.query.lang) ? (req.query.lang as Lang) : undefined;
    if (asked) res.cookie(LANG_COOKIE, asked, { ...this.cookieOptions(req, false), maxAge: 365 * 86_400_000 });
    const lang: Lang = asked ?? (jar[LANG_COOKIE] === 'en' ? 'en' : 'da');
    let nonce = jar[CSRF_COOKIE];
    if (!nonce || !/^[A-Za-z0-9_-]{32}$/.test(nonce)) {
      nonce = randomBytes(24).toString('base64url');
      res.cookie(CSRF_COOKIE, nonce, { ...this.cookieOptions(req), sameSite: 'strict' });
      // The form on this very response must match the cookie it sets.
      (req.headers as Record<string, string>).cookie = `${req.headers.cookie ?? ''}; ${CSRF_COOKIE}=${nonce}`;
    }
    const principal = await this.principal(req);
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    return { lang, path: req.path, principal, csrf: this.csrfToken(req, nonce), query };
  }

  async require(req: Request, res: Response, role: Role): Promise<PageContext & { principal: Principal }> {
    const ctx = await this.context(req, res);
    if (!ctx.principal) throw new DomainError('UNAUTHENTICATED', 'Sign in to see this page');
    if (ctx.principal.role !== role) throw new DomainError('FORBIDDEN', 'This page is not available to your role');
    return ctx as PageContext & { principal: Principal };
  }

  /** Throws FORBIDDEN unless the form's `_csrf` matches the cookie and the session. */
  checkCsrf(req: Request): void {
    const nonce = cookies(req)[CSRF_COOKIE];
    const form = req.body as { _csrf?: unknown } | undefined;
    const sent = typeof form?._csrf === 'string' ? form._csrf : '';
    const expected = nonce ? this.csrfToken(req, nonce) : '';
    const ok = !!nonce && !!sent && sameSecret(sent, expected);
    if (!ok) throw new DomainError('FORBIDDEN', CSRF_EXPIRED);
  }

  /** Starts a session with a new id; the one the browser had before ends. */
  async signIn(req: Request, res: Response, who: Parameters<PageSessions['create']>[0]): Promise<void> {
    const id = await this.sessions.create(who, cookies(req)[SESSION_COOKIE]);
    res.cookie(SESSION_COOKIE, id, { ...this.cookieOptions(req), maxAge: this.config.signIn.absoluteSeconds * 1000 });
  }

  /** Ends the session here; answers the provider it came from. */
  async signOut(req: Request, res: Response): Promise<string | undefined> {
    res.clearCookie(SESSION_COOKIE, this.cookieOptions(req));
    return this.sessions.end(cookies(req)[SESSION_COOKIE]);
  }

  /** The pending sign-in lives at most ten minutes, on the callback path only. */
  rememberAttempt(req: Request, res: Response, id: string): void {
    res.cookie(SIGN_IN_COOKIE, id, { ...this.cookieOptions(req), path: '/login', maxAge: 600_000 });
  }

  takeAttempt(req: Request, res: Response): string | undefined {
    res.clearCookie(SIGN_IN_COOKIE, { ...this.cookieOptions(req), path: '/login' });
    return cookies(req)[SIGN_IN_COOKIE];
  }

  private csrfToken(req: Request, nonce: string): string {
    return createHmac('sha256', cookies(req)[SESSION_COOKIE] ?? 'anonymous')
      .update(nonce)
      .digest('base64url');
  }

  private async principal(req: Request): Promise<Principal | undefined> {
    const found = await this.sessions.find(cookies(req)[SESSION_COOKIE]);
    // A citizen pseudonymised by retention since signing in is nobody the pages can serve.
    if (!found || (found.role === 'citizen' && !parseCpr(found.subject).ok)) return undefined;
    const { provider: _provider, ...principal } = found;
    return principal;
  }
}
