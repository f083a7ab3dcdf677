import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JourneyTimerRepository } from '../engine/persistence/journey-timer.repository';
import { SendEventUseCase } from '../engine/use-cases/send-event.use-case';
import { DomainError } from '../platform/errors/domain-error';
import { JobRegistry } from '../platform/queue/job-registry';
import type { DeliverEventJobData, TimerJobData } from '../platform/queue/queue-names';

/**
 * Fires durable timers. The timer row is the truth: a job for a cancelled or rescheduled timer
 * (older generation) does nothing. The event is sent before the row is marked fired, with an
 * idempotency key, so a crash in between neither loses nor doubles it.
 */
@Injectable()
export class TimerProcessor {
  private readonly logger = new Logger(TimerProcessor.name);

  constructor(
    registry: JobRegistry,
    private readonly timers: JourneyTimerRepository,
    private readonly sendEvent: SendEventUseCase,
  ) {
    registry.register('timer.fire', (job) => this.fire(job as Job<TimerJobData>));
    registry.register('journey.deliver-event', (job) => this.deliver(job as Job<DeliverEventJobData>));
  }

  async fire(job: Job<TimerJobData>): Promise<string> {
    const { journeyId, key, generation } = job.data;
    const timer = await this.timers.find(journeyId, key);
    if (!timer || timer.status !== 'scheduled' || timer.generation !== generation) return 'skipped';
    const outcome = await this.send(
      journeyId,
      { type: 'timer.fired', key, firedAt: new Date().toISOString() },
      `timer:${journeyId}:${key}:${generation}`,
    );
    await this.timers.markFired(journeyId, key, generation);
    return outcome;
  }

  async deliver(job: Job<DeliverEventJobData>): Promise<string> {
    return this.send(job.data.journeyId, job.data.event, job.data.idempotencyKey);
  }

  private async send(journeyId: string, event: { type: string; [k: string]: unknown }, idempotencyKey: string): Promise<string> {
    const { type, ...data } = event;
    try {
      await this.sendEvent.execute({
        journeyId,
        type,
        data,
        idempotencyKey,
        actor: { kind: 'engine', id: 'engine' },
        origin: 'engine',
        background: true,
      });
      return 'delivered';
    } catch (e) {
      if (e instanceof DomainError && ['EVENT_NOT_ALLOWED', 'JOURNEY_NOT_ACTIVE', 'JOURNEY_BROKEN', 'NOT_FOUND'].includes(e.code)) {
        this.logger.debug({ journeyId, event: type, code: e.code }, 'engine event not applicable any more');
        return 'not-applicable';
      }
      throw e;
    }
  }
}
