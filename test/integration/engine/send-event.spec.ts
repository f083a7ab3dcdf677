import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { JourneyCommand } from '../../../journeys/shared/contract';
import { linkedCompletedPayload } from '../../../src/engine/persistence/command-fold';
import { JourneyQueries } from '../../../src/engine/queries/journey.queries';
import type { TransitionResult } from '../../../src/engine/runtime/journey-runtime';
import { JourneyWriter } from '../../../src/engine/use-cases/journey-writer';
import { SendEventUseCase } from '../../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import { DomainError } from '../../../src/platform/errors/domain-error';
import { MetricsService } from '../../../src/platform/metrics/metrics.service';
import { createTestApp, ownerActor } from '../../support/app';
import { createTestDatabase } from '../../support/database';
import { errandV1 } from '../../support/fixtures/errand.journey';
import { timersV1 } from '../../support/fixtures/timers.journey';
import { waitFor } from '../../support/private-redis';
import { UnusedGateway } from '../../support/unused-gateway';

describe(SendEventUseCase.name, () => {
  let app: INestApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: DataSource;
  let start: StartJourneyUseCase;
  let send: SendEventUseCase;
  const citizen = { kind: 'citizen' as const, id: 'c-1' };

  beforeAll(async () => {
    db = await createTestDatabase('send_event');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1, timersV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'send_event',
    });
    sql = app.get(DataSource);
    start = app.get(StartJourneyUseCase);
    send = app.get(SendEventUseCase);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function newJourney(): Promise<string> {
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES (lpad((floor(random() * 1e10))::bigint::text, 10, '0')) RETURNING id`);
    const { journeyId } = await start.execute({ citizenId: c.id, type: 'moving', actor: citizen });
    return journeyId;
  }

  it('writes the start, its history row and one outbox row per emitted command in one go', async () => {
    const id = await newJourney();
    const [journey] = await sql.query('SELECT state, status, version FROM journey WHERE id = $1', [id]);
    expect(journey).toEqual({ state: 'requesting', status: 'active', version: 1 });
    expect(await sql.query('SELECT seq, event_type FROM journey_history WHERE journey_id = $1', [id])).toEqual([
      { seq: 1, event_type: 'journey.started' },
    ]);
    const [task] = await sql.query('SELECT step, task, system, status FROM integration_task WHERE journey_id = $1', [id]);
    expect(task).toEqual({ step: 'ask', task: 'order-health-card', system: 'health-insurance', status: 'queued' });
    expect(await sql.query('SELECT command_type FROM outbox WHERE journey_id = $1', [id])).toEqual([{ command_type: 'queue.add' }]);
  });

  it('writes the timers a start schedules, and reschedules and cancels them in the order a transition gives', async () => {
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES (lpad((floor(random() * 1e10))::bigint::text, 10, '0')) RETURNING id`);
    const { journeyId: id } = await start.execute({ citizenId: c.id, type: 'new-job', actor: citizen });
    const [{ snapshot }] = await sql.query('SELECT snapshot FROM journey WHERE id = $1', [id]);
    const day = (n: number) => new Date(Date.parse(snapshot.context.startedAt) + n * 86_400_000);
    const timers = () =>
      sql.query('SELECT key, generation, status, due_at, step, purpose FROM journey_timer WHERE journey_id = $1 ORDER BY key', [id]);
    const a = { key: 'a', step: 'wait', purpose: 'reminder' };
    const b = { key: 'b', step: null, purpose: 'deadline', due_at: day(20) };
    expect(await timers()).toEqual([
      { ...a, generation: 1, status: 'scheduled', due_at: day(10) },
      { ...b, generation: 1, status: 'scheduled' },
    ]);
    const owner = await ownerActor(app, id);
    const event = (type: string) => send.execute({ origin: 'client', journeyId: id, type, actor: owner });
    await event('postpone');
    expect(await timers()).toEqual([
      { ...a, generation: 2, status: 'scheduled', due_at: day(30) },
      { ...b, generation: 1, status: 'cancelled' },
    ]);
    await event('renew');
    expect((await timers())[0]).toEqual({ ...a, generation: 3, status: 'scheduled', due_at: day(40) });
    await event('drop');
    expect((await timers())[0]).toEqual({ ...a, generation: 4, status: 'cancelled', due_at: day(50) });
  });

  it('applies a repeated idempotency key once and returns the first result', async () => {
    const id = await newJourney();
    const first = await send.execute({
      origin: 'client',
      journeyId: id,
      type: 'note',
      data: { n: 1 },
      idempotencyKey: 'k-1',
      actor: await ownerActor(app, id),
    });
    const again = await send.execute({
      origin: 'client',
      journeyId: id,
      type: 'note',
      data: { n: 1 },
      idempotencyKey: 'k-1',
      actor: await ownerActor(app, id),
    });
    expect(again).toEqual({ ...first, duplicate: true });
    const history = await sql.query(`SELECT seq FROM journey_history WHERE journey_id = $1 AND event_type = 'note'`, [id]);
    expect(history).toHaveLength(1);
    const [{ snapshot }] = await sql.query('SELECT snapshot FROM journey WHERE id = $1', [id]);
    expect(snapshot.context.notes).toEqual([1]);
  });

  it('serialises 50 concurrent sends: no lost update, a gapless history', async () => {
    const id = await newJourney();
    const owner = await ownerActor(app, id);
    await Promise.all(
      Array.from({ length: 50 }, (_, n) => send.execute({ origin: 'client', journeyId: id, type: 'note', data: { n }, actor: owner })),
    );
    const [{ snapshot, version }] = await sql.query('SELECT snapshot, version FROM journey WHERE id = $1', [id]);
    expect(version).toBe(51);
    expect([...snapshot.context.notes].sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    const seqs = (await sql.query('SELECT seq FROM journey_history WHERE journey_id = $1 ORDER BY seq', [id])).map(
      (r: { seq: number }) => r.seq,
    );
    expect(seqs).toEqual(Array.from({ length: 51 }, (_, n) => n + 1));
  });

  it('applies a result that races with other events once, and writes its commands once', async () => {
    const id = await newJourney();
    const owner = await ownerActor(app, id);
    const system = { kind: 'system' as const, id: 'health-insurance', authority: 'health-insurance' };
    const result = {
      journeyId: id,
      type: 'integration.completed',
      data: { step: 'ask', task: 'order-health-card', output: {} },
      idempotencyKey: 'task-1',
      actor: system,
      origin: 'engine' as const,
      background: true,
    };
    await Promise.all([
      send.execute(result),
      send.execute(result),
      ...Array.from({ length: 10 }, (_, n) => send.execute({ origin: 'client', journeyId: id, type: 'note', data: { n }, actor: owner })),
    ]);
    const history = await sql.query(
      `SELECT count(*)::int AS n FROM journey_history WHERE journey_id = $1 AND event_type = 'integration.completed'`,
      [id],
    );
    expect(history).toEqual([{ n: 1 }]);
    // The reminder the result schedules, once: an attempt that lost the race wrote nothing.
    expect(await sql.query('SELECT key, generation, status FROM journey_timer WHERE journey_id = $1', [id])).toEqual([
      { key: 'remind', generation: 1, status: 'scheduled' },
    ]);
    const [{ snapshot, state }] = await sql.query('SELECT snapshot, state FROM journey WHERE id = $1', [id]);
    expect(state).toBe('waiting');
    expect([...snapshot.context.notes].sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 10 }, (_, n) => n));
  });

  /** Waits until a `SELECT count(*)::int AS n …` counts something. */
  const until = (query: string) => waitFor(async () => (await sql.query(query))[0].n > 0, 10_000, 25);
  const holdingLock = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
      AND state = 'idle in transaction' AND query LIKE '%FOR UPDATE OF j%'`;
  const waitingForLock = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;

  /** What a `new-job` journey's transition does when its step links the citizen's `moving` journey. */
  const linkMoving = (journeyId: string, citizenId: string) =>
    sql.transaction((tx) =>
      app.get(JourneyWriter).afterTransition(
        tx,
        { journeyId, citizenId, seq: 2 },
        {
          status: 'active',
          commands: [{ type: 'journey.link', journeyType: 'moving', step: 'wait' } as JourneyCommand],
        } as unknown as TransitionResult,
        citizen,
        { type: 'new-job', parent_journey_id: null, linked_step: null },
      ),
    );
  /** A connection holding a journey's ending written and not committed (it commits with `COMMIT`). */
  async function endingHeld(journeyId: string): Promise<Client> {
    const ending = new Client({ connectionString: db.url });
    await ending.connect();
    await ending.query('BEGIN');
    await ending.query(`UPDATE journey SET status = 'completed', version = version + 1 WHERE id = $1`, [journeyId]);
    return ending;
  }

  it('answers a repeated key as a duplicate when the repeat waited for the first one to commit', async () => {
    const id = await newJourney();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = send.execute({
      origin: 'client',
      journeyId: id,
      type: 'note',
      data: { n: 1 },
      idempotencyKey: 'k-race',
      actor: await ownerActor(app, id),
      inTransaction: () => gate,
    });
    await until(holdingLock);
    const again = send.execute({
      origin: 'client',
      journeyId: id,
      type: 'note',
      data: { n: 1 },
      idempotencyKey: 'k-race',
      actor: await ownerActor(app, id),
    });
    await until(waitingForLock);
    release();
    const [a, b] = await Promise.all([first, again]);
    expect(b).toEqual({ ...a, duplicate: true });
    const [{ snapshot }] = await sql.query('SELECT snapshot FROM journey WHERE id = $1', [id]);
    expect(snapshot.context.notes).toEqual([1]);
  });

  it('applies a background event whose unlocked read went stale by reading again, once', async () => {
    const id = await newJourney();
    const staleReads = async () => (await app.get(MetricsService).staleReads.get()).values[0]?.value ?? 0;
    const staleBefore = await staleReads();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // A citizen's event takes the journey's lock and holds it (its in-transaction step waits) ...
    const first = send.execute({
      origin: 'client',
      journeyId: id,
      type: 'note',
      data: { n: 1 },
      actor: await ownerActor(app, id),
      inTransaction: () => gate,
    });
    await until(holdingLock);
    // ... a background event reads the journey without waiting, and its write waits for that lock ...
    const caseworker = { kind: 'caseworker' as const, id: 'cw', authority: 'health-insurance' };
    const second = send.execute({ origin: 'client', journeyId: id, type: 'note', data: { n: 2 }, actor: caseworker, background: true });
    await until(waitingForLock);
    // ... until the citizen's event commits: the worker's read is stale now, and it goes again.
    release();
    expect((await first).seq).toBe(2);
    expect((await second).seq).toBe(3);
    expect(await staleReads()).toBe(staleBefore + 1);
    const [{ snapshot }] = await sql.query('SELECT snapshot FROM journey WHERE id = $1', [id]);
    expect(snapshot.context.notes).toEqual([1, 2]);
    const seqs = (await sql.query('SELECT seq FROM journey_history WHERE journey_id = $1 ORDER BY seq', [id])).map(
      (r: { seq: number }) => r.seq,
    );
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('refuses an event the current state does not accept, naming event and state', async () => {
    const id = await newJourney();
    const error = await send
      .execute({ origin: 'client', journeyId: id, type: 'confirm', data: { answer: 'yes' }, actor: await ownerActor(app, id) })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('EVENT_NOT_ALLOWED');
    expect(error.message).toContain('"confirm"');
    expect(error.message).toContain('"requesting"');
    expect((await sql.query('SELECT version FROM journey WHERE id = $1', [id]))[0].version).toBe(1);
  });

  it('rejects event data that does not fit the schema with the field and the reason', async () => {
    const id = await newJourney();
    await send.execute({
      origin: 'engine',
      journeyId: id,
      type: 'integration.completed',
      data: { step: 'ask', task: 'order-health-card', output: {} },
      actor: citizen,
    });
    const error = await send
      .execute({ origin: 'client', journeyId: id, type: 'confirm', data: { answer: 'maybe' }, actor: await ownerActor(app, id) })
      .catch((e) => e);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.fields).toEqual([{ field: 'data.answer', reason: 'must be equal to one of the allowed values' }]);
  });

  it('tells the parent journey once when a linked journey ends, and nobody when it has none', async () => {
    const system = { kind: 'system' as const, id: 'health-insurance', authority: 'health-insurance' };
    const finish = async (id: string) => {
      await send.execute({
        journeyId: id,
        type: 'integration.completed',
        data: { step: 'ask', task: 'order-health-card', output: {} },
        idempotencyKey: `task-${id}`,
        actor: system,
        origin: 'engine',
      });
      await send.execute({ origin: 'client', journeyId: id, type: 'confirm', data: { answer: 'yes' }, actor: await ownerActor(app, id) });
    };
    const told = (id: string) =>
      sql.query(`SELECT payload FROM outbox WHERE journey_id = $1 AND payload->>'name' = 'journey.deliver-event'`, [id]);
    const parent = await newJourney();
    const child = await newJourney();
    // Linked after the child started, as a parent links a journey the citizen already has.
    await sql.query('UPDATE journey SET parent_journey_id = $2, linked_step = $3 WHERE id = $1', [child, parent, 'ask']);
    await finish(child);
    expect(await sql.query('SELECT status FROM journey WHERE id = $1', [child])).toEqual([{ status: 'completed' }]);
    expect((await told(child)).map((r: { payload: unknown }) => r.payload)).toEqual([
      linkedCompletedPayload({ id: child, type: 'moving' }, { journeyId: parent, step: 'ask' }),
    ]);
    expect(await sql.query(`SELECT status FROM journey_timer WHERE journey_id = $1`, [child])).toEqual([{ status: 'cancelled' }]);

    const alone = await newJourney();
    await finish(alone);
    expect(await sql.query('SELECT status FROM journey WHERE id = $1', [alone])).toEqual([{ status: 'completed' }]);
    expect(await told(alone)).toEqual([]);
  });

  it('tells a parent that links a journey ending at that moment, once the ending has committed', async () => {
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES (lpad((floor(random() * 1e10))::bigint::text, 10, '0')) RETURNING id`);
    const { journeyId: parent } = await start.execute({ citizenId: c.id, type: 'new-job', actor: citizen });
    const { journeyId: child } = await start.execute({ citizenId: c.id, type: 'moving', actor: citizen });
    // The child's ending is written but not committed when the parent links it.
    const ending = await endingHeld(child);
    const linking = linkMoving(parent, c.id);
    await until(waitingForLock);
    await ending.query('COMMIT');
    await ending.end();
    await linking;
    expect(await sql.query('SELECT parent_journey_id, linked_step, status FROM journey WHERE id = $1', [child])).toEqual([
      { parent_journey_id: parent, linked_step: 'wait', status: 'completed' },
    ]);
    const told = await sql.query(`SELECT journey_id, payload FROM outbox WHERE payload->'data'->>'idempotencyKey' = $1`, [
      `linked:${child}`,
    ]);
    expect(told).toEqual([
      { journey_id: child, payload: linkedCompletedPayload({ id: child, type: 'moving' }, { journeyId: parent, step: 'wait' }) },
    ]);
  });

  it('tells every journey that linked a journey another journey had linked first, each once, and starts no second one', async () => {
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES (lpad((floor(random() * 1e10))::bigint::text, 10, '0')) RETURNING id`);
    const { journeyId: child } = await start.execute({ citizenId: c.id, type: 'moving', actor: citizen });
    // Three journeys of the citizen's link the one moving journey; the second links it twice. (The
    // fixture has one other type, and a citizen one active journey of a type: the first two are set
    // aside once started.)
    const parents: string[] = [];
    for (let i = 0; i < 3; i++) {
      parents.push((await start.execute({ citizenId: c.id, type: 'new-job', actor: citizen })).journeyId);
      if (i < 2) await sql.query(`UPDATE journey SET status = 'dismissed' WHERE id = $1`, [parents[i]]);
    }
    for (const parent of [parents[0], parents[1], parents[1], parents[2]]) await linkMoving(parent, c.id);
    expect(await sql.query('SELECT count(*)::int AS n FROM journey WHERE citizen_id = $1 AND type = $2', [c.id, 'moving'])).toEqual([
      { n: 1 },
    ]);
    expect(await sql.query('SELECT parent_journey_id, linked_step, waiting_journeys FROM journey WHERE id = $1', [child])).toEqual([
      {
        parent_journey_id: parents[0],
        linked_step: 'wait',
        waiting_journeys: [
          { journeyId: parents[1], step: 'wait' },
          { journeyId: parents[2], step: 'wait' },
        ],
      },
    ]);
    // Each waiting journey's page links the journey it waits for, at its own step.
    for (const parent of [parents[0], parents[2]]) {
      const view = await app.get(JourneyQueries).view(await app.get(JourneyQueries).row(parent), 'citizen');
      expect(view.links.children).toEqual([{ id: child, type: 'moving', status: 'active', step: 'wait' }]);
    }

    await send.execute({
      journeyId: child,
      type: 'integration.completed',
      data: { step: 'ask', task: 'order-health-card', output: {} },
      idempotencyKey: `task-${child}`,
      actor: { kind: 'system', id: 'health-insurance', authority: 'health-insurance' },
      origin: 'engine',
    });
    await send.execute({
      origin: 'client',
      journeyId: child,
      type: 'confirm',
      data: { answer: 'yes' },
      actor: await ownerActor(app, child),
    });
    const told: { payload: { data: { journeyId: string } } }[] = await sql.query(
      `SELECT payload FROM outbox WHERE journey_id = $1 AND payload->>'name' = 'journey.deliver-event'`,
      [child],
    );
    expect(told.map((r) => r.payload).sort((a, b) => (a.data.journeyId < b.data.journeyId ? -1 : 1))).toEqual(
      parents
        .map((parent) => linkedCompletedPayload({ id: child, type: 'moving' }, { journeyId: parent, step: 'wait' }))
        .sort((a, b) => ((a.data as { journeyId: string }).journeyId < (b.data as { journeyId: string }).journeyId ? -1 : 1)),
    );
  });

  it('tells a journey that links, as the second to wait, a journey ending at that moment, once the ending has committed', async () => {
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES (lpad((floor(random() * 1e10))::bigint::text, 10, '0')) RETURNING id`);
    const { journeyId: first } = await start.execute({ citizenId: c.id, type: 'new-job', actor: citizen });
    await sql.query(`UPDATE journey SET status = 'dismissed' WHERE id = $1`, [first]);
    const { journeyId: second } = await start.execute({ citizenId: c.id, type: 'new-job', actor: citizen });
    const { journeyId: child } = await start.execute({ citizenId: c.id, type: 'moving', actor: citizen });
    await sql.query('UPDATE journey SET parent_journey_id = $2, linked_step = $3 WHERE id = $1', [child, first, 'wait']);
    // The child's ending is written but not committed when the second journey links it.
    const ending = await endingHeld(child);
    const linking = linkMoving(second, c.id);
    await until(waitingForLock);
    await ending.query('COMMIT');
    await ending.end();
    await linking;
    const told = await sql.query(`SELECT journey_id, payload FROM outbox WHERE payload->'data'->>'idempotencyKey' = $1`, [
      `linked:${child}`,
    ]);
    expect(told).toEqual([
      { journey_id: child, payload: linkedCompletedPayload({ id: child, type: 'moving' }, { journeyId: second, step: 'wait' }) },
    ]);
  });

  it('marks a journey whose snapshot no longer fits its machine as broken and keeps serving', async () => {
    const broken = await newJourney();
    // Written with a new version, as every writer of a journey's row writes it: the engine's process knows the row has changed.
    await sql.query(`UPDATE journey SET snapshot = jsonb_set(snapshot, '{value}', '"renamedAway"'), version = version + 1 WHERE id = $1`, [
      broken,
    ]);
    const error = await send
      .execute({ origin: 'client', journeyId: broken, type: 'note', data: { n: 1 }, actor: await ownerActor(app, broken) })
      .catch((e) => e);
    expect(error.code).toBe('JOURNEY_BROKEN');
    const [row] = await sql.query('SELECT status, broken_reason FROM journey WHERE id = $1', [broken]);
    expect(row.status).toBe('broken');
    expect(row.broken_reason).toContain('renamedAway');
    // The process is fine: another journey still takes events.
    const healthy = await newJourney();
    await expect(
      send.execute({ origin: 'client', journeyId: healthy, type: 'note', data: { n: 2 }, actor: await ownerActor(app, healthy) }),
    ).resolves.toMatchObject({ seq: 2 });
  });
});
