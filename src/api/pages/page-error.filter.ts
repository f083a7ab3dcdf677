import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ERROR_STATUS } from '../../platform/errors/domain-error';
import { maskCpr } from '../../platform/logging/redact';
import { html } from './html';
import { t, type Lang } from './i18n';
import { layout } from './layout';
import { cookies } from './page-session';

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
    const message = status >= 500 ? t(lang, 'error') : error instanceof Error ? error.message : t(lang, 'error');
    const ctx = { lang, path: req.path, csrf: '' };
    res
      .status(status)
      .type('html')
      .send(layout(ctx, { title: status === 404 ? (lang === 'da' ? 'Siden findes ikke' : 'Page not found') : t(lang, 'error'), body: html`<p>${message}</p><p><a href="/">${t(lang, 'back')}</a></p>` }));
  }
}
