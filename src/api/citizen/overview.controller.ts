import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CalendarFeed } from '../../engine/overview/calendar-feed';
import { OverviewService } from '../../engine/overview/overview.service';
import { DomainError } from '../../platform/errors/domain-error';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { citizenViewer } from '../auth/viewer';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';
import { uuidParam } from './uuid-param';

/** `benefits=false` leaves out the read from the paying systems (the journey part answers at once). */
function withBenefits(value: unknown): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new DomainError('VALIDATION_FAILED', 'Invalid query', { fields: [{ field: 'benefits', reason: 'must be true or false' }] });
}

/** Mit overblik and its calendar feed. The feed itself is public: its token is the key. */
@ApiTags('citizen')
@Controller('api/me')
export class OverviewController {
  constructor(
    private readonly overview: OverviewService,
    private readonly calendar: CalendarFeed,
  ) {}

  @Get('overview')
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiQuery({ name: 'benefits', required: false, enum: ['true', 'false'] })
  @ApiAnswer(200, 'Overview')
  @ApiErrors([])
  @ApiOperation({
    summary:
      'Mit overblik: next deadlines (overdue first), steps waiting for an authority by authority, benefits and payments per ' +
      'paying system, register facts the journeys used',
  })
  mine(@Req() req: AuthenticatedRequest, @Query('benefits') benefits?: string) {
    return this.overview.forCitizen(req.principal!.citizenId!, withBenefits(benefits));
  }

  @Get('represented/grants/:grantId/overview')
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiQuery({ name: 'benefits', required: false, enum: ['true', 'false'] })
  @ApiAnswer(200, 'Overview')
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND'])
  @ApiOperation({
    summary:
      'The overview of a citizen who gave me a power of attorney over all their journeys (grant id from GET /api/me/proxies, ' +
      'received); logged in their access log (403 for a one-journey grant)',
  })
  represented(
    @Req() req: AuthenticatedRequest,
    @Param('grantId', uuidParam('grantId')) grantId: string,
    @Query('benefits') benefits?: string,
  ) {
    return this.overview.forProxy(citizenViewer(req.principal!), grantId, withBenefits(benefits));
  }

  @Post('represented/grants/:grantId/corrections')
  @Roles('citizen')
  @ApiBearerAuth()
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
  @ApiAnswer(201, 'Correction')
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND', 'CORRECTION_PENDING'])
  @ApiOperation({
    summary:
      '"Er det forkert?" for a citizen who gave me a power of attorney to act on all their journeys: recorded as made by the ' +
      'proxy and logged in their access log (403 for a read-only or one-journey grant; 400 naming the field; 409 while one waits)',
  })
  representedCorrection(
    @Req() req: AuthenticatedRequest,
    @Param('grantId', uuidParam('grantId')) grantId: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.overview.correctionByProxy(citizenViewer(req.principal!), grantId, { fact: body?.fact, description: body?.description });
  }

  @Post('calendar-feed')
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A new calendar feed URL with a token shown once; an earlier token stops working' })
  issueFeed(@Req() req: AuthenticatedRequest) {
    return this.calendar.issue(req.principal!.citizenId!);
  }

  @Get('calendar-feed')
  @Roles('citizen')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Whether I have a live calendar feed token, and since when' })
  feedStatus(@Req() req: AuthenticatedRequest) {
    return this.calendar.status(req.principal!.citizenId!);
  }

  @Delete('calendar-feed')
  @Roles('citizen')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke my calendar feed token (if any): its feed answers 404 from now on' })
  async revokeFeed(@Req() req: AuthenticatedRequest): Promise<void> {
    await this.calendar.revoke(req.principal!.citizenId!);
  }

  @Get('calendar.ics')
  @ApiQuery({ name: 'token', required: true })
  @ApiQuery({ name: 'lang', required: false, enum: ['da', 'en'] })
  @ApiOperation({
    summary: 'My deadlines as iCalendar, for a calendar subscription; no sign-in, the token is the key (404 when unknown or revoked)',
  })
  async feed(@Res({ passthrough: true }) res: Response, @Query('token') token?: string, @Query('lang') lang?: string): Promise<string> {
    const body = await this.calendar.render(token, lang === 'en' ? 'en' : 'da');
    // Set on success only: a refusal stays the usual JSON error.
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Cache-Control', 'private, no-store');
    return body;
  }
}
