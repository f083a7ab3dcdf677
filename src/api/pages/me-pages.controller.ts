import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccessLogRepository } from '../../engine/access/access-log.repository';
import { DefinitionCatalog } from '../../engine/definitions/definition-catalog';
import { NotificationRepository } from '../../engine/notifications/notification.repository';
import { GrantProxyUseCase } from '../../engine/proxies/grant-proxy.use-case';
import { ProxyRepository } from '../../engine/proxies/proxy.repository';
import { JourneyQueries } from '../../engine/queries/journey.queries';
import { DomainError } from '../../platform/errors/domain-error';
import { setRetryAfter } from '../../platform/errors/error.filter';
import { uuidParam } from '../citizen/uuid-param';
import { formatDate, t, tx } from './i18n';
import { layout } from './layout';
import { PageErrorFilter } from './page-error.filter';
import { PageSession, type PageContext } from './page-session';
import { reasonText } from './field-labels';
import { fieldErrors, formValues, redisplayed } from './schema-form';
import {
  accessLogView,
  confirmGrantView,
  notificationsView,
  personOf,
  proxiesView,
  revokeView,
  type ProxyFormState,
} from './views/me.views';

/** Notifications, "Hvem har set mine data" and powers of attorney, as pages. */
@ApiExcludeController()
@UseFilters(PageErrorFilter)
@Controller('me')
export class MePagesController {
  constructor(
    private readonly session: PageSession,
    private readonly catalog: DefinitionCatalog,
    private readonly notifications: NotificationRepository,
    private readonly accessLog: AccessLogRepository,
    private readonly proxies: ProxyRepository,
    private readonly grantProxy: GrantProxyUseCase,
    private readonly queries: JourneyQueries,
  ) {}

  private readonly titles = (type: string) => this.catalog.latest(type)?.title;

  @Get('notifications')
  async notificationList(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const [items, reminders] = await Promise.all([
      this.notifications.listForCitizen(ctx.principal.citizenId!, 100, 0),
      this.queries.plannedReminders(ctx.principal.citizenId!),
    ]);
    const planned = reminders.map((r) => {
      const def = this.catalog.get(r.type, r.version);
      const step = def?.steps.find((s) => s.id === r.step);
      return {
        journeyId: r.journeyId,
        journey: tx(ctx.lang, def?.title),
        step: step ? tx(ctx.lang, step.title) : t(ctx.lang, 'deadline'),
        at: r.at,
      };
    });
    res
      .type('html')
      .send(layout(ctx, { title: t(ctx.lang, 'notifications'), body: notificationsView(ctx.lang, ctx.csrf, items, this.titles, planned) }));
  }

  @Post('notifications/:id/read')
  async read(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    await this.notifications.markRead(ctx.principal.citizenId!, id);
    res.redirect(303, '/me/notifications');
  }

