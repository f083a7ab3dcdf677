import { Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../../platform/errors/domain-error';
import { SignIn } from '../auth/rate-limit.guard';
import { TokenService } from '../auth/token.service';
import { PERSONAS } from '../dev/personas';
import { t } from './i18n';
import { layout } from './layout';
import { PageErrorFilter } from './page-error.filter';
import { PageSession } from './page-session';
import { loginView } from './views/login.view';

/** Sign-in with test personas: it exists only when AUTH_MODE=dev (404 otherwise). */
@ApiExcludeController()
@UseFilters(PageErrorFilter)
@Controller()
export class LoginController {
  constructor(
    private readonly tokens: TokenService,
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
    this.devOnly();
    const ctx = await this.session.context(req, res);
    res.type('html').send(layout(ctx, { title: t(ctx.lang, 'personas'), body: loginView(ctx.lang, ctx.csrf, PERSONAS) }));
  }

  @Post('login')
  @SignIn()
  async signIn(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    this.devOnly();
    this.session.checkCsrf(req);
    const persona = PERSONAS.find((p) => p.id === body.persona);
    if (!persona) throw new DomainError('VALIDATION_FAILED', 'Choose one of the test personas', { fields: [{ field: 'persona', reason: 'is not a test persona' }] });
    this.session.signIn(req, res, await this.tokens.issueDev(persona));
    res.redirect(303, persona.role === 'citizen' ? '/journeys' : '/caseworker');
  }

  @Post('logout')
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.session.checkCsrf(req);
    this.session.signOut(req, res);
    res.redirect(303, this.tokens.devMode ? '/login' : '/');
  }

  private devOnly(): void {
    if (!this.tokens.devMode) throw new DomainError('NOT_FOUND', 'Not found');
  }
}
