import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { PostCommitNotifier } from './post-commit-notifier';

const MARK = 'changedJourneys';
/** The channel that tells the processes which journeys changed. */
export const JOURNEY_CHANGED_CHANNEL = 'journey_changed';
const CHANNEL = JOURNEY_CHANGED_CHANNEL;
const RECONNECT_AFTER_MS = 1000;

/**
 * Notes that the transaction running `sql` changed a journey row, so that its commit tells the
 * processes that stream the journey's view (src/api/citizen/journey-stream.ts).
 */
export function markJourneyChanged(sql: Pick<EntityManager, 'query'>, journeyId: string): void {
  const runner = (sql as Partial<EntityManager>).queryRunner;
  if (!runner) return;
  const ids = (runner.data?.[MARK] as Set<string> | undefined) ?? new Set<string>();
  ids.add(journeyId);
  runner.data = { ...runner.data, [MARK]: ids };
}

function takeChanged(runner: QueryRunner | undefined): string[] {
  const ids = runner?.data?.[MARK] as Set<string> | undefined;
  if (!ids?.size || runner!.isTransactionActive) return [];
  runner!.data[MARK] = undefined;
  return [...ids];
}

export type JourneyChangeListener = () => void;

/**
 * Journey changes between processes, over PostgreSQL's LISTEN/NOTIFY.
 *
 * Sending: after a transaction that changed journeys has committed, `NOTIFY journey_changed` with
 * their ids, through the process's PostCommitNotifier (outside the transaction, in one statement
 * with the outbox signal of the same commit). Ids that arrive while one notification is on its way
 * go in the next.
 *
 * Listening: a process that streams journeys LISTENs on one connection, opened with the first
 * `watch`, and calls the listeners of the ids it hears. A notification is a nudge, not a promise: a
 * listener also runs after the connection was lost and came back, and streams check on their own
 * from time to time.
 */
@Injectable()
export class JourneyChanges implements BeforeApplicationShutdown {
  private readonly logger = new Logger(JourneyChanges.name);
  private closed = false;
  private listener?: Promise<Client | undefined>;
  private readonly watchers = new Map<string, Set<JourneyChangeListener>>();

  constructor(
    private readonly dataSource: DataSource,
    notifier: PostCommitNotifier,
  ) {
    notifier.onCommit(CHANNEL, takeChanged);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.watchers.clear();
    const client = await this.listener?.catch(() => undefined);
    await client?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Calls `listener` whenever the journey may have changed; returns the function that stops it. */
  watch(journeyId: string, listener: JourneyChangeListener): () => void {
    const set = this.watchers.get(journeyId) ?? new Set();
    set.add(listener);
    this.watchers.set(journeyId, set);
    void this.listen();
    return () => {
      set.delete(listener);
      if (!set.size && this.watchers.get(journeyId) === set) this.watchers.delete(journeyId);
    };
  }

  /** Whether this process is listening (opening the connection if a watcher asked for it and it is not open yet). */
  async listening(): Promise<boolean> {
    return !!(await this.listen());
  }

  private listen(): Promise<Client | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    this.listener ??= (async () => {
      const client = new Client({ connectionString: this.url(), application_name: 'livsforloeb-journey-streams' });
      client.on('notification', (n) => {
        for (const id of (n.payload ?? '').split(',')) for (const listener of this.watchers.get(id) ?? []) listener();
      });
      client.on('error', (e) => this.lost(client, e));
      client.on('end', () => this.lost(client, new Error('connection ended')));
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        // Whatever changed while no one listened: every watcher looks once.
        for (const set of this.watchers.values()) for (const listener of set) listener();
        return client;
      } catch (e) {
        this.lost(client, e as Error);
        return undefined;
      }
    })();
    return this.listener;
  }

  private lost(client: Client, e: Error): void {
    if (this.closed) return;
    this.listener = undefined;
    void client.end().catch(() => undefined);
    this.logger.debug(`journey change listener lost (${e.message})`);
    setTimeout(() => {
      if (this.watchers.size && !this.listener) void this.listen();
    }, RECONNECT_AFTER_MS).unref();
  }

  private url(): string | undefined {
    return (this.dataSource.options as { url?: string }).url;
  }
}
