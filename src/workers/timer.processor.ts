import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JourneyTimerRepository, type ClaimedTimer } from '../engine/persistence/journey-timer.repository';
import { SendEventUseCase } from '../engine/use-cases/send-event.use-case';
import { DomainError } from '../platform/errors/domain-error';
import { JobRegistry } from '../platform/queue/job-registry';
import type { DeliverEventJobData } from '../platform/queue/queue-names';

export type FireOutcome = 'fired' | 'skipped' | 'not-applicable';

/** Codes of an engine event that came too late: the journey moved on, so there is nothing to retry. */
const NOT_APPLICABLE = ['EVENT_NOT_ALLOWED', 'JOURNEY_NOT_ACTIVE', 'JOURNEY_BROKEN', 'NOT_FOUND'];

/** The timer was cancelled or rescheduled after it was claimed. */
class TimerGone extends Error {}

/**
 * Sends engine events into journeys: due timers (claimed by TimerPoller) and events from other
 * journeys (the `journey.deliver-event` job, e.g. a linked journey completed).
 */
@Injectable()
export class TimerProcessor {
  private readonly logger = new Logger(TimerProcessor.name);

  constructor(
    registry: JobRegistry,
    private readonly timers: JourneyTimerRepository,
    private readonly sendEvent: SendEventUseCase,
    private readonly dataSource: DataSource,
  ) {
    registry.register('journey.deliver-event', (job) => this.deliver(job as Job<DeliverEventJobData>));
  }

  /**
   * Fires a claimed timer. The row is marked fired in the event's own transaction, and only if it
   * is still this generation and scheduled: a timer cancelled or rescheduled after the claim does
   * not fire, and two workers holding the same timer (one whose lease ran out while it was slow)
   * fire it once. The idempotency key answers a repeat of an applied event as a duplicate. An
   * error other than the journey having moved on is thrown: the poller releases the claim and the
   * timer is tried again.
   */
  async fire(timer: ClaimedTimer): Promise<FireOutcome> {
    const { journeyId, key, generation } = timer;
    try {
      const result = await this.sendEvent.execute({
        journeyId,
        type: 'timer.fired',
        data: { key, firedAt: new Date().toISOString() },
        idempotencyKey: `timer:${journeyId}:${key}:${generation}`,
        actor: { kind: 'engine', id: 'engine' },
        origin: 'engine',
        background: true,
        inTransaction: async (tx) => {
          if (!(await this.timers.markFired(tx, timer))) throw new TimerGone();
        },
      });
      if (!result.duplicate) return 'fired';
      await this.timers.markFired(this.dataSource, timer);
      return 'skipped';
    } catch (e) {
      if (e instanceof TimerGone) return 'skipped';
      if (e instanceof DomainError && NOT_APPLICABLE.includes(e.code)) {
        // The journey no longer takes this timer: it is done with all the same.
        await this.timers.markFired(this.dataSource, timer);
        this.logger.debug({ journeyId, event: 'timer.fired', code: e.code }, 'engine event not applicable any more');
        return 'not-applicable';
      }
      throw e;
    }
  }

  async deliver(job: Job<DeliverEventJobData>): Promise<string> {
    const { journeyId, event, idempotencyKey } = job.data;
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
      if (e instanceof DomainError && NOT_APPLICABLE.includes(e.code)) {
        this.logger.debug({ journeyId, event: type, code: e.code }, 'engine event not applicable any more');
        return 'not-applicable';
      }
      throw e;
    }
  }
}
