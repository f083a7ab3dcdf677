import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ERROR_STATUS } from '../../platform/errors/domain-error';
import { maskCpr } from '../../platform/logging/redact';
import { reasonText } from './field-labels';
import { html, type SafeHtml } from './html';
import { t, type Lang } from './i18n';
import { layout } from './layout';
import { cookies, CSRF_EXPIRED } from './page-session';

/** Pages answer errors with a page, not JSON: sign-in redirects, 404s and the rest with a message. */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('PageErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
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
    const lang: Lang = cookies(req)['lf_lang'] === 'en' ? 'en' : 'da';
    const ctx = { lang, path: req.path, csrf: '' };
    const title = status === 404 ? (lang === 'da' ? 'Siden findes ikke' : 'Page not found') : status === 400 ? t(lang, 'badRequest') : t(lang, 'error');
    res
      .status(status)
      .type('html')
      .send(layout(ctx, { title, body: html`${message(lang, status, error)}<p><a href="/">${t(lang, 'back')}</a></p>` }));
  }
}

/**
 * What went wrong, in the page's language: each refused field with its reason, or the error's
 * message. Field names and messages can carry the caller's input, so CPR-like numbers are masked.
 */
function message(lang: Lang, status: number, error: unknown): SafeHtml {
  if (status >= 500 || !(error instanceof Error)) return html`<p>${t(lang, 'error')}</p>`;
  const fields = error instanceof DomainError ? (error.details.fields ?? []) : [];
  if (error instanceof DomainError && error.code === 'VALIDATION_FAILED' && fields.length) {
    return html`<ul>${fields.map((f) => html`<li><code>${maskCpr(f.field)}</code>: ${maskCpr(reasonText(lang, f.reason))}</li>`)}</ul>`;
  }
  if (error instanceof DomainError && error.message === CSRF_EXPIRED) return html`<p>${t(lang, 'formExpired')}</p>`;
  return html`<p>${maskCpr(error.message)}</p>`;
}
