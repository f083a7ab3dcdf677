import { Module } from '@nestjs/common';
import { EngineModule } from '../engine/engine.module';
import { IntegrationProcessor } from './integration.processor';
import { TimerProcessor } from './timer.processor';
import { WorkerHost } from './worker-host';

@Module({
  imports: [EngineModule],
  providers: [IntegrationProcessor, TimerProcessor, WorkerHost],
})
export class WorkersModule {}
