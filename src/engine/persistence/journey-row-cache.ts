import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { JourneyRow, SubscriptionRef } from './journey.repository';

/** How long a process keeps a row it wrote: longer than a citizen usually takes to the next step. */
const TTL_MS = 120_000;
/** Most rows a process keeps (the least recently used goes first), so memory stays bounded under load. */
const MAX_ENTRIES = 2_000;

/** A journey's row as this process last wrote it, with what an event's read would have brought beside it. */
export interface RememberedJourney {
  row: JourneyRow;
  /** False only when no task token can be live (`Advance.liveTokens`); true when in doubt. */
  hasLiveTokens: boolean;
  /** The live webhook subscriptions of the row's authorities when it was written. */
  subscriptions: SubscriptionRef[];
}

/**
 * The rows of the active journeys this process wrote last, so the next event on one of them (a
 * citizen's next step, seconds later) is prepared without reading the row first: its write is one
 * statement where a read and a write were two.
 *
 * A remembered row is a guess, never a source of truth: the event's write checks, in the same
 * statement, that the journey still has the remembered version, is still active and still has the
 * remembered webhook subscriptions, and writes nothing otherwise. Whenever the guess fails that
 * check, or the event is refused on it, or its idempotency key turns out to be used, the event is
 * prepared again from a read, as if nothing had been remembered (SendEventUseCase). Every other
 * writer of a journey's row gives it a new version, except two, and a unit test holds src/ to that
 * (test/unit/engine/journey-row-versions.spec.ts): the mark of a broken journey, which the status
 * check covers, and the links to other journeys, which the write returns as stored and nothing
 * takes from the remembered row. Each process keeps its own rows; with several API processes, an
 * event that lands on another one simply reads.
 */
@Injectable()
export class JourneyRowCache {
  private readonly entries = new LRUCache<string, RememberedJourney>({ max: MAX_ENTRIES, ttl: TTL_MS });

  /**
   * Keeps a copy of the row as written (the caller goes on with its own, which answers the request);
   * a journey that is no longer active takes no events, so it is let go.
   */
  remember(entry: RememberedJourney): void {
    if (entry.row.status === 'active') this.entries.set(entry.row.id, structuredClone(entry));
    else this.entries.delete(entry.row.id);
  }

  /** The remembered row, handed to one event only: whatever that event writes is remembered anew. */
  take(id: string): RememberedJourney | undefined {
    const entry = this.entries.get(id);
    if (entry) this.entries.delete(id);
    return entry;
  }
}
