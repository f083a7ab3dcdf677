import { Controller, Get, Param, ParseUUIDPipe, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SystemJourneyQueries } from '../../engine/self-service/system-journey.queries';
import { DomainError } from '../../platform/errors/domain-error';
import { Roles } from '../auth/auth.guard';
import { callAudit, SystemAuditInterceptor, type AuditedRequest } from './system-audit.interceptor';
import { systemCaller } from './system-caller';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'Invalid journey id', { fields: [{ field: 'id', reason: 'must be a UUID' }] }),
});

@ApiTags('self-service')
@ApiBearerAuth()
@Controller('api/self-service/journeys')
@Roles('system')
@UseInterceptors(SystemAuditInterceptor)
export class SystemJourneysController {
  constructor(private readonly queries: SystemJourneyQueries) {}

  @Get(':id')
  @ApiOperation({ summary: "Your authority's steps of a journey (404 when it has none); the read is shown to the citizen" })
  steps(@Req() req: AuditedRequest, @Param('id', uuid) id: string) {
    return this.queries.steps(systemCaller(req), id, callAudit(req));
  }
}
