import { Module } from '@nestjs/common';
import { EngineModule } from '../engine/engine.module';
import { ExperienceModule } from '../engine/experience.module';
import { IntegrationProcessor } from './integration.processor';
import { NotificationProcessor } from './notification.processor';
import { RetentionProcessor } from './retention.processor';
import { TimerPoller } from './timer-poller';
import { TimerProcessor } from './timer.processor';
import { WebhookProcessor } from './webhook.processor';
import { WorkerHost } from './worker-host';

@Module({
  imports: [EngineModule, ExperienceModule],
  providers: [IntegrationProcessor, TimerProcessor, TimerPoller, NotificationProcessor, WebhookProcessor, RetentionProcessor, WorkerHost],
})
export class WorkersModule {}
