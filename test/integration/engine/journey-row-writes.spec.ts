import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeepRunningJourneyWritesOffIndexes1796600800000 } from '../../../migrations/1796600800000-KeepRunningJourneyWritesOffIndexes';
import { JourneyRepository, type Sql } from '../../../src/engine/persistence/journey.repository';
import { SendEventUseCase } from '../../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import { createTestApp, ownerActor } from '../../support/app';
import { createTestDatabase } from '../../support/database';
import { waitFor } from '../../support/private-redis';
import { completeErrand, engineEvent } from '../../support/experience';
import { errandV1 } from '../../support/fixtures/errand.journey';
import { UnusedGateway } from '../../support/unused-gateway';

/**
 * A running journey's write changes no indexed value of its row, so PostgreSQL can keep it off every
 * index; when a journey ended is kept on the row itself (`ended_at`), for retention.
 */
describe('journey row writes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let sql: DataSource;
  let serial = 0;
  const citizen = { kind: 'citizen' as const, id: 'c-1' };

  beforeAll(async () => {
    db = await createTestDatabase('journey_row_writes');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'journey_row_writes',
    });
    sql = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function start(): Promise<string> {
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES ($1) RETURNING id`, [`02029${String(++serial).padStart(5, '0')}`]);
    return (await app.get(StartJourneyUseCase).execute({ citizenId: c.id, type: 'moving', actor: citizen })).journeyId;
  }
  const row = async (id: string): Promise<{ status: string; ended_at: Date | null; completed_at: Date | null }> =>
    (await sql.query(`SELECT status, ended_at, completed_at FROM journey WHERE id = $1`, [id]))[0];

  it('keys no index of the journey table on a value every write of a running journey changes', async () => {
    const indexes: { indexname: string; indexdef: string }[] = await sql.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'journey'`,
    );
    expect(indexes.length).toBeGreaterThan(3);
    const changedByEveryWrite = /\b(updated_at|version|snapshot|state)\b/;
    expect(indexes.filter((i) => changedByEveryWrite.test(i.indexdef)).map((i) => i.indexname)).toEqual([]);
  });

  it('keeps when a journey ended: completed or dismissed, not while it runs or is broken, nor moved by later writes', async () => {
    const running = await start();
    expect((await row(running)).ended_at).toBeNull();

    const completed = await start();
    await completeErrand(app, completed);
    const done = await row(completed);
    expect(done.status).toBe('completed');
    expect(done.ended_at).toEqual(done.completed_at);

    const dismissed = await start();
    const before = Date.now();
    await sql.query(`UPDATE journey SET status = 'dismissed' WHERE id = $1`, [dismissed]);
    const ended = (await row(dismissed)).ended_at!;
    expect(ended.getTime()).toBeGreaterThanOrEqual(before - 1000);
    await sql.query(`UPDATE journey SET updated_at = now() + interval '1 day', version = version + 1 WHERE id = $1`, [dismissed]);
    expect((await row(dismissed)).ended_at).toEqual(ended);

    // A completion time set by hand (as retention tests backdate one) moves it with it.
    await sql.query(`UPDATE journey SET completed_at = now() - interval '40 days' WHERE id = $1`, [completed]);
    const backdated = await row(completed);
    expect(backdated.ended_at).toEqual(backdated.completed_at);

    const broken = await start();
    await sql.query(`UPDATE journey SET status = 'broken', broken_reason = 'test' WHERE id = $1`, [broken]);
    expect((await row(broken)).ended_at).toBeNull();
  });

  /**
   * Runs `work` and answers the parts (CTE names) of each journey write it made, in order, with
   * `task_token` when the write also looked at task tokens and `children` when it read the journeys
   * it links.
   */
  async function writeParts(work: () => Promise<unknown>): Promise<string[][]> {
    // The repository's statements still go to PostgreSQL; the texts of those that wrote the journey are kept on the way
    // (an attempt on a row the process remembered from before the test's own writes writes nothing).
    const repo = app.get(JourneyRepository);
    const advance = repo.advance.bind(repo);
    const writes: string[] = [];
    const spy = jest.spyOn(repo, 'advance').mockImplementation((tx, a) => {
      const kept = Object.assign(Object.create(tx) as Sql, {
        query: async (text: string, params?: unknown[]) => {
          const rows: unknown[] = await tx.query(text, params);
          if (rows.length) writes.push(text);
          return rows;
        },
      });
      return advance(kept, a);
    });
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return writes.map((text) => [
      ...[...text.matchAll(/(?:WITH|,)\s+(\w+) AS \(/g)].map((m) => m[1]),
      ...(/\btask_token\b/.test(text) ? ['task_token'] : []),
      ...(/WHERE c\.parent_journey_id = j\.id/.test(text) ? ['children'] : []),
    ]);
  }

  it("leaves out of an event's one statement every part the event has nothing for", async () => {
    const id = await start();
    // The task's result closes its step and schedules the reminder; the confirmation closes the
    // step, cancels the reminder and ends the journey (which tells whoever waits for it). Neither
    // carries tasks, letters or a key, and the journey has no task token, so no part writes them;
    // neither caller answers with a view, so neither write reads the journeys it links.
    expect(await writeParts(() => completeErrand(app, id))).toEqual([
      ['j', 'h', 'scheduled'],
      ['j', 'h', 'cancelled', 'told'],
    ]);
    // A citizen's event is answered with the journey's view, linked journeys included.
    const other = await start();
    await engineEvent(app, other, 'integration.completed', { step: 'ask', task: 'order-health-card', output: {} });
    const send = app.get(SendEventUseCase);
    const answered = await writeParts(async () =>
      send.executeAndRead({ origin: 'client', journeyId: other, type: 'note', data: { n: 1 }, actor: await ownerActor(app, other) }),
    );
    expect(answered).toEqual([['j', 'h', 'children']]);
  });

  it('closes the task token of a step the event settles, and keeps a failure reported on a waiting step flagged', async () => {
    const id = await start();
    await engineEvent(app, id, 'integration.completed', { step: 'ask', task: 'order-health-card', output: {} });
    const token = async (step: string, status: string) =>
      (
        await sql.query(
          `INSERT INTO task_token (id, token_hash, journey_id, step, system, complete_event, status, expires_at)
           VALUES (gen_random_uuid(), gen_random_uuid()::text, $1, $2, 'health-insurance', 'confirm', $3, now() + interval '1 day')
           RETURNING id`,
          [id, step, status],
        )
      )[0].id as string;
    const awaiting = await token('confirm', 'awaiting');
    // A failure a solution reported on a step that still waits, outside the machine.
    const failed = await token('other', 'failed');
    // Tokens are made live and reported failed by writes that give the journey a new version (a transition, FailTaskUseCase).
    await sql.query('UPDATE journey SET version = version + 1 WHERE id = $1', [id]);
    const citizenEvent = async (type: string, data: Record<string, unknown>) =>
      app.get(SendEventUseCase).execute({ origin: 'client', journeyId: id, type, data, actor: await ownerActor(app, id) });
    // An event that settles no step: the failure keeps the journey flagged, no token is touched.
    expect(await writeParts(() => citizenEvent('note', { n: 1 }))).toEqual([['j', 'h', 'task_token']]);
    expect((await sql.query(`SELECT has_failed_step FROM journey WHERE id = $1`, [id]))[0].has_failed_step).toBe(true);
    // The confirmation settles the step the awaiting token was for: that token closes, the other stays.
    expect(await writeParts(() => citizenEvent('confirm', { answer: 'yes' }))).toEqual([
      ['j', 'h', 't', 'cancelled', 'told', 'task_token'],
    ]);
    const statuses = await sql.query(`SELECT id, status FROM task_token WHERE journey_id = $1 ORDER BY status`, [id]);
    expect(statuses).toEqual([
      { id: awaiting, status: 'closed' },
      { id: failed, status: 'failed' },
    ]);
  });

  it('closes the token of a step the event settles when the token was made live while the event waited for the lock', async () => {
    const id = await start();
    await engineEvent(app, id, 'integration.completed', { step: 'ask', task: 'order-health-card', output: {} });
    // Another transaction writes the journey and makes a token live for the step, and commits only
    // once the event below waits for the journey's lock.
    const other = sql.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query(`UPDATE journey SET version = version + 1 WHERE id = $1`, [id]);
      const [{ id: token }] = await other.query(
        `INSERT INTO task_token (id, token_hash, journey_id, step, system, complete_event, status, expires_at)
         VALUES (gen_random_uuid(), gen_random_uuid()::text, $1, 'confirm', 'health-insurance', 'confirm', 'awaiting',
                 now() + interval '1 day')
         RETURNING id`,
        [id],
      );
      // An event with work on its own transaction takes the journey's lock before it reads.
      const sending = app.get(SendEventUseCase).execute({
        origin: 'client',
        journeyId: id,
        type: 'confirm',
        data: { answer: 'yes' },
        actor: await ownerActor(app, id),
        inTransaction: () => Promise.resolve(),
      });
      await waitFor(
        async () =>
          (await sql.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).length > 0,
        10_000,
      );
      await other.commitTransaction();
      await sending;
      expect(await sql.query(`SELECT status FROM task_token WHERE id = $1`, [token])).toEqual([{ status: 'closed' }]);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
  });

  it('is filled in for journeys that ended before the migration, and its down brings the retention index back', async () => {
    const migration = new KeepRunningJourneyWritesOffIndexes1796600800000();
    const runner = sql.createQueryRunner();
    try {
      await migration.down(runner);
      const indexes: { indexname: string; indexdef: string }[] = await sql.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'journey'
            AND indexname IN ('journey_retention', 'journey_type_status')
          ORDER BY indexname`,
      );
      expect(indexes.map((i) => [i.indexname, /updated_at/.test(i.indexdef)])).toEqual([
        ['journey_retention', true],
        ['journey_type_status', true],
      ]);
      const [completed, dismissed, running] = [await start(), await start(), await start()];
      await completeErrand(app, completed);
      await sql.query(`UPDATE journey SET status = 'dismissed', updated_at = now() - interval '3 days' WHERE id = $1`, [dismissed]);
      await migration.up(runner);
      const done = await row(completed);
      expect(done.ended_at).toEqual(done.completed_at);
      const [{ ended_at, updated_at }] = await sql.query(`SELECT ended_at, updated_at FROM journey WHERE id = $1`, [dismissed]);
      expect(ended_at).toEqual(updated_at);
      expect((await row(running)).ended_at).toBeNull();
    } finally {
      await runner.release();
    }
  });
});
