/**
 * Journeys started under rules that were later corrected move to the corrected definition with
 * `journeys:migrate`: a dry run first (nothing changes), then the migration, which recomputes their
 * deadlines and reschedules the timers behind them.
 */
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allDefinitions } from '../../../journeys';
import { losingARelativeV1 } from '../../../journeys/losing-a-relative';
import { movingAbroadV1 } from '../../../journeys/moving-abroad';
import { retiringV1 } from '../../../journeys/retiring';
import { pensionDates } from '../../../journeys/retiring/retiring.rules';
import { addDays } from '../../../journeys/shared/calendar';
import type { JourneyDefinition } from '../../../journeys/shared/contract';
import { reminderTimers } from '../../../journeys/shared/kit';
import { MigrateJourneysUseCase } from '../../../src/engine/use-cases/migrate-journeys.use-case';
import { SendEventUseCase } from '../../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import { createTestApp } from '../../support/app';
import { createTestDatabase } from '../../support/database';
import { UnusedGateway } from '../../support/unused-gateway';

describe('moving journeys started under corrected rules', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const apps: INestApplication[] = [];
  const register = { kind: 'register' as const, id: 'register:test' };
  const citizenActor = (id: string) => ({ kind: 'citizen' as const, id });

  async function deploy(definitions: JourneyDefinition[]): Promise<INestApplication> {
    while (apps.length) await apps.pop()!.close();
    const app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions,
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'corrections',
    });
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    db = await createTestDatabase('corrections');
  });
  afterAll(async () => {
    while (apps.length) await apps.pop()!.close();
    await db?.drop();
  });

  const snapshotOf = async (sql: DataSource, id: string) =>
    (await sql.query('SELECT definition_version, state, snapshot FROM journey WHERE id = $1', [id]))[0];
  const timer = async (sql: DataSource, id: string, key: string) =>
    (
      await sql.query(
        `SELECT to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS due, generation, status
          FROM journey_timer WHERE journey_id = $1 AND key = $2`,
        [id, key],
      )
    )[0];

  it('recomputes the burial deadline, the pension dates and a weekly commuter’s registration, after a dry run', async () => {
    // Before the corrections: only the version-1 definitions are deployed.
    let app = await deploy([losingARelativeV1, retiringV1, movingAbroadV1]);
    let sql = app.get(DataSource);
    const start = app.get(StartJourneyUseCase);
    const [widow, pensioner, commuter] = await sql.query(
      `INSERT INTO citizen (cpr) VALUES ('0603481234'), ('0201711231'), ('1503851236') RETURNING id`,
    );

    // A death today; version 1 set the burial deadline at the date of death + 8 and reminded from it.
    const today = new Date().toISOString().slice(0, 10);
    const relative = (
      await start.execute({
        citizenId: widow.id,
        type: 'losing-a-relative',
        facts: { dateOfDeath: today, relation: 'spouse', bothReceivedPublicPension: true, deceasedHadHealthCover: true },
        actor: register,
      })
    ).journeyId;
    await sql.query(
      `UPDATE journey SET snapshot = jsonb_set(snapshot, '{context,steps,burial,deadline}', to_jsonb($2::text)) WHERE id = $1`,
      [relative, addDays(today, 8)],
    );
    await sql.query(`UPDATE journey_timer SET due_at = $2 WHERE journey_id = $1 AND key = 'reminder:burial:2d'`, [
      relative,
      `${addDays(today, 6)}T07:00:00Z`,
    ]);

    // Born 2 January 1971: version 1's table stopped at 69, so the feed's date 2 January 2040 was taken as the pension age.
    const retiring = (
      await start.execute({
        citizenId: pensioner.id,
        type: 'retiring',
        facts: {
          birthDate: '1971-01-02',
          pensionAgeDate: '2040-01-02',
          disabilityPensioner: false,
          stillWorking: false,
          livesAbroad: false,
          receivesHousingBenefit: false,
        },
        startedAt: '2039-07-02T07:00:00.000Z',
        actor: register,
      })
    ).journeyId;
    const at69 = pensionDates('2040-01-02');
    await sql.query(
      `UPDATE journey SET snapshot = jsonb_set(jsonb_set(jsonb_set(snapshot, '{context,anchorDate}', to_jsonb($2::text)),
          '{context,dates}', $3::jsonb),
         '{context,steps,apply-folkepension}', $4::jsonb) WHERE id = $1`,
      [
        retiring,
        at69.pensionAgeDate,
        JSON.stringify(at69),
        JSON.stringify({ status: 'active', availableFrom: at69.applyFrom, deadline: at69.applyBy }),
      ],
    );
    await sql.query(
      `UPDATE journey_timer SET due_at = '2040-02-01T07:00:00Z' WHERE journey_id = $1 AND key = 'deadline:apply-folkepension'`,
      [retiring],
    );

    // Working in Norway, home most weekends, with housing benefit: version 1 waits for the municipality.
    const abroad = (
      await start.execute({
        citizenId: commuter.id,
        type: 'moving-abroad',
        answers: {
          departureDate: addDays(today, 20),
          destination: 'nordic',
          awayMoreThan6Months: true,
          keepsHomeWithFullUse: true,
          worksAbroad: true,
          homeMostWeekends: true,
          stillWorksInDenmark: false,
          benefits: { childBenefit: false, housingBenefit: true, su: false, pension: false },
        },
        actor: citizenActor(commuter.id),
      })
    ).journeyId;
    expect((await snapshotOf(sql, abroad)).state).toContain('registration:awaitingMunicipality');

    // The corrected definitions are deployed beside version 1.
    app = await deploy(allDefinitions());
    sql = app.get(DataSource);
    const migrate = app.get(MigrateJourneysUseCase);

    const dry = [
      ...(await migrate.execute({ type: 'losing-a-relative', to: 2, dryRun: true })),
      ...(await migrate.execute({ type: 'retiring', to: 2, dryRun: true })),
      ...(await migrate.execute({ type: 'moving-abroad', to: 2, dryRun: true })),
    ];
    expect(dry).toEqual([
      expect.objectContaining({ journeyId: relative, outcome: 'would-migrate', timers: ['reminder:burial:7d', 'reminder:burial:2d'] }),
      expect.objectContaining({
        journeyId: retiring,
        outcome: 'would-migrate',
        timers: expect.arrayContaining(['deadline:apply-folkepension', 'reminder:apply-folkepension:7d']),
      }),
      expect.objectContaining({
        journeyId: abroad,
        outcome: 'would-migrate',
        stateAfter: expect.stringContaining('registration:choosingToStay'),
      }),
    ]);
    // A dry run changes nothing.
    expect((await snapshotOf(sql, relative)).snapshot.context.steps.burial.deadline).toBe(addDays(today, 8));
    expect(await timer(sql, retiring, 'deadline:apply-folkepension')).toMatchObject({ due: '2040-02-01T07:00', generation: 1 });
    expect((await snapshotOf(sql, abroad)).definition_version).toBe(1);

    for (const type of ['losing-a-relative', 'retiring', 'moving-abroad']) {
      expect(await migrate.execute({ type, to: 2, dryRun: false })).toEqual([expect.objectContaining({ outcome: 'migrated' })]);
    }

    // Burial: 8 days with the day of death counted; the reminder follows the new deadline.
    const burial = await snapshotOf(sql, relative);
    expect(burial).toMatchObject({ definition_version: 2 });
    expect(burial.snapshot.context.steps.burial.deadline).toBe(addDays(today, 7));
    const [expected2d] = reminderTimers('burial', addDays(today, 7), [2], new Date(0).toISOString());
    expect(await timer(sql, relative, 'reminder:burial:2d')).toMatchObject({
      due: expected2d.dueAt.slice(0, 16),
      status: 'scheduled',
      generation: 2,
    });

    // Pension: 70 on 2 January 2041; apply by 31 January 2041, flagged the morning after.
    const pension = (await snapshotOf(sql, retiring)).snapshot.context;
    expect(pension.anchorDate).toBe('2041-01-02');
    expect(pension.steps['apply-folkepension']).toEqual({ status: 'active', availableFrom: '2040-07-02', deadline: '2041-01-31' });
    expect(await timer(sql, retiring, 'deadline:apply-folkepension')).toMatchObject({
      due: '2041-02-01T07:00',
      status: 'scheduled',
      generation: 2,
    });
    expect(await timer(sql, retiring, 'reminder:apply-folkepension:2d')).toMatchObject({ due: '2041-01-29T07:00', status: 'scheduled' });

    // The weekly commuter chooses to stay registered; housing benefit is due to be reported by the departure.
    const moved = await snapshotOf(sql, abroad);
    expect(moved.snapshot.context.steps['benefits-stop']).toMatchObject({ status: 'active', deadline: addDays(today, 20) });
    expect(await timer(sql, abroad, 'reminder:benefits-stop:7d')).toMatchObject({ status: 'scheduled' });
    await app.get(SendEventUseCase).execute({ journeyId: abroad, type: 'registration.kept', data: {}, actor: citizenActor(commuter.id) });
    const kept = await snapshotOf(sql, abroad);
    expect(kept.state).toContain('registration:kept');
    expect(kept.snapshot.context.steps['report-emigration']).toMatchObject({ status: 'skipped', reason: 'stays-registered' });
    const history = await sql.query(`SELECT event_type FROM journey_history WHERE journey_id = $1 ORDER BY seq`, [abroad]);
    expect(history.map((h: { event_type: string }) => h.event_type)).toEqual(['journey.started', 'journey.migrated', 'registration.kept']);
  });

  it('leaves a pension journey whose application was sent under the earlier age to a caseworker', async () => {
    let app = await deploy([retiringV1]);
    let sql = app.get(DataSource);
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES ('0301711235') RETURNING id`);
    const id = (
      await app.get(StartJourneyUseCase).execute({
        citizenId: c.id,
        type: 'retiring',
        facts: {
          birthDate: '1971-01-03',
          pensionAgeDate: '2040-01-03',
          disabilityPensioner: false,
          stillWorking: false,
          livesAbroad: false,
          receivesHousingBenefit: false,
        },
        startedAt: '2039-07-03T07:00:00.000Z',
        actor: register,
      })
    ).journeyId;
    await sql.query(
      `UPDATE journey SET snapshot = jsonb_set(jsonb_set(snapshot, '{context,anchorDate}', '"2040-01-03"'),
                                               '{context,appliedOn}', '"2039-08-01"')
        WHERE id = $1`,
      [id],
    );

    app = await deploy(allDefinitions());
    sql = app.get(DataSource);
    const report = await app.get(MigrateJourneysUseCase).execute({ type: 'retiring', to: 2, dryRun: false });
    expect(report).toEqual([expect.objectContaining({ journeyId: id, outcome: 'cannot', reason: expect.stringContaining('caseworker') })]);
    expect((await snapshotOf(sql, id)).definition_version).toBe(1);
  });
});
