import {
  createPostgresBackend,
  createRedisBackend,
  withBackend,
  type BackendClasses,
  type BackendFactory,
  type IQueueBackend,
  type Job,
  type Queue,
  type Worker,
  type WorkerOptions,
} from 'bullmq';
import type { QueueSettings } from '../config/app.config';

export type Processor<D> = (job: Job<D>) => Promise<unknown>;

/** Either backend, seen through the interface both implement; the connection options differ per backend. */
type AnyBackendClasses = BackendClasses<IQueueBackend, unknown>;
const anyBackend = <B extends IQueueBackend, C>(factory: BackendFactory<B, C>) =>
  factory as unknown as BackendFactory<IQueueBackend, unknown>;

/**
 * Builds BullMQ queues and workers on the configured backend: Redis when REDIS_URL is set (the
 * production default), PostgreSQL otherwise (the embedded default needs no Redis).
 *
 * We bind the backend per factory with `withBackend` rather than the process-wide
 * `setDefaultBackendFactory`, so two backends can live in one process (tests exercise both).
 */
export class QueueFactory {
  readonly kind: 'redis' | 'postgres';
  private readonly classes: AnyBackendClasses;
  private readonly connection: unknown;
  /** Producers fail fast when Redis is away (the outbox keeps the work); workers wait for it. */
  private readonly producerConnection: unknown;
  private readonly prefix: string;
  private readonly created: { close(): Promise<void> }[] = [];

  constructor(settings: QueueSettings, databaseUrl: string) {
    this.kind = settings.backend;
    this.prefix = settings.namespace;
    if (settings.backend === 'redis') {
      this.classes = withBackend(anyBackend(createRedisBackend));
      this.connection = { url: settings.redisUrl, maxRetriesPerRequest: null };
      this.producerConnection = { url: settings.redisUrl, enableOfflineQueue: false };
    } else {
      this.classes = withBackend(anyBackend(createPostgresBackend));
      // The queue tables live in their own schema of the application database.
      this.connection = { connectionString: databaseUrl, schema: `${settings.namespace}_queue`, migrate: true, max: 4 };
      this.producerConnection = this.connection;
    }
  }

  createQueue<D>(name: string): Queue<D> {
    const queue = new this.classes.Queue<D>(name, { connection: this.producerConnection, prefix: this.prefix }) as unknown as Queue<D>;
    this.created.push(queue);
    return queue;
  }

  createWorker<D>(name: string, processor: Processor<D>, opts: Partial<WorkerOptions> = {}): Worker<D> {
    const worker = new this.classes.Worker<D, unknown>(name, processor, {
      connection: this.connection,
      prefix: this.prefix,
      autorun: true,
      ...opts,
    }) as unknown as Worker<D>;
    this.created.push(worker);
    return worker;
  }

  /** Closes every queue and worker this factory made; workers finish their in-flight jobs first. */
  async close(): Promise<void> {
    const all = this.created.splice(0).reverse();
    await Promise.allSettled(all.map((c) => c.close()));
  }
}
