import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { JourneyDefinition } from '../journeys/shared/contract';
import { AuthorityGateway } from './authorities/ports/authority-gateway.port';
import { ApiModule } from './api/api.module';
import { EngineModule } from './engine/engine.module';
import { OutboxModule } from './outbox/outbox.module';
import { JOURNEY_DEFINITIONS } from './engine/definitions/definition-catalog';
import type { AppConfig } from './platform/config/app.config';
import { PlatformModule } from './platform/platform.module';
import { WorkersModule } from './workers/workers.module';

export interface AppParts {
  /** Every definition version the engine may run. */
  definitions: JourneyDefinition[];
  /** The authority port implementation (HTTP adapter to the real systems or the sandbox). */
  gateway: AuthorityGateway;
}

/** Things every module may need that are chosen at start (definitions, the authority adapter). */
@Global()
@Module({})
class PartsModule {
  static forRoot(parts: AppParts): DynamicModule {
    const providers: Provider[] = [
      { provide: JOURNEY_DEFINITIONS, useValue: parts.definitions },
      { provide: AuthorityGateway, useValue: parts.gateway },
    ];
    return { module: PartsModule, providers, exports: providers };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, parts: AppParts): DynamicModule {
    // Worker processes serve only health and metrics over HTTP.
    const api = config.app.role === 'worker' ? [] : [ApiModule];
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), PartsModule.forRoot(parts), EngineModule, OutboxModule, WorkersModule, ...api],
    };
  }
}
