import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { consentBasisOf, type JourneyCommand, type JourneyDefinition } from '../../../journeys/shared/contract';
import { DefinitionCatalog } from '../definitions/definition-catalog';
import { copenhagenDate, nextDeliveryTime } from '../notifications/quiet-hours';
import { AppConfig } from '../../platform/config/app.config';
import { markOutboxWritten, type OutboxPayload } from '../../platform/queue/outbox';
import { retryPolicy } from '../../platform/queue/retry-policy';
import { AuthorityAwaitWriter } from '../self-service/authority-await.writer';
import type { FoldedCommands, FoldedLetter } from './command-fold';
import type { Sql } from './journey.repository';

export interface CommandContext {
  journeyId: string;
  citizenId: string;
  seq: number;
}

/**
 * Turns a machine's emitted commands into rows written in the same transaction as the transition:
 * integration tasks, timers and notifications are visible the moment the event is committed, and
 * the outbox carries the queue work the relay must do. Timers need no queue work: their rows are
 * claimed by workers when due.
 */
@Injectable()
export class CommandWriter {
  constructor(
    private readonly config: AppConfig,
    private readonly authorityAwait: AuthorityAwaitWriter,
    private readonly catalog: DefinitionCatalog,
  ) {}

  /** Returns `journey.link` commands: starting another journey is the caller's job (it needs the catalogue). */
  async write(tx: Sql, ctx: CommandContext, commands: JourneyCommand[]): Promise<JourneyCommand[]> {
    const deferred: JourneyCommand[] = [];
    for (const command of commands) {
      switch (command.type) {
        case 'integration.request':
          await this.requestIntegration(tx, ctx, command.step, command.task, command.system, command.input);
          break;
        case 'timer.schedule':
          await this.scheduleTimer(tx, ctx, command.key, command.dueAt, command.step ?? null, command.purpose);
          break;
        case 'timer.cancel':
          await this.cancelTimer(tx, ctx, command.key);
          break;
        case 'citizen.notify':
          await this.notify(tx, ctx, command);
          break;
        case 'journey.link':
          deferred.push(command);
          break;
        case 'authority.await':
          for (const payload of await this.authorityAwait.write(tx, ctx.journeyId, command)) await this.outbox(tx, ctx, payload);
          break;
      }
    }
    return deferred;
  }

  /**
   * The in-app row, plus a Digital Post letter through the outbox. One notification per template,
   * step and parameters a Danish day (a re-fired or doubled reminder adds nothing), and the letter
   * waits for daytime (the quiet hours, by default 21:00–07:00).
   */
  private async notify(tx: Sql, ctx: CommandContext, command: Extract<JourneyCommand, { type: 'citizen.notify' }>): Promise<void> {
    const letter = this.letter(ctx.journeyId, command, new Date());
    // The notification and the outbox row that delivers it, in one statement; a duplicate adds neither.
    markOutboxWritten(tx);
    await tx.query(
      `WITH n AS (INSERT INTO notification (id, citizen_id, journey_id, template, step, params, dedup_key, deliver_after)
                  VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
                  ON CONFLICT (journey_id, dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING RETURNING id)
       INSERT INTO outbox (id, journey_id, seq, command_type, payload) SELECT $9, $3, $10, 'queue.add', $11 FROM n`,
      [
        letter.id,
        ctx.citizenId,
        ctx.journeyId,
        letter.template,
        letter.step,
        letter.params,
        letter.dedup_key,
        letter.deliver_after,
        letter.outbox_id,
        ctx.seq,
        letter.payload,
      ],
    );
  }

  /**
   * An integration task, queued through the outbox; or `held` without an outbox row when its step's
   * legal basis is the citizen's consent and no valid consent exists (ConsentService releases it).
   */
  async requestIntegration(
    tx: Sql,
    ctx: CommandContext,
    step: string,
    task: string,
    system: string,
    input: Record<string, unknown>,
  ): Promise<string> {
    const taskId = randomUUID();
    if (await this.awaitsConsent(tx, ctx.journeyId, step, system, task)) {
      await tx.query(`INSERT INTO integration_task (id, journey_id, step, task, system, input, status) VALUES ($1,$2,$3,$4,$5,$6,'held')`, [
        taskId,
        ctx.journeyId,
        step,
        task,
        system,
        input,
      ]);
      return taskId;
    }
    const payload = this.runPayload(ctx.journeyId, taskId, 1, system, task);
    // The task and the outbox row that queues it, in one statement.
    markOutboxWritten(tx);
    await tx.query(
      `WITH task AS (INSERT INTO integration_task (id, journey_id, step, task, system, input, status) VALUES ($1,$2,$3,$4,$5,$6,'queued'))
       INSERT INTO outbox (id, journey_id, seq, command_type, payload) VALUES ($7,$2,$8,'queue.add',$9)`,
      [taskId, ctx.journeyId, step, task, system, input, randomUUID(), ctx.seq, payload],
    );
    return taskId;
  }

  /** The job that runs a task at its generation. */
  runPayload(journeyId: string, taskId: string, generation: number, system: string, task: string): OutboxPayload {
    return {
      op: 'add',
      queue: 'integration',
      name: 'integration.run',
      data: { taskId, journeyId, generation },
      retry: retryPolicy(this.config.engine, system, task),
    };
  }

