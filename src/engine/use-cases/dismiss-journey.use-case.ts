import { Injectable } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error';
import type { Actor } from '../actor';
import { CommandWriter } from '../persistence/command-writer';
import { JourneyWriter } from './journey-writer';

/** The citizen does not want a journey (typically one a register started): it ends, timers stop. */
@Injectable()
export class DismissJourneyUseCase {
  constructor(
    private readonly writer: JourneyWriter,
    private readonly commands: CommandWriter,
  ) {}

  async execute(journeyId: string, actor: Actor): Promise<void> {
    const repo = this.writer.repo;
    await repo.transaction(async (tx) => {
      const journey = await repo.lock(tx, journeyId);
      if (!journey) throw new DomainError('NOT_FOUND', 'Journey not found');
      if (journey.status !== 'active') throw new DomainError('JOURNEY_NOT_ACTIVE', `The journey is ${journey.status}`);
      await repo.setStatus(tx, journeyId, 'dismissed');
      const seq = journey.version + 1;
      await repo.appendHistory(tx, { journeyId, seq, eventType: 'journey.dismissed', eventData: {}, actor, state: journey.state });
      await this.commands.cancelAllTimers(tx, { journeyId, citizenId: journey.citizen_id, seq });
    });
  }
}
