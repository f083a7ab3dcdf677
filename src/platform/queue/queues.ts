import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueFactory } from './queue-factory';
import { QUEUES, type QueueName } from './queue-names';

/** The producer side of every queue, shared by the relay, the API and the operator dashboard. */
@Injectable()
export class Queues implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(readonly factory: QueueFactory) {
    for (const name of Object.values(QUEUES)) {
      const queue = factory.createQueue(name);
      // Without a listener a Redis outage is printed by the client itself, once per retry.
      queue.on('error', (e: Error) => this.reportError(name, e));
      this.queues.set(name, queue);
    }
  }

  private readonly logger = new Logger(Queues.name);
  private lastError = 0;

  /** At most one line every 10 s: the outbox keeps the work while the queue is away. */
  private reportError(name: string, e: Error): void {
    if (Date.now() - this.lastError < 10_000) return;
    this.lastError = Date.now();
    this.logger.warn(`queue ${name} unavailable: ${e.message}`);
  }

  get(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  async onApplicationShutdown(): Promise<void> {
    // Workers are closed by their owners first (see WorkerHost); this closes producers and pools.
    await this.factory.close();
  }
}
