import { Injectable } from '@nestjs/common';
import type { JourneyTypeId } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import { CitizenRepository } from '../persistence/citizen.repository';
import { JourneyWriter } from './journey-writer';
import { SendEventUseCase } from './send-event.use-case';

export const REGISTER_EVENT_TYPES = ['birth', 'death', 'birthday-15', 'pension-age-approaching'] as const;
export type RegisterEventType = (typeof REGISTER_EVENT_TYPES)[number];

export interface RegisterPerson {
  /** The person the journey is for (a parent, the next of kin, the young person, the pensioner). */
  cpr: string;
  /** Register facts about this person (marital status, relation, employment…), validated by the journey. */
  facts?: Record<string, unknown>;
}

export interface RegisterEventCommand {
  /** The register's own event id: replaying it starts nothing twice. */
  id: string;
  type: RegisterEventType;
  occurredOn: string;
  persons: RegisterPerson[];
}

export interface RegisterOutcome {
  person: number;
  result: 'started' | 'already-active' | 'rejected';
  journeyId?: string;
  reason?: string;
  /** For an already active journey: whether the register event was delivered to it as an event. */
  delivered?: 'applied' | 'not-applicable';
}

/**
 * Which journey a register event starts, and the fact its date becomes. Data, so a new feed is a
 * line here (the register feed in docs/journeys.md).
 */
const STARTS: Record<
  RegisterEventType,
  { journey: JourneyTypeId; dateFact: string; deliver?: (occurredOn: string) => { type: string; data: Record<string, unknown> } }
> = {
  // A parent who started the journey before the birth hears of the birth through the same feed.
  birth: {
    journey: 'becoming-a-parent',
    dateFact: 'childBirthDate',
    deliver: (birthDate) => ({ type: 'birth.registered', data: { birthDate } }),
  },
  death: { journey: 'losing-a-relative', dateFact: 'dateOfDeath' },
  'birthday-15': { journey: 'digital-citizen', dateFact: 'birthdayDate' },
  'pension-age-approaching': { journey: 'retiring', dateFact: 'pensionAgeDate' },
};

/** The register event that starts a journey type, and the fact its date becomes (none for citizen-only journeys). */
export function registerStartOf(journey: string): { eventType: RegisterEventType; dateFact: string } | undefined {
  const found = (Object.entries(STARTS) as [RegisterEventType, (typeof STARTS)[RegisterEventType]][]).find(
    ([, s]) => s.journey === journey,
  );
  return found && { eventType: found[0], dateFact: found[1].dateFact };
}

/**
 * A trusted register feed starts journeys for the people an event concerns. The event row and the
 * journeys are written in one transaction, keyed by the register's event id.
 */
@Injectable()
export class RegisterEventUseCase {
  constructor(
    private readonly writer: JourneyWriter,
    private readonly citizens: CitizenRepository,
    private readonly sendEvent: SendEventUseCase,
  ) {}

  async execute(command: RegisterEventCommand): Promise<{ replayed: boolean; journeyType: string; outcomes: RegisterOutcome[] }> {
    const start = STARTS[command.type];
    if (!this.writer.catalog.latest(start.journey)) {
      throw new DomainError('UNAVAILABLE', `The ${start.journey} journey is not deployed`);
    }
    const citizenIds = await Promise.all(command.persons.map((p) => this.citizens.idFor(p.cpr)));
    const result = await this.writer.repo.transaction(async (tx) => {
      const claimed: unknown[] = await tx.query(
        `INSERT INTO register_event (id, type, occurred_on, outcome) VALUES ($1, $2, $3, '[]') ON CONFLICT (id) DO NOTHING RETURNING id`,
        [command.id, command.type, command.occurredOn],
      );
      if (claimed.length === 0) {
        const [previous]: { outcome: RegisterOutcome[] }[] = await tx.query('SELECT outcome FROM register_event WHERE id = $1', [
          command.id,
        ]);
        return { replayed: true, journeyType: start.journey, outcomes: previous.outcome };
      }
      const outcomes: RegisterOutcome[] = [];
      for (const [i, person] of command.persons.entries()) {
        await tx.query('SAVEPOINT person');
        try {
          const birthDate = await this.citizens.birthDate(citizenIds[i]);
          const { id: journeyId } = await this.writer.start(tx, {
            citizenId: citizenIds[i],
            type: start.journey,
            answers: {},
            facts: { ...(birthDate ? { birthDate } : {}), ...person.facts, [start.dateFact]: command.occurredOn },
            actor: { kind: 'register', id: `register:${command.id}` },
            startedBy: `register:${command.id}`,
          });
          await tx.query('RELEASE SAVEPOINT person');
          outcomes.push({ person: i, result: 'started', journeyId });
        } catch (e) {
          await tx.query('ROLLBACK TO SAVEPOINT person');
          if (!(e instanceof DomainError)) throw e;
          outcomes.push(
            e.code === 'JOURNEY_ALREADY_ACTIVE'
              ? { person: i, result: 'already-active', journeyId: e.details.journeyId as string }
              : { person: i, result: 'rejected', reason: e.message },
          );
        }
      }
      await tx.query('UPDATE register_event SET outcome = $2 WHERE id = $1', [command.id, JSON.stringify(outcomes)]);
      return { replayed: false, journeyType: start.journey, outcomes };
    });
    if (!result.replayed && start.deliver) {
      for (const outcome of result.outcomes.filter((o) => o.result === 'already-active' && o.journeyId)) {
        const { type, data } = start.deliver(command.occurredOn);
        try {
          await this.sendEvent.execute({
            journeyId: outcome.journeyId!,
            type,
            data,
            idempotencyKey: `register:${command.id}`,
            actor: { kind: 'register', id: `register:${command.id}` },
            origin: 'engine',
          });
          outcome.delivered = 'applied';
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          outcome.delivered = 'not-applicable';
        }
      }
      await this.writer.repo.dataSource.query('UPDATE register_event SET outcome = $2 WHERE id = $1', [
        command.id,
        JSON.stringify(result.outcomes),
      ]);
    }
    return result;
  }
}
