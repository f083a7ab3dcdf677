import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../src/platform/database/data-source';
import {
  MAX_PREPARED,
  PREPARE_AFTER_RUNS,
  PreparedStatements,
  usePreparedStatements,
} from '../../../src/platform/database/prepared-statements';
import { createTestDatabase } from '../../support/database';

describe('prepared statements', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  /** What the server holds prepared on the pool's one connection. */
  const preparedOnServer = async (): Promise<string[]> =>
    (await dataSource.query(`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`)).map(
      (r: { statement: string }) => r.statement,
    );

  beforeAll(async () => {
    db = await createTestDatabase('prepared');
    // One connection, so every statement meets the same server session.
    dataSource = createDataSource(db.url, 1);
    await dataSource.initialize();
    usePreparedStatements(dataSource);
    await dataSource.query('CREATE TABLE item (id int PRIMARY KEY, label text)');
    await dataSource.query(`INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 10) g`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('prepares a statement once it has run a few times, and it answers as before', async () => {
    const text = 'SELECT * FROM item WHERE id = $1';
    const answers: unknown[] = [];
    for (let i = 1; i <= PREPARE_AFTER_RUNS + 2; i++) {
      answers.push(await dataSource.query(text, [i]));
      if (i === PREPARE_AFTER_RUNS - 1) expect(await preparedOnServer()).not.toContain(text);
    }
    expect(await preparedOnServer()).toContain(text);
    expect(answers).toEqual(Array.from({ length: PREPARE_AFTER_RUNS + 2 }, (_, i) => [{ id: i + 1, label: `item ${i + 1}` }]));
    // Inside a transaction too, with UPDATE's [rows, count] answer from TypeORM.
    const update = 'UPDATE item SET label = $2 WHERE id = $1 RETURNING id';
    await dataSource.transaction(async (tx) => {
      for (let i = 1; i <= PREPARE_AFTER_RUNS + 1; i++) expect(await tx.query(update, [i, `renamed ${i}`])).toEqual([[{ id: i }], 1]);
    });
    expect(await preparedOnServer()).toContain(update);
  });

  it('leaves statements without parameters and SQL built with values in it unprepared', async () => {
    for (let i = 0; i < PREPARE_AFTER_RUNS + 1; i++) {
      await dataSource.query('SELECT count(*) FROM item');
      await dataSource.query(`SELECT label FROM item WHERE id = ${i + 1} AND $1::int IS NOT NULL`, [1]);
    }
    const prepared = await preparedOnServer();
    expect(prepared.filter((s) => s.includes('count(*)') || s.includes('AND $1::int IS NOT NULL'))).toEqual([]);
  });

  it('a statement whose table changed under it fails once, then runs unprepared with the new columns', async () => {
    const text = 'SELECT * FROM item WHERE id = ANY($1::int[]) ORDER BY id';
    for (let i = 0; i < PREPARE_AFTER_RUNS + 1; i++) await dataSource.query(text, [[1, 2]]);
    expect(await preparedOnServer()).toContain(text);
    await dataSource.query('ALTER TABLE item ADD COLUMN note text');
    await expect(dataSource.query(text, [[1, 2]])).rejects.toThrow(/cached plan must not change result type/);
    const rows = await dataSource.query(text, [[1]]);
    expect(rows).toEqual([{ id: 1, label: 'renamed 1', note: null }]);
  });

  it('prepares at most MAX_PREPARED texts', () => {
    const statements = new PreparedStatements();
    for (let i = 0; i < MAX_PREPARED + 10; i++)
      for (let run = 0; run < PREPARE_AFTER_RUNS; run++) statements.nameFor(`SELECT ${i} WHERE $1`);
    expect(statements.size).toBe(MAX_PREPARED);
    expect(statements.nameFor(`SELECT ${MAX_PREPARED + 5} WHERE $1`)).toBeUndefined();
    expect(statements.nameFor('SELECT 0 WHERE $1')).toMatch(/^lf_[0-9a-f]{24}$/);
  });
});
