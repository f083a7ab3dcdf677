import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { JourneyCommand, JourneyDefinition } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { AppConfig } from '../../platform/config/app.config';
import type { Actor } from '../actor';
import { DefinitionCatalog, unknownJourneyType } from '../definitions/definition-catalog';
import { declaredFacts } from '../definitions/declared-facts';
import { CommandWriter, type CommandContext } from '../persistence/command-writer';
import { linkedCompletedPayload, waitingFor, type FoldedCommands } from '../persistence/command-fold';
import { JourneyRowCache } from '../persistence/journey-row-cache';
import { JourneyRepository, type JourneyChild, type JourneyRow, type Sql, type SubscriptionRef } from '../persistence/journey.repository';
import { foldTimers, type FoldedTimers } from '../persistence/timer-fold';
import { PostCommitNotifier } from '../../platform/database/post-commit-notifier';
import { OUTBOX_CHANNEL } from '../../platform/queue/outbox';
import { derivedColumns } from '../runtime/journey-facts';
import * as runtime from '../runtime/journey-runtime';

export interface StartSpec {
  citizenId: string;
  type: string;
  answers: Record<string, unknown>;
  facts: Record<string, unknown>;
  actor: Actor;
  /** Time of the start as the machine sees it (defaults to now). */
  startedAt?: string;
  parent?: { journeyId: string; step: string };
  /** `register:<event id>` for proactive starts. */
  startedBy?: string;
}

/** Which journey, if any, waits for this one to finish (from the locked row). */
export type ParentLink = Pick<JourneyRow, 'type' | 'parent_journey_id' | 'linked_step'> & Partial<Pick<JourneyRow, 'waiting_journeys'>>;

export type StepStatuses = Record<string, { status: string } | undefined>;

/** A start checked and run through its machine, not yet written. */
export interface PreparedStart {
  id: string;
  spec: StartSpec;
  def: JourneyDefinition;
  result: runtime.TransitionResult;
  timers: FoldedTimers;
  commands: FoldedCommands;
}

/**
 * Writes a transition: journey row, history row, commands (tasks, timers, notifications, outbox)
 * and linked journeys, all on the caller's transaction.
 */
@Injectable()
export class JourneyWriter {
  constructor(
    readonly catalog: DefinitionCatalog,
    readonly repo: JourneyRepository,
    readonly commands: CommandWriter,
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
    private readonly notifier: PostCommitNotifier,
    private readonly rows: JourneyRowCache,
  ) {}

  definitionFor(type: string, version?: number): JourneyDefinition {
    const def = version === undefined ? this.catalog.latest(type) : this.catalog.get(type, version);
    if (!def) {
      if (version === undefined)
        throw unknownJourneyType(type, this.catalog.types(), { fields: [{ field: 'type', reason: 'is not a known journey type' }] });
      throw new Error(`Definition ${type}@${version} is not loaded`);
    }
    return def;
  }

  /**
   * Starts a journey on `tx` and hands back its row as written, with no linked journeys when the
   * start linked none (`children` left out when it did: the reader reads them).
   */
  async start(tx: Sql, spec: StartSpec): Promise<JourneyRow & { children?: JourneyChild[] }> {
    return this.writeStart(tx, this.prepareStart(spec));
  }

  /**
   * Starts a journey with one statement and no transaction around it, when that statement is all
   * the start writes (journey row, first history entry, timers, integration tasks and letters with
   * their outbox rows): undefined, having written nothing, when the start needs a transaction.
   */
  async startAlone(prepared: PreparedStart): Promise<(JourneyRow & { children?: JourneyChild[] }) | undefined> {
    const { commands } = prepared;
    if (commands.rest.length || prepared.result.status === 'completed' || prepared.spec.parent) return undefined;
    const { row, subscriptions } = await this.writeStarted(this.repo.dataSource, prepared);
    if (commands.tasks.length || commands.letters.length) this.notifier.notify(OUTBOX_CHANNEL, ['']);
    // Committed, and the statement made no task token live: the citizen's first event need not read it.
    const { children, ...remembered } = row;
    this.rows.remember({ row: remembered, hasLiveTokens: false, subscriptions });
    return row;
  }