  /** Whether the step's definition asks for consent before this task runs, and the journey's step has none. */
  private async awaitsConsent(tx: Sql, journeyId: string, step: string, system: string, task: string): Promise<boolean> {
    if (!this.catalog.consentTasks.has(`${system}/${task}`)) return false;
    const rows: { type: string; definition_version: number; consented: boolean }[] = await tx.query(
      `SELECT j.type, j.definition_version,
              EXISTS (SELECT 1 FROM consent c WHERE c.journey_id = j.id AND c.step = $2 AND c.withdrawn_at IS NULL) AS consented
         FROM journey j WHERE j.id = $1`,
      [journeyId, step],
    );
    const journey = rows[0];
    const definition = journey && this.catalog.get(journey.type, journey.definition_version);
    return !!definition && asksConsent(definition, step, system, task) && !journey.consented;
  }

  /**
   * The integration tasks and letters of a transition, as rows the journey's own write statement
   * inserts (JourneyRepository.insertStarted and advance): each task with the outbox row that
   * queues it (the statement holds it for a consent when its step asks for one and has none), each
   * letter with the outbox row that delivers it (a second one with the same key in the transition
   * adds nothing, as it would written one by one). The other commands are left, in their order.
   */
  fold(journeyId: string, def: JourneyDefinition, commands: JourneyCommand[]): FoldedCommands {
    const folded: FoldedCommands = { tasks: [], letters: [], rest: [] };
    const now = new Date();
    for (const c of commands) {
      if (c.type === 'integration.request') {
        const id = randomUUID();
        folded.tasks.push({
          id,
          step: c.step,
          task: c.task,
          system: c.system,
          input: c.input,
          asks_consent: this.catalog.consentTasks.has(`${c.system}/${c.task}`) && asksConsent(def, c.step, c.system, c.task),
          outbox_id: randomUUID(),
          payload: this.runPayload(journeyId, id, 1, c.system, c.task),
        });
      } else if (c.type === 'citizen.notify') {
        const letter = this.letter(journeyId, c, now);
        if (!folded.letters.some((l) => l.dedup_key === letter.dedup_key)) folded.letters.push(letter);
      } else {
        folded.rest.push(c);
      }
    }
    return folded;
  }

  private letter(journeyId: string, command: Extract<JourneyCommand, { type: 'citizen.notify' }>, now: Date): FoldedLetter {
    const deliverAfter = nextDeliveryTime(now, this.config.engine.quietHours);
    const params = command.params ?? {};
    const id = randomUUID();
    return {
      id,
      template: command.template,
      step: command.step ?? null,
      params,
      dedup_key: [command.template, command.step ?? '', stableJson(params), copenhagenDate(now)].join('|'),
      deliver_after: deliverAfter.toISOString(),
      outbox_id: randomUUID(),
      payload: {
        op: 'add',
        queue: 'notifications',
        name: 'notification.deliver',
        data: { notificationId: id, journeyId },
        dueAt: deliverAfter.toISOString(),
      },
    };
  }

  /**
   * (Re)schedules a timer: its row, a new generation when it existed. Nothing is queued: workers
   * claim the rows that fall due (JourneyTimerRepository).
   */
  private async scheduleTimer(
    tx: Sql,
    ctx: CommandContext,
    key: string,
    dueAt: string,
    step: string | null,
    purpose: string,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO journey_timer (journey_id, key, generation, due_at, step, purpose, status)
       VALUES ($1,$2,1,$3,$4,$5,'scheduled')
       ON CONFLICT (journey_id, key) DO UPDATE SET generation = journey_timer.generation + 1, due_at = EXCLUDED.due_at,
         step = EXCLUDED.step, purpose = EXCLUDED.purpose, status = 'scheduled', claimed_until = NULL, attempts = 0,
         last_error = NULL, updated_at = now()`,
      [ctx.journeyId, key, dueAt, step, purpose],
    );
  }

  private async cancelTimer(tx: Sql, ctx: CommandContext, key: string): Promise<void> {
    await this.cancelTimers(tx, ctx, key);
  }

  /** Cancels every scheduled timer of a journey that has ended. */
  async cancelAllTimers(tx: Sql, ctx: CommandContext): Promise<void> {
    await this.cancelTimers(tx, ctx, null);
  }

  /** A cancelled timer is a row marked so: a worker that claimed it already finds it cancelled when it fires (see TimerProcessor). */
  private async cancelTimers(tx: Sql, ctx: CommandContext, key: string | null): Promise<void> {
    await tx.query(
      `UPDATE journey_timer SET status = 'cancelled', claimed_until = NULL, updated_at = now()
        WHERE journey_id = $1 AND ($2::text IS NULL OR key = $2) AND status = 'scheduled'`,
      [ctx.journeyId, key],
    );
  }

  async outbox(tx: Sql, ctx: CommandContext, payload: OutboxPayload, id: string = randomUUID()): Promise<void> {
    markOutboxWritten(tx);
    await tx.query(`INSERT INTO outbox (id, journey_id, seq, command_type, payload) VALUES ($1,$2,$3,$4,$5)`, [
      id,
      ctx.journeyId,
      ctx.seq,
      `queue.${payload.op}`,
      payload,
    ]);
  }
}

/** Whether the step's legal basis is the citizen's consent to exactly this task of this system. */
function asksConsent(def: JourneyDefinition, step: string, system: string, task: string): boolean {
  const basis = consentBasisOf(def, step);
  return !!basis && basis.system === system && basis.task === task;
}

/** Same parameters, same key, whatever the order of their properties. */
function stableJson(value: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]),
  );
}
