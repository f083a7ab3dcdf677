import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EngineModule } from '../engine/engine.module';
import { ExperienceModule } from '../engine/experience.module';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { JourneysController } from './citizen/journeys.controller';
import { DevTokenController } from './dev/dev-token.controller';
import { CaseworkerJourneysController } from './caseworker/caseworker-journeys.controller';
import { MeController } from './citizen/me.controller';
import { ProxyJourneysController } from './citizen/proxy-journeys.controller';
import { CaseworkerPagesController } from './pages/caseworker-pages.controller';
import { CitizenPagesController } from './pages/citizen-pages.controller';
import { LoginController } from './pages/login.controller';
import { MePagesController } from './pages/me-pages.controller';
import { PageSession } from './pages/page-session';
import { RegisterEventsController } from './registers/register-events.controller';
import { SelfServiceModule } from '../engine/self-service/self-service.module';
import { OAuthTokenController } from './self-service/oauth-token.controller';
import { SystemJourneysController } from './self-service/system-journeys.controller';
import { TaskHooksController } from './self-service/task-hooks.controller';
import { WebhooksController } from './self-service/webhooks.controller';

@Module({
  imports: [EngineModule, ExperienceModule, SelfServiceModule],
  controllers: [JourneysController, DevTokenController, RegisterEventsController,
    MeController, ProxyJourneysController, CaseworkerJourneysController,
    LoginController, CitizenPagesController, MePagesController, CaseworkerPagesController,
    OAuthTokenController, TaskHooksController, WebhooksController, SystemJourneysController],
  providers: [TokenService, PageSession, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService],
})
export class ApiModule {}
