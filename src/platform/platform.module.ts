import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { validationPipe } from './errors/validation.pipe';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, configNamespaces } from './config/app.config';
import { SecretBox } from './crypto/secret-box';
import { dataSourceOptions, runMigrations } from './database/data-source';
import { JourneyChanges } from './database/journey-changes';
import { PostCommitNotifier } from './database/post-commit-notifier';
import { usePreparedStatements } from './database/prepared-statements';
import { ErrorFilter } from './errors/error.filter';
import { HealthController } from './health/health.controller';
import { loggingModule } from './logging/logging.module';
import { HttpMetricsInterceptor } from './metrics/http-metrics.interceptor';
import { MetricsEndpoint } from './metrics/metrics-endpoint';
import { MetricsService } from './metrics/metrics.service';
import { JobRegistry } from './queue/job-registry';
import { QueueFactory } from './queue/queue-factory';
import { Queues } from './queue/queues';

/** Config, logging, database (migrations run at start), queues, health, metrics (served on their own listener by main.ts), errors. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.database.url) throw new Error('database url must be resolved before the platform starts');
    const url = config.database.url;
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configNamespaces(config) }),
        loggingModule(config),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(url, config.database.poolSize, config.app.role, config.database.poolIdleSeconds),
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource(options!);
            await dataSource.initialize();
            await runMigrations(dataSource);
            usePreparedStatements(dataSource);
            return dataSource;
          },
        }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: SecretBox, useFactory: () => SecretBox.fromConfig(config) },
        { provide: QueueFactory, useFactory: () => new QueueFactory(config.queue, url) },
        Queues,
        JobRegistry,
        MetricsService,
        MetricsEndpoint,
        PostCommitNotifier,
        JourneyChanges,
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
        { provide: APP_PIPE, useValue: validationPipe },
      ],
      exports: [
        AppConfig,
        SecretBox,
        QueueFactory,
        Queues,
        JobRegistry,
        MetricsService,
        MetricsEndpoint,
        PostCommitNotifier,
        JourneyChanges,
      ],
    };
  }
}
