import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueFactory } from './queue-factory';
import { QUEUES, type QueueName } from './queue-names';

/** The producer side of every queue, shared by the relay, the API and the operator dashboard. */
@Injectable()
export class Queues implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(readonly factory: QueueFactory) {
    for (const name of Object.values(QUEUES)) this.queues.set(name, factory.createQueue(name));
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
