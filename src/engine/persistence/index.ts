import { CitizenEntity, JourneyEntity, JourneyHistoryEntity, RegisterEventEntity } from './journey.entity';
import { IntegrationTaskEntity, JourneyIdempotencyEntity, JourneyTimerEntity, NotificationEntity, OutboxEntity } from './outbox.entity';

export const engineEntities = [
  CitizenEntity,
  JourneyEntity,
  JourneyHistoryEntity,
  JourneyIdempotencyEntity,
  OutboxEntity,
  IntegrationTaskEntity,
  JourneyTimerEntity,
  NotificationEntity,
  RegisterEventEntity,
];
