import { Module } from '@nestjs/common';
import { EngineModule } from '../engine.module';
import { AuthenticateClientUseCase } from './authenticate-client.use-case';
import { CompleteTaskUseCase } from './complete-task.use-case';
import { CreateClientUseCase } from './create-client.use-case';
import { CreateWebhookUseCase } from './create-webhook.use-case';
import { FailTaskUseCase } from './fail-task.use-case';
import { SystemAccessLog } from './system-access-log';
import { SystemAuditRepository } from './system-audit.repository';
import { SystemClientRepository } from './system-client.repository';
import { SystemJourneyQueries } from './system-journey.queries';
import { TaskTokenRepository } from './task-token.repository';
import { WebhookQueries } from './webhook.queries';

const providers = [
  SystemClientRepository,
  CreateClientUseCase,
  AuthenticateClientUseCase,
  TaskTokenRepository,
  CompleteTaskUseCase,
  FailTaskUseCase,
  CreateWebhookUseCase,
  WebhookQueries,
  SystemJourneyQueries,
  SystemAccessLog,
  SystemAuditRepository,
];

/**
 * The authorities' self-service solutions: client credentials, task tokens, webhook subscriptions
 * and the call audit. The parts that run inside the engine's transactions (minting tokens, queuing
 * deliveries on step changes) are provided by EngineModule.
 */
@Module({
  imports: [EngineModule],
  providers,
  exports: providers,
})
export class SelfServiceModule {}
