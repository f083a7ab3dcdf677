import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { JourneyAccess } from '../../engine/access/journey-access.service';
import { DefinitionCatalog } from '../../engine/definitions/definition-catalog';
import { Consents } from '../../engine/overview/consents';
import type { JourneyRow } from '../../engine/persistence/journey.repository';
import { ProxyRepository } from '../../engine/proxies/proxy.repository';
import { JourneyQueries } from '../../engine/queries/journey.queries';
import { SendEventUseCase } from '../../engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../engine/use-cases/start-journey.use-case';
import { RegisterFacts } from '../../engine/facts/register-facts';
import type { Actor } from '../../engine/actor';
import { DomainError } from '../../platform/errors/domain-error';
import { citizenViewer } from '../auth/viewer';
import { uuidParam } from '../citizen/uuid-param';
import { html, type SafeHtml } from './html';
import { possessive, t, tx } from './i18n';
import { layout } from './layout';
import { PageErrorFilter } from './page-error.filter';
import { PageSession, type PageContext } from './page-session';
import { startersOf } from '../../engine/definitions/journey-contract';
import { AddressSearch } from './address-search';
import { applyAddressPicks, fieldErrors, formToData, formValues, redisplayed } from './schema-form';
import { checkStartDates } from './start-dates';
import { journeyLive } from './assets/journey-live';
import { JourneyStreams } from '../citizen/journey-stream';
import { ct } from './views/consents.views';
import { diagramView, journeyPage, journeyTable, runningNotice, startForm, startList, startsByItselfView } from './views/journey.views';

type Ctx = PageContext & { principal: NonNullable<PageContext['principal']> };

/** The citizen's pages: my journeys, start one, one journey with what to do now, its diagram. */
@ApiExcludeController()
@UseFilters(PageErrorFilter)
@Controller('journeys')
export class CitizenPagesController {
  constructor(
    private readonly session: PageSession,
    private readonly catalog: DefinitionCatalog,
    private readonly queries: JourneyQueries,
    private readonly start: StartJourneyUseCase,
    private readonly registerFacts: RegisterFacts,
    private readonly send: SendEventUseCase,
    private readonly proxies: ProxyRepository,
    private readonly access: JourneyAccess,
    private readonly addresses: AddressSearch,
    private readonly streams: JourneyStreams,
    private readonly consents: Consents,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const mine = await this.queries.listForCitizen(ctx.principal.citizenId!);
    const represented = await this.proxies.journeysFor(ctx.principal.citizenId!);
    for (const citizenId of new Set(represented.map((r) => r.citizen_id)))
      await this.access.recordProxy(citizenViewer(ctx.principal), citizenId, null, 'list');
    // Each journey held by power of attorney says whose it is, by name as the grant page names them.
    const theirs = await Promise.all(
      represented.map(async (r) => {
        const view = await this.queries.view(r, 'citizen');
        const whose = await this.proxies.whose(r.citizen_id);
        const title = tx(ctx.lang, view.title);
        const access = r.proxy_access === 'act' ? 'accessAct' : 'accessRead';
        return {
          view,
          label: whose.name ? `${possessive(ctx.lang, whose.name)} ${t(ctx.lang, 'journeyNoun')}: ${title}` : undefined,
          note: `${t(ctx.lang, 'onBehalfOf')} ${whose.name ?? whose.maskedCpr} · ${t(ctx.lang, access)}`,
        };
      }),
    );
    const startOne = html`<p class="mt-4"><a class="button button-primary" href="/journeys/new">${t(ctx.lang, 'startJourney')}</a></p>`;
    const body = html`${journeyTable(
      ctx.lang,
      mine.map((view) => ({ view })),
    )}${mine.length ? '' : startOne}
      ${theirs.length ? html`<h2 class="mt-8">${t(ctx.lang, 'represented')}</h2>${journeyTable(ctx.lang, theirs)}` : ''}`;
    res.type('html').send(layout(ctx, { title: t(ctx.lang, 'myJourneys'), body }));
  }

  @Get('new')
  async types(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    res.type('html').send(layout(ctx, { title: t(ctx.lang, 'startJourney'), body: startList(ctx.lang, this.catalog.types()) }));
  }

  @Get('new/:type')
  async startPage(@Req() req: Request, @Res() res: Response, @Param('type') type: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const def = this.definition(type);
    const running = await this.running(ctx, def.id);
    const state = { lang: ctx.lang, formId: 'start', values: {}, errors: {}, address: { query: '' } };
    res.type('html').send(
      layout(ctx, {
        title: tx(ctx.lang, def.title),
        body: html`${running ? runningNotice(ctx.lang, def, running) : ''}${startForm(ctx.lang, ctx.csrf, def, state)}`,
      }),
    );
  }

