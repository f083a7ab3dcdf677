import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JourneyAccess } from '../../engine/access/journey-access.service';
import { AddNoteUseCase } from '../../engine/caseworker/add-note.use-case';
import { CaseworkerQueries } from '../../engine/caseworker/caseworker.queries';
import { RetryTaskUseCase } from '../../engine/caseworker/retry-task.use-case';
import { TimelineQueries } from '../../engine/caseworker/timeline.queries';
import { JourneyQueries } from '../../engine/queries/journey.queries';
import { SendEventUseCase } from '../../engine/use-cases/send-event.use-case';
import { SendEventDto } from '../dto/journey.dto';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { caseworkerViewer } from '../auth/viewer';
import { uuidParam } from '../citizen/uuid-param';
import { JourneySearchDto, NoteDto, PurposeQueryDto } from '../dto/experience.dto';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';

/**
 * Caseworkers see journeys with at least one step their authority handles. Opening a journey, its
 * timeline, a retry and a note written are each in the citizen's access log with the purpose.
 */
@ApiTags('caseworker')
@ApiBearerAuth()
@Roles('caseworker')
@Controller('api/caseworker/journeys')
export class CaseworkerJourneysController {
  constructor(
    private readonly search: CaseworkerQueries,
    private readonly access: JourneyAccess,
    private readonly queries: JourneyQueries,
    private readonly timelines: TimelineQueries,
    private readonly retryTask: RetryTaskUseCase,
    private readonly addNote: AddNoteUseCase,
    private readonly sendEvent: SendEventUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search journeys in my authority’s scope (keyset pages; `nextCursor` for the next one)' })
  @ApiAnswer(200, 'CaseworkerJourneyPage')
  @ApiErrors([])
  list(@Req() req: AuthenticatedRequest, @Query() q: JourneySearchDto) {
    return this.search.search({ ...q, authority: req.principal!.authority!, limit: q.limit ?? 25 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One journey as the caseworker sees it (logged in the citizen’s access log)' })
  @ApiAnswer(200, 'JourneyView')
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND'])
  async one(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string, @Query() q: PurposeQueryDto) {
    const row = await this.access.asCaseworker(caseworkerViewer(req.principal!), id, q.purpose ?? 'case-handling', 'view');
    return this.queries.view(row, { kind: 'caseworker', authority: req.principal!.authority! });
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'History, integration attempts, timers and notes (logged)' })
  @ApiAnswer(200, 'Timeline')
  @ApiErrors(['NOT_FOUND'])
  async timeline(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string, @Query() q: PurposeQueryDto) {
    await this.access.asCaseworker(caseworkerViewer(req.principal!), id, q.purpose ?? 'case-handling', 'timeline');
    return { journeyId: id, ...(await this.timelines.timeline(id)) };
  }

  @Post(':id/tasks/:taskId/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: "Retry a dead-lettered integration task of my authority (409 TASK_NOT_RETRYABLE otherwise; 403 for another authority's task)",
  })
  @ApiAnswer(200, 'EventAnswer')
  @ApiErrors(['NOT_FOUND', 'TASK_NOT_RETRYABLE', 'JOURNEY_NOT_ACTIVE', 'JOURNEY_BROKEN', 'CONCURRENT_UPDATE'])
  async retry(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuidParam('id')) id: string,
    @Param('taskId', uuidParam('taskId')) taskId: string,
  ) {
    const viewer = caseworkerViewer(req.principal!);
    await this.access.asCaseworker(viewer, id, 'integration-failure', 'retry');
    const result = await this.retryTask.execute({
      journeyId: id,
      taskId,
      actor: { kind: 'caseworker', id: viewer.id, authority: viewer.authority },
    });
    return { result, journey: await this.queries.view(await this.queries.row(id), { kind: 'caseworker', authority: viewer.authority }) };
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({
    summary: "Decide a step of my authority (e.g. a municipality decision); 403 for another authority's step or another actor's event",
  })
  @ApiAnswer(200, 'EventAnswer')
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND', 'EVENT_NOT_ALLOWED', 'JOURNEY_NOT_ACTIVE', 'JOURNEY_BROKEN', 'CONCURRENT_UPDATE'])
  async event(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string, @Body() body: SendEventDto) {
    const viewer = caseworkerViewer(req.principal!);
    // Logged before the event policy decides, so a refused attempt is in the access log too. The
    // citizen reads that log: only a name shaped like an event's gets there, never free text.
    const logged = /^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/.test(body.type) && body.type.length <= 80 ? body.type : 'unknown';
    await this.access.asCaseworker(viewer, id, 'case-handling', `event:${logged}`);
    const result = await this.sendEvent.execute({
      journeyId: id,
      type: body.type,
      data: body.data,
      clientKey: body.idempotencyKey,
      origin: 'client',
      actor: { kind: 'caseworker', id: viewer.id, authority: viewer.authority },
    });
    return { result, journey: await this.queries.view(await this.queries.row(id), { kind: 'caseworker', authority: viewer.authority }) };
  }

  @Post(':id/notes')
  @ApiOperation({ summary: 'Add a note for colleagues (shown in the timeline)' })
  @ApiAnswer(201, 'NoteAdded', 'Added')
  @ApiErrors(['NOT_FOUND'])
  async note(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string, @Body() body: NoteDto) {
    const viewer = caseworkerViewer(req.principal!);
    const note = { journeyId: id, authorId: viewer.id, authorName: viewer.name, authority: viewer.authority, body: body.body };
    return this.access.actAsCaseworker(viewer, id, 'case-handling', 'note', (sql) => this.addNote.execute(note, sql));
  }
}
