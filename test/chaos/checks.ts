import type { Pool } from 'pg';
import type { Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { QUEUES, type QueueName } from '../../src/platform/queue/queue-names';
import { QueueFactory } from '../../src/platform/queue/queue-factory';
import type { DriveOutcome } from './chaos-driver';
import { canonicalState, type Expectation, type Outcome } from './oracle';
import type { Scenario } from './scenarios';
import { sleep } from './cluster';

export interface Violation {
  check: string;
  detail: string;
}

/** Work that should be done by now: what the run waits for before it checks (a task held for consent waits for the citizen). */
const PENDING = `
  SELECT (SELECT count(*) FROM integration_task WHERE status IN ('queued', 'running', 'failed'))::int AS tasks,
         (SELECT count(*) FROM journey_timer WHERE status = 'scheduled' AND due_at <= now())::int AS timers,
         (SELECT count(*) FROM outbox WHERE payload->>'dueAt' IS NULL OR (payload->>'dueAt')::timestamptz <= now())::int AS outbox,
         (SELECT count(*) FROM notification WHERE delivery_status = 'pending' AND deliver_after <= now())::int AS letters`;

export interface Pending {
  tasks: number;
  timers: number;
  outbox: number;
  letters: number;
}

/**
 * Waits until the engine has caught up (queued work run, outbox rows of run jobs cleaned, jobs a
 * restarted Redis lost queued again by the sweeper), or the time is up. Returns what is left.
 */
export async function settle(db: Pool, timeoutMs: number): Promise<Pending> {
  const until = Date.now() + timeoutMs;
  let last: Pending = { tasks: -1, timers: -1, outbox: -1, letters: -1 };
  for (;;) {
    try {
      last = (await db.query(PENDING)).rows[0] as Pending;
      if (last.tasks + last.timers + last.outbox + last.letters === 0) return last;
    } catch {
      /* the database is not back yet */
    }
    if (Date.now() > until) return last;
    await sleep(1000);
  }
}

interface ActualJourney {
  id: string;
  cpr: string;
  type: string;
  status: string;
  state: string;
  parent_journey_id: string | null;
  has_failed_step: boolean;
  events: Record<string, number> | null;
  tasks: number;
}

export interface CheckInput {
  db: Pool;
  sandbox: Sandbox;
  scenarios: Scenario[];
  expectations: Expectation[];
  outcomes: DriveOutcome[];
  redisUrl: string;
  namespace: string;
  databaseUrl: string;
  unplannedExits: string[];
}

export interface CheckResult {
  violations: Violation[];
  figures: {
    journeys: number;
    started: number;
    rejected: number;
    completed: number;
    historyEvents: number;
    integrationTasks: number;
    deadTasks: number;
    sideEffects: number;
    replayedCalls: number;
    outboxWaiting: number;
  };
  byType: Record<string, { journeys: number; completed: number; active: number; broken: number; rejected: number; matched: number }>;
}

/**
 * The run's verdict, from the private database, the queues and the sandbox:
 * 1. every journey (and every journey it started) is in the state the oracle computed;
 * 2. no event was applied twice: history counts per event type equal the oracle's, every event
 *    after the start carries an idempotency key, no integration task's result was applied twice;
 * 3. the sandbox applied no side effect twice for one idempotency key;
 * 4. the outbox holds nothing due (rows of delayed jobs, such as letters, wait for their jobs), and no
 *    timer that is due is still scheduled;
 * 5. no dead-lettered job or dead task without a step a caseworker sees as failed;
 * and no service process died on its own.
 */
export async function check(input: CheckInput): Promise<CheckResult> {
  const { db, scenarios, expectations, outcomes } = input;
  const violations: Violation[] = [];
  const add = (check: string, detail: string) => violations.push({ check, detail });

  const { rows } = await db.query<ActualJourney>(
    `SELECT j.id, c.cpr, j.type, j.status, j.state, j.parent_journey_id, j.has_failed_step,
            (SELECT json_object_agg(event_type, n)
               FROM (SELECT event_type, count(*)::int AS n FROM journey_history h
                      WHERE h.journey_id = j.id GROUP BY event_type) x) AS events,
            (SELECT count(*)::int FROM integration_task t WHERE t.journey_id = j.id) AS tasks
       FROM journey j JOIN citizen c ON c.id = j.citizen_id ORDER BY j.created_at`,
  );
  const byCpr = new Map<string, ActualJourney[]>();
  for (const row of rows) byCpr.set(row.cpr.trim(), [...(byCpr.get(row.cpr.trim()) ?? []), row]);

  const byType: CheckResult['byType'] = {};
  let completed = 0;
  for (const [i, scenario] of scenarios.entries()) {
    const expected = expectations[i];
    const outcome = outcomes[i];
    const tag = `#${scenario.index} ${scenario.type} (example ${scenario.example}, ${scenario.channel})`;
    const stats = (byType[scenario.type] ??= { journeys: 0, completed: 0, active: 0, broken: 0, rejected: 0, matched: 0 });
    stats.journeys++;
    const problems = violations.length;
    if (outcome?.error) add('driver', `${tag}: ${outcome.error}`);
    const mine = byCpr.get(scenario.cpr) ?? [];
    const top = mine.filter((j) => j.parent_journey_id === null);
    if (expected.outcomes[0].status === 'rejected') {
      stats.rejected++;
      if (top.length)
        add('state', `${tag}: expected the start to be refused (${expected.outcomes[0].state}), found ${top.length} journey(s)`);
    } else if (top.length !== 1) {
      add(
        top.length > 1 ? 'applied twice' : 'state',
        `${tag}: expected one journey, found ${top.length}${outcome?.rejected ? ` (start refused: ${outcome.rejected})` : ''}`,
      );
    } else {
      const actual = top[0];
      if (actual.status === 'completed') {
        completed++;
        stats.completed++;
      } else if (actual.status === 'active') stats.active++;
      else if (actual.status === 'broken') stats.broken++; // the oracle runs the same machine: a journey's bug, shown, not judged
      const children = mine
        .filter((j) => j.parent_journey_id !== null)
        .map((c) => `${c.type} ${c.status} ${canonicalState(c.state)}`)
        .sort();
      const found = {
        status: actual.status,
        state: canonicalState(actual.state),
        events: actual.events ?? {},
        citizenEvents: outcome?.citizenEvents ?? 0,
        tasks: actual.tasks,
        children,
      };
      // The outcome of some order of the work in flight must be the one found; report against the closest.
      const [closest] = expected.outcomes.map((want) => differences(found, want)).sort((a, b) => a.length - b.length);
      for (const d of closest) add(d.check, `${tag}: ${d.detail}`);
    }
    if (violations.length === problems) stats.matched++;
  }

  const keyless = await db.query<{ journey_id: string; seq: number; event_type: string }>(
    `SELECT h.journey_id, h.seq, h.event_type FROM journey_history h
      WHERE h.seq > 1 AND NOT EXISTS (SELECT 1 FROM journey_idempotency i WHERE i.journey_id = h.journey_id AND i.seq = h.seq)`,
  );
  for (const r of keyless.rows)
    add('applied twice', `journey ${r.journey_id} seq ${r.seq}: ${r.event_type} applied without an idempotency key`);
  const twice = await db.query<{ journey_id: string; task: string; n: number; keys: string }>(
    `SELECT journey_id, split_part(key, ':', 2) AS task, count(*)::int AS n, string_agg(key, ', ') AS keys FROM journey_idempotency
      WHERE key LIKE 'task:%' GROUP BY journey_id, split_part(key, ':', 2) HAVING count(*) > 1`,
  );
  for (const r of twice.rows)
    add('applied twice', `journey ${r.journey_id}: the result of task ${r.task} was applied ${r.n} times (${r.keys})`);

  const effects = input.sandbox.sideEffects();
  for (const e of effects.filter((x) => x.count > 1))
    add('side effect twice', `${e.system}/${e.task} key ${e.idempotencyKey}: applied ${e.count} times`);
  // Keys are integration task ids and notification ids: an effect under any other key is a second one under a fresh key.
  const known = new Set<string>(
    (await db.query<{ id: string }>(`SELECT id::text FROM integration_task UNION ALL SELECT id::text FROM notification`)).rows.map(
      (r) => r.id,
    ),
  );
  for (const e of effects.filter((x) => !known.has(x.idempotencyKey))) {
    add('side effect twice', `${e.system}/${e.task} applied under key ${e.idempotencyKey}, which is no task's or letter's`);
  }
  const replayedCalls = input.sandbox.calls().filter((c) => c.outcome === 'replayed').length;

  const due = await db.query<{
    id: string;
    command_type: string;
    queue: string;
    relayed_at: Date | null;
    relay_attempts: number;
    last_error: string | null;
  }>(
    `SELECT id, command_type, payload->>'queue' AS queue, relayed_at, relay_attempts, last_error FROM outbox
      WHERE payload->>'dueAt' IS NULL OR (payload->>'dueAt')::timestamptz <= now()`,
  );
  for (const r of due.rows) {
    const how = r.relayed_at
      ? `relayed ${new Date(r.relayed_at).toISOString()}, job not finished`
      : `not relayed (${r.relay_attempts} attempts, ${r.last_error ?? 'no error'})`;
    add('outbox not empty', `${r.command_type} ${r.queue} ${r.id}: ${how}`);
  }
  const count = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0].n);
  const waiting = (await count(`SELECT count(*)::int AS n FROM outbox`)) - due.rows.length;

  const stuck = await db.query<{ id: string; system: string; task: string; status: string; attempts: number; last_error: string | null }>(
    `SELECT id, journey_id, system, task, status, attempts, last_error FROM integration_task
      WHERE status IN ('queued', 'running', 'failed')`,
  );
  for (const r of stuck.rows)
    add(
      'lost work',
      `task ${r.system}/${r.task} ${r.id} is still ${r.status} after ${r.attempts} attempts (${r.last_error ?? 'no error'})`,
    );
  const timers = await db.query<{ journey_id: string; key: string; due_at: Date }>(
    `SELECT journey_id, key, due_at FROM journey_timer WHERE status = 'scheduled' AND due_at <= now()`,
  );
  for (const r of timers.rows)
    add('lost work', `timer ${r.key} of journey ${r.journey_id} was due ${new Date(r.due_at).toISOString()} and did not fire`);
  const letters = await db.query<{ id: string; template: string }>(
    `SELECT id, template FROM notification WHERE delivery_status = 'pending' AND deliver_after <= now()`,
  );
  for (const r of letters.rows) add('lost work', `letter ${r.template} ${r.id} is due and not sent`);

  const dead = await db.query<{ id: string; system: string; task: string; journey_id: string; has_failed_step: boolean; status: string }>(
    `SELECT t.id, t.system, t.task, j.id AS journey_id, j.has_failed_step, j.status
       FROM integration_task t JOIN journey j ON j.id = t.journey_id WHERE t.status = 'dead'`,
  );
  for (const r of dead.rows.filter((x) => !x.has_failed_step && x.status === 'active')) {
    add('dead without caseworker task', `task ${r.system}/${r.task} ${r.id} is dead, but journey ${r.journey_id} shows no failed step`);
  }
  const deadIds = new Set(dead.rows.filter((x) => x.has_failed_step).map((x) => x.id));
  const factory = new QueueFactory(
    { backend: 'redis', redisUrl: input.redisUrl, namespace: input.namespace, concurrency: 1, lockMs: 30_000 },
    input.databaseUrl,
  );
  try {
    for (const name of Object.values(QUEUES) as QueueName[]) {
      const failed = await factory.createQueue<{ taskId?: string }>(name).getFailed(0, 10_000);
      for (const job of failed) {
        if (job.attemptsMade < (job.opts.attempts ?? 1)) continue; // will be retried
        if (name === 'integration' && job.data.taskId && deadIds.has(job.data.taskId)) continue;
        add(
          'dead without caseworker task',
          `${name} job ${job.name} ${job.id} failed for good (${job.failedReason}) and no caseworker sees it`,
        );
      }
    }
  } finally {
    await factory.close();
  }

  for (const exit of input.unplannedExits) add('crash', exit);

  const history = await count(`SELECT count(*)::int AS n FROM journey_history`);
  const tasks = await count(`SELECT count(*)::int AS n FROM integration_task`);
  return {
    violations,
    figures: {
      journeys: scenarios.length,
      started: scenarios.filter((_, i) => expectations[i].outcomes[0].status !== 'rejected').length,
      rejected: scenarios.filter((_, i) => expectations[i].outcomes[0].status === 'rejected').length,
      completed,
      historyEvents: history,
      integrationTasks: tasks,
      deadTasks: dead.rows.length,
      sideEffects: effects.length,
      replayedCalls,
      outboxWaiting: waiting,
    },
    byType,
  };
}

