import { Injectable } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error';
import { SendEventUseCase } from '../use-cases/send-event.use-case';
import { SystemAccessLog } from './system-access-log';
import { systemActor, type CallAudit, type SystemCaller } from './system-caller';
import { TaskTokenRepository } from './task-token.repository';

export interface CompleteTaskCommand {
  token: string;
  data: Record<string, unknown>;
  caller: SystemCaller;
  audit?: CallAudit;
}

export interface TaskOutcome {
  journeyId: string;
  step: string;
  /** The journey event that was applied, or `authority.failed` when the step was flagged for caseworkers. */
  event: string;
  seq: number;
}

/**
 * A self-service solution completes the step its token was minted for: the step's `complete` event
 * goes through SendEventUseCase (schema validation, EVENT_NOT_ALLOWED) and the token is consumed on
 * the same transaction, so the event is applied once and a second use is refused.
 */
@Injectable()
export class CompleteTaskUseCase {
  constructor(
    private readonly tokens: TaskTokenRepository,
    private readonly sendEvent: SendEventUseCase,
    private readonly accessLog: SystemAccessLog,
  ) {}

  async execute(command: CompleteTaskCommand): Promise<TaskOutcome> {
    const task = await this.tokens.usable(command.token, command.caller, command.audit);
    const result = await this.sendEvent.execute({
      journeyId: task.journey_id,
      type: task.complete_event,
      data: command.data,
      idempotencyKey: `task-token:${task.id}:complete`,
      actor: systemActor(command.caller),
      // The token chose the event; the event policy still checks that it decides a step of the caller's authority.
      origin: 'engine',
      inTransaction: (tx) => this.tokens.consume(tx, task, 'completed', command.caller),
    });
    // A concurrent use applied the event first; this one changed nothing.
    if (result.duplicate)
      throw new DomainError('TASK_TOKEN_USED', 'This task token has already been used; a token completes or fails its step once');
    await this.accessLog.record(command.caller, { id: task.journey_id, citizenId: task.citizen_id }, `event:${task.complete_event}`);
    return { journeyId: task.journey_id, step: task.step, event: task.complete_event, seq: result.seq };
  }
}
