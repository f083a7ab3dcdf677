import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Corrections } from '../../engine/overview/corrections';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';

/** "Er det forkert?": the citizen's correction requests of register facts their journeys used. */
@ApiTags('citizen')
@ApiBearerAuth()
@Roles('citizen')
@Controller('api/me/corrections')
export class CorrectionsController {
  constructor(private readonly corrections: Corrections) {}

  @Get()
  @ApiOperation({
    summary: 'My correction requests, newest first, with their status (awaiting, corrected, rejected) and the authority’s answer',
  })
  @ApiAnswer(200, { list: 'Correction' })
  @ApiErrors([])
  list(@Req() req: AuthenticatedRequest) {
    return this.corrections.list(req.principal!.citizenId!);
  }

  @Post()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['fact', 'description'],
      properties: {
        fact: { enum: ['address', 'civilStatus', 'children'] },
        description: { type: 'string', minLength: 1, maxLength: 2000 },
      },
    },
  })
  @ApiOperation({
    summary:
      'Say that a register fact is wrong: the request goes to the authority that keeps it (400 naming the field; 409 while one ' +
      'for the fact waits)',
  })
  @ApiAnswer(201, 'Correction', 'Sent to the authority that owns the fact')
  @ApiErrors(['CORRECTION_PENDING'])
  request(@Req() req: AuthenticatedRequest, @Body() body: Record<string, unknown>) {
    return this.corrections.request(req.principal!.citizenId!, { fact: body?.fact, description: body?.description });
  }
}
