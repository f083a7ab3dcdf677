import { Injectable } from '@nestjs/common';
import type { Actor } from '../actor';
import { JourneyWriter } from './journey-writer';

export interface StartJourneyCommand {
  citizenId: string;
  type: string;
  answers?: Record<string, unknown>;
  facts?: Record<string, unknown>;
  actor: Actor;
  startedAt?: string;
}

/** Starts a journey in one transaction: row, first history entry, commands. */
@Injectable()
export class StartJourneyUseCase {
  constructor(private readonly writer: JourneyWriter) {}

  async execute(command: StartJourneyCommand): Promise<{ journeyId: string }> {
    const journeyId = await this.writer.repo.transaction((tx) =>
      this.writer.start(tx, {
        citizenId: command.citizenId,
        type: command.type,
        answers: command.answers ?? {},
        facts: command.facts ?? {},
        actor: command.actor,
        startedAt: command.startedAt,
      }),
    );
    return { journeyId };
  }
}
