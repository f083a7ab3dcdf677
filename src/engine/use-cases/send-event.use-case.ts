import { Injectable, Logger } from '@nestjs/common';
import type { JourneyDefinition, JourneyEvent, StepState } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { authorizeEvent, isEngineEvent, type EventOrigin } from '../access/event-policy';
import type { Actor } from '../actor';
import { JOURNEY_CHANGED_CHANNEL } from '../../platform/database/journey-changes';
import { PostCommitNotifier } from '../../platform/database/post-commit-notifier';
import { OUTBOX_CHANNEL } from '../../platform/queue/outbox';
import { mayHaveToldParent, type FoldedCommands } from '../persistence/command-fold';
import { JourneyRowCache, type RememberedJourney } from '../persistence/journey-row-cache';
import type { Advance, HistoryRow, JourneyChild, JourneyRow, LockedJourney, Sql, SubscriptionRef } from '../persistence/journey.repository';
import { endsTimers, foldTimers, type FoldedTimers } from '../persistence/timer-fold';
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
  /** An integration task the event's write marks completed, only when the event is applied. */
  completesTask?: string;
  /**
   * Whether the outcome's row carries the journeys it links (`children`), which a view of it shows.
   * `executeAndRead` reads them unless told not to; `execute`, whose answer has no view, never does.
   */
  withLinks?: boolean;
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
 * Applies one event: ask the event policy whether the actor may send it (access/event-policy.ts),
 * restore the snapshot with the definition version the journey started on, refuse what the state
 * does not accept, transition, and write snapshot, history, commands, outbox rows and the
 * idempotency key together.
 *
 * An event first reads the journey without locking it, and runs policy, validation and machine
 * outside any transaction. When the transition writes nothing but what the journey's own write
 * statement carries (journey row, history, key, task tokens, timers, integration tasks and letters
 * with their outbox rows, and, for an ending, the parent journey's event), that statement is the whole
 * write, with no transaction around it: its version check is the lock. Otherwise the write is one
 * transaction that starts with that statement (the row lock is taken by it), so nobody holds the
 * lock while validating, running the machine or waiting for a core. A read that went stale (another
 * transaction wrote first) has written nothing; the event is tried once more the same way (the other
 * writer has usually committed by then, and a locked read costs a transaction of four round trips),
 * and, stale again, applied on a locked read, in one transaction, which cannot go stale: nothing is
 * applied twice. An unlocked read answers as the journey was before a transaction still under way,
 * as if the event had come a moment earlier.
 * Events with an `inTransaction` step (a task token consumed) lock first, so rows are always locked
 * journey row first.
 */
@Injectable()
export class SendEventUseCase {
  private readonly logger = new Logger(SendEventUseCase.name);

  constructor(
    private readonly writer: JourneyWriter,
    private readonly metrics: MetricsService,
    private readonly stepChanges: StepChangeHook,
    private readonly notifier: PostCommitNotifier,
    private readonly rows: JourneyRowCache,
  ) {}

  async execute(command: SendEventCommand): Promise<SendEventResult> {
    return (await this.executeAndRead({ ...command, withLinks: false })).result;
  }

  /** As `execute`, and hands back the written row so the caller can answer without reading it again. */
  async executeAndRead(command: SendEventCommand): Promise<SendEventOutcome> {
    if (!command.inTransaction) {
      // A background event (a worker's) seldom follows a write of the same process: it reads.
      const remembered = command.background ? undefined : this.rows.take(command.journeyId);
      if (remembered) {
        try {
          const outcome = this.committed(await this.optimistic(command, remembered));
          this.metrics.rememberedRows.inc({ outcome: 'written' });
          return outcome;
        } catch (e) {
          const outcome =
            e instanceof StaleRead ? 'changed' : e instanceof DomainError ? 'refused' : isUniqueViolation(e) ? 'key-used' : undefined;
          if (!outcome) throw e;
          // Written nothing: prepared again from a read, and judged on it.
          this.metrics.rememberedRows.inc({ outcome });
        }
      }
      for (let attempt = 1; attempt <= OPTIMISTIC_ATTEMPTS; attempt++) {
        try {
          return this.committed(await this.optimistic(command));
        } catch (e) {
          if (!(e instanceof StaleRead)) throw e;
          if (e.brokenSnapshot) break;
          this.metrics.staleReads.inc();
        }
      }
    }
    return this.committed(await this.locked(command));
  }

  /** The outcome of a committed event, its row remembered for the next event (JourneyRowCache). */
  private committed({ remember, ...outcome }: Applied): SendEventOutcome {
    if (remember) this.rows.remember(remember);
    return outcome;
  }

  private keyOf(command: SendEventCommand): string | undefined {
    return command.clientKey !== undefined ? clientKeyOf(command.actor, command.clientKey) : command.idempotencyKey;
  }

  /**
   * Read without the lock (or take the row this process remembered), then one statement, or one
   * transaction that starts with the journey's write.
   */
  private async optimistic(command: SendEventCommand, remembered?: RememberedJourney): Promise<Applied> {
    const repo = this.writer.repo;
    const journey: LockedJourney | undefined = remembered
      ? { ...remembered.row, applied_seq: null, has_live_tokens: remembered.hasLiveTokens, subscriptions: remembered.subscriptions }
      : await repo.read(repo.dataSource, command.journeyId, this.keyOf(command));
    const prepared = await this.prepare(repo.dataSource, command, journey);
    // A snapshot the machine cannot restore or run is judged on a locked read: this one may be stale.
    if (prepared.kind === 'broken') throw new StaleRead(true);
    if (prepared.kind === 'duplicate') return prepared.outcome;
    const advance = this.advanceOf(command, prepared, remembered);
    if (this.writesAlone(command.type, prepared)) {
      const written = await repo.advance(repo.dataSource, advance);
      if (!written) throw new StaleRead();
      // What a commit would have sent (PostCommitNotifier), in one statement: the journey changed, and work was queued.
      const { tasks, letters } = prepared.commands;
      const asks: [string, string[]][] = [[JOURNEY_CHANGED_CHANNEL, [written.id]]];
      if (tasks.length || letters.length || mayHaveToldParent(written)) asks.push([OUTBOX_CHANNEL, ['']]);
      this.notifier.notifyAll(asks);
      // Nothing but this statement was written: no task token became live in it.
      return this.applied(command, prepared, written, prepared.journey.has_live_tokens);
    }
    return repo.transaction((tx) => this.write(tx, command, prepared, advance, 'optimistic'));
  }

  /** Lock, check and write in one transaction. */
  private async locked(command: SendEventCommand): Promise<Applied> {
    const repo = this.writer.repo;
    let broken: string | undefined;
    const outcome = await repo.transaction(async (tx) => {
      const prepared = await this.prepare(tx, command, await repo.lock(tx, command.journeyId, this.keyOf(command)));
      if (prepared.kind === 'broken') {
        broken = prepared.reason;
        return undefined;
      }
      if (prepared.kind === 'duplicate') return prepared.outcome;
      // Before the write, so the task token it consumes is not closed as one the step no longer needs.
      await command.inTransaction?.(tx);
      return this.write(tx, command, prepared, this.advanceOf(command, prepared), 'locked');
    });
    // Outside the failed transaction, so the mark sticks.
    return broken !== undefined ? this.markBroken(command, broken) : outcome!;
  }

  /** Policy, state, validation and the machine: everything before the write, which reads at most a history entry. */
  private async prepare(
    sql: Sql,
    command: SendEventCommand,
    journey: LockedJourney | undefined,
  ): Promise<Prepared | { kind: 'duplicate'; outcome: SendEventOutcome } | { kind: 'broken'; reason: string }> {
    if (!journey) throw new DomainError('NOT_FOUND', 'Journey not found');
    const def = this.writer.definitionFor(journey.type, journey.definition_version);
    // Before anything else, so a refused actor learns nothing of keys or state, and nothing is written.
    authorizeEvent(def, journey, command.actor, command.type, command.data, command.origin);
    if (journey.applied_seq !== null) {
      const seq = journey.applied_seq;
      const entry = (await this.writer.repo.historyEntry(sql, journey.id, seq)) as HistoryRow;
      return { kind: 'duplicate', outcome: { result: { journeyId: journey.id, seq, state: entry.state, duplicate: true } } };
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
      if (e instanceof runtime.BrokenSnapshotError) return { kind: 'broken', reason: e.message };
      throw e;
    }
    const before = (journey.snapshot as runtime.PersistedSnapshot).context?.steps ?? {};
    const after = result.context.steps ?? {};
    const changed = changedSteps(def, before, after);
    // The transition's timers are (re)scheduled and cancelled by the write itself where it can (timer-fold.ts).
    const timers = foldTimers(result.commands);
    const commands = this.writer.commands.fold(journey.id, def, timers.rest);
    return { kind: 'transition', journey, def, result, before, after, changed, timers, commands };
  }

  /** Whether the journey's write statement is all the transition writes: no command or hook writes more. */
  private writesAlone(eventType: string, p: Prepared): boolean {
    return (
      p.commands.rest.length === 0 &&
      // An ending cancels every timer in the statement unless it schedules one (and tells the parent there).
      (p.result.status !== 'completed' || p.timers.schedule.length === 0) &&
      this.writer.unneededFetchSteps(p.def, eventType, p).length === 0 &&
      !this.stepChanges.announces(p.def, p.changed, p.after, p.journey.subscriptions)
    );
  }

  /** The journey's write; on a remembered row, one that checks what the row was prepared with is still so. */
  private advanceOf(command: SendEventCommand, p: Prepared, remembered?: RememberedJourney): Advance {
    return {
      id: p.journey.id,
      expectedVersion: p.journey.version,
      write: { status: p.result.status, state: p.result.state, snapshot: p.result.snapshot, ...derivedColumns(p.def, p.result.context) },
      eventType: command.type,
      eventData: command.data ?? {},
      actor: command.actor,
      idempotencyKey: this.keyOf(command),
      settledSteps: settledSteps(p.changed, p.after),
      liveTokens: p.journey.has_live_tokens,
      cancelledTimers: p.timers.cancel,
      scheduledTimers: p.timers.schedule,
      completesTask: command.completesTask,
      withChildren: command.withLinks ?? true,
      commands: p.commands,
      knownSubscriptions: remembered?.subscriptions,
      withSubscriptions: !command.background,
    };
  }

  /** The transition on `tx`: the journey's write first (it takes the row lock), then commands and hooks. */
  private async write(tx: Sql, command: SendEventCommand, p: Prepared, advance: Advance, mode: 'optimistic' | 'locked'): Promise<Applied> {
    const written = await this.writer.repo.advance(tx, advance);
    if (!written) {
      // Another transaction wrote the journey after this one read it: roll back and apply again.
      if (mode === 'optimistic') throw new StaleRead();
      throw new DomainError('CONCURRENT_UPDATE', 'The journey changed meanwhile; try again');
    }
    const ctx = { journeyId: p.journey.id, citizenId: p.journey.citizen_id, seq: written.version };
    // The written row, not the read one: a parent journey linked to this one meanwhile is on it (the write waited for that link).
    const timersEnded = endsTimers(advance) && !p.commands.rest.some((c) => c.type === 'timer.schedule');
    await this.writer.afterTransition(tx, ctx, { ...p.result, commands: p.commands.rest }, command.actor, written, {
      timersEnded,
      parentTold: true,
    });
    await this.writer.cancelUnneededFetches(tx, p.journey.id, p.def, command.type, p);
    await this.stepChanges.afterTransition(tx, ctx, p.def, p.changed, p.after, p.journey.subscriptions);
    // The transaction's other statements may have made a task token live.
    return this.applied(command, p, written, true);
  }

  /**
   * The outcome of a written event, and what to remember of its row once it is committed (`committed`):
   * a row from a transaction that then failed to commit must not be taken for the journey's.
   */
  private applied(
    command: SendEventCommand,
    p: Prepared,
    written: JourneyRow & { children?: JourneyChild[]; subscriptions?: SubscriptionRef[] },
    hasLiveTokens: boolean,
  ): Applied {
    this.metrics.transitions.inc({ journey_type: p.def.id, event_type: command.type });
    // Children read with the write are those from before it; a journey linked just now is read again by the view.
    const { children, subscriptions, ...row } = written;
    const remember = subscriptions ? { row, hasLiveTokens, subscriptions } : undefined;
    const linked = p.result.commands.some((c) => c.type === 'journey.link');
    return {
      result: { journeyId: p.journey.id, seq: written.version, state: p.result.state, duplicate: false },
      journey: runtime.writtenFrom(linked || !children ? row : { ...row, children }, p.result),
      remember,
    };
  }

  /** A snapshot that no longer fits its machine: the journey is marked broken in a transaction of its own; the process keeps serving. */
  private async markBroken(command: SendEventCommand, reason: string): Promise<never> {
    const repo = this.writer.repo;
    await repo.transaction((tx) => repo.markBroken(tx, command.journeyId, reason));
    this.logger.warn({ journeyId: command.journeyId, reason }, 'journey marked broken');
    throw new DomainError('JOURNEY_BROKEN', 'The journey needs a caseworker before it can continue', { reason });
  }
}

/** A written event's outcome, with its row to remember once it is committed. */
type Applied = SendEventOutcome & { remember?: RememberedJourney };

/** An event checked and run through its machine, not yet written. */
interface Prepared {
  kind: 'transition';
  journey: LockedJourney;
  def: JourneyDefinition;
  result: runtime.TransitionResult;
  before: Record<string, StepState>;
  after: Record<string, StepState>;
  changed: JourneyDefinition['steps'];
  timers: FoldedTimers;
  commands: FoldedCommands;
}

/** The optimistic attempt read a version another transaction has since replaced. */
class StaleRead extends Error {
  /** The read's snapshot would not restore or run: judged on a locked read at once, not read again. */
  constructor(readonly brokenSnapshot = false) {
    super('stale read');
  }
}

/** Whether `e` is PostgreSQL's unique violation (an idempotency key a remembered row did not know was used). */
function isUniqueViolation(e: unknown): boolean {
  return (e as { driverError?: { code?: string } } | null)?.driverError?.code === '23505';
}

/** Unlocked attempts at an event before it is applied on a locked read. */
const OPTIMISTIC_ATTEMPTS = 2;
