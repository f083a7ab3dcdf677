import { Body, Controller, Get, HttpCode, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Corrections } from '../../engine/overview/corrections';
import { Roles } from '../auth/auth.guard';
import { uuidParam } from '../citizen/uuid-param';
import { SystemAuditInterceptor, type AuditedRequest } from './system-audit.interceptor';
import { systemCaller } from './system-caller';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';

/**
 * The authority's side of "Er det forkert?": with the id from `correction.requested` and its
 * client-credentials token, the authority's system reads the request (and whom it concerns) and
 * answers it once. Another authority's system gets 403.
 */
@ApiTags('self-service')
@ApiBearerAuth()
@Controller('api/hooks/corrections')
@Roles('system')
@UseInterceptors(SystemAuditInterceptor)
export class CorrectionHooksController {
  constructor(private readonly corrections: Corrections) {}

  @Get(':id')
  @ApiOperation({ summary: 'The correction request, with the subject’s CPR number (logged in the citizen’s access log)' })
  @ApiAnswer(200, 'CorrectionForAuthority')
  @ApiErrors(['NOT_FOUND'])
  details(@Req() req: AuditedRequest, @Param('id', uuidParam('id')) id: string) {
    return this.corrections.details(id, systemCaller(req));
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['outcome', 'message'],
      properties: { outcome: { enum: ['corrected', 'rejected'] }, message: { type: 'string', minLength: 1, maxLength: 2000 } },
    },
  })
  @ApiOperation({ summary: 'Answer the request: corrected or rejected, with a message the citizen reads (409 when already answered)' })
  @ApiAnswer(200, 'Correction')
  @ApiErrors(['NOT_FOUND', 'CORRECTION_ANSWERED'])
  answer(@Req() req: AuditedRequest, @Param('id', uuidParam('id')) id: string, @Body() body: Record<string, unknown>) {
    return this.corrections.answer(id, systemCaller(req), body?.outcome, body?.message);
  }
}
