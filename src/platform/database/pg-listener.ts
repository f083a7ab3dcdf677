import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/** After a connection was lost or failed to open, wait this long before opening another. */
export const RELISTEN_AFTER_MS = 1000;

export interface PgListenerOptions {
  /** The channel to LISTEN on (a plain identifier). */
  channel: string;
  /** The connection's `application_name`, so an operator can tell it apart in `pg_stat_activity`. */
  applicationName: string;
  /** Called with each notification's payload. */
  onNotification: (payload: string) => void;
  /** Called each time LISTEN has taken effect: what was sent while no one listened was missed. */
  onUp?: () => void;
  /** Called once when a listening (or opening) connection is lost. */
  onLost?: () => void;
  /**
   * Whether to open a new connection by itself after one was lost (asked after the pause). Without
   * it, the next `listen()` opens one.
   */
  reopen?: () => boolean;
}

/**
 * One PostgreSQL connection that LISTENs on one channel, for the processes' caches and streams.
 *
 * A notification is a nudge, not a promise, so those who listen must know when they may have missed
 * one: `onUp` runs each time LISTEN takes effect and `onLost` when the connection breaks or ends.
 * Only the current connection counts: what a connection that was already given up reports later
 * (its `error`, `end` or a late notification) is ignored. TCP keepalive finds a connection that
 * a network fault left silent. After a failure the listener waits `RELISTEN_AFTER_MS` before it
 * opens another, so a database that is down is not asked on every request.
 */
export class PgListener {
  private readonly logger = new Logger(PgListener.name);
  private opening?: Promise<boolean>;
  private current?: Client;
  private up = false;
  private failedAt = 0;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: PgListenerOptions,
  ) {}

  /** Whether LISTEN is in effect on a connection that has not been lost. */
  get listening(): boolean {
    return this.up;
  }

  /** Opens the connection unless it is open, opening or paused after a failure; resolves whether it listens. */
  listen(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.opening) return this.opening;
    if (Date.now() - this.failedAt < RELISTEN_AFTER_MS) return Promise.resolve(false);
    const client = new Client({
      connectionString: (this.dataSource.options as { url?: string }).url,
      application_name: this.options.applicationName,
      keepAlive: true,
      // First probe after 10 s of silence (Linux waits two hours by default).
      keepAliveInitialDelayMillis: 10_000,
    });
    this.current = client;
    client.on('notification', (n) => {
      if (client === this.current && this.up) this.options.onNotification(n.payload ?? '');
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    this.opening = (async () => {
      try {
        await client.connect();
        await client.query(`LISTEN ${this.options.channel}`);
        // Lost or closed while opening: that connection was already given up.
        if (client !== this.current) return false;
        this.up = true;
        this.options.onUp?.();
        return true;
      } catch (e) {
        this.lost(client, e as Error);
        return false;
      }
    })();
    return this.opening;
  }

  /** Closes the connection for good. */
  async close(): Promise<void> {
    this.closed = true;
    this.up = false;
    const client = this.current;
    this.current = undefined;
    this.opening = undefined;
    await client?.end().catch(() => undefined);
  }

  private lost(client: Client, e: Error): void {
    if (client !== this.current) return;
    this.current = undefined;
    this.opening = undefined;
    this.up = false;
    this.failedAt = Date.now();
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.debug(`LISTEN ${this.options.channel} lost (${e.message})`);
    this.options.onLost?.();
    if (this.options.reopen) {
      setTimeout(() => {
        if (!this.closed && !this.opening && this.options.reopen?.()) void this.listen();
      }, RELISTEN_AFTER_MS + 10).unref();
    }
  }
}