  /**
   * Validation, the register facts the definition declares, and the machine's start: nothing written
   * yet (`startAlone` or `writeStart` writes it).
   */
  prepareStart(spec: StartSpec): PreparedStart {
    const def = this.definitionFor(spec.type);
    this.catalog.validateStart(def, spec.answers);
    // Data minimisation: a journey receives only the register facts its definition declares.
    const declared = declaredFacts(def);
    spec = { ...spec, facts: Object.fromEntries(Object.entries(spec.facts).filter(([key]) => declared.has(key))) };
    this.catalog.validateFacts(def, spec.facts);
    let result: runtime.TransitionResult;
    try {
      result = runtime.start(def, {
        answers: spec.answers,
        facts: spec.facts,
        startedAt: spec.startedAt ?? new Date().toISOString(),
        reminderDays: this.config.engine.reminderDays,
      });
    } catch (e) {
      // A machine refuses a start whose answers and facts together do not decide its branches;
      // its message names what is missing (never personal data).
      throw new DomainError('VALIDATION_FAILED', `The ${def.id} journey cannot start: ${e instanceof Error ? e.message : String(e)}`, {
        fields: [{ field: 'answers', reason: e instanceof Error ? e.message : 'do not decide the journey' }],
      });
    }
    const id = randomUUID();
    // A new journey has no timer a start could cancel: `timers.cancel` has nothing to do.
    const timers = foldTimers(result.commands);
    return { id, spec, def, result, timers, commands: this.commands.fold(id, def, timers.rest) };
  }

  /** Writes a prepared start on `sql` (a transaction, unless `startAlone` found the one statement is all it writes). */
  async writeStart(sql: Sql, p: PreparedStart): Promise<JourneyRow & { children?: JourneyChild[] }> {
    return (await this.writeStarted(sql, p)).row;
  }

  /** As `writeStart`, with the live webhook subscriptions of the journey's authorities read with the write. */
  private async writeStarted(
    sql: Sql,
    p: PreparedStart,
  ): Promise<{ row: JourneyRow & { children?: JourneyChild[] }; subscriptions: SubscriptionRef[] }> {
    const { id, spec, def, result } = p;
    const written = await this.repo.insertStarted(
      sql,
      {
        id,
        citizenId: spec.citizenId,
        type: def.id,
        definitionVersion: def.version,
        parentJourneyId: spec.parent?.journeyId,
        linkedStep: spec.parent?.step,
        status: result.status,
        state: result.state,
        snapshot: result.snapshot,
        ...derivedColumns(def, result.context),
        startedBy: spec.startedBy,
      },
      { eventType: 'journey.started', eventData: { answers: spec.answers }, actor: spec.actor },
      p.timers.schedule,
      p.commands,
    );
    if (!('row' in written)) {
      const journeyId = written.activeId ?? (await this.repo.findActive(sql, spec.citizenId, def.id))?.id;
      throw new DomainError('JOURNEY_ALREADY_ACTIVE', `An active ${def.id} journey already exists`, { journeyId });
    }
    const link = { type: def.id, parent_journey_id: spec.parent?.journeyId ?? null, linked_step: spec.parent?.step ?? null };
    await this.afterTransition(
      sql,
      { journeyId: id, citizenId: spec.citizenId, seq: 1 },
      { ...result, commands: p.commands.rest },
      spec.actor,
      link,
    );
    this.metrics.transitions.inc({ journey_type: def.id, event_type: 'journey.started' });
    const linked = result.commands.some((c) => c.type === 'journey.link');
    return {
      row: runtime.writtenFrom(linked ? written.row : { ...written.row, children: [] }, result),
      subscriptions: written.subscriptions,
    };
  }

  /** Timers and notifications a snapshot migration asks for, written on the migration's transaction. */
  async runCommands(tx: Sql, ctx: { journeyId: string; citizenId: string; seq: number }, commands: JourneyCommand[]): Promise<void> {
    if (commands.length) await this.commands.write(tx, ctx, commands);
  }

  /**
   * A consent-based fetch that is no longer wanted never starts: the citizen filled in by hand what
   * it would have fetched ("Udfyld selv"), or its step is over (done or skipped without it). Held
   * for a consent, queued or waiting for a retry, it is cancelled (a job already on the queue finds
   * it cancelled and does nothing); one already running cannot be called back. Asked only in the
   * transition that fills in or ends the step: no fetch is written for a step that is over.
   */
  async cancelUnneededFetches(
    tx: Sql,
    journeyId: string,
    def: JourneyDefinition,
    eventType: string,
    steps: { before: StepStatuses; after: StepStatuses },
  ): Promise<void> {
    for (const step of this.unneededFetchSteps(def, eventType, steps)) {
      await tx.query(
        `UPDATE integration_task SET status = 'cancelled', updated_at = now()
          WHERE journey_id = $1 AND step = $2 AND status IN ('held', 'queued', 'failed')`,
        [journeyId, step],
      );
    }
  }

