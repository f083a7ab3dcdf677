import { Body, Controller, Get, HttpCode, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SystemJourneyQueries } from '../../engine/self-service/system-journey.queries';
import { SystemAccessLog } from '../../engine/self-service/system-access-log';
import { JourneyQueries } from '../../engine/queries/journey.queries';
import { SendEventUseCase } from '../../engine/use-cases/send-event.use-case';
import { SendEventDto } from '../dto/journey.dto';
import { Roles } from '../auth/auth.guard';
import { callAudit, SystemAuditInterceptor, type AuditedRequest } from './system-audit.interceptor';
import { systemCaller } from './system-caller';
import { uuidParam } from '../citizen/uuid-param';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';

const uuid = uuidParam('id', 'journey id');

@ApiTags('self-service')
@ApiBearerAuth()
@Controller('api/self-service/journeys')
@Roles('system')
@UseInterceptors(SystemAuditInterceptor)
export class SystemJourneysController {
  constructor(
    private readonly queries: SystemJourneyQueries,
    private readonly sendEvent: SendEventUseCase,
    private readonly accessLog: SystemAccessLog,
    private readonly journeys: JourneyQueries,
  ) {}

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Decide a step of your authority; 403 for another authority's step or an event systems do not send (the refusal is in the " +
      'call audit)',
  })
  @ApiAnswer(200, 'SystemEventAnswer')
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND', 'EVENT_NOT_ALLOWED', 'JOURNEY_NOT_ACTIVE', 'JOURNEY_BROKEN', 'CONCURRENT_UPDATE'])
  async event(@Req() req: AuditedRequest, @Param('id', uuid) id: string, @Body() body: SendEventDto) {
    const caller = systemCaller(req);
    const audit = callAudit(req);
    if (audit) audit.journeyId = id;
    const result = await this.sendEvent.execute({
      journeyId: id,
      type: body.type,
      data: body.data,
      clientKey: body.idempotencyKey,
      origin: 'client',
      actor: { kind: 'system', id: caller.clientId, authority: caller.authority },
    });
    const row = await this.journeys.row(id);
    await this.accessLog.record(caller, { id, citizenId: row.citizen_id }, 'event');
    return { result };
  }

  @Get(':id')
  @ApiOperation({
    summary:
      "Your authority's steps of a journey and the events your system may send now (nextActions); 404 when it has none; the read " +
      'is shown to the citizen',
  })
  @ApiAnswer(200, 'SystemJourneyView')
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND'])
  steps(@Req() req: AuditedRequest, @Param('id', uuid) id: string) {
    return this.queries.steps(systemCaller(req), id, callAudit(req));
  }
}
