import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { JourneyTimerRepository, type ClaimedTimer } from '../engine/persistence/journey-timer.repository';
import { AppConfig } from '../platform/config/app.config';
import { MetricsService } from '../platform/metrics/metrics.service';
import { TimerProcessor, type FireOutcome } from './timer.processor';

/** Longest wait before a timer whose delivery failed is tried again. */
const MAX_RETRY_MS = 300_000;
/**
 * Shortest sleep after a round that left work: a due timer it could not claim is held by a
 * transaction that is changing it, and the poll should not spin until that one commits.
 */
const MIN_SLEEP_MS = 10;

/**
 * Fires due timers in worker processes. Each round claims the due rows (soonest first, at most
 * WORKER_CONCURRENCY, `SKIP LOCKED`, so any number of workers can poll) for a lease of
 * WORKER_LOCK_MS, fires them, and sleeps until the next unclaimed timer is due or TIMER_POLL_MS
 * has passed, whichever is sooner. A worker that dies holding claims leaves them to whoever claims
 * after the lease; the event's transaction decides whether a timer fires (TimerProcessor), so a
 * late second delivery does nothing.
 */
@Injectable()
export class TimerPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimerPoller.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private sleepTimer?: NodeJS.Timeout;
  private lastError = 0;

  constructor(
    private readonly timers: JourneyTimerRepository,
    private readonly processor: TimerProcessor,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.app.role !== 'api') this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling; timers being fired are finished first. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.sleepTimer);
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let waitMs = this.config.engine.timerPollMs;
      try {
        const claimed = await this.pollOnce();
        if (claimed >= this.config.queue.concurrency)
          waitMs = 0; // a full round: there may be more due
        else {
          const next = await this.timers.msUntilNextDue();
          if (next !== undefined) waitMs = Math.min(waitMs, Math.max(MIN_SLEEP_MS, Math.ceil(next)));
        }
      } catch (e) {
        this.warn(`timer poll failed: ${(e as Error).message}`);
      }
      if (waitMs > 0 && this.running) await this.sleep(waitMs);
    }
  }

  /** One round: claims the due timers and fires them. Returns how many were claimed. Public so tests can drive it. */
  async pollOnce(): Promise<number> {
    const claimed = await this.timers.claimDue(this.config.queue.concurrency, this.config.queue.lockMs);
    await Promise.all(claimed.map((t) => this.fire(t)));
    return claimed.length;
  }

  private async fire(timer: ClaimedTimer): Promise<void> {
    let outcome: FireOutcome | 'retry';
    try {
      outcome = await this.processor.fire(timer);
    } catch (e) {
      outcome = 'retry';
      const retryInMs = Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(timer.attempts, 10));
      this.warn(`timer ${timer.key} of journey ${timer.journeyId} failed, trying again in ${retryInMs} ms: ${(e as Error).message}`);
      await this.timers.release(timer, retryInMs, (e as Error).message).catch(() => undefined);
    }
    this.metrics.timersFired.inc({ outcome });
    if (outcome === 'fired') this.metrics.timerLag.observe(Math.max(0, Date.now() - timer.dueAt.getTime()) / 1000);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
    }).finally(() => {
      clearTimeout(this.sleepTimer);
      this.wake = undefined;
    });
  }

  /** At most one line every 10 s: a database that is away is retried on every poll. */
  private warn(message: string): void {
    if (Date.now() - this.lastError < 10_000) return;
    this.lastError = Date.now();
    this.logger.warn(message);
  }
}