  @Post('new/:type')
  async startJourney(
    @Req() req: Request,
    @Res() res: Response,
    @Param('type') type: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    const def = this.definition(type);
    const citizenId = ctx.principal.citizenId!;
    if (!startersOf(def).includes('citizen')) {
      res
        .status(409)
        .type('html')
        .send(layout(ctx, { title: tx(ctx.lang, def.title), body: startsByItselfView(ctx.lang, def) }));
      return;
    }
    // The address search re-shows the form with the register's hits; the other answers stay as typed.
    const query = typeof body.addressQuery === 'string' ? body.addressQuery : '';
    const address = {
      query: redisplayed({ q: query }).q,
      hits: query.trim() ? await this.addresses.search(query) : [],
      searched: !!query.trim(),
    };
    const refill = (errors: Record<string, string>, notice?: SafeHtml) => {
      const state = { lang: ctx.lang, formId: 'start', values: redisplayed(formValues(body)), errors, address };
      return layout(ctx, {
        title: tx(ctx.lang, def.title),
        body: html`${notice ?? ''}${startForm(ctx.lang, ctx.csrf, def, state)}`,
        error: Object.keys(errors).length > 0,
      });
    };
    if (body._action === 'search-address') return void res.type('html').send(refill({}));
    try {
      const answers = formToData(def.startSchema, applyAddressPicks(def.startSchema, body));
      const dates = checkStartDates(def, answers, ctx.lang);
      if (Object.keys(dates.refused).length) return void res.status(400).type('html').send(refill(dates.refused));
      const facts = await this.registerFacts.forStart(def, ctx.principal.citizen!);
      const { journeyId } = await this.start.execute({
        citizenId,
        type: def.id,
        answers,
        facts,
        actor: { kind: 'citizen', id: citizenId },
      });
      res.redirect(303, `/journeys/${journeyId}${dates.warned ? `?warned=${encodeURIComponent(dates.warned)}` : ''}`);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'JOURNEY_ALREADY_ACTIVE') {
        // The answers are not used: said so, with the running journey to go to and the answers still in the form.
        const running = (await this.running(ctx, def.id)) ?? String(e.details.journeyId);
        return void res
          .status(409)
          .type('html')
          .send(refill({}, runningNotice(ctx.lang, def, running)));
      }
      if (!(e instanceof DomainError && e.code === 'VALIDATION_FAILED')) throw e;
      res
        .status(400)
        .type('html')
        .send(refill(fieldErrors(e.details.fields, 'answers')));
    }
  }

  @Get(':id')
  async journey(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const { row, canAct, banner } = await this.reach(ctx, id, 'read', 'view');
    const warned =
      typeof req.query.warned === 'string'
        ? this.catalog.get(row.type, row.definition_version)?.startDates?.find((r) => r.field === req.query.warned)?.warned
        : undefined;
    const flash = warned
      ? { kind: 'info' as const, text: tx(ctx.lang, warned) }
      : typeof req.query.sent === 'string'
        ? { kind: 'success' as const, text: req.query.sent === 'consent' ? ct(ctx.lang, 'givenFlash') : t(ctx.lang, 'saved') }
        : undefined;
    res.type('html').send(await this.renderJourney(ctx, row, canAct, banner, undefined, flash));
  }

  /** The page's event stream (see assets/journey-live.ts): as the API's, read with the page session; a proxy's is logged. */
  @Get(':id/stream')
  async stream(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.streams.assertAccepted(req);
    const { row } = await this.reach(ctx, id, 'read', 'stream');
    const citizenId = ctx.principal.citizenId!;
    const stillAllowed =
      row.citizen_id === citizenId ? undefined : async () => !!(await this.proxies.findValid(row.citizen_id, citizenId, id, 'read'));
    this.streams.stream(req, res, id, stillAllowed);
  }

  @Post(':id/events/:event')
  async event(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuidParam('id')) id: string,
    @Param('event') event: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    const { row, actor, banner } = await this.reach(ctx, id, 'act', `event:${event.slice(0, 80)}`);
    const spec = this.catalog.get(row.type, row.definition_version)?.events[event];
    if (!spec)
      throw new DomainError('EVENT_NOT_ALLOWED', `Event "${event.slice(0, 80)}" is not part of this journey`, {
        event: event.slice(0, 80),
      });
    const key = typeof body._key === 'string' && /^[0-9a-f-]{36}$/.test(body._key) ? `form:${body._key}` : undefined;
    try {
      // The event policy decides whether the citizen or this proxy may send it (403 otherwise).
      await this.send.execute({ journeyId: id, type: event, data: formToData(spec.schema, body), clientKey: key, actor, origin: 'client' });
      // The address bar and the language links carry no event id: the page only needs to know that something was saved.
      res.redirect(303, `/journeys/${id}?sent=1`);
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'VALIDATION_FAILED')) throw e;
      const failed = { event, values: redisplayed(formValues(body)), errors: fieldErrors(e.details.fields, 'data') };
      res
        .status(400)
        .type('html')
        .send(await this.renderJourney(ctx, row, true, banner, failed));
    }
  }

  /**
   * "Giv samtykke" on a step whose fetch waits for it: by the citizen, or by a proxy with access to act
   * (recorded as given by the proxy, in the citizen's access log). A second press finds it given and shows the journey.
   */
  @Post(':id/consents')
  async giveConsent(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    this.session.checkCsrf(req);
    const { row, actor } = await this.reach(ctx, id, 'act', 'consent:give');
    try {
      await this.consents.give(row.citizen_id, { journeyId: id, step: body.step }, actor);
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'CONSENT_ALREADY_GIVEN')) throw e;
    }
    res.redirect(303, `/journeys/${id}?sent=consent`);
  }

  @Get(':id/diagram')
  async diagram(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'citizen');
    const { row } = await this.reach(ctx, id, 'read', 'diagram');
    const def = this.catalog.get(row.type, row.definition_version)!;
    const view = await this.queries.view(row, 'citizen');
    res.type('html').send(
      layout(ctx, {
        title: `${t(ctx.lang, 'diagram')}: ${tx(ctx.lang, def.title)}`,
        body: diagramView(ctx.lang, def, view, `/journeys/${id}`),
      }),
    );
  }

  /** The owner, or a proxy with a valid grant (logged in the owner's access log). */
  private async reach(
    ctx: Ctx,
    id: string,
    need: 'read' | 'act',
    action: string,
  ): Promise<{ row: JourneyRow; actor: Actor; canAct: boolean; banner?: string }> {
    const citizenId = ctx.principal.citizenId!;
    const own = await this.queries.row(id).catch(() => undefined);
    if (own && own.citizen_id === citizenId) return { row: own, actor: { kind: 'citizen', id: citizenId }, canAct: true };
    const viewer = citizenViewer(ctx.principal);
    const { row, actor } = await this.access.asProxy(viewer, id, need, action);
    const canAct = need === 'act' || !!(await this.proxies.findValid(row.citizen_id, citizenId, id, 'act'));
    const whose = await this.proxies.whose(row.citizen_id);
    return { row, actor, canAct, banner: `${t(ctx.lang, 'onBehalfOf')}: ${whose.name ?? whose.maskedCpr}` };
  }

  private async renderJourney(
    ctx: Ctx,
    row: JourneyRow,
    canAct: boolean,
    banner?: string,
    failed?: Parameters<typeof journeyPage>[0]['failed'],
    flash?: { kind: 'success' | 'info'; text: string },
  ): Promise<string> {
    const def = this.catalog.get(row.type, row.definition_version)!;
    const [view, history, reminders, consentRequests, consents] = await Promise.all([
      this.queries.view(row, 'citizen'),
      this.queries.history(row.id),
      this.queries.reminders(row.id),
      row.status === 'active' ? this.consents.requested(row) : [],
      this.consents.list(row.citizen_id, row.id),
    ]);
    const ownerViewing = row.citizen_id === ctx.principal.citizenId;
    const body = journeyPage({
      lang: ctx.lang,
      csrf: ctx.csrf,
      def,
      view,
      history,
      reminders,
      base: `/journeys/${row.id}`,
      canAct,
      ownerViewing,
      banner,
      failed,
      idempotencyKey: randomUUID,
      consentRequests,
      consents,
    });
    const live = view.status === 'active' ? journeyLive(ctx.lang, row.id, row.version) : '';
    return layout(ctx, { title: tx(ctx.lang, view.title), body: html`${body}${live}`, flash, error: !!failed });
  }

  /** The citizen's active journey of this type, if one runs. */
  private async running(ctx: Ctx, type: string): Promise<string | undefined> {
    const mine = await this.queries.listForCitizen(ctx.principal.citizenId!);
    return mine.find((j) => j.type === type && j.status === 'active')?.id;
  }

  private definition(type: string) {
    const def = this.catalog.latest(type);
    if (!def) throw new DomainError('NOT_FOUND', 'Unknown journey type');
    return def;
  }
}