  /** The consent-based steps whose fetches `cancelUnneededFetches` cancels in this transition. */
  unneededFetchSteps(def: JourneyDefinition, eventType: string, steps: { before: StepStatuses; after: StepStatuses }): string[] {
    const over = (s: StepStatuses, id: string) => ['done', 'skipped'].includes(s[id]?.status ?? '');
    return def.steps
      .filter((step) => {
        if (step.legalBasis?.kind !== 'consent') return false;
        const endsNow = over(steps.after, step.id) && !over(steps.before, step.id);
        return step.legalBasis.fillInYourself === eventType || endsNow;
      })
      .map((step) => step.id);
  }

  async afterTransition(
    tx: Sql,
    ctx: { journeyId: string; citizenId: string; seq: number },
    result: runtime.TransitionResult,
    actor: Actor,
    journey: ParentLink,
    written: { timersEnded: boolean; parentTold: boolean } = { timersEnded: false, parentTold: false },
  ): Promise<void> {
    const links = await this.commands.write(tx, ctx, result.commands);
    for (const link of links) await this.startLinked(tx, ctx, link as Extract<JourneyCommand, { type: 'journey.link' }>, actor);
    // Unless the journey's write cancelled its timers already (`endsTimers`, and nothing scheduled one
    // after it), and told the parent already (JourneyRepository.advance).
    if (result.status === 'completed') await this.ended(tx, ctx, journey, written);
  }

  /** A journey has ended: its timers stop, and a parent journey waiting for it hears it. */
  async ended(
    tx: Sql,
    ctx: CommandContext,
    journey: ParentLink,
    written: { timersEnded: boolean; parentTold: boolean } = { timersEnded: false, parentTold: false },
  ): Promise<void> {
    if (!written.timersEnded) await this.commands.cancelAllTimers(tx, ctx);
    if (!written.parentTold) await this.notifyParentOnCompletion(tx, ctx, journey);
  }

  private async startLinked(
    tx: Sql,
    ctx: CommandContext,
    link: Extract<JourneyCommand, { type: 'journey.link' }>,
    actor: Actor,
  ): Promise<void> {
    const existing = await this.repo.findActive(tx, ctx.citizenId, link.journeyType);
    if (existing) {
      // Link the journey the citizen already has instead of starting a second one: as its parent, or,
      // when another journey is its parent, as one more journey waiting for it. The row lock the
      // UPDATE takes makes the ending write wait for it and read it (or makes this wait for the ending).
      const waiting = { journeyId: ctx.journeyId, step: link.step };
      // An UPDATE … RETURNING answers [rows, count].
      const [[linked]]: [{ status: string; type: string; version: number }[], number] = await tx.query(
        `UPDATE journey SET parent_journey_id = COALESCE(parent_journey_id, $2),
                            linked_step = CASE WHEN parent_journey_id IS NULL THEN $3 ELSE linked_step END,
                            waiting_journeys = CASE WHEN parent_journey_id IS NULL THEN waiting_journeys
                                                    ELSE COALESCE(waiting_journeys, '[]') || $4::jsonb END
          WHERE id = $1 AND status IN ('active', 'completed')
            AND parent_journey_id IS DISTINCT FROM $2 AND NOT COALESCE(waiting_journeys, '[]') @> $4::jsonb
        RETURNING status, type, version`,
        [existing.id, ctx.journeyId, link.step, JSON.stringify([waiting])],
      );
      // It ended after it was read: its ending did not see this journey, so this journey hears it now
      // (filed under the ending, as the ending's own statement would have).
      if (linked?.status === 'completed') {
        await this.commands.outbox(
          tx,
          { journeyId: existing.id, citizenId: ctx.citizenId, seq: linked.version },
          linkedCompletedPayload({ id: existing.id, type: linked.type }, waiting),
        );
      }
      // Linked, or linked already; one dismissed or broken meanwhile is not waited for: a new one starts.
      if (linked) return;
      const now = await this.repo.find(tx, existing.id);
      if (now && (now.status === 'active' || now.status === 'completed')) return;
    }
    await this.start(tx, {
      citizenId: ctx.citizenId,
      type: link.journeyType,
      answers: link.answers ?? {},
      facts: {},
      actor,
      parent: { journeyId: ctx.journeyId, step: link.step },
    });
  }

  /** A linked journey finished: the parent hears it through a queued event (its own transaction). */
  private async notifyParentOnCompletion(
    tx: Sql,
    ctx: { journeyId: string; citizenId: string; seq: number },
    row: ParentLink,
  ): Promise<void> {
    for (const waiting of waitingFor(row))
      await this.commands.outbox(tx, ctx, linkedCompletedPayload({ id: ctx.journeyId, type: row.type }, waiting));
  }
}
