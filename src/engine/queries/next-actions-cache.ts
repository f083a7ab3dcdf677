import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { JourneyRow } from '../persistence/journey.repository';
import type { NextActionView, ViewAs } from './journey-view';

/** Most entries a process keeps (the least recently used goes first). */
const MAX_ENTRIES = 10_000;
/** An entry is dropped after this long, used or not. */
const TTL_MS = 5 * 60_000;

/**
 * The next actions of a journey view, kept per journey version, so the views of one version (the
 * answer to the event that wrote it, the push on every open stream, a page read) run the machine
 * once between them.
 *
 * Next actions are a function of the row at a version (snapshot, status, definition version,
 * systems and citizen all change only with it, or are in the key), of the viewer and of the day
 * (a guard may compare a date with today), so an entry under that key can never be out of date:
 * a write that changes any of them makes a new key.
 */
@Injectable()
export class NextActionsCache {
  private readonly entries = new LRUCache<string, NextActionView[]>({ max: MAX_ENTRIES, ttl: TTL_MS });

  get(row: JourneyRow, viewAs: ViewAs, day: string): NextActionView[] | undefined {
    return this.entries.get(key(row, viewAs, day));
  }

  set(row: JourneyRow, viewAs: ViewAs, day: string, actions: NextActionView[]): void {
    // Every view of the version shares the list: frozen, so none can change it for the others.
    this.entries.set(key(row, viewAs, day), Object.freeze(actions) as NextActionView[]);
  }
}

function key(row: JourneyRow, viewAs: ViewAs, day: string): string {
  const viewer = viewAs === 'citizen' ? 'citizen' : `caseworker:${viewAs.authority}`;
  return `${row.id}:${row.version}:${row.definition_version}:${row.status}:${viewer}:${day}`;
}
