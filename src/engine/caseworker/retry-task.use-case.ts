import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../platform/errors/domain-error';
import type { Actor } from '../actor';
import { IntegrationTaskRepository } from '../persistence/integration-task.repository';
import { SendEventUseCase, type SendEventResult } from '../use-cases/send-event.use-case';

/**
 * A caseworker retries a dead-lettered integration task: the journey gets `integration.retry`
 * {step, task} through the same use case as every event, and the machine requests the task anew.
 * The idempotency key is the task id, so a double click retries once.
 */
@Injectable()
export class RetryTaskUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: IntegrationTaskRepository,
    private readonly send: SendEventUseCase,
  ) {}

  async execute(c: { journeyId: string; taskId: string; actor: Actor }): Promise<SendEventResult> {
    const task = await this.tasks.ofJourney(c.taskId, c.journeyId);
    if (!task) throw new DomainError('NOT_FOUND', 'Integration task not found');
    const key = `retry:${c.taskId}`;
    const done: { seq: number }[] = await this.dataSource.query('SELECT seq FROM journey_idempotency WHERE journey_id = $1 AND key = $2', [
      c.journeyId,
      key,
    ]);
    if (task.status !== 'dead' && done.length === 0) {
      throw new DomainError(
        'TASK_NOT_RETRYABLE',
        `The task is ${task.status}; only a task that failed after its last attempt can be retried`,
        { status: task.status },
      );
    }
    return this.send.execute({
      journeyId: c.journeyId,
      type: 'integration.retry',
      // The event policy lets a caseworker retry only a task of their own authority (its system or step).
      data: { step: task.step, task: task.task, system: task.system, requestedAt: new Date().toISOString() },
      idempotencyKey: key,
      actor: c.actor,
      origin: 'engine',
    });
  }
}
