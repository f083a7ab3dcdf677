import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

const MARK = 'changedJourneys';
const CHANNEL = 'journey_changed';
/** A notification's payload is at most 8,000 bytes: ids go in batches well below that. */
const IDS_PER_NOTIFICATION = 150;
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
 * their ids, on a connection of its own with `synchronous_commit` off, for the same reason as the
 * outbox signal (a NOTIFY inside the transition's transaction would make commits wait in line on
 * PostgreSQL's notify lock). Ids that arrive while one notification is on its way go in the next.
 *
 * Listening: a process that streams journeys LISTENs on one connection, opened with the first
 * `watch`, and calls the listeners of the ids it hears. A notification is a nudge, not a promise: a
 * listener also runs after the connection was lost and came back, and streams check on their own
 * from time to time.
 */
@Injectable()
export class JourneyChanges implements EntitySubscriberInterface, OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(JourneyChanges.name);
  private closed = false;
  private sender?: Promise<Client>;
  private sending = false;
  private readonly pending = new Set<string>();
  private failedAt = 0;
  private listener?: Promise<Client | undefined>;
  private readonly watchers = new Map<string, Set<JourneyChangeListener>>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    const index = this.dataSource.subscribers.indexOf(this);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    this.watchers.clear();
    for (const client of [await this.sender?.catch(() => undefined), await this.listener?.catch(() => undefined)])
      await client?.end().catch(() => undefined);
    this.sender = this.listener = undefined;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const ids = takeChanged(event.queryRunner);
    if (ids.length) this.publish(ids);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    takeChanged(event.queryRunner);
  }

  /** Tells every process that these journeys changed. Never throws. */
  publish(ids: string[]): void {
    if (this.closed) return;
    for (const id of ids) this.pending.add(id);
    if (this.sending) return;
    this.sending = true;
    void this.send();
  }

  private async send(): Promise<void> {
    try {
      while (this.pending.size && !this.closed) {
        const client = await this.connectSender();
        if (!client) break;
        const batch = [...this.pending].slice(0, IDS_PER_NOTIFICATION);
        for (const id of batch) this.pending.delete(id);
        await client.query(`SELECT pg_notify('${CHANNEL}', $1)`, [batch.join(',')]);
      }
    } catch (e) {
      this.failedAt = Date.now();
      const client = this.sender;
      this.sender = undefined;
      void client?.then((c) => c.end()).catch(() => undefined);
      this.logger.debug(`journey change signal lost (${(e as Error).message}); streams check on their own meanwhile`);
    } finally {
      this.sending = false;
      this.pending.clear();
    }
  }

  private async connectSender(): Promise<Client | undefined> {
    if (!this.sender && Date.now() - this.failedAt < RECONNECT_AFTER_MS) return undefined;
    this.sender ??= (async () => {
      const client = new Client({ connectionString: this.url(), application_name: 'livsforloeb-journey-changes' });
      client.on('error', () => (this.sender = undefined));
      await client.connect();
      await client.query('SET synchronous_commit = off');
      return client;
    })();
    return this.sender;
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
