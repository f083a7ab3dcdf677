import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics. A registry per app instance, so tests can run several apps in one process. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly transitions = new Counter({
    name: 'journey_transitions_total',
    help: 'Journey events applied, by journey type and event type',
    labelNames: ['journey_type', 'event_type'] as const,
    registers: [this.registry],
  });

  readonly staleReads = new Counter({
    name: 'journey_event_stale_reads_total',
    help: 'Events whose unlocked first attempt found the journey changed meanwhile, and were applied again on a locked read',
    registers: [this.registry],
  });

  readonly rememberedRows = new Counter({
    name: 'journey_event_remembered_rows_total',
    help:
      'Events prepared on the row this process wrote last instead of a read, by outcome (written; or prepared again from a read, ' +
      'having written nothing: changed, the journey was written since; refused, on the remembered row; key-used, a repeated key)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly jobOutcomes = new Counter({
    name: 'queue_job_outcomes_total',
    help: 'Jobs handled, by queue and outcome (completed, retry, failed)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly outboxBacklog = new Gauge({
    name: 'outbox_backlog',
    help: 'Outbox rows not yet relayed to the queue',
    registers: [this.registry],
  });

  readonly outboxOldestAge = new Gauge({
    name: 'outbox_oldest_age_seconds',
    help: 'Age of the oldest outbox row not yet relayed',
    registers: [this.registry],
  });

  readonly timersFired = new Counter({
    name: 'timers_fired_total',
    help:
      'Due timers a worker handled, by outcome (fired; skipped: cancelled or rescheduled meanwhile; ' +
      'not-applicable: the journey no longer takes it; retry)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly timerLag = new Histogram({
    name: 'timer_fire_lag_seconds',
    help: 'From a timer falling due to its event being applied',
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  readonly timersOverdue = new Gauge({
    name: 'timers_overdue',
    help: 'Scheduled timers whose due time has passed and that have not fired yet',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
