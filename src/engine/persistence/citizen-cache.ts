import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** How long a process answers a CPR number from memory before it reads the row again. */
const TTL_MS = 60_000;
/** Most entries a process keeps (the least recently used goes first). */
const MAX_ENTRIES = 20_000;
const RECONNECT_AFTER_MS = 1000;
/** The channel whose notification empties every process's cache (`CitizenCache.CHANNEL`). */
const CHANNEL = 'citizen_changed';

export interface CachedCitizen {
  id: string;
  birthDate: string | null;
  name: string | null;
}

/**
 * The citizen rows that sign-ins resolve to, kept in each process for a minute, so a signed-in
 * citizen's requests do not each read their row again (CitizenRepository.identify).
 *
 * A row changes under a process in one way that matters: retention replaces the CPR number of a
 * citizen with nothing left in full by a random token, and a later sign-in with that number must
 * become a new citizen, never the pseudonymised row. So retention empties its own process's cache
 * and sends `NOTIFY citizen_changed`, which empties every other's, and a process trusts its
 * cache only while it listens for that: before its LISTEN connection is up, and from the moment it
 * is lost, every request reads the row. A read that began before a change is not kept after it
 * (the generation it started in must still be current).
 */
@Injectable()
export class CitizenCache implements BeforeApplicationShutdown {
  static readonly CHANNEL = CHANNEL;
  private readonly logger = new Logger(CitizenCache.name);
  private readonly entries = new LRUCache<string, CachedCitizen>({ max: MAX_ENTRIES, ttl: TTL_MS });
  private generation = 0;
  private listener?: Promise<Client | undefined>;
  /** The connection being opened or listening; what an earlier one reports does not count. */
  private current?: Client;
  private trusted = false;
  private failedAt = 0;
  private closed = false;

  constructor(private readonly dataSource: DataSource) {}

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.forgetAll();
    const client = await this.listener?.catch(() => undefined);
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Whether the process listens for `citizen_changed`, and so answers from memory. */
  get listening(): boolean {
    return this.trusted;
  }

  /** The citizen kept for this CPR number, while the process listens and the entry is fresh. */
  get(cpr: string): CachedCitizen | undefined {
    if (!this.trusted) {
      void this.listen();
      return undefined;
    }
    return this.entries.get(cpr);
  }

  /** To pass to `set` with what a read returns: taken before the read. */
  mark(): number {
    return this.generation;
  }

  set(cpr: string, citizen: CachedCitizen, generation: number): void {
    if (this.trusted && generation === this.generation) this.entries.set(cpr, citizen);
  }

  /** Drops one CPR number's entry (its row is being written elsewhere in this process). */
  forget(cpr: string): void {
    this.generation++;
    this.entries.delete(cpr);
  }

  /** Empties this process's cache; reads already under way are not kept. */
  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }

  private listen(): Promise<Client | undefined> {
    if (this.closed || (!this.listener && Date.now() - this.failedAt < RECONNECT_AFTER_MS)) return Promise.resolve(undefined);
    this.listener ??= (async () => {
      const url = (this.dataSource.options as { url?: string }).url;
      const client = new Client({ connectionString: url, application_name: 'livsforloeb-citizen-changes', keepAlive: true });
      this.current = client;
      client.on('notification', () => this.forgetAll());
      client.on('error', (e) => this.lost(client, e));
      client.on('end', () => this.lost(client, new Error('connection ended')));
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        if (this.closed) {
          await client.end();
          return undefined;
        }
        this.forgetAll();
        this.trusted = true;
        return client;
      } catch (e) {
        this.lost(client, e as Error);
        return undefined;
      }
    })();
    return this.listener;
  }

  private lost(client: Client, e: Error): void {
    if (client !== this.current) return;
    this.current = undefined;
    this.trusted = false;
    this.forgetAll();
    if (this.closed) return;
    this.failedAt = Date.now();
    this.listener = undefined;
    void client.end().catch(() => undefined);
    this.logger.debug(`citizen change listener lost (${e.message}); citizen rows are read on every request meanwhile`);
  }
}
