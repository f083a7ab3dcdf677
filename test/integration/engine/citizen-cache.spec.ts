import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CitizenCache } from '../../../src/engine/persistence/citizen-cache';
import { CitizenRepository } from '../../../src/engine/persistence/citizen.repository';
import { createTestApp } from '../../support/app';
import { createTestDatabase } from '../../support/database';
import { errandV1 } from '../../support/fixtures/errand.journey';
import { waitFor } from '../../support/private-redis';
import { UnusedGateway } from '../../support/unused-gateway';

/**
 * A signed-in citizen's row is answered from the process's memory, and a CPR number that retention
 * replaced in any process is never answered with the row it used to name.
 */
describe('citizen cache', () => {
  let app: INestApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: DataSource;
  let citizens: CitizenRepository;

  beforeAll(async () => {
    db = await createTestDatabase('citizen_cache');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: 'citizen_cache',
    });
    sql = app.get(DataSource);
    citizens = app.get(CitizenRepository);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const listening = () => app.get(CitizenCache).listening;
  /** What another process's retention does: a new CPR token for the row, without telling this process. */
  const pseudonymiseElsewhere = (id: string) =>
    sql.query(`UPDATE citizen SET cpr = 'P' || upper(substr(md5(random()::text), 1, 9)), name = NULL WHERE id = $1`, [id]);
  /** Asks until the row is kept in memory: the pseudonymised row is still the answer. */
  const cachedAfterChange = async (cpr: string) => {
    const { id } = await citizens.identify(cpr, 'Ida Holm');
    await waitFor(listening, 5000);
    await citizens.identify(cpr, 'Ida Holm');
    await pseudonymiseElsewhere(id);
    expect((await citizens.identify(cpr, 'Ida Holm')).id).toBe(id);
    return id;
  };

  it('answers a signed-in citizen from memory, and a new citizen once another process says CPR numbers were replaced', async () => {
    const old = await cachedAfterChange('1212901234');
    await sql.query(`SELECT pg_notify('citizen_changed', '')`);
    await waitFor(async () => (await citizens.identify('1212901234', 'Ida Holm')).id !== old, 5000, 20);
    const [row] = await sql.query('SELECT id, name, cpr FROM citizen WHERE cpr = $1', ['1212901234']);
    expect(row).toEqual({ id: expect.not.stringMatching(old), name: 'Ida Holm', cpr: '1212901234' });
  });

  it('reads every row again from the moment its process stops listening', async () => {
    const old = await cachedAfterChange('1312901234');
    await sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'livsforloeb-citizen-changes'`);
    await waitFor(async () => (await citizens.identify('1312901234', 'Ida Holm')).id !== old, 5000, 20);
    // It listens again, and keeps rows again.
    await waitFor(async () => (await citizens.identify('1312901234', 'Ida Holm')) && listening(), 5000);
    await cachedAfterChange('1312901234');
  });

  it('writes the name a sign-in gives, also when another name is kept in memory', async () => {
    const name = async () => (await sql.query('SELECT name FROM citizen WHERE cpr = $1', ['1412901234']))[0].name;
    await citizens.identify('1412901234', 'Ida Holm');
    await waitFor(listening, 5000);
    await citizens.identify('1412901234', 'Ida Holm');
    await citizens.identify('1412901234', 'Ida Holm-Berg');
    expect(await name()).toBe('Ida Holm-Berg');
    await citizens.identify('1412901234', 'Ida Holm');
    expect(await name()).toBe('Ida Holm');
  });

  it('adds a citizen once however many first sign-ins arrive together, and a sign-in without a name keeps the name', async () => {
    const row = () => sql.query(`SELECT id, name, to_char(birth_date, 'YYYY-MM-DD') AS birth FROM citizen WHERE cpr = $1`, ['1512901234']);
    // On a transaction, so no process memory answers: every call is a read of the row, or its first write.
    const identify = (name?: string) => sql.transaction((tx) => citizens.identify('151290-1234', name, tx));
    const ids = await Promise.all(Array.from({ length: 8 }, () => identify('Ida Holm')));
    expect(new Set(ids.map((c) => c.id)).size).toBe(1);
    expect(await row()).toEqual([{ id: ids[0].id, name: 'Ida Holm', birth: '1990-12-15' }]);
    expect(ids[0]).toEqual({ id: ids[0].id, cpr: '1512901234', birthDate: '1990-12-15' });
    expect((await identify()).id).toBe(ids[0].id);
    expect(await row()).toEqual([{ id: ids[0].id, name: 'Ida Holm', birth: '1990-12-15' }]);
    await identify('Ida Holm-Berg');
    expect((await row())[0].name).toBe('Ida Holm-Berg');
  });
});
