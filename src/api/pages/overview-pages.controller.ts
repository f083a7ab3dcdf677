import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CalendarFeed } from '../../engine/overview/calendar-feed';
import { OverviewService } from '../../engine/overview/overview.service';
import { ProxyRepository } from '../../engine/proxies/proxy.repository';
import { citizenViewer } from '../auth/viewer';
import { uuidParam } from '../citizen/uuid-param';
import { layout } from './layout';
import { PageErrorFilter } from './page-error.filter';
import { PageSession, type PageContext } from './page-session';
import { ot, overviewView, type OverviewPageParts } from './views/overview.views';

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
    res.status(200).type('html').send(await this.render(ctx, { issuedUrl: url }));
  }

  @Post('kalender/luk')
  async revoke(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    await this.calendar.revoke(ctx.principal.citizenId!);
    res.redirect(303, '/overblik#calendar-h');
  }

  @Get('fuldmagt/:grantId')
  async represented(@Req() req: Request, @Res() res: Response, @Param('grantId', uuidParam('grantId')) grantId: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const overview = await this.overview.forProxy(citizenViewer(ctx.principal), grantId);
    const title = `${ot(ctx.lang, 'titleFor')} ${overview.representing!.citizen}`;
    res.type('html').send(layout(ctx, { title, body: overviewView(ctx.lang, overview, { csrf: ctx.csrf }) }));
  }

  private async render(ctx: PageContext, parts: Omit<OverviewPageParts, 'csrf'>): Promise<string> {
    const citizenId = ctx.principal!.citizenId!;
    const [overview, grants] = await Promise.all([this.overview.forCitizen(citizenId), this.proxies.list(citizenId)]);
    return layout(ctx, { title: ot(ctx.lang, 'title'), body: overviewView(ctx.lang, overview, { csrf: ctx.csrf, received: grants.received, ...parts }) });
  }
}
