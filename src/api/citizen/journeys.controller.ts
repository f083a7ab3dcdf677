import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { toMermaid } from '../../../journeys/shared/diagram';
import { DefinitionCatalog, unknownJourneyType } from '../../engine/definitions/definition-catalog';
import { JourneyQueries } from '../../engine/queries/journey.queries';
import { SendEventUseCase } from '../../engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../engine/use-cases/start-journey.use-case';
import { DismissJourneyUseCase } from '../../engine/use-cases/dismiss-journey.use-case';
import { RegisterFacts } from '../../engine/facts/register-facts';
import { assertCitizenMayStart, journeyTypeContract, journeyTypeSummary } from '../../engine/definitions/journey-contract';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { SendEventDto, StartJourneyDto } from '../dto/journey.dto';
import { uuidParam } from './uuid-param';
import { ApiAnswer, ApiErrors, EVENT_STREAM_ANSWER } from '../contract/openapi-contract';
import { JourneyStreams } from './journey-stream';

const uuid = uuidParam('id', 'journey id');

@ApiTags('citizen')
@Controller('api')
export class JourneysController {
  constructor(
    private readonly catalog: DefinitionCatalog,
    private readonly queries: JourneyQueries,
    private readonly start: StartJourneyUseCase,
    private readonly send: SendEventUseCase,
    private readonly dismissJourney: DismissJourneyUseCase,
    private readonly registerFacts: RegisterFacts,
    private readonly streams: JourneyStreams,
  ) {}

  @Get('journey-types')
  @ApiOperation({ summary: 'The life events: who starts each, its steps and start answers; the full contract is at `href`' })
  @ApiAnswer(200, { list: 'JourneyTypeSummary' })
  @ApiErrors([], false)
  types() {
    return this.catalog.types().map(journeyTypeSummary);
  }

  @Get('journey-types/:type')
  @ApiOperation({
    summary:
      'One journey type: who starts it, the register facts it reads, and every event a person or system may send, with JSON ' +
      'Schemas and examples (404 lists the types)',
  })
  @ApiAnswer(200, 'JourneyTypeContract')
  @ApiErrors(['JOURNEY_TYPE_UNKNOWN'], false)
  type(@Param('type') type: string) {
    return journeyTypeContract(this.definition(type));
  }

  @Get('journey-types/:type/diagram')
  @ApiOperation({ summary: "The journey's state diagram (Mermaid stateDiagram-v2), generated from its machine" })
  @ApiAnswer(200, 'Diagram')
  @ApiErrors(['JOURNEY_TYPE_UNKNOWN'], false)
  diagram(@Param('type') type: string): { type: string; version: number; mermaid: string } {
    const def = this.definition(type);
    return { type: def.id, version: def.version, mermaid: toMermaid(def.machine) };
  }

  private definition(type: string) {
    const def = this.catalog.latest(type);
    if (!def) throw unknownJourneyType(type, this.catalog.types());
    return def;
  }

  @Post('journeys')
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Start a journey; 201 with the journey view (409 STARTED_BY_REGISTER for a journey only a register starts)' })
  @ApiAnswer(201, 'JourneyView', 'Started (or, for a repeated idempotency key, the journey the first start created)')
  @ApiErrors(['FORBIDDEN', 'JOURNEY_TYPE_UNKNOWN', 'JOURNEY_ALREADY_ACTIVE', 'STARTED_BY_REGISTER', 'UNAVAILABLE'])
  async create(@Req() req: AuthenticatedRequest, @Body() body: StartJourneyDto) {
    const citizenId = req.principal!.citizenId!;
    const def = this.catalog.latest(body.type);
    if (def) assertCitizenMayStart(def);
    const facts = await this.registerFacts.forStart(def, req.principal!.citizen!);
    const { journeyId, journey } = await this.start.execute({
      citizenId,
      type: body.type,
      answers: body.answers ?? {},
      facts,
      actor: { kind: 'citizen', id: citizenId },
      idempotencyKey: body.idempotencyKey,
    });
    return this.queries.view(journey ?? (await this.queries.row(journeyId)), 'citizen');
  }

  @Get('journeys')
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'My journeys' })
  @ApiAnswer(200, { list: 'JourneyView' })
  @ApiErrors(['FORBIDDEN'])
  mine(@Req() req: AuthenticatedRequest) {
    return this.queries.listForCitizen(req.principal!.citizenId!);
  }

  @Get('journeys/:id')
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'One of my journeys: steps, deadlines and the events I may send now (nextActions)' })
  @ApiAnswer(200, 'JourneyView')
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND'])
  async one(@Req() req: AuthenticatedRequest, @Param('id', uuid) id: string) {
    return this.queries.view(await this.queries.ownedRow(id, req.principal!.citizenId!), 'citizen');
  }

  @Get('journeys/:id/events/stream')
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'One of my journeys as server-sent events: its view now, and again whenever it changes (e.g. when an authority answered); ' +
      'needs Accept: text/event-stream',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse(EVENT_STREAM_ANSWER)
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND', 'NOT_ACCEPTABLE'])
  async stream(@Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id', uuid) id: string): Promise<void> {
    this.streams.assertAccepted(req);
    await this.queries.ownedRow(id, req.principal!.citizenId!);
    this.streams.stream(req, res, id);
  }

  @Post('journeys/:id/events')
  @HttpCode(200)
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Send an event (409 EVENT_NOT_ALLOWED when the current state does not accept it)' })
  @ApiAnswer(200, 'EventAnswer')
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND', 'EVENT_NOT_ALLOWED', 'JOURNEY_NOT_ACTIVE', 'JOURNEY_BROKEN', 'CONCURRENT_UPDATE'])
  async event(@Req() req: AuthenticatedRequest, @Param('id', uuid) id: string, @Body() body: SendEventDto) {
    const citizenId = req.principal!.citizenId!;
    const { result, journey } = await this.send.executeAndRead({
      journeyId: id,
      type: body.type,
      data: body.data,
      clientKey: body.idempotencyKey,
      origin: 'client',
      // The event policy checks ownership on the locked row (someone else's journey is a 404).
      actor: { kind: 'citizen', id: citizenId },
    });
    return { result, journey: await this.queries.view(journey ?? (await this.queries.row(id)), 'citizen') };
  }

  @Post('journeys/:id/dismiss')
  @HttpCode(200)
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'I do not want this journey (e.g. one a register started): it ends and its reminders stop' })
  @ApiAnswer(200, 'JourneyView')
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND', 'JOURNEY_NOT_ACTIVE'])
  async dismiss(@Req() req: AuthenticatedRequest, @Param('id', uuid) id: string) {
    const citizenId = req.principal!.citizenId!;
    await this.queries.ownedRow(id, citizenId);
    await this.dismissJourney.execute(id, { kind: 'citizen', id: citizenId });
    return this.queries.view(await this.queries.row(id), 'citizen');
  }

  @Get('journeys/:id/history')
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The journey's append-only history, each entry with its title in Danish and English" })
  @ApiAnswer(200, { list: 'HistoryEntry' })
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND'])
  async history(@Req() req: AuthenticatedRequest, @Param('id', uuid) id: string) {
    await this.queries.ownedRow(id, req.principal!.citizenId!);
    const rows = await this.queries.history(id);
    return rows.map((h) => ({
      seq: h.seq,
      event: h.event_type,
      title: h.title,
      data: h.event_data,
      actor: { kind: h.actor.kind, authority: h.actor.authority },
      state: h.state,
      at: h.created_at,
    }));
  }
}
