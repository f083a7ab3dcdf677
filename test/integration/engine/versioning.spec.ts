import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JourneyDefinition } from '../../../journeys/shared/contract';
import { linkedCompletedPayload } from '../../../src/engine/persistence/command-fold';
import { MigrateJourneysUseCase } from '../../../src/engine/use-cases/migrate-journeys.use-case';
import { SendEventUseCase } from '../../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import { createTestApp, ownerActor } from '../../support/app';
import { createTestDatabase } from '../../support/database';
import { errandV1, errandV2 } from '../../support/fixtures/errand.journey';
import { UnusedGateway } from '../../support/unused-gateway';

describe('journey definition versions', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const citizen = { kind: 'citizen' as const, id: 'c-1' };
  const engine = { kind: 'engine' as const, id: 'engine' };
  const apps: INestApplication[] = [];

  async function deploy(definitions: JourneyDefinition[]): Promise<INestApplication> {
    while (apps.length) await apps.pop()!.close();
    const app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions,
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'versioning',
    });
    apps.push(app);
    return app;
  }

  /** The errand's integration answers: the journey waits for the confirmation, with a reminder scheduled. */
  const answerIntegration = (app: INestApplication, journeyId: string) =>
    app.get(SendEventUseCase).execute({
      origin: 'engine',
      journeyId,
      type: 'integration.completed',
      data: { step: 'ask', task: 'order-health-card', output: {} },
      actor: engine,
    });

  beforeAll(async () => {
    db = await createTestDatabase('versioning');
  });
  afterAll(async () => {
    while (apps.length) await apps.pop()!.close();
    await db?.drop();
  });

  it('keeps a version 1 journey running after version 2 is deployed, and the migrate command moves it', async () => {
    let app = await deploy([errandV1]);
    const sql = app.get(DataSource);
    const [c1] = await sql.query(`INSERT INTO citizen (cpr) VALUES ('0101901234') RETURNING id`);
    const old = (await app.get(StartJourneyUseCase).execute({ citizenId: c1.id, type: 'moving', actor: citizen })).journeyId;
    await answerIntegration(app, old);

    app = await deploy([errandV1, errandV2]);
    const db2 = app.get(DataSource);
    const send = app.get(SendEventUseCase);
    // The old journey still runs on version 1, in its version-1 state.
    await send.execute({ origin: 'client', journeyId: old, type: 'note', data: { n: 7 }, actor: await ownerActor(app, old) });
    expect(await db2.query('SELECT definition_version, state FROM journey WHERE id = $1', [old])).toEqual([
      { definition_version: 1, state: 'waiting' },
    ]);
    // New journeys start on version 2.
    const [c2] = await db2.query(`INSERT INTO citizen (cpr) VALUES ('0101901235') RETURNING id`);
    const fresh = (await app.get(StartJourneyUseCase).execute({ citizenId: c2.id, type: 'moving', actor: citizen })).journeyId;
    expect((await db2.query('SELECT definition_version FROM journey WHERE id = $1', [fresh]))[0].definition_version).toBe(2);

    const migrate = app.get(MigrateJourneysUseCase);
    const dry = await migrate.execute({ type: 'moving', to: 2, dryRun: true });
    expect(dry).toEqual([
      expect.objectContaining({ journeyId: old, outcome: 'would-migrate', stateBefore: 'waiting', stateAfter: 'awaitingConfirmation' }),
    ]);
    expect((await db2.query('SELECT definition_version FROM journey WHERE id = $1', [old]))[0].definition_version).toBe(1);

    const applied = await migrate.execute({ type: 'moving', to: 2, dryRun: false });
    expect(applied).toEqual([expect.objectContaining({ journeyId: old, outcome: 'migrated' })]);
    const [row] = await db2.query('SELECT definition_version, state, snapshot FROM journey WHERE id = $1', [old]);
    expect(row).toMatchObject({ definition_version: 2, state: 'awaitingConfirmation' });
    expect(row.snapshot.context.notes).toEqual([7]);
    await send.execute({ origin: 'client', journeyId: old, type: 'confirm', data: { answer: 'yes' }, actor: await ownerActor(app, old) });
    expect((await db2.query('SELECT status FROM journey WHERE id = $1', [old]))[0].status).toBe('completed');
    const history = await db2.query('SELECT event_type FROM journey_history WHERE journey_id = $1 ORDER BY seq', [old]);
    expect(history.map((h: { event_type: string }) => h.event_type)).toEqual([
      'journey.started',
      'integration.completed',
      'note',
      'journey.migrated',
      'confirm',
    ]);
  });

  it('reports a journey it cannot migrate, with the reason, and leaves it alone', async () => {
    const app = await deploy([errandV1, errandV2]);
    const sql = app.get(DataSource);
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES ('0101901236') RETURNING id`);
    const [{ id }] = await sql.query(
      `INSERT INTO journey (citizen_id, type, definition_version, status, state, snapshot)
       VALUES ($1, 'moving', 1, 'active', 'gone', '{"status":"active","value":"gone","context":{"steps":{}}}') RETURNING id`,
      [c.id],
    );
    const report = await app.get(MigrateJourneysUseCase).execute({ type: 'moving', to: 2, dryRun: false });
    expect(report).toEqual([expect.objectContaining({ journeyId: id, outcome: 'cannot', reason: expect.stringContaining('gone') })]);
    expect((await sql.query('SELECT definition_version FROM journey WHERE id = $1', [id]))[0].definition_version).toBe(1);
  });

  it('ends a journey whose migration ends it as an event would: its timers stop and its parent hears it', async () => {
    // A version 2 that no longer asks for the confirmation: a journey waiting for it is done.
    const ending: JourneyDefinition = {
      ...errandV2,
      migrations: [
        {
          from: 1,
          to: 2,
          description: 'the confirmation is no longer asked for',
          migrate: (snapshot) => (snapshot.value === 'waiting' ? { ...snapshot, value: 'done', status: 'done' } : snapshot),
        },
      ],
    };
    let app = await deploy([errandV1]);
    let sql = app.get(DataSource);
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES ('0101901237') RETURNING id`);
    const start = (citizenId: string) => app.get(StartJourneyUseCase).execute({ citizenId, type: 'moving', actor: citizen });
    const [p] = await sql.query(`INSERT INTO citizen (cpr) VALUES ('0101901238') RETURNING id`);
    const parent = (await start(p.id)).journeyId;
    const child = (await start(c.id)).journeyId;
    await sql.query('UPDATE journey SET parent_journey_id = $2, linked_step = $3 WHERE id = $1', [child, parent, 'ask']);
    await answerIntegration(app, child);
    expect(await sql.query(`SELECT status FROM journey_timer WHERE journey_id = $1`, [child])).toEqual([{ status: 'scheduled' }]);

    app = await deploy([errandV1, ending]);
    sql = app.get(DataSource);
    const report = await app.get(MigrateJourneysUseCase).execute({ type: 'moving', to: 2, dryRun: false });
    expect(report).toEqual(
      expect.arrayContaining([expect.objectContaining({ journeyId: child, outcome: 'migrated', stateAfter: 'done' })]),
    );
    expect(await sql.query('SELECT status FROM journey WHERE id = $1', [child])).toEqual([{ status: 'completed' }]);
    expect(await sql.query(`SELECT status FROM journey_timer WHERE journey_id = $1`, [child])).toEqual([{ status: 'cancelled' }]);
    const told = await sql.query(`SELECT payload FROM outbox WHERE payload->'data'->>'idempotencyKey' = $1`, [`linked:${child}`]);
    expect(told.map((r: { payload: unknown }) => r.payload)).toEqual([
      linkedCompletedPayload({ id: child, type: 'moving' }, { journeyId: parent, step: 'ask' }),
    ]);
  });
});
