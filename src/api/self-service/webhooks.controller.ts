import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateWebhookUseCase } from '../../engine/self-service/create-webhook.use-case';
import { WebhookQueries } from '../../engine/self-service/webhook.queries';
import { Roles } from '../auth/auth.guard';
import { CreateWebhookDto, DeliveriesQueryDto } from './self-service.dto';
import { SystemAuditInterceptor, type AuditedRequest } from './system-audit.interceptor';
import { systemCaller } from './system-caller';
import { uuidParam } from '../citizen/uuid-param';
import { ApiAnswer, ApiErrors, ApiNoContent } from '../contract/openapi-contract';

const uuid = uuidParam('id', 'subscription id');

/** Webhook subscriptions of the calling client, and their delivery log for the solution's operators. */
@ApiTags('self-service')
@ApiBearerAuth()
@Controller('api/self-service/webhooks')
@Roles('system')
@UseInterceptors(SystemAuditInterceptor)
export class WebhooksController {
  constructor(
    private readonly createWebhook: CreateWebhookUseCase,
    private readonly webhooks: WebhookQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: "Subscribe to step events of your authority's steps; the signing secret is in this answer only" })
  @ApiAnswer(201, 'WebhookSubscriptionCreated', 'Subscribed')
  @ApiErrors([])
  create(@Req() req: AuditedRequest, @Body() body: CreateWebhookDto) {
    return this.createWebhook.execute(systemCaller(req), body);
  }

  @Get()
  @ApiOperation({ summary: 'Your subscriptions (without secrets)' })
  @ApiAnswer(200, { list: 'WebhookSubscription' })
  @ApiErrors([])
  list(@Req() req: AuditedRequest) {
    return this.webhooks.list(systemCaller(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unsubscribe; pending deliveries are cancelled, the delivery log stays' })
  @ApiNoContent('Unsubscribed')
  @ApiErrors(['NOT_FOUND'])
  async remove(@Req() req: AuditedRequest, @Param('id', uuid) id: string): Promise<void> {
    await this.webhooks.remove(systemCaller(req), id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Delivery log, newest first: status, attempts, last status code and error, next attempt' })
  @ApiAnswer(200, { list: 'WebhookDelivery' })
  @ApiErrors(['NOT_FOUND'])
  deliveries(@Req() req: AuditedRequest, @Param('id', uuid) id: string, @Query() query: DeliveriesQueryDto) {
    return this.webhooks.deliveries(systemCaller(req), id, query.limit ?? 50);
  }
}
