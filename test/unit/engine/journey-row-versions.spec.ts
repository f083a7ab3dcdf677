import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * A process prepares a citizen's next event on the journey row it wrote last (JourneyRowCache), and
 * the event's write checks only the row's version, its status and the webhook subscriptions. So every
 * statement in src/ that changes a journey's row must give it a new version, unless all it changes is
 * a column the next event's write never takes from the remembered row: the links to other journeys
 * (the write returns them as stored), a broken journey's reason and the time of the change, or the
 * status `broken` (the write refuses a journey that is not active).
 */
const SRC = resolve(__dirname, '../../../src');
const WITHOUT_NEW_VERSION = new Set(['parent_journey_id', 'linked_step', 'waiting_journeys', 'broken_reason', 'updated_at']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The columns each `UPDATE journey SET … WHERE` of a text assigns, with the value given to `status`. */
function journeyUpdates(source: string): { columns: string[]; status?: string; newVersion: boolean }[] {
  return [...source.matchAll(/UPDATE journey SET ([\s\S]*?)\bWHERE\b/g)].map(([, set]) => {
    const columns = [...set.matchAll(/(?:^|,)\s*(\w+)\s*=/g)].map((m) => m[1]);
    return {
      columns,
      status: /(?:^|,)\s*status\s*=\s*('[^']*'|\$\d+)/.exec(set)?.[1],
      newVersion: /\bversion\s*=\s*version\s*\+\s*1\b/.test(set),
    };
  });
}

function offenders(source: string): string[][] {
  return journeyUpdates(source)
    .filter((u) => !u.newVersion)
    .map((u) => u.columns.filter((c) => !WITHOUT_NEW_VERSION.has(c) && !(c === 'status' && u.status === "'broken'")))
    .filter((columns) => columns.length > 0);
}

describe("writes of a journey's row", () => {
  it('give the row a new version whenever they change what an event is prepared on', () => {
    const found = files(SRC).flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return journeyUpdates(source).length ? [{ file: relative(SRC, file), offenders: offenders(source) }] : [];
    });
    // The check has something to look at: the event's write, the links, the broken mark, retention.
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(found.filter((f) => f.offenders.length)).toEqual([]);
  });

  it('sees a write that changes the snapshot or the status without a new version', () => {
    expect(offenders('UPDATE journey SET snapshot = $2, updated_at = now() WHERE id = $1')).toEqual([['snapshot']]);
    expect(offenders("UPDATE journey SET status = 'dismissed' WHERE id = $1")).toEqual([['status']]);
    expect(offenders("UPDATE journey SET status = 'broken', broken_reason = $2, updated_at = now() WHERE id = $1")).toEqual([]);
    expect(offenders('UPDATE journey SET snapshot = $2, version = version + 1 WHERE id = $1')).toEqual([]);
  });
});
