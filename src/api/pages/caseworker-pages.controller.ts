import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request, Response } from 'express';
import { JourneyAccess } from '../../engine/access/journey-access.service';
import { AddNoteUseCase } from '../../engine/caseworker/add-note.use-case';
import { CaseworkerQueries } from '../../engine/caseworker/caseworker.queries';
import { RetryTaskUseCase } from '../../engine/caseworker/retry-task.use-case';
import { TimelineQueries } from '../../engine/caseworker/timeline.queries';
import { DefinitionCatalog } from '../../engine/definitions/definition-catalog';
import { JourneyQueries } from '../../engine/queries/journey.queries';
import { DomainError } from '../../platform/errors/domain-error';
import { maskCpr } from '../../platform/logging/redact';
import { caseworkerViewer } from '../auth/viewer';
import { uuidParam } from '../citizen/uuid-param';
import { JourneySearchDto } from '../dto/experience.dto';
import { t, tx } from './i18n';
import { layout } from './layout';
import { PageErrorFilter } from './page-error.filter';
import { PageSession, type PageContext } from './page-session';
import { caseworkerJourneyView, searchView } from './views/caseworker.views';

/** What to do about a refused note (empty, or longer than the service keeps), as an instruction. */
const NOTE_INSTRUCTION = { da: 'Skriv en note på højst 2000 tegn', en: 'Write a note of at most 2000 characters' };

/** The caseworker's pages: search in the authority's scope, one journey with its timeline, retry, notes. */
@ApiExcludeController()
@UseFilters(PageErrorFilter)
@Controller('caseworker')
export class CaseworkerPagesController {
  constructor(
    private readonly session: PageSession,
    private readonly catalog: DefinitionCatalog,
    private readonly search: CaseworkerQueries,
    private readonly access: JourneyAccess,
    private readonly queries: JourneyQueries,
    private readonly timelines: TimelineQueries,
    private readonly retryTask: RetryTaskUseCase,
    private readonly addNote: AddNoteUseCase,
  ) {}

  @Get()
  async searchPage(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const ctx = await this.session.require(req, res, 'caseworker');
    const q = searchQuery(query);
    const filters = {
      type: q.type,
      state: q.state,
      status: q.status,
      overdue: q.overdue,
      failed: q.failed,
      broken: q.broken,
      cursor: q.cursor,
    };
    const page = await this.search.search({ ...filters, authority: ctx.principal.authority!, limit: q.limit ?? 25 });
    res.type('html').send(
      layout(ctx, {
        title: t(ctx.lang, 'search'),
        body: searchView(ctx.lang, this.catalog.types(), filters, page.items, page.nextCursor, ctx.principal.authority),
      }),
    );
  }

  @Get('journeys/:id')
  async journey(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const ctx = await this.session.require(req, res, 'caseworker');
    const row = await this.access.asCaseworker(caseworkerViewer(ctx.principal), id, 'case-handling', 'view');
    res.type('html').send(await this.render(ctx, id, row));
  }

  @Post('journeys/:id/notes')
  async note(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = await this.session.require(req, res, 'caseworker');
    this.session.checkCsrf(req);
    const viewer = caseworkerViewer(ctx.principal);
    const text = typeof body.body === 'string' ? body.body : '';
    const note = { journeyId: id, authorId: viewer.id, authorName: viewer.name, authority: viewer.authority, body: text };
    try {
      await this.access.actAsCaseworker(viewer, id, 'case-handling', 'note', (sql) => this.addNote.execute(note, sql));
      res.redirect(303, `/caseworker/journeys/${id}`);
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'VALIDATION_FAILED')) throw e;
      // No note was written; the journey shown again with the refusal is a read, logged as one.
      const row = await this.access.asCaseworker(viewer, id, 'case-handling', 'view');
      res
        .status(400)
        .type('html')
        .send(await this.render(ctx, id, row, NOTE_INSTRUCTION[ctx.lang]));
    }
  }

  @Post('journeys/:id/tasks/:taskId/retry')
  async retry(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuidParam('id')) id: string,
    @Param('taskId', uuidParam('taskId')) taskId: string,
  ): Promise<void> {
    const ctx = await this.session.require(req, res, 'caseworker');
    this.session.checkCsrf(req);
    const viewer = caseworkerViewer(ctx.principal);
    await this.access.asCaseworker(viewer, id, 'integration-failure', 'retry');
    await this.retryTask.execute({ journeyId: id, taskId, actor: { kind: 'caseworker', id: viewer.id, authority: viewer.authority } });
    res.redirect(303, `/caseworker/journeys/${id}`);
  }

  private async render(
    ctx: PageContext,
    id: string,
    row: Awaited<ReturnType<JourneyAccess['asCaseworker']>>,
    noteError?: string,
  ): Promise<string> {
    const [view, tl] = await Promise.all([
      this.queries.view(row, { kind: 'caseworker', authority: caseworkerViewer(ctx.principal!).authority }),
      this.timelines.timeline(id),
    ]);
    const def = this.catalog.get(row.type, row.definition_version);
    return layout(ctx, {
      title: tx(ctx.lang, view.title),
      body: caseworkerJourneyView(ctx.lang, ctx.csrf, view, tl, noteError, def),
      error: !!noteError,
    });
  }
}

/** The search form's query: an empty select or text box means "any"; `lang` belongs to the page. */
function searchQuery(query: Record<string, unknown>): JourneySearchDto {
  const given = Object.fromEntries(Object.entries(query).filter(([k, v]) => k !== 'lang' && v !== ''));
  const dto = plainToInstance(JourneySearchDto, given);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length) {
    // An unknown parameter's name is the caller's text (it may be a CPR number): masked, and not repeated in the reason.
    const fields = errors.map((e) => {
      const said = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
      const reason = e.constraints?.whitelistValidation
        ? 'is not an allowed field'
        : said.startsWith(e.property)
          ? said.slice(e.property.length).trimStart()
          : said;
      return { field: maskCpr(e.property), reason };
    });
    throw new DomainError('VALIDATION_FAILED', `Invalid search: ${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}`, { fields });
  }
  return dto;
}
