import { Module } from '@nestjs/common';
import { DefinitionCatalog, JOURNEY_DEFINITIONS } from './definitions/definition-catalog';
import { CommandWriter } from './persistence/command-writer';
import { IntegrationTaskRepository } from './persistence/integration-task.repository';
import { JourneyTimerRepository } from './persistence/journey-timer.repository';
import { JourneyRowCache } from './persistence/journey-row-cache';
import { JourneyRepository } from './persistence/journey.repository';
import { JourneyWriter } from './use-cases/journey-writer';
import { SendEventUseCase } from './use-cases/send-event.use-case';
import { StartJourneyUseCase } from './use-cases/start-journey.use-case';
import { MigrateJourneysUseCase } from './use-cases/migrate-journeys.use-case';
import type { JourneyDefinition } from '../../journeys/shared/contract';
import { CitizenCache } from './persistence/citizen-cache';
import { CitizenRepository } from './persistence/citizen.repository';
import { JourneyQueries } from './queries/journey.queries';
import { NextActionsCache } from './queries/next-actions-cache';
import { DismissJourneyUseCase } from './use-cases/dismiss-journey.use-case';
import { RegisterEventUseCase } from './use-cases/register-event.use-case';
import { RegisterFacts } from './facts/register-facts';
import { AuthorityAwaitWriter } from './self-service/authority-await.writer';
import { SelfServiceLinks } from './self-service/self-service-links';
import { WebhookDeliveryRepository } from './self-service/webhook-delivery.repository';
import { StepChangeHook } from './self-service/step-change.hook';
import { StoredSecrets } from './self-service/stored-secrets';
import { WebhookFanout } from './self-service/webhook-fanout';

@Module({
  providers: [
    { provide: DefinitionCatalog, useFactory: (defs: JourneyDefinition[]) => new DefinitionCatalog(defs), inject: [JOURNEY_DEFINITIONS] },
    JourneyRepository,
    JourneyRowCache,
    IntegrationTaskRepository,
    JourneyTimerRepository,
    CommandWriter,
    JourneyWriter,
    StartJourneyUseCase,
    SendEventUseCase,
    MigrateJourneysUseCase,
    CitizenRepository,
    CitizenCache,
    JourneyQueries,
    NextActionsCache,
    RegisterEventUseCase,
    DismissJourneyUseCase,
    RegisterFacts,
    // Self-service hooks that run inside the engine's transactions (see src/engine/self-service).
    SelfServiceLinks,
    WebhookDeliveryRepository,
    WebhookFanout,
    AuthorityAwaitWriter,
    StepChangeHook,
    StoredSecrets,
  ],
  exports: [
    SelfServiceLinks,
    WebhookDeliveryRepository,
    DefinitionCatalog,
    JourneyRepository,
    IntegrationTaskRepository,
    JourneyTimerRepository,
    CommandWriter,
    JourneyWriter,
    StartJourneyUseCase,
    SendEventUseCase,
    MigrateJourneysUseCase,
    CitizenRepository,
    JourneyQueries,
    RegisterEventUseCase,
    DismissJourneyUseCase,
    RegisterFacts,
  ],
})
export class EngineModule {}
