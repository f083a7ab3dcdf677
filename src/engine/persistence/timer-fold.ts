import type { JourneyCommand } from '../../../journeys/shared/contract';

/** A timer the journey's own write schedules (a `journey_timer` row). */
export interface ScheduledTimer {
  key: string;
  dueAt: string;
  step: string | null;
  purpose: string;
}

export interface FoldedTimers {
  /** Timers the journey write schedules in its own statement. */
  schedule: ScheduledTimer[];
  /** Timer keys the journey write cancels in its own statement. */
  cancel: string[];
  /** The commands still written one by one, in their order. */
  rest: JourneyCommand[];
}

/**
 * Which of a transition's timer commands its journey write can carry (journey row, history and
 * timers in one statement, one round trip fewer per command): a key scheduled once and not
 * cancelled in the same transition, and a key cancelled and not scheduled in it. A key the
 * transition both schedules and cancels, or schedules twice, keeps its commands in their order:
 * in one statement they would touch the same row twice, and their order decides the outcome.
 */
export function foldTimers(commands: JourneyCommand[]): FoldedTimers {
  const scheduled = new Map<string, number>();
  const cancelled = new Set<string>();
  for (const c of commands) {
    if (c.type === 'timer.schedule') scheduled.set(c.key, (scheduled.get(c.key) ?? 0) + 1);
    if (c.type === 'timer.cancel') cancelled.add(c.key);
  }
  const folded: FoldedTimers = { schedule: [], cancel: [], rest: [] };
  for (const c of commands) {
    if (c.type === 'timer.schedule' && scheduled.get(c.key) === 1 && !cancelled.has(c.key)) {
      folded.schedule.push({ key: c.key, dueAt: c.dueAt, step: c.step ?? null, purpose: c.purpose });
    } else if (c.type === 'timer.cancel' && !scheduled.has(c.key)) {
      if (!folded.cancel.includes(c.key)) folded.cancel.push(c.key);
    } else {
      folded.rest.push(c);
    }
  }
  return folded;
}

/** The `unnest` parameters of timers a write schedules: keys, due times, steps, purposes. */
export function timerColumns(timers: ScheduledTimer[]): [string[], string[], (string | null)[], string[]] {
  return [timers.map((t) => t.key), timers.map((t) => t.dueAt), timers.map((t) => t.step), timers.map((t) => t.purpose)];
}

/**
 * The statement part that (re)schedules timers of the journey the CTE `j` wrote, from four array
 * parameters starting at `$first`: a new row, or a new generation of one that existed.
 */
export function scheduleTimersSql(first: number): string {
  const [k, d, s, p] = [first, first + 1, first + 2, first + 3];
  return `INSERT INTO journey_timer (journey_id, key, generation, due_at, step, purpose, status)
             SELECT j.id, t.key, 1, t.due_at, t.step, t.purpose, 'scheduled'
               FROM j CROSS JOIN unnest($${k}::text[], $${d}::timestamptz[], $${s}::text[], $${p}::text[]) AS t (key, due_at, step, purpose)
             ON CONFLICT (journey_id, key) DO UPDATE SET generation = journey_timer.generation + 1, due_at = EXCLUDED.due_at,
               step = EXCLUDED.step, purpose = EXCLUDED.purpose, status = 'scheduled', claimed_until = NULL, attempts = 0,
               last_error = NULL, updated_at = now()`;
}

/** Whether `advance` cancels every scheduled timer of the journey: it ends, and schedules none. */
export function endsTimers(a: { write: { status: string }; scheduledTimers: readonly ScheduledTimer[] }): boolean {
  return a.write.status === 'completed' && a.scheduledTimers.length === 0;
}
