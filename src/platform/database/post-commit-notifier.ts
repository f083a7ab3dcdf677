import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import {
  DataSource,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

/**
 * What a committed transaction asks to be sent on a channel, taken from the marks its writers left on
 * it (and cleared): items, `['']` for a bare nudge, or nothing.
 */
export type CommitMarks = (runner: QueryRunner | undefined) => string[];

/** After a failed connect, wait this long before trying again (whoever listens polls meanwhile). */
const RECONNECT_AFTER_MS = 1000;
/**
 * A connect or a statement that gets no answer within this long (a server or a network that
 * swallows packets) is given up like a broken connection, so notifications are not held behind it.
 */
export const ANSWER_WITHIN_MS = 5000;
/**
 * A statement waits this long for the commits that follow the first, so they go together: each
 * notification wakes every listening connection (and its process), and under load several commits
 * land within a few milliseconds. A nudge that is 2 ms later is not one anybody notices.
 */
export const GATHER_MS = 2;
/**
 * Statements of one process are at least this far apart: under load, what is asked for meanwhile
 * goes in the next one. Every statement is a commit on the notifying connection, a wake-up of every
 * listening connection and of its process (the relays claim outbox rows, the journey streams read
 * their journeys), so at hundreds of commits a second one statement per commit costs every process
 * CPU. A lone commit still goes after GATHER_MS; under load, a relay or a stream hears at most this
 * much later.
 */
export const SPACING_MS = 10;
/** A notification's payload is at most 8,000 bytes: items (journey ids) go in batches well below that. */
const ITEMS_PER_NOTIFICATION = 150;

/**
 * The notifications that follow commits (`NOTIFY outbox` for the relays, `NOTIFY journey_changed`
 * for the journey streams), sent on one connection of this process's own with `synchronous_commit`
 * off, never inside the transition's transaction: PostgreSQL takes its database-wide notify lock at
 * such a commit and holds it through the WAL flush, so every transition would commit single file and
 * an event's answer would wait in that line. Here there is nothing to make durable, so the lock is
 * held for microseconds.
 *
 * It is the one TypeORM subscriber for this: at a commit it takes every channel's marks (`onCommit`)
 * and asks for them together, so a transition that queued work and changed a journey costs one
 * statement, `SELECT pg_notify('outbox', ''), pg_notify('journey_changed', '<ids>')`; a rollback
 * clears the marks. What is asked for within `GATHER_MS` of the first ask, or while a statement is
 * on its way, or within `SPACING_MS` of the statement before, goes, every channel together, in one
 * statement (a channel's items in notifications of at most ITEMS_PER_NOTIFICATION each). On a
 * channel, the same item asked for twice goes once. A notification is a nudge, not a promise: one
 * lost to a crash or a broken connection costs the listener's own poll; the rows are what counts.
 */
@Injectable()
export class PostCommitNotifier implements EntitySubscriberInterface, OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(PostCommitNotifier.name);
  private readonly marks = new Map<string, CommitMarks>();
  private client?: Promise<Client>;
  private readonly pending = new Map<string, Set<string>>();
  private readonly sentOn = new Map<string, number>();
  private sending = false;
  private closed = false;
  /** Statements sent (for tests and metrics: how many notifications went together). */
  statements = 0;
  /** When a connection last failed (`performance.now()`). */
  private failedAt = -RECONNECT_AFTER_MS;
  /** When the last statement went (`performance.now()`), from which the next is spaced. */
  private lastSentAt = -SPACING_MS;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    const index = this.dataSource.subscribers.indexOf(this);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    this.pending.clear();
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** After every commit, `marks` says what the transaction asks for on `channel`. */
  onCommit(channel: string, marks: CommitMarks): void {
    this.marks.set(channel, marks);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const asks = [...this.marks].map(([channel, marks]) => [channel, marks(event.queryRunner)] as const);
    this.notifyAll(asks.filter(([, items]) => items.length > 0));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    for (const marks of this.marks.values()) marks(event.queryRunner);
  }

  /** Sends `items` (joined with commas) on `channel` soon; `['']` for a bare nudge. Never throws. */
  notify(channel: string, items: string[]): void {
    this.notifyAll([[channel, items]]);
  }

  /** As `notify`, for several channels at once: they go in one statement (a write that ran without a transaction). */
  notifyAll(asks: (readonly [string, string[]])[]): void {
    if (this.closed || !asks.length) return;
    for (const [channel, items] of asks) {
      const set = this.pending.get(channel) ?? new Set<string>();
      for (const item of items) set.add(item);
      this.pending.set(channel, set);
    }
    if (this.sending) return;
    this.sending = true;
    void this.send();
  }

  /** Notifications sent on a channel by this process (for tests and metrics: how many asks folded into one). */
  sent(channel: string): number {
    return this.sentOn.get(channel) ?? 0;
  }

  private async send(): Promise<void> {
    try {
      while (this.pending.size && !this.closed) {
        // Monotonic, so a step of the wall clock can neither hold notifications back nor rush them.
        const wait = Math.min(SPACING_MS, Math.max(GATHER_MS, this.lastSentAt + SPACING_MS - performance.now()));
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.closed) break;
        // Taken before the connection is awaited: what is asked for from here on goes in the next statement.
        const calls = this.take();
        const client = await this.connect();
        if (!client) break;
        this.lastSentAt = performance.now();
        await client.query(`SELECT ${calls.map((_, i) => `pg_notify($${2 * i + 1}, $${2 * i + 2})`).join(', ')}`, calls.flat());
        this.statements++;
        for (const [channel] of calls) this.sentOn.set(channel, this.sent(channel) + 1);
      }
    } catch (e) {
      this.drop(e as Error);
      this.pending.clear();
    } finally {
      this.sending = false;
    }
  }

  /**
   * Everything asked for: per channel, one notification for every ITEMS_PER_NOTIFICATION of its
   * items, so however many commits a spacing gathers, they go in the next statement.
   */
  private take(): [string, string][] {
    const calls: [string, string][] = [];
    for (const [channel, items] of this.pending) {
      const all = [...items];
      for (let i = 0; i < all.length; i += ITEMS_PER_NOTIFICATION) {
        calls.push([channel, all.slice(i, i + ITEMS_PER_NOTIFICATION).join(',')]);
      }
    }
    this.pending.clear();
    return calls;
  }

  private async connect(): Promise<Client | undefined> {
    if (this.closed || (!this.client && performance.now() - this.failedAt < RECONNECT_AFTER_MS)) {
      this.pending.clear();
      return undefined;
    }
    if (!this.client) {
      const url = (this.dataSource.options as { url?: string }).url;
      const client = new Client({
        connectionString: url,
        application_name: 'livsforloeb-notify',
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        connectionTimeoutMillis: ANSWER_WITHIN_MS,
        query_timeout: ANSWER_WITHIN_MS,
      });
      const opening = (async () => {
        await client.connect();
        await client.query('SET synchronous_commit = off');
        return client;
      })();
      // What a connection already given up reports later does not drop its successor.
      client.on('error', (e) => {
        if (this.client === opening) this.drop(e);
      });
      this.client = opening;
    }
    return this.client;
  }

  private drop(e: Error): void {
    this.failedAt = performance.now();
    const client = this.client;
    this.client = undefined;
    void client?.then((c) => c.end()).catch(() => undefined);
    this.logger.debug(`notification connection lost (${e.message}); listeners poll meanwhile`);
  }
}
