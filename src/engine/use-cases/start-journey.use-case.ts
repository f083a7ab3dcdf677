import { Injectable } from '@nestjs/common';
import type { Actor } from '../actor';
import type { JourneyChild, JourneyRow } from '../persistence/journey.repository';
import { JourneyWriter, type StartSpec } from './journey-writer';

export interface StartJourneyCommand {
  citizenId: string;
  type: string;
  answers?: Record<string, unknown>;
  facts?: Record<string, unknown>;
  actor: Actor;
  startedAt?: string;
  /** A repeated key of the same citizen returns the journey the first start created. */
  idempotencyKey?: string;
}

/** Starts a journey: row, first history entry, commands, in one statement or one transaction. */
@Injectable()
export class StartJourneyUseCase {
  constructor(private readonly writer: JourneyWriter) {}

  /**
   * The journey's id, and its row as the start wrote it (left out for a repeated key: that journey
   * may have moved on since), so the caller can answer without reading it again.
   */
  async execute(
    command: StartJourneyCommand,
  ): Promise<{ journeyId: string; duplicate?: boolean; journey?: JourneyRow & { children?: JourneyChild[] } }> {
    // Checked and run through its machine once, whichever way it is written; with a key, once the
    // key is known to be new (a repeat answers with the first journey, whatever it would say now).
    const prepared = command.idempotencyKey ? undefined : this.writer.prepareStart(this.spec(command));
    if (prepared) {
      // Most starts are one statement, with no transaction around it (JourneyWriter.startAlone).
      const journey = await this.writer.startAlone(prepared);
      if (journey) return { journeyId: journey.id, journey };
    }
    return this.writer.repo.transaction(async (tx) => {
      if (command.idempotencyKey) {
        // Claiming the key first makes a concurrent retry wait for this transaction, then see its journey.
        const claimed: unknown[] = await tx.query(
          `INSERT INTO start_idempotency (citizen_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key`,
          [command.citizenId, command.idempotencyKey],
        );
        if (claimed.length === 0) {
          const [previous]: ({ journey_id: string | null } | undefined)[] = await tx.query(
            'SELECT journey_id FROM start_idempotency WHERE citizen_id = $1 AND key = $2',
            [command.citizenId, command.idempotencyKey],
          );
          if (previous?.journey_id) return { journeyId: previous.journey_id, duplicate: true };
        }
      }
      const journey = await this.writer.writeStart(tx, prepared ?? this.writer.prepareStart(this.spec(command)));
      if (command.idempotencyKey) {
        await tx.query('UPDATE start_idempotency SET journey_id = $3 WHERE citizen_id = $1 AND key = $2', [
          command.citizenId,
          command.idempotencyKey,
          journey.id,
        ]);
      }
      return { journeyId: journey.id, journey };
    });
  }

  private spec(command: StartJourneyCommand): StartSpec {
    return {
      citizenId: command.citizenId,
      type: command.type,
      answers: command.answers ?? {},
      facts: command.facts ?? {},
      actor: command.actor,
      startedAt: command.startedAt,
    };
  }
}
