import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreateJourneyScope1795700600000 } from '../../../migrations/1795700600000-CreateJourneyScope';
import type { JourneyDefinition } from '../../../journeys/shared/contract';
import { CaseworkerQueries } from '../../../src/engine/caseworker/caseworker.queries';
import { RetryTaskUseCase } from '../../../src/engine/caseworker/retry-task.use-case';
import { MigrateJourneysUseCase } from '../../../src/engine/use-cases/migrate-journeys.use-case';
import { SendEventUseCase } from '../../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import { createTestApp } from '../../support/app';
import { createTestDatabase } from '../../support/database';
import { completeErrand, failTask } from '../../support/experience';
import { errandV1, errandV2 } from '../../support/fixtures/errand.journey';
import { scopeDrift } from '../../support/journey-scope';
import { UnusedGateway } from '../../support/unused-gateway';

/** Version 2 of the errand, with a step of a second authority: migrating a journey widens its scope. */
const errandV2Taxed: JourneyDefinition = {
  ...errandV2,
  steps: [
    ...errandV2.steps,
    { id: 'tax', kind: 'automatic', system: 'skattestyrelsen', title: { da: 'Skat', en: 'Tax' }, guidance: { da: '-', en: '-' } },
  ],
};

/** `journey_scope`, the caseworker search's scope, follows its journey in the journey's own transaction. */
describe('journey_scope', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const apps: INestApplication[] = [];
  const citizen = { kind: 'citizen' as const, id: 'c-1' };
  const caseworker = { kind: 'caseworker' as const, id: 'cw-1', authority: 'health-insurance' };
  let serial = 0;

  async function deploy(definitions: JourneyDefinition[]): Promise<INestApplication> {
    while (apps.length) await apps.pop()!.close();
    const app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions,
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'journey_scope',
    });
    apps.push(app);
    return app;
  }
  async function start(app: INestApplication): Promise<string> {
    const [c] = await app
      .get(DataSource)
      .query(`INSERT INTO citizen (cpr) VALUES ($1) RETURNING id`, [`01019${String(++serial).padStart(5, '0')}`]);
    return (await app.get(StartJourneyUseCase).execute({ citizenId: c.id, type: 'moving', actor: citizen })).journeyId;
  }
  const scope = (app: INestApplication, id: string) =>
    app
      .get(DataSource)
      .query(`SELECT system, type, status, has_failed_step FROM journey_scope WHERE journey_id = $1 ORDER BY system`, [id]);
  const found = async (app: INestApplication, authority: string, filters: object = {}) =>
    (await app.get(CaseworkerQueries).search({ authority, limit: 100, ...filters })).items.map((i) => i.id);

  beforeAll(async () => {
    db = await createTestDatabase('journey_scope');
  });
  afterAll(async () => {
    while (apps.length) await apps.pop()!.close();
    await db?.drop();
  });

  it('follows a journey through start, a failed integration, the retry and completion', async () => {
    const app = await deploy([errandV1]);
    const id = await start(app);
    expect(await scope(app, id)).toEqual([{ system: 'health-insurance', type: 'moving', status: 'active', has_failed_step: false }]);

    const task = await failTask(app, id);
    expect(await scope(app, id)).toEqual([expect.objectContaining({ status: 'active', has_failed_step: true })]);
    expect(await found(app, 'health-insurance', { failed: true })).toEqual([id]);

    await app.get(RetryTaskUseCase).execute({ journeyId: id, taskId: task, actor: caseworker });
    expect(await scope(app, id)).toEqual([expect.objectContaining({ status: 'active', has_failed_step: false })]);
    expect(await found(app, 'health-insurance', { failed: true })).toEqual([]);

    await completeErrand(app, id);
    expect(await scope(app, id)).toEqual([expect.objectContaining({ status: 'completed', has_failed_step: false })]);
    expect(await found(app, 'health-insurance', { status: 'completed' })).toEqual([id]);
    expect(await found(app, 'health-insurance', { status: 'active' })).not.toContain(id);
    expect(await scopeDrift(app.get(DataSource))).toEqual([]);
  });

  it('follows a migration to a version with a step of another authority', async () => {
    let app = await deploy([errandV1]);
    const id = await start(app);
    expect(await found(app, 'skattestyrelsen')).toEqual([]);

    app = await deploy([errandV1, errandV2Taxed]);
    await app.get(SendEventUseCase).execute({
      origin: 'engine',
      journeyId: id,
      type: 'integration.completed',
      data: { step: 'ask', task: 'order-health-card', output: {} },
      actor: { kind: 'engine', id: 'engine' },
    });
    const report = await app.get(MigrateJourneysUseCase).execute({ type: 'moving', to: 2, dryRun: false });
    expect(report).toEqual(expect.arrayContaining([expect.objectContaining({ journeyId: id, outcome: 'migrated' })]));
    expect((await scope(app, id)).map((r: { system: string }) => r.system)).toEqual(['health-insurance', 'skattestyrelsen']);
    expect(await found(app, 'skattestyrelsen')).toEqual([id]);
    expect(await found(app, 'skattestyrelsen', { type: 'moving', status: 'active' })).toEqual([id]);
    expect(await scopeDrift(app.get(DataSource))).toEqual([]);
  });

  it('follows writes made in plain SQL, and goes with a deleted journey', async () => {
    const app = await deploy([errandV1]);
    const sql = app.get(DataSource);
    const id = await start(app);
    await sql.query(`UPDATE journey SET status = 'broken', broken_reason = 'test' WHERE id = $1`, [id]);
    expect(await found(app, 'health-insurance', { broken: true })).toContain(id);
    await sql.query(`UPDATE journey SET systems = '{cpr,health-insurance,cpr}' WHERE id = $1`, [id]);
    expect((await scope(app, id)).map((r: { system: string }) => r.system)).toEqual(['cpr', 'health-insurance']);
    await sql.query(`UPDATE journey SET systems = '{}' WHERE id = $1`, [id]);
    expect(await scope(app, id)).toEqual([]);
    expect(await found(app, 'health-insurance', { broken: true })).not.toContain(id);
    expect(await scopeDrift(sql)).toEqual([]);

    await sql.query(`UPDATE journey SET systems = '{health-insurance}' WHERE id = $1`, [id]);
    await sql.query(`DELETE FROM journey WHERE id = $1`, [id]);
    expect(await sql.query(`SELECT 1 FROM journey_scope WHERE journey_id = $1`, [id])).toEqual([]);
  });

  it('is backfilled for the journeys there are when the migration runs, and dropped by its down', async () => {
    const app = await deploy([errandV1]);
    const sql = app.get(DataSource);
    const migration = new CreateJourneyScope1795700600000();
    const runner = sql.createQueryRunner();
    try {
      await migration.down(runner);
      const ids = [await start(app), await start(app)];
      await sql.query(`UPDATE journey SET has_failed_step = true, systems = '{cpr,health-insurance}' WHERE id = $1`, [ids[1]]);
      await migration.up(runner);
      expect(await scope(app, ids[1])).toEqual([
        { system: 'cpr', type: 'moving', status: 'active', has_failed_step: true },
        { system: 'health-insurance', type: 'moving', status: 'active', has_failed_step: true },
      ]);
      expect(await scopeDrift(sql)).toEqual([]);
    } finally {
      await runner.release();
    }
  });
});
