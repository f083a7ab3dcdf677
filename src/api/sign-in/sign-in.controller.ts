import { Body, Controller, Get, Logger, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../../platform/errors/domain-error';
import { SignIn } from '../auth/rate-limit.guard';
import { t, type Lang } from '../pages/i18n';
import { layout } from '../pages/layout';
import { PageErrorFilter } from '../pages/page-error.filter';
import { PageSession } from '../pages/page-session';
import { loginView, refusedView } from '../pages/views/login.view';
import { SignInRefused, SignInService, type Refusal } from './sign-in.service';

const STATUS: Record<Refusal, number> = { state: 400, token: 401, cancelled: 401, loa: 403, cpr: 403, authority: 403, unavailable: 503 };
const TEXT = {
  state: 'refusedState',
  token: 'refusedToken',
  cancelled: 'refusedCancelled',
  loa: 'refusedLoa',
  cpr: 'refusedCpr',
  authority: 'refusedAuthority',
  unavailable: 'refusedUnavailable',
} as const;

/** Signing in to the pages through an OpenID Connect provider, and signing out here and there. */
@ApiExcludeController()
@UseFilters(PageErrorFilter)
@Controller()
export class SignInController {
  private readonly logger = new Logger('SignIn');

  constructor(
    private readonly signIn: SignInService,
    private readonly session: PageSession,
  ) {}

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.context(req, res);
    const role = ctx.principal?.role;
    res.redirect(303, role === 'citizen' ? '/journeys' : role === 'caseworker' ? '/caseworker' : '/login');
  }

  @Get('login')
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.context(req, res);
    res.type('html').send(layout(ctx, { title: t(ctx.lang, 'login'), body: loginView(ctx.lang, ctx.csrf, this.signIn.providers()) }));
  }

  @Post('login')
  @SignIn()
  async start(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    this.session.checkCsrf(req);
    const provider = this.signIn.providers().find((p) => p.id === body?.provider);
    if (!provider)
      throw new DomainError('VALIDATION_FAILED', 'Choose one of the sign-in services', {
        fields: [{ field: 'provider', reason: 'is not a configured sign-in service' }],
      });
    const ctx = await this.session.context(req, res);
    try {
      const { url, attemptId } = await this.signIn.start(provider.id, ctx.lang);
      this.session.rememberAttempt(req, res, attemptId);
      res.redirect(303, url);
    } catch (e) {
      await this.refuse(req, res, ctx.lang, e, true);
    }
  }

  @Get('login/callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const attemptId = this.session.takeAttempt(req, res);
    const ctx = await this.session.context(req, res);
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    try {
      const who = await this.signIn.finish(attemptId, query);
      await this.session.signIn(req, res, who);
      res.redirect(303, who.role === 'citizen' ? '/journeys' : '/caseworker');
    } catch (e) {
      // Only a sign-in this browser started ends its session: a link to the callback from elsewhere
      // (no pending attempt) must not sign anyone out.
      await this.refuse(req, res, ctx.lang, e, attemptId !== undefined);
    }
  }

  @Post('logout')
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.session.checkCsrf(req);
    const ctx = await this.session.context(req, res);
    const provider = await this.session.signOut(req, res);
    res.redirect(303, (await this.signIn.endSessionUrl(provider, ctx.lang)) ?? '/login');
  }

  /** A page saying why; a refused sign-in the browser started leaves it with no session. */
  private async refuse(req: Request, res: Response, lang: Lang, e: unknown, endSession: boolean): Promise<void> {
    if (!(e instanceof SignInRefused)) throw e;
    this.logger.warn({ reason: e.reason, code: e.code }, 'sign-in refused');
    if (endSession) await this.session.signOut(req, res);
    res
      .status(STATUS[e.reason])
      .setHeader('Cache-Control', 'no-store')
      .type('html')
      .send(
        layout({ lang, path: req.path, csrf: '' }, { title: t(lang, 'signInFailed'), body: refusedView(lang, t(lang, TEXT[e.reason])) }),
      );
  }
}