/** How a journey found differs from one expected outcome; more events or tasks than expected means something was applied twice. */
function differences(found: Outcome, want: Outcome): Violation[] {
  const out: Violation[] = [];
  if (found.status !== want.status || found.state !== want.state)
    out.push({ check: 'state', detail: `expected ${want.status} ${want.state}, is ${found.status} ${found.state}` });
  for (const type of new Set([...Object.keys(found.events), ...Object.keys(want.events)])) {
    const got = found.events[type] ?? 0;
    const expected = want.events[type] ?? 0;
    if (got !== expected)
      out.push({
        check: got > expected ? 'applied twice' : 'state',
        detail: `${got} × ${type} in the history, the scenario has ${expected}`,
      });
  }
  if (found.tasks !== want.tasks)
    out.push({
      check: found.tasks > want.tasks ? 'applied twice' : 'state',
      detail: `${found.tasks} integration tasks, the scenario asks for ${want.tasks}`,
    });
  if (found.citizenEvents !== want.citizenEvents)
    out.push({ check: 'state', detail: `the citizen sent ${found.citizenEvents} events, the scenario ${want.citizenEvents}` });
  if (JSON.stringify(found.children) !== JSON.stringify(want.children)) {
    out.push({ check: 'state', detail: `linked journeys ${JSON.stringify(found.children)}, expected ${JSON.stringify(want.children)}` });
  }
  return out;
}
