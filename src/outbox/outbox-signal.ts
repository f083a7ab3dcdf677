import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, type EntitySubscriberInterface, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';
import { takeOutboxWritten } from '../platform/queue/outbox';

/** After a failed connect, wait this long before trying again (the relays poll meanwhile). */
const RECONNECT_AFTER_MS = 1000;

/**
 * Wakes the outbox relays once a transaction that wrote outbox rows has committed.
 *
 * Not a NOTIFY inside the transition's own transaction: PostgreSQL takes its database-wide notify
 * lock at such a commit and holds it through the WAL flush, so every transition that queued work
 * would commit single file, and an event's answer would wait in that line. Instead the writers mark
 * their transaction (`markOutboxWritten`, src/platform/queue/outbox.ts), and after the commit this sends `NOTIFY outbox` on a
 * connection of its own with `synchronous_commit` off (nothing to make durable, so the lock is held
 * for microseconds). While one notification is on its way, the commits that arrive fold into one
 * more. A notification lost to a crash or a broken connection costs at most the relays' poll
 * interval: the outbox row is the promise, the notification only a nudge.
 */
@Injectable()
export class OutboxSignal implements EntitySubscriberInterface, OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxSignal.name);
  private client?: Promise<Client>;
  private sending = false;
  private again = false;
  private closed = false;
  private failedAt = 0;
  /** Notifications sent (for tests and metrics: how many commits folded into one). */
  sent = 0;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    const index = this.dataSource.subscribers.indexOf(this);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (takeOutboxWritten(event.queryRunner)) this.poke();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    takeOutboxWritten(event.queryRunner);
  }

  /** Sends a notification now, or, when one is on its way, one more after it. Never throws. */
  poke(): void {
    if (this.closed) return;
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    void this.send();
  }

  private async send(): Promise<void> {
    try {
      do {
        this.again = false;
        const client = await this.connect();
        if (!client) break;
        await client.query(`SELECT pg_notify('outbox', '')`);
        this.sent++;
      } while (this.again && !this.closed);
    } catch (e) {
      this.drop(e as Error);
    } finally {
      this.sending = false;
    }
  }

  private async connect(): Promise<Client | undefined> {
    if (this.closed || (!this.client && Date.now() - this.failedAt < RECONNECT_AFTER_MS)) return undefined;
    this.client ??= (async () => {
      const url = (this.dataSource.options as { url?: string }).url;
      const client = new Client({ connectionString: url, application_name: 'livsforloeb-outbox-signal' });
      client.on('error', (e) => this.drop(e));
      await client.connect();
      await client.query('SET synchronous_commit = off');
      return client;
    })();
    return this.client;
  }

  private drop(e: Error): void {
    this.failedAt = Date.now();
    const client = this.client;
    this.client = undefined;
    void client?.then((c) => c.end()).catch(() => undefined);
    this.logger.debug(`outbox signal connection lost (${e.message}); the relays poll meanwhile`);
  }
}
