import { Module } from '@nestjs/common';
import { EngineModule } from '../engine.module';
import { ExperienceModule } from '../experience.module';
import { BenefitsReader } from './benefits.reader';
import { CalendarFeed } from './calendar-feed';
import { Consents } from './consents';
import { Corrections } from './corrections';
import { SelfServiceModule } from '../self-service/self-service.module';
import { WebhookFanout } from '../self-service/webhook-fanout';
import { OverviewQueries } from './overview.queries';
import { OverviewService } from './overview.service';

const providers = [OverviewQueries, BenefitsReader, CalendarFeed, OverviewService, Corrections, Consents];

/** Stateless: queues webhook deliveries on the caller's transaction. */
const internal = [WebhookFanout];

/** Mit overblik: deadlines, cases, benefits, corrections and the calendar feed across a citizen's journeys. */
@Module({
  imports: [EngineModule, ExperienceModule, SelfServiceModule],
  providers: [...providers, ...internal],
  exports: providers,
})
export class OverviewModule {}
