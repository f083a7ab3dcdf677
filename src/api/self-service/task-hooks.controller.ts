import { Body, Controller, HttpCode, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompleteTaskUseCase } from '../../engine/self-service/complete-task.use-case';
import { FailTaskUseCase } from '../../engine/self-service/fail-task.use-case';
import { Roles } from '../auth/auth.guard';
import { CompleteTaskDto, FailTaskDto } from './self-service.dto';
import { callAudit, SystemAuditInterceptor, type AuditedRequest } from './system-audit.interceptor';
import { systemCaller } from './system-caller';
import type { ErrorCode } from '../../platform/errors/domain-error';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';

/** What a task token call can be refused with: the token (unknown, used, expired, closed) or the journey's state. */
const TASK_TOKEN_ERRORS: ErrorCode[] = [
  'NOT_FOUND',
  'TASK_TOKEN_USED',
  'TASK_TOKEN_EXPIRED',
  'TASK_TOKEN_CLOSED',
  'EVENT_NOT_ALLOWED',
  'JOURNEY_NOT_ACTIVE',
  'JOURNEY_BROKEN',
  'CONCURRENT_UPDATE',
];

/**
 * A self-service solution completes or fails the step its task token (from `step.awaiting`) was
 * minted for. Both need the system's client-credentials token, of the step's own authority.
 */
@ApiTags('self-service')
@ApiBearerAuth()
@Controller('api/hooks/tasks')
@Roles('system')
@UseInterceptors(SystemAuditInterceptor)
export class TaskHooksController {
  constructor(
    private readonly completeTask: CompleteTaskUseCase,
    private readonly failTask: FailTaskUseCase,
  ) {}

  @Post(':token/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: "Complete the token's step with its complete event (400 naming the field; 409 used; 410 expired or no longer waiting)",
  })
  @ApiAnswer(200, 'TaskCompleted')
  @ApiErrors(TASK_TOKEN_ERRORS)
  complete(@Req() req: AuditedRequest, @Param('token') token: string, @Body() body: CompleteTaskDto) {
    return this.completeTask.execute({ token, data: body.data, caller: systemCaller(req), audit: callAudit(req) });
  }

  @Post(':token/fail')
  @HttpCode(200)
  @ApiOperation({ summary: "Fail the token's step: its fail event with { reason }, or, without one, flag the step for caseworkers" })
  @ApiAnswer(200, 'TaskFailed')
  @ApiErrors(TASK_TOKEN_ERRORS)
  fail(@Req() req: AuditedRequest, @Param('token') token: string, @Body() body: FailTaskDto) {
    return this.failTask.execute({ token, reason: body.reason, caller: systemCaller(req), audit: callAudit(req) });
  }
}
