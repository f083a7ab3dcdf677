import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogRepository } from '../../engine/access/access-log.repository';
import { CitizenExportQueries } from '../../engine/data-protection/citizen-export.queries';
import { NotificationRepository } from '../../engine/notifications/notification.repository';
import { GrantProxyUseCase } from '../../engine/proxies/grant-proxy.use-case';
import { ProxyRepository } from '../../engine/proxies/proxy.repository';
import { DomainError } from '../../platform/errors/domain-error';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { ConfirmProxyDto, GrantProxyDto, PageQueryDto } from '../dto/experience.dto';
import { ApiAnswer, ApiErrors } from '../contract/openapi-contract';
import { uuidParam } from './uuid-param';

/** The citizen's own things around their journeys: who looked, what we told them, whom they trust. */
@ApiTags('citizen')
@ApiBearerAuth()
@Roles('citizen')
@Controller('api/me')
export class MeController {
  constructor(
    private readonly accessLog: AccessLogRepository,
    private readonly notifications: NotificationRepository,
    private readonly proxies: ProxyRepository,
    private readonly grantProxy: GrantProxyUseCase,
    private readonly exports: CitizenExportQueries,
  ) {}

  @Get('export')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Disposition', 'attachment; filename="livsforloeb-export.json"')
  @ApiOperation({
    summary:
      'Everything the service holds about me, as JSON: journeys with history, tasks and notes, notifications, access log, powers ' +
      'of attorney',
  })
  export(@Req() req: AuthenticatedRequest) {
    return this.exports.export(req.principal!.citizenId!);
  }

  @Get('access-log')
  @ApiOperation({ summary: 'Hvem har set mine data: every read of my journeys by a caseworker or a proxy, newest first' })
  accessLogList(@Req() req: AuthenticatedRequest, @Query() q: PageQueryDto) {
    return this.accessLog.listForCitizen(req.principal!.citizenId!, q.limit ?? 50, q.offset ?? 0);
  }

  @Get('notifications')
  @ApiOperation({ summary: 'My notifications (reminders, steps that need me), newest first, with their Digital Post delivery' })
  async notificationList(@Req() req: AuthenticatedRequest, @Query() q: PageQueryDto) {
    const citizenId = req.principal!.citizenId!;
    const [items, unread] = await Promise.all([
      this.notifications.listForCitizen(citizenId, q.limit ?? 50, q.offset ?? 0),
      this.notifications.unreadCount(citizenId),
    ]);
    return { items, unread };
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a notification read' })
  async read(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.notifications.markRead(req.principal!.citizenId!, id);
  }

  @Get('proxies')
  @ApiOperation({ summary: 'Powers of attorney I gave (granted) and valid ones I hold (received)' })
  proxyList(@Req() req: AuthenticatedRequest) {
    return this.proxies.list(req.principal!.citizenId!);
  }

  @Post('proxies/pending')
  @ApiOperation({
    summary:
      'Step 1 of giving a power of attorney: look the person up in the CPR register by CPR number (counted, PROXY_LOOKUPS_PER_DAY ' +
      'a day) and keep a pending grant naming them, for 15 minutes. It gives no access until confirmed',
  })
  @ApiAnswer(201, 'PendingProxyGrant', 'The pending grant, with the person’s name to show before confirming')
  @ApiErrors(['RATE_LIMITED', 'UNAVAILABLE'])
  requestGrant(@Req() req: AuthenticatedRequest, @Body() body: GrantProxyDto) {
    return this.grantProxy.request({ citizenId: req.principal!.citizenId!, ...body });
  }

  @Delete('proxies/pending/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel a pending power of attorney (Fortryd)' })
  @ApiErrors(['NOT_FOUND'])
  async cancelGrant(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.grantProxy.cancel(req.principal!.citizenId!, id);
  }

  @Post('proxies')
  @ApiOperation({
    summary:
      'Step 2: confirm a pending grant of mine; only now may the person read (or act on) one journey or all, until the date. ' +
      '404 when it is not mine, was confirmed or cancelled, or has lapsed',
  })
  @ApiAnswer(201, 'ProxyGrant', 'The power of attorney, valid from now')
  @ApiErrors(['NOT_FOUND'])
  grant(@Req() req: AuthenticatedRequest, @Body() body: ConfirmProxyDto) {
    return this.grantProxy.confirm(req.principal!.citizenId!, body.pendingId);
  }

  @Delete('proxies/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a power of attorney I gave' })
  async revoke(@Req() req: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string): Promise<void> {
    if (!(await this.proxies.revoke(req.principal!.citizenId!, id))) throw new DomainError('NOT_FOUND', 'Power of attorney not found');
  }
}
