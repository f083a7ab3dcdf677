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

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