  @Get('access-log')
  async accessLogPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const { items } = await this.accessLog.listForCitizen(ctx.principal.citizenId!, 200, 0);
    res
      .type('html')
      .send(layout(ctx, { title: t(ctx.lang, 'accessLog'), body: accessLogView(ctx.lang, items, (type) => this.catalog.latest(type)) }));
  }

  @Get('proxies')
  async proxyPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const { granted } = await this.proxies.list(ctx.principal.citizenId!);
    const given = typeof req.query.granted === 'string' ? granted.find((g) => g.id === req.query.granted) : undefined;
    const done = (da: string, en: string) => ({ kind: 'success' as const, text: ctx.lang === 'da' ? da : en });
    const flash = given
      ? done(
          `Fuldmagten er givet til ${personOf(given)}. Den gælder til og med ${formatDate('da', given.expiresAt)}.`,
          `The power of attorney was given to ${personOf(given)}. It is valid until ${formatDate('en', given.expiresAt)}.`,
        )
      : req.query.revoked === '1'
        ? done(
            'Fuldmagten er tilbagekaldt. Personen har ikke længere adgang.',
            'The power of attorney was revoked. The person no longer has access.',
          )
        : req.query.cancelled === '1'
          ? done('Du har ikke givet fuldmagten. Ingen har fået adgang.', 'You did not give the power of attorney. Nobody was given access.')
          : undefined;
    res.type('html').send(await this.renderProxies(ctx, { values: {}, errors: {} }, flash));
  }

  /** Revoking asks first: who, which journeys, what access. */
  @Get('proxies/:id/revoke')
  async confirmRevoke(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const citizenId = ctx.principal.citizenId!;
    const [{ granted }, mine] = await Promise.all([this.proxies.list(citizenId), this.queries.listForCitizen(citizenId)]);
    const grant = granted.find((g) => g.id === id && g.active);
    if (!grant) throw new DomainError('NOT_FOUND', 'Power of attorney not found');
    const journey = grant.journeyId ? mine.find((j) => j.id === grant.journeyId) : undefined;
    const scope = journey ? tx(ctx.lang, journey.title) : t(ctx.lang, 'allJourneys');
    res.type('html').send(
      layout(ctx, {
        title: ctx.lang === 'da' ? `Tilbagekald fuldmagten til ${personOf(grant)}` : `Revoke the power of attorney of ${personOf(grant)}`,
        body: revokeView(ctx.lang, ctx.csrf, grant, scope),
      }),
    );
  }

  /** Step 1: the CPR number is looked up and the page asks to confirm, naming the person. */
  @Post('proxies')
  async grant(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    const values = formValues(body);
    try {
      const pending = await this.grantProxy.request({
        citizenId: ctx.principal.citizenId!,
        proxyCpr: String(values.proxyCpr ?? '').trim(),
        journeyId: values.journeyId || undefined,
        access: values.access === 'act' ? 'act' : 'read',
        expiresAt: String(values.expiresAt ?? ''),
      });
      res.redirect(303, `/me/proxies/pending/${pending.pendingId}`);
    } catch (e) {
      let errors: Record<string, string>;
      let status = 400;
      if (e instanceof DomainError && e.code === 'VALIDATION_FAILED')
        errors = Object.fromEntries(Object.entries(fieldErrors(e.details.fields, '')).map(([k, v]) => [k, reasonText(ctx.lang, v)]));
      else if (e instanceof DomainError && e.code === 'RATE_LIMITED') {
        status = 429;
        setRetryAfter(res, e);
        errors = {
          proxyCpr:
            ctx.lang === 'da'
              ? 'Du har slået så mange personer op, som man kan på én dag. Prøv igen i morgen.'
              : 'You have looked up as many people as one day allows. Try again tomorrow.',
        };
      } else throw e;
      // The CPR number is never written back into the page (nor one typed into another field).
      res
        .status(status)
        .type('html')
        .send(await this.renderProxies(ctx, { values: { ...redisplayed(values), proxyCpr: '' }, errors }));
    }
  }

  /** Step 2: "Du giver Bo Nielsen (født 02.02.1980) adgang til …": Bekræft / Fortryd. */
  @Get('proxies/pending/:id')
  async pendingPage(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const citizenId = ctx.principal.citizenId!;
    const [pending, mine] = await Promise.all([this.grantProxy.pending(citizenId, id), this.queries.listForCitizen(citizenId)]);
    const journey = pending.journeyId ? mine.find((j) => j.id === pending.journeyId) : undefined;
    const scope = journey ? `${tx(ctx.lang, journey.title)} (${formatDate(ctx.lang, journey.createdAt)})` : t(ctx.lang, 'allJourneys');
    res.type('html').send(
      layout(ctx, {
        title: ctx.lang === 'da' ? 'Bekræft fuldmagten' : 'Confirm the power of attorney',
        body: confirmGrantView(ctx.lang, ctx.csrf, pending, scope),
      }),
    );
  }

  @Post('proxies/pending/:id/confirm')
  async confirmGrant(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    const grant = await this.grantProxy.confirm(ctx.principal.citizenId!, id);
    res.redirect(303, `/me/proxies?granted=${grant.id}`);
  }

  @Post('proxies/pending/:id/cancel')
  async cancelGrant(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    await this.grantProxy.cancel(ctx.principal.citizenId!, id);
    res.redirect(303, '/me/proxies?cancelled=1');
  }

  @Post('proxies/:id/revoke')
  async revoke(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    if (!(await this.proxies.revoke(ctx.principal.citizenId!, id))) throw new DomainError('NOT_FOUND', 'Power of attorney not found');
    res.redirect(303, '/me/proxies?revoked=1');
  }

  private async renderProxies(ctx: PageContext, form: ProxyFormState, flash?: { kind: 'success'; text: string }): Promise<string> {
    const citizenId = ctx.principal!.citizenId!;
    const [grants, mine] = await Promise.all([this.proxies.list(citizenId), this.queries.listForCitizen(citizenId)]);
    const journeys = mine.map((j) => ({ id: j.id, title: `${tx(ctx.lang, j.title)} (${formatDate(ctx.lang, j.createdAt)})` }));
    return layout(ctx, {
      title: t(ctx.lang, 'proxies'),
      body: proxiesView(ctx.lang, ctx.csrf, grants, journeys, form),
      flash,
      error: Object.keys(form.errors).length > 0,
    });
  }
}
