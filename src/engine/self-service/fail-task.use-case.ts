import { Injectable } from '@nestjs/common';
import { markJourneyChanged } from '../../platform/database/journey-changes';
import { DomainError } from '../../platform/errors/domain-error';
import { JourneyRepository } from '../persistence/journey.repository';
import { SendEventUseCase } from '../use-cases/send-event.use-case';
import type { TaskOutcome } from './complete-task.use-case';
import { SystemAccessLog } from './system-access-log';
import { systemActor, type CallAudit, type SystemCaller } from './system-caller';
import { TaskTokenRepository, type TaskTokenRow } from './task-token.repository';

export interface FailTaskCommand {
  token: string;
  /** Shown to caseworkers (and in the citizen's history): plain words, no personal data beyond the case. */
  reason: string;
  caller: SystemCaller;
  audit?: CallAudit;
}

/**
 * A self-service solution cannot complete its step. With a `fail` event the journey decides what
 * happens (the event goes through SendEventUseCase with `{ reason }`); without one the failure is
 * recorded on the journey (history `authority.failed`) and the journey is flagged for caseworkers
 * (`has_failed_step`) until the step moves on.
 */
@Injectable()
export class FailTaskUseCase {
  constructor(
    private readonly tokens: TaskTokenRepository,
    private readonly sendEvent: SendEventUseCase,
    private readonly journeys: JourneyRepository,
    private readonly accessLog: SystemAccessLog,
  ) {}

  async execute(command: FailTaskCommand): Promise<TaskOutcome & { flagged: boolean }> {
    const task = await this.tokens.usable(command.token, command.caller, command.audit);
    const outcome = task.fail_event
      ? { ...(await this.sendFail(task, command)), flagged: false }
      : { ...(await this.flag(task, command)), flagged: true };
    await this.accessLog.record(command.caller, { id: task.journey_id, citizenId: task.citizen_id }, `event:${outcome.event}`);
    return outcome;
  }

  private async sendFail(task: TaskTokenRow, command: FailTaskCommand): Promise<TaskOutcome> {
    const event = task.fail_event!;
    const result = await this.sendEvent.execute({
      journeyId: task.journey_id,
      type: event,
      data: { reason: command.reason },
      idempotencyKey: `task-token:${task.id}:fail`,
      actor: systemActor(command.caller),
      origin: 'engine',
      inTransaction: (tx) => this.tokens.consume(tx, task, 'failed', command.caller, command.reason),
    });
    if (result.duplicate)
      throw new DomainError('TASK_TOKEN_USED', 'This task token has already been used; a token completes or fails its step once');
    return { journeyId: task.journey_id, step: task.step, event, seq: result.seq };
  }

  private async flag(task: TaskTokenRow, command: FailTaskCommand): Promise<TaskOutcome> {
    return this.journeys.transaction(async (tx) => {
      const journey = await this.journeys.lock(tx, task.journey_id);
      if (!journey) throw new DomainError('NOT_FOUND', 'Journey not found');
      if (journey.status !== 'active') throw new DomainError('JOURNEY_NOT_ACTIVE', `The journey is ${journey.status}`);
      await this.tokens.consume(tx, task, 'failed', command.caller, command.reason, false);
      const seq = journey.version + 1;
      await tx.query(`UPDATE journey SET version = version + 1, has_failed_step = true, updated_at = now() WHERE id = $1`, [journey.id]);
      markJourneyChanged(tx, journey.id);
      await this.journeys.appendHistory(tx, {
        journeyId: journey.id,
        seq,
        eventType: 'authority.failed',
        eventData: { step: task.step, reason: command.reason },
        actor: systemActor(command.caller),
        state: journey.state,
      });
      return { journeyId: journey.id, step: task.step, event: 'authority.failed', seq };
    });
  }
}
