import { CitizenEntity, JourneyEntity, JourneyHistoryEntity, RegisterEventEntity } from './journey.entity';
import { AccessLogEntity, CaseworkerNoteEntity, ProxyGrantEntity } from './experience.entity';
import { IntegrationTaskEntity, JourneyIdempotencyEntity, JourneyTimerEntity, NotificationEntity, OutboxEntity } from './outbox.entity';
import { selfServiceEntities } from './self-service.entity';
import { overviewEntities } from '../overview/overview.entity';

export const engineEntities = [
  CitizenEntity,
  JourneyEntity,
  JourneyHistoryEntity,
  JourneyIdempotencyEntity,
  OutboxEntity,
  IntegrationTaskEntity,
  JourneyTimerEntity,
  NotificationEntity,
  AccessLogEntity,
  ProxyGrantEntity,
  CaseworkerNoteEntity,
  RegisterEventEntity,
  ...selfServiceEntities,
  ...overviewEntities,
];
