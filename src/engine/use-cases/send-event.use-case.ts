import { Injectable, Logger } from '@nestjs/common';
import type { JourneyEvent } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { authorizeEvent, isEngineEvent, type EventOrigin } from '../access/event-policy';
import type { Actor } from '../actor';
import type { HistoryRow, JourneyChild, JourneyRow, Sql } from '../persistence/journey.repository';
import { foldTimers } from '../persistence/timer-fold';
import { derivedColumns } from '../runtime/journey-facts';
import * as runtime from '../runtime/journey-runtime';
import { changedSteps, settledSteps, StepChangeHook } from '../self-service/step-change.hook';
import { JourneyWriter } from './journey-writer';

export interface SendEventCommand {
  journeyId: string;
  type: string;
  data?: Record<string, unknown>;
  /**
   * A key the engine chose (a worker's job, a task token, a retry): a repeated key returns the
   * first result and applies nothing.
   */
  idempotencyKey?: string;
  /**
   * A key a client chose, with the same effect for that client. Client keys live in a namespace of
   * their own, one per sender (`clientKeyOf`), so a client can neither use up a key the engine will
   * use later (`retry:…`, `linked:…`) nor another sender's: a citizen's key cannot turn an
   * authority's decision that happens to carry the same key into a "duplicate" that applies nothing.
   */
  clientKey?: string;
  actor: Actor;
  /**
   * Who chose the event's type and data: a client's request, or the engine's own code (workers,
   * task tokens, retries, register deliveries). Engine events need `engine`. Required, so no path
   * that applies events can forget to say.
   */
  origin: EventOrigin;
  /**
   * Runs on the event's transaction once the event is accepted, before it is written (e.g. consuming a task token);
   * throwing rolls the event back.
   */
  inTransaction?: (tx: Sql) => Promise<void>;
  /**
   * Nobody waits for this event's answer (a worker applying an authority's result or a timer): it
   * reads the journey without locking it and takes the lock only with its write, so a citizen's
   * event on the same journey waits less; if the journey changed meanwhile it goes again, locked.
   */
  background?: boolean;
  /**
   * Runs on the event's transaction right after the journey row is written (so the journey row is
   * always locked first), only when the event is applied; it commits or rolls back with the event.
   */
  afterWrite?: (tx: Sql) => Promise<void>;
}

export interface SendEventResult {
  journeyId: string;
  seq: number;
  state: string;
  /** True when the idempotency key had been used: nothing was applied this time. */
  duplicate: boolean;
}

/**
 * The result, and the journey row as the event's transaction wrote it (absent for a duplicate). Not for answers as it
 * is: the row holds the whole snapshot.
 */
export interface SendEventOutcome {
  result: SendEventResult;
  journey?: JourneyRow & { children?: JourneyChild[] };
}

/**
 * Where a client-chosen idempotency key is stored: `client:<kind>:<authority>:<sender id>:<key>`.
 * No engine key starts with `client:`.
 */
export function clientKeyOf(actor: Actor, key: string): string {
  return `client:${actor.kind}:${actor.authority ?? ''}:${actor.id}:${key}`;
}

/**
 * Applies one event in one transaction: lock the journey, ask the event policy whether the actor
 * may send this event (access/event-policy.ts), restore its snapshot with the definition version it
 * started on, refuse what the state does not accept, transition, and write snapshot,
 * history, commands, outbox rows and the idempotency key together.
 *
 * A background event (a worker's: nobody waits for its answer) first reads the journey without
 * locking it: the row lock is taken by the write of the journey row (its version check finds out
 * whether another transaction wrote first), so the worker does not hold it while it validates, runs
 * the machine or waits for a core, and a citizen's event on the same journey does not wait for all
 * that. A stale read rolls the attempt back before it has written anything and the event is applied
 * again on a locked read, which cannot go stale: nothing is applied twice.
 */
@Injectable()
export class SendEventUseCase {
  private readonly logger = new Logger(SendEventUseCase.name);

  constructor(
    private readonly writer: JourneyWriter,
    private readonly metrics: MetricsService,
    private readonly stepChanges: StepChangeHook,
  ) {}

  async execute(command: SendEventCommand): Promise<SendEventResult> {
    return (await this.executeAndRead(command)).result;
  }

  /** As `execute`, and hands back the written row so the caller can answer without reading it again. */
  async executeAndRead(command: SendEventCommand): Promise<SendEventOutcome> {
    // An `inTransaction` step (a task token consumed) locks a row of its own before the journey's
    // write; such events lock the journey first, so rows are always locked journey row first.
    if (command.background && !command.inTransaction) {
      try {
        return await this.attempt(command, 'optimistic');
      } catch (e) {
        if (!(e instanceof StaleRead)) throw e;
        this.metrics.staleReads.inc();
      }
    }
    return this.attempt(command, 'locked');
  }

