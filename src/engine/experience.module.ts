import { Module } from '@nestjs/common';
import { AccessLogRepository } from './access/access-log.repository';
import { JourneyAccess } from './access/journey-access.service';
import { AddNoteUseCase } from './caseworker/add-note.use-case';
import { CaseworkerQueries } from './caseworker/caseworker.queries';
import { RetryTaskUseCase } from './caseworker/retry-task.use-case';
import { TimelineQueries } from './caseworker/timeline.queries';
import { CitizenExportQueries } from './data-protection/citizen-export.queries';
import { RetentionUseCase } from './data-protection/retention.use-case';
import { EngineModule } from './engine.module';
import { NotificationRepository } from './notifications/notification.repository';
import { GrantProxyUseCase } from './proxies/grant-proxy.use-case';
import { ProxyRepository } from './proxies/proxy.repository';

const providers = [
  AccessLogRepository,
  JourneyAccess,
  ProxyRepository,
  GrantProxyUseCase,
  NotificationRepository,
  CaseworkerQueries,
  TimelineQueries,
  RetryTaskUseCase,
  AddNoteUseCase,
  CitizenExportQueries,
  RetentionUseCase,
];

/** The engine around a journey for the people involved: access log, proxies, notifications, caseworker tools. */
@Module({
  imports: [EngineModule],
  providers,
  exports: providers,
})
export class ExperienceModule {}
