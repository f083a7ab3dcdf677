import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CalendarFeed } from '../../engine/overview/calendar-feed';
import { Consents } from '../../engine/overview/consents';
import { Corrections } from '../../engine/overview/corrections';
import { DomainError } from '../../platform/errors/domain-error';
import { OverviewService } from '../../engine/overview/overview.service';
import { ProxyRepository } from '../../engine/proxies/proxy.repository';
import { citizenViewer } from '../auth/viewer';
import { uuidParam } from '../citizen/uuid-param';
import { html } from './html';
import { layout } from './layout';
import { PageErrorFilter } from './page-error.filter';
import { PageSession, type PageContext } from './page-session';
import { consentsSection, consentsView, ct, withdrawView } from './views/consents.views';
import { correctionPart, ot, overviewView, type OverviewPageParts } from './views/overview.views';
import type { Overview } from '../../engine/overview/overview.service';

/** Mit overblik as a page: plain forms, no script needed. */
@ApiExcludeController()
@UseFilters(PageErrorFilter)
@Controller('overblik')
export class OverviewPagesController {
  constructor(
    private readonly session: PageSession,
    private readonly overview: OverviewService,
    private readonly calendar: CalendarFeed,
    private readonly proxies: ProxyRepository,
    private readonly corrections: Corrections,
    private readonly consents: Consents,
  ) {}

  @Get()
  async mine(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    res.type('html').send(await this.render(ctx, {}));
  }

  @Post('kalender')
  async issue(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    const { url } = await this.calendar.issue(ctx.principal.citizenId!);
    // The URL is shown once, on this answer; reloading the overview does not show it again.
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(200)
      .type('html')
      .send(await this.render(ctx, { issuedUrl: url }));
  }

  @Post('kalender/luk')
  async revoke(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    await this.calendar.revoke(ctx.principal.citizenId!);
    res.redirect(303, '/overblik#calendar-h');
  }

  @Post('ret')
  async correct(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    const fact = typeof body.fact === 'string' ? body.fact : '';
    const description = typeof body.description === 'string' ? body.description : '';
    try {
      await this.corrections.request(ctx.principal.citizenId!, { fact, description });
      res.redirect(303, '/overblik#facts-h');
    } catch (e) {
      if (descriptionError(e) !== 'description') throw e;
      res
        .status(400)
        .type('html')
        .send(await this.render(ctx, { form: { fact, description: description.slice(0, 2000), error: true } }));
    }
  }

  /** Samtykker: every consent, given when and by whom, for what, from whom, withdrawn when. */
  @Get('samtykker')
  async consentList(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const consents = await this.consents.list(ctx.principal.citizenId!);
    const flash = req.query.sent === 'withdrawn' ? { kind: 'success' as const, text: ct(ctx.lang, 'withdrawnFlash') } : undefined;
    res.type('html').send(layout(ctx, { title: ct(ctx.lang, 'title'), flash, body: consentsView(ctx.lang, consents) }));
  }

  /** Withdrawing asks first: what the consent covers, then Ja or Nej. */
  @Get('samtykker/:id/traek-tilbage')
  async confirmWithdraw(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const consent = (await this.consents.list(ctx.principal.citizenId!)).find((c) => c.id === id);
    if (!consent) throw new DomainError('NOT_FOUND', 'Consent not found');
    if (!consent.valid) throw new DomainError('CONSENT_ALREADY_WITHDRAWN', 'The consent is withdrawn already');
    res.type('html').send(layout(ctx, { title: ct(ctx.lang, 'withdrawTitle'), body: withdrawView(ctx.lang, ctx.csrf, consent) }));
  }

  @Post('samtykker/:id/traek-tilbage')
  async withdraw(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    const citizenId = ctx.principal.citizenId!;
    await this.consents.withdraw(citizenId, id, { kind: 'citizen', id: citizenId });
    res.redirect(303, '/overblik/samtykker?sent=withdrawn');
  }

  @Get('fuldmagt/:grantId')
  async represented(@Req() req: Request, @Res() res: Response, @Param('grantId', uuidParam('grantId')) grantId: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    res.type('html').send(await this.renderRepresented(ctx, grantId));
  }

  /** "Er det forkert?" by a proxy whose power of attorney lets them act (403 for a read-only grant). */
  @Post('fuldmagt/:grantId/ret')
  async correctRepresented(
    @Req() req: Request,
    @Res() res: Response,
    @Param('grantId', uuidParam('grantId')) grantId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    const fact = typeof body.fact === 'string' ? body.fact : '';
    const description = typeof body.description === 'string' ? body.description : '';
    try {
      await this.overview.correctionByProxy(citizenViewer(ctx.principal), grantId, { fact, description });
      res.redirect(303, `/overblik/fuldmagt/${grantId}#facts-h`);
    } catch (e) {
      if (descriptionError(e) !== 'description') throw e;
      res
        .status(400)
        .type('html')
        .send(await this.renderRepresented(ctx, grantId, { fact, description: description.slice(0, 2000), error: true }));
    }
  }

  private async renderRepresented(ctx: PageContext, grantId: string, filled?: CorrectionForm): Promise<string> {
    const overview = await this.overview.forProxy(citizenViewer(ctx.principal!), grantId);
    const title = `${ot(ctx.lang, 'titleFor')} ${overview.representing.name ?? overview.representing.citizen}`;
    const mayAct = overview.representing.access === 'act';
    const factExtra = mayAct
      ? (fact: string) =>
          correctionPart(
            ctx.lang,
            ctx.csrf,
            fact,
            ownerOf(overview, fact),
            overview.corrections.find((c) => c.fact === fact),
            filled,
            `/overblik/fuldmagt/${grantId}/ret`,
          )
      : undefined;
    const flash = filled?.error ? { kind: 'error' as const, text: ot(ctx.lang, 'descriptionError') } : undefined;
    return layout(ctx, { title, flash, body: overviewView(ctx.lang, overview, { csrf: ctx.csrf, factExtra }) });
  }

  private async render(
    ctx: PageContext,
    parts: Omit<OverviewPageParts, 'csrf' | 'factExtra'> & { form?: CorrectionForm },
  ): Promise<string> {
    const citizenId = ctx.principal!.citizenId!;
    const [overview, grants] = await Promise.all([this.overview.forCitizen(citizenId), this.proxies.list(citizenId)]);
    const factExtra = (fact: string) =>
      correctionPart(
        ctx.lang,
        ctx.csrf,
        fact,
        ownerOf(overview, fact),
        overview.corrections.find((c) => c.fact === fact),
        parts.form,
      );
    const flash = parts.form?.error ? { kind: 'error' as const, text: ot(ctx.lang, 'descriptionError') } : undefined;
    return layout(ctx, {
      title: ot(ctx.lang, 'title'),
      flash,
      body: html`${overviewView(ctx.lang, overview, { csrf: ctx.csrf, received: grants.received, factExtra, ...parts })}${consentsSection(
        ctx.lang,
        overview.consents,
      )}`,
    });
  }
}

type CorrectionForm = { fact: string; description: string; error?: boolean };

/** The field a refused correction names, when the refusal is about its input. */
const descriptionError = (e: unknown) =>
  e instanceof DomainError && e.code === 'VALIDATION_FAILED' ? e.details.fields?.[0]?.field : undefined;

const ownerOf = (overview: Overview, fact: string) => overview.facts.find((f) => f.fact === fact)?.owner ?? '';
