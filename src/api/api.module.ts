import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AsyncApiController } from './self-service/asyncapi.controller';
import { AppConfig } from '../platform/config/app.config';
import { EngineModule } from '../engine/engine.module';
import { ExperienceModule } from '../engine/experience.module';
import { AuthGuard } from './auth/auth.guard';
import { RateLimitGuard, rateLimits } from './auth/rate-limit.guard';
import { RateLimitStorage, RateLimitStorageModule } from './auth/rate-limit-storage';
import { TokenService } from './auth/token.service';
import { JourneysController } from './citizen/journeys.controller';
import { JourneyStreams } from './citizen/journey-stream';
import { AuthoritiesController } from './authorities/authorities.controller';
import { DevTokenController } from './dev/dev-token.controller';
import { CaseworkerJourneysController } from './caseworker/caseworker-journeys.controller';
import { MeController } from './citizen/me.controller';
import { ProxyJourneysController } from './citizen/proxy-journeys.controller';
import { OverviewController } from './citizen/overview.controller';
import { ConsentsController } from './citizen/consents.controller';
import { CorrectionsController } from './citizen/corrections.controller';
import { CorrectionHooksController } from './self-service/correction-hooks.controller';
import { OverviewModule } from '../engine/overview/overview.module';
import { CaseworkerPagesController } from './pages/caseworker-pages.controller';
import { AddressSearch } from './pages/address-search';
import { CitizenPagesController } from './pages/citizen-pages.controller';
import { PageAssetsController } from './pages/assets/journey-live';
import { MePagesController } from './pages/me-pages.controller';
import { OverviewPagesController } from './pages/overview-pages.controller';
import { PageSession } from './pages/page-session';
import { PageSessions } from './sign-in/page-sessions';
import { SignInController } from './sign-in/sign-in.controller';
import { SignInService } from './sign-in/sign-in.service';
import { RegisterEventsController } from './registers/register-events.controller';
import { SelfServiceModule } from '../engine/self-service/self-service.module';
import { OAuthTokenController } from './self-service/oauth-token.controller';
import { SystemJourneysController } from './self-service/system-journeys.controller';
import { TaskHooksController } from './self-service/task-hooks.controller';
import { WebhooksController } from './self-service/webhooks.controller';

@Module({
  imports: [
    EngineModule,
    ExperienceModule,
    SelfServiceModule,
    OverviewModule,
    ThrottlerModule.forRootAsync({ imports: [RateLimitStorageModule], inject: [AppConfig, RateLimitStorage], useFactory: rateLimits }),
  ],
  controllers: [
    AsyncApiController,
    JourneysController,
    AuthoritiesController,
    DevTokenController,
    RegisterEventsController,
    MeController,
    ProxyJourneysController,
    OverviewController,
    CorrectionsController,
    ConsentsController,
    CorrectionHooksController,
    CaseworkerJourneysController,
    SignInController,
    CitizenPagesController,
    PageAssetsController,
    MePagesController,
    CaseworkerPagesController,
    OverviewPagesController,
    OAuthTokenController,
    TaskHooksController,
    WebhooksController,
    SystemJourneysController,
  ],
  // Rate limits first: a refused request costs no token verification or database lookup.
  providers: [
    TokenService,
    PageSession,
    PageSessions,
    SignInService,
    AddressSearch,
    JourneyStreams,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService],
})
export class ApiModule {}
