import { Module } from '@nestjs/common';
import { EngineModule } from '../engine.module';
import { ExperienceModule } from '../experience.module';
import { BenefitsReader } from './benefits.reader';
import { CalendarFeed } from './calendar-feed';
import { OverviewQueries } from './overview.queries';
import { OverviewService } from './overview.service';

const providers = [OverviewQueries, BenefitsReader, CalendarFeed, OverviewService];

/** Mit overblik: deadlines, cases, benefits and the calendar feed across a citizen's journeys. */
@Module({
  imports: [EngineModule, ExperienceModule],
  providers,
  exports: providers,
})
export class OverviewModule {}
