import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { JourneyAccess } from '../../engine/access/journey-access.service';
import { ProxyRepository } from '../../engine/proxies/proxy.repository';
import { JourneyQueries } from '../../engine/queries/journey.queries';
import { SendEventUseCase } from '../../engine/use-cases/send-event.use-case';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { citizenViewer } from '../auth/viewer';
import { SendEventDto } from '../dto/journey.dto';
import { uuidParam } from './uuid-param';
import { ApiAnswer, ApiErrors, EVENT_STREAM_ANSWER } from '../contract/openapi-contract';
import { JourneyStreams } from './journey-stream';

/**
 * A proxy (fuldmagtshaver) sees and acts on journeys of citizens who gave them a power of attorney.
 * Every read is in the citizen's access log; every event is in the history as actor `proxy` with
 * `onBehalfOf`. Events are the ones a citizen may send.
 */
@ApiTags('citizen')
@ApiBearerAuth()
@Roles('citizen')
@Controller('api/me/represented')
export class ProxyJourneysController {
  constructor(
    private readonly access: JourneyAccess,
    private readonly proxies: ProxyRepository,
    private readonly queries: JourneyQueries,
    private readonly send: SendEventUseCase,
    private readonly streams: JourneyStreams,
  ) {}

  @Get('journeys')
  @ApiOperation({ summary: 'Journeys I may see as a proxy, each with my access (read | act)' })
  @ApiAnswer(200, { list: 'RepresentedJourney' })
  @ApiErrors([])
  async list(@Req() req: AuthenticatedRequest) {
    const viewer = citizenViewer(req.principal!);
    const rows = await this.proxies.journeysFor(viewer.citizenId);
    for (const citizenId of new Set(rows.map((r) => r.citizen_id))) await this.access.recordProxy(viewer, citizenId, null, 'list');
    return Promise.all(rows.map(async (r) => ({ access: r.proxy_access, journey: await this.queries.view(r, 'citizen') })));
  }

  @Get('journeys/:id')
  @ApiAnswer(200, 'JourneyView')
  @ApiErrors(['NOT_FOUND'])
  async one(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string) {
    const { row } = await this.access.asProxy(citizenViewer(req.principal!), id, 'read', 'view');
    return this.queries.view(row, 'citizen');
  }

  @Get('journeys/:id/history')
  @ApiAnswer(200, { list: 'HistoryEntry' })
  @ApiErrors(['NOT_FOUND'])
  async history(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string) {
    await this.access.asProxy(citizenViewer(req.principal!), id, 'read', 'history');
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

  @Get('journeys/:id/events/stream')
  @ApiOperation({
    summary:
      'A journey I may see as a proxy, as server-sent events (as GET /api/journeys/{id}/events/stream); ' +
      'in the citizen’s access log. Ends when my access does',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse(EVENT_STREAM_ANSWER)
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND', 'NOT_ACCEPTABLE'])
  async stream(@Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id', uuidParam('id')) id: string): Promise<void> {
    this.streams.assertAccepted(req);
    const viewer = citizenViewer(req.principal!);
    const { row } = await this.access.asProxy(viewer, id, 'read', 'stream');
    this.streams.stream(req, res, id, async () => !!(await this.proxies.findValid(row.citizen_id, viewer.citizenId, id, 'read')));
  }

  @Post('journeys/:id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send an event on the citizen’s behalf (needs access `act`)' })
  @ApiAnswer(200, 'EventAnswer')
  @ApiErrors(['NOT_FOUND', 'EVENT_NOT_ALLOWED', 'JOURNEY_NOT_ACTIVE', 'JOURNEY_BROKEN', 'CONCURRENT_UPDATE'])
  async event(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string, @Body() body: SendEventDto) {
    const { actor } = await this.access.asProxy(citizenViewer(req.principal!), id, 'act', `event:${body.type.slice(0, 80)}`);
    const { result, journey } = await this.send.executeAndRead({
      journeyId: id,
      type: body.type,
      data: body.data,
      clientKey: body.idempotencyKey,
      actor,
      origin: 'client',
    });
    return { result, journey: await this.queries.view(journey ?? (await this.queries.row(id)), 'citizen') };
  }
}
