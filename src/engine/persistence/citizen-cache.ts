import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { PgListener } from '../../platform/database/pg-listener';

/** How long a process answers a CPR number from memory before it reads the row again. */
const TTL_MS = 60_000;
/** Most entries a process keeps (the least recently used goes first). */
const MAX_ENTRIES = 20_000;
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
  private readonly entries = new LRUCache<string, CachedCitizen>({ max: MAX_ENTRIES, ttl: TTL_MS });
  private generation = 0;
  private readonly listener: PgListener;

  constructor(dataSource: DataSource) {
    this.listener = new PgListener(dataSource, {
      channel: CHANNEL,
      applicationName: 'livsforloeb-citizen-changes',
      onNotification: () => this.forgetAll(),
      // Whatever was kept before LISTEN took effect, or while it was lost, may be out of date.
      onUp: () => this.forgetAll(),
      onLost: () => this.forgetAll(),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.listener.close();
    this.forgetAll();
  }

  /** Whether the process listens for `citizen_changed`, and so answers from memory. */
  get listening(): boolean {
    return this.listener.listening;
  }

  /** The citizen kept for this CPR number, while the process listens and the entry is fresh. */
  get(cpr: string): CachedCitizen | undefined {
    if (!this.listener.listening) {
      void this.listener.listen();
      return undefined;
    }
    return this.entries.get(cpr);
  }

  /** To pass to `set` with what a read returns: taken before the read. */
  mark(): number {
    return this.generation;
  }

  set(cpr: string, citizen: CachedCitizen, generation: number): void {
    if (this.listener.listening && generation === this.generation) this.entries.set(cpr, citizen);
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
}
