import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EngineModule } from '../engine/engine.module';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { JourneysController } from './citizen/journeys.controller';
import { DevTokenController } from './dev/dev-token.controller';
import { RegisterEventsController } from './registers/register-events.controller';

@Module({
  imports: [EngineModule],
  controllers: [JourneysController, DevTokenController, RegisterEventsController],
  providers: [TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService],
})
export class ApiModule {}