  private async attempt(command: SendEventCommand, mode: 'optimistic' | 'locked'): Promise<SendEventOutcome> {
    const repo = this.writer.repo;
    const key = command.clientKey !== undefined ? clientKeyOf(command.actor, command.clientKey) : command.idempotencyKey;
    let brokenReason: string | undefined;
    const outcome = await repo.transaction(async (tx) => {
      const journey = mode === 'locked' ? await repo.lock(tx, command.journeyId, key) : await repo.read(tx, command.journeyId, key);
      if (!journey) throw new DomainError('NOT_FOUND', 'Journey not found');
      const def = this.writer.definitionFor(journey.type, journey.definition_version);
      // Before anything else, so a refused actor learns nothing of keys or state, and nothing is written.
      authorizeEvent(def, journey, command.actor, command.type, command.data, command.origin);
      if (journey.applied_seq !== null) {
        const seq = journey.applied_seq;
        const entry = (await repo.historyEntry(tx, journey.id, seq)) as HistoryRow;
        return { result: { journeyId: journey.id, seq, state: entry.state, duplicate: true } };
      }
      if (journey.status === 'broken')
        throw new DomainError('JOURNEY_BROKEN', 'The journey needs a caseworker before it can continue', { reason: journey.broken_reason });
      if (journey.status !== 'active') throw new DomainError('JOURNEY_NOT_ACTIVE', `The journey is ${journey.status}`);

      if (!isEngineEvent(command.type)) {
        if (!def.events[command.type]) {
          throw new DomainError('EVENT_NOT_ALLOWED', `Event "${command.type.slice(0, 80)}" is not part of the ${def.id} journey`, {
            event: command.type.slice(0, 80),
            state: journey.state,
          });
        }
        this.writer.catalog.validateEventData(def, command.type, command.data ?? {});
      }
      const event: JourneyEvent = { ...(command.data ?? {}), type: command.type };

      let result: runtime.TransitionResult;
      try {
        result = runtime.apply(def, journey.snapshot as runtime.PersistedSnapshot, event);
      } catch (e) {
        if (e instanceof runtime.EventNotAcceptedError) {
          throw new DomainError('EVENT_NOT_ALLOWED', e.message, { event: e.eventType, state: e.state });
        }
        if (e instanceof runtime.BrokenSnapshotError) {
          brokenReason = e.message;
          return undefined;
        }
        throw e;
      }

      // Before the write, so the task token it consumes is not closed as one the step no longer needs.
      await command.inTransaction?.(tx);
      const before = (journey.snapshot as runtime.PersistedSnapshot).context?.steps ?? {};
      const after = result.context.steps ?? {};
      const changed = changedSteps(def, before, after);
      // The transition's timers are (re)scheduled and cancelled by the write itself where it can (timer-fold.ts).
      const timers = foldTimers(result.commands);
      const written = await repo.advance(tx, {
        id: journey.id,
        expectedVersion: journey.version,
        write: { status: result.status, state: result.state, snapshot: result.snapshot, ...derivedColumns(def, result.context) },
        eventType: command.type,
        eventData: command.data ?? {},
        actor: command.actor,
        idempotencyKey: key,
        settledSteps: settledSteps(changed, after),
        cancelledTimers: timers.cancel,
        scheduledTimers: timers.schedule,
      });
      if (!written) {
        // Another transaction wrote the journey after this one read it: roll back and apply again.
        if (mode === 'optimistic') throw new StaleRead();
        throw new DomainError('CONCURRENT_UPDATE', 'The journey changed meanwhile; try again');
      }
      await command.afterWrite?.(tx);
      const seq = written.version;
      const ctx = { journeyId: journey.id, citizenId: journey.citizen_id, seq };
      await this.writer.afterTransition(tx, ctx, { ...result, commands: timers.rest }, command.actor, journey);
      await this.writer.cancelUnneededFetches(tx, journey.id, def, command.type, { before, after });
      await this.stepChanges.afterTransition(tx, ctx, def, changed, after, journey.subscriptions);
      this.metrics.transitions.inc({ journey_type: def.id, event_type: command.type });
      // Children read with the write are those from before it; a journey linked just now is read again by the view.
      const { children, ...row } = written;
      const linked = result.commands.some((c) => c.type === 'journey.link');
      return {
        result: { journeyId: journey.id, seq, state: result.state, duplicate: false },
        journey: linked ? row : { ...row, children },
      };
    });

    if (brokenReason !== undefined) {
      // Outside the failed transaction, so the mark sticks; the process keeps serving.
      await repo.transaction((tx) => repo.markBroken(tx, command.journeyId, brokenReason!));
      this.logger.warn({ journeyId: command.journeyId, reason: brokenReason }, 'journey marked broken');
      throw new DomainError('JOURNEY_BROKEN', 'The journey needs a caseworker before it can continue', { reason: brokenReason });
    }
    return outcome!;
  }
}

/** The optimistic attempt read a version another transaction has since replaced. */
class StaleRead extends Error {}
