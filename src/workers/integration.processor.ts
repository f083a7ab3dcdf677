import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { AuthorityError, AuthorityGateway } from '../authorities/ports/authority-gateway.port';
import { IntegrationTaskRepository, type IntegrationTaskRow } from '../engine/persistence/integration-task.repository';
import { SendEventUseCase } from '../engine/use-cases/send-event.use-case';
import { DomainError } from '../platform/errors/domain-error';
import { JobRegistry } from '../platform/queue/job-registry';
import type { IntegrationJobData } from '../platform/queue/queue-names';

/** An open circuit may postpone a job without spending attempts, but not forever. */
const MAX_POSTPONES_PER_ATTEMPT = 4;

/**
 * Runs one integration task against the authority port and sends the outcome back to the journey.
 * The task id is the idempotency key towards the authority on every attempt; the events back carry
 * their own idempotency keys, so a job that runs twice applies its result once.
 */
@Injectable()
export class IntegrationProcessor {
  private readonly logger = new Logger(IntegrationProcessor.name);

  constructor(
    registry: JobRegistry,
    private readonly tasks: IntegrationTaskRepository,
    private readonly gateway: AuthorityGateway,
    private readonly sendEvent: SendEventUseCase,
  ) {
    registry.register('integration.run', (job, token) => this.handle(job as Job<IntegrationJobData>, token));
  }

  async handle(job: Job<IntegrationJobData>, token?: string): Promise<string> {
    const { taskId, generation } = job.data;
    const task = await this.tasks.claimForRun(taskId, generation);
    if (!task) return 'skipped';

    let output: Record<string, unknown>;
    try {
      ({ output } = await this.gateway.execute({
        system: task.system,
        task: task.task,
        input: task.input,
        idempotencyKey: task.id,
        journeyId: task.journey_id,
        step: task.step,
        subject: { cpr: task.cpr },
      }));
    } catch (e) {
      const error = e instanceof AuthorityError ? e : new AuthorityError('ADAPTER_ERROR', true, (e as Error).message);
      await this.tasks.markFailed(taskId, `${error.code}: ${error.message}`);
      const maxAttempts = job.opts.attempts ?? 1;
      if (error.retryable && error.retryAfterMs && token && task.attempts < maxAttempts * MAX_POSTPONES_PER_ATTEMPT) {
        // An open circuit: wait without spending an attempt.
        await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
        throw new DelayedError();
      }
      const lastAttempt = job.attemptsMade + 1 >= maxAttempts;
      if (error.retryable && !lastAttempt) throw error;
      await this.deliver(task, 'integration.failed', { step: task.step, task: task.task, code: error.code });
      await this.tasks.markDead(taskId);
      return 'dead';
    }
    // The task is marked completed by the statement that applies its result: one commit, not two.
    // A result that applied nothing (a repeated delivery, a journey that moved on) marks it on its own.
    const applied = await this.deliver(task, 'integration.completed', { step: task.step, task: task.task, output }, taskId);
    if (!applied) await this.tasks.markCompleted(taskId);
    return 'completed';
  }

  /** Whether the event was applied (and `completesTask` marked completed with it). */
  private async deliver(task: IntegrationTaskRow, type: string, data: Record<string, unknown>, completesTask?: string): Promise<boolean> {
    try {
      const { duplicate } = await this.sendEvent.execute({
        journeyId: task.journey_id,
        type,
        data,
        idempotencyKey: `task:${task.id}:${task.generation}:${type}`,
        actor: { kind: 'system', id: task.system, authority: task.system },
        origin: 'engine',
        background: true,
        completesTask,
      });
      return !duplicate;
    } catch (e) {
      // The journey moved on (dismissed, completed, broken): the result has nowhere to go, and that is final.
      if (e instanceof DomainError && ['EVENT_NOT_ALLOWED', 'JOURNEY_NOT_ACTIVE', 'JOURNEY_BROKEN', 'NOT_FOUND'].includes(e.code)) {
        this.logger.warn({ journeyId: task.journey_id, task: task.task, code: e.code }, 'integration result not applied');
        return false;
      }
      throw e;
    }
  }
}
