import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { JourneyAccess } from '../../engine/access/journey-access.service';
import { Consents } from '../../engine/overview/consents';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { citizenViewer } from '../auth/viewer';
import { ApiErrors } from '../contract/openapi-contract';
import { uuidParam } from './uuid-param';

const CONSENT = { schema: { $ref: '#/components/schemas/Consent' } };
const CONSENTS = { schema: { type: 'array', items: { $ref: '#/components/schemas/Consent' } } };
const GIVE_BODY = {
  schema: {
    type: 'object',
    required: ['journeyId', 'step'],
    properties: { journeyId: { type: 'string', format: 'uuid' }, step: { type: 'string', description: 'A step that asks for consent' } },
  },
};

/**
 * Samtykker: consents for journey steps whose integration fetches data only the citizen may
 * release. Giving one releases the held integration; withdrawing holds again what has not started.
 */
@ApiTags('citizen')
@ApiBearerAuth()
@Roles('citizen')
@Controller('api/me')
export class ConsentsController {
  constructor(
    private readonly consents: Consents,
    private readonly access: JourneyAccess,
  ) {}

  @Get('consents')
  @ApiOperation({ summary: 'My consents, newest first: for what, fetched from whom, given when and by whom, withdrawn when' })
  @ApiResponse({ status: 200, ...CONSENTS })
  @ApiErrors([])
  list(@Req() req: AuthenticatedRequest) {
    return this.consents.list(req.principal!.citizenId!);
  }

  @Post('consents')
  @ApiBody(GIVE_BODY)
  @ApiOperation({
    summary:
      'Give consent for a step of my journey: its held integration is queued (400 naming journeyId or step; 404 for a journey ' +
      'not mine; 409 CONSENT_ALREADY_GIVEN)',
  })
  @ApiResponse({ status: 201, ...CONSENT })
  @ApiErrors(['NOT_FOUND', 'CONSENT_ALREADY_GIVEN', 'JOURNEY_NOT_ACTIVE'])
  give(@Req() req: AuthenticatedRequest, @Body() body: Record<string, unknown>) {
    const citizenId = req.principal!.citizenId!;
    return this.consents.give(citizenId, { journeyId: body?.journeyId, step: body?.step }, { kind: 'citizen', id: citizenId });
  }

  @Post('consents/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw my consent: at once for work not yet started (404 for an unknown or another’s; 409 CONSENT_ALREADY_WITHDRAWN)',
  })
  @ApiResponse({ status: 200, ...CONSENT })
  @ApiErrors(['NOT_FOUND', 'CONSENT_ALREADY_WITHDRAWN'])
  withdraw(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string) {
    const citizenId = req.principal!.citizenId!;
    return this.consents.withdraw(citizenId, id, { kind: 'citizen', id: citizenId });
  }

  @Get('represented/journeys/:id/consents')
  @ApiOperation({ summary: 'The consents for a journey I may see as a proxy; in the citizen’s access log' })
  @ApiResponse({ status: 200, ...CONSENTS })
  @ApiErrors(['NOT_FOUND'])
  async proxyList(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string) {
    const { row } = await this.access.asProxy(citizenViewer(req.principal!), id, 'read', 'consents');
    return this.consents.list(row.citizen_id, row.id);
  }

  @Post('represented/journeys/:id/consents')
  @ApiBody({ schema: { type: 'object', required: ['step'], properties: { step: { type: 'string' } } } })
  @ApiOperation({
    summary: 'Give consent for a step of the citizen’s journey as their proxy (needs access `act`); recorded as given by the proxy',
  })
  @ApiResponse({ status: 201, ...CONSENT })
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND', 'CONSENT_ALREADY_GIVEN', 'JOURNEY_NOT_ACTIVE'])
  async proxyGive(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string, @Body() body: Record<string, unknown>) {
    const { row, actor } = await this.access.asProxy(citizenViewer(req.principal!), id, 'act', 'consent:give');
    return this.consents.give(row.citizen_id, { journeyId: id, step: body?.step }, actor);
  }

  @Post('represented/journeys/:id/consents/:consentId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a consent for the citizen’s journey as their proxy (needs access `act`); recorded as by the proxy' })
  @ApiResponse({ status: 200, ...CONSENT })
  @ApiErrors(['FORBIDDEN', 'NOT_FOUND', 'CONSENT_ALREADY_WITHDRAWN'])
  async proxyWithdraw(
    @Req() req: AuthenticatedRequest,
    @Param('id', uuidParam('id')) id: string,
    @Param('consentId', uuidParam('consentId')) consentId: string,
  ) {
    const { row, actor } = await this.access.asProxy(citizenViewer(req.principal!), id, 'act', 'consent:withdraw');
    return this.consents.withdraw(row.citizen_id, consentId, actor, row.id);
  }
}
