import { ArgumentsHost, Catch, HttpException, Injectable, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Text } from '../../../journeys/shared/contract';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../../platform/errors/domain-error';
import { setRetryAfter } from '../../platform/errors/error.filter';
import { maskCpr } from '../../platform/logging/redact';
import { fieldLabel, reasonText } from './field-labels';
import { html, type SafeHtml } from './html';
import { t, type Lang } from './i18n';
import { layout } from './layout';
import { cookies, CSRF_EXPIRED, PageSession, type PageContext } from './page-session';

/** What to do next after each kind of refusal, in words (the engine's messages are English and for developers). */
const ADVICE: Partial<Record<ErrorCode | 'http', Text>> = {
  NOT_FOUND: {
    da: 'Vi kan ikke finde det, du leder efter. Tjek adressen, eller gå til dine forløb.',
    en: 'We cannot find what you are looking for. Check the address, or go to your journeys.',
  },
  FORBIDDEN: {
    da: 'Du har ikke adgang til denne side. Log ind som den person, siden hører til, eller bed om en fuldmagt.',
    en: 'You do not have access to this page. Sign in as the person it belongs to, or ask for a power of attorney.',
  },
  EVENT_NOT_ALLOWED: {
    da: 'Det kan ikke gøres i forløbet lige nu. Gå tilbage til forløbet og se, hvad du skal gøre nu.',
    en: 'That cannot be done in the journey right now. Go back to the journey to see what to do now.',
  },
  JOURNEY_NOT_ACTIVE: {
    da: 'Forløbet er afsluttet, så der kan ikke ændres mere i det.',
    en: 'The journey has ended, so nothing more can be changed in it.',
  },
  JOURNEY_BROKEN: {
    da: 'Forløbet venter på en sagsbehandler. Du behøver ikke gøre noget; vi giver besked.',
    en: 'The journey is waiting for a caseworker. You need not do anything; we will tell you.',
  },
  CONCURRENT_UPDATE: {
    da: 'Forløbet blev ændret samtidig. Gå tilbage, genindlæs siden, og prøv igen.',
    en: 'The journey changed at the same time. Go back, reload the page and try again.',
  },
  CONSENT_ALREADY_WITHDRAWN: {
    da: 'Samtykket er allerede trukket tilbage. Du kan se dine samtykker under Mit overblik.',
    en: 'The consent has already been withdrawn. You can see your consents under My overview.',
  },
  RATE_LIMITED: {
    da: 'Du har sendt mange forespørgsler på kort tid. Vent et minut, og prøv igen.',
    en: 'You sent many requests in a short time. Wait a minute and try again.',
  },
  UNAVAILABLE: {
    da: 'Tjenesten svarer ikke lige nu. Prøv igen om lidt.',
    en: 'The service is not answering right now. Try again shortly.',
  },
  PAYLOAD_TOO_LARGE: {
    da: 'Det, du sendte, var for stort. Gør teksten kortere, og prøv igen.',
    en: 'What you sent was too large. Make the text shorter and try again.',
  },
};

/**
 * Pages answer errors with a page, not JSON: in the page's language, inside the signed-in frame
 * (menu and "Log ud"), with what to do next. Sign-in is a redirect.
 */
@Injectable()
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('PageErrorFilter');

  constructor(private readonly session: PageSession) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') {
      res.redirect(303, '/login');
      return;
    }
    const status = error instanceof DomainError ? ERROR_STATUS[error.code] : error instanceof HttpException ? error.getStatus() : 500;
    if (status >= 500) {
      const e = error instanceof Error ? error : new Error(String(error));
      this.logger.error({ err: { type: e.name, message: maskCpr(e.message), stack: e.stack } }, 'page failed');
    }
    const ctx = await this.context(req, res);
    const lang = ctx.lang;
    const title =
      status === 404 ? (lang === 'da' ? 'Siden findes ikke' : 'Page not found') : status === 400 ? t(lang, 'badRequest') : t(lang, 'error');
    const home = ctx.principal?.role === 'caseworker' ? '/caseworker' : ctx.principal ? '/journeys' : '/';
    if (res.headersSent) return;
    setRetryAfter(res, error);
    res
      .status(status)
      .type('html')
      .send(
        layout(ctx, { title, error: true, body: html`${message(lang, status, error)}<p><a href="${home}">${t(lang, 'back')}</a></p>` }),
      );
  }

  /** The signed-in frame when the session can be read; the bare frame in the cookie's language otherwise. */
  private async context(req: Request, res: Response): Promise<PageContext> {
    try {
      return await this.session.context(req, res);
    } catch {
      const lang: Lang = cookies(req)['lf_lang'] === 'en' ? 'en' : 'da';
      return { lang, path: req.path, csrf: '' };
    }
  }
}

/**
 * What went wrong and what to do, in the page's language: each refused field as an instruction,
 * or advice for the kind of error. Field names can carry the caller's input, so CPR-like numbers are masked.
 */
function message(lang: Lang, status: number, error: unknown): SafeHtml {
  if (status >= 500 || !(error instanceof Error)) return html`<p>${t(lang, 'error')}. ${ADVICE.UNAVAILABLE![lang]}</p>`;
  if (error instanceof DomainError && error.message === CSRF_EXPIRED) return html`<p>${t(lang, 'formExpired')}</p>`;
  const fields = error instanceof DomainError ? (error.details.fields ?? []) : [];
  if (error instanceof DomainError && error.code === 'VALIDATION_FAILED' && fields.length) {
    // Named as the request carried them (a query parameter or form field), each with what is wrong.
    return html`<p>${lang === 'da' ? 'Ret det, der står herunder, og prøv igen:' : 'Correct what is listed below and try again:'}</p>
      <ul>${fields.map((f) => {
        const label = fieldLabel(lang, f.field.split('.').pop() ?? f.field, {});
        const named = label === f.field ? '' : html`${label}: `;
        return html`<li>${named}<code>${maskCpr(f.field)}</code>: ${maskCpr(reasonText(lang, f.reason))}</li>`;
      })}</ul>`;
  }
  const advice = error instanceof DomainError ? ADVICE[error.code] : undefined;
  if (advice) return html`<p>${advice[lang]}</p>`;
  const retry = {
    da: 'Forespørgslen kunne ikke gennemføres. Gå tilbage, og prøv igen.',
    en: 'The request could not be completed. Go back and try again.',
  };
  return html`<p>${retry[lang]}</p>`;
}
