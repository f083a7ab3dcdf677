import type { Job } from 'bullmq';
import { JOBS, type JobName, type QueueName } from './queue-names';

export type JobHandler = (job: Job, token?: string) => Promise<unknown>;

/** Handlers register by job name; a queue's processor dispatches by `job.name`. */
export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler[]>();

  register(name: JobName, handler: JobHandler): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler);
    this.handlers.set(name, list);
  }

  /** Throws unless every declared job has exactly one handler and no handler is for an unknown job. */
  assertComplete(queues: readonly QueueName[] = Object.keys(JOBS) as QueueName[]): void {
    const problems: string[] = [];
    const declared = new Set<string>(queues.flatMap((q) => JOBS[q]));
    for (const name of declared) {
      const n = this.handlers.get(name)?.length ?? 0;
      if (n !== 1) problems.push(`job "${name}" has ${n} handlers (needs exactly 1)`);
    }
    for (const name of this.handlers.keys()) {
      if (!declared.has(name)) problems.push(`handler for undeclared job "${name}"`);
    }
    if (problems.length) throw new Error(`Job registry incomplete: ${problems.join('; ')}`);
  }

  dispatcher(queue: QueueName): JobHandler {
    return async (job: Job, token?: string) => {
      if (!(JOBS[queue] as readonly string[]).includes(job.name)) throw new Error(`Job ${job.name} does not belong to queue ${queue}`);
      const handler = this.handlers.get(job.name)?.[0];
      if (!handler) throw new Error(`No handler for job ${job.name}`);
      return handler(job, token);
    };
  }
}
