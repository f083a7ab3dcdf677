import type { DataSource } from 'typeorm';
import { allDefinitions } from '../../../journeys';
import { CaseworkerQueries, type JourneySearch } from '../../../src/engine/caseworker/caseworker.queries';
import { DefinitionCatalog } from '../../../src/engine/definitions/definition-catalog';
import { copenhagenDate } from '../../../src/engine/notifications/quiet-hours';
import type { JourneyStatus } from '../../../src/engine/persistence/journey.repository';
import { JourneyRepository } from '../../../src/engine/persistence/journey.repository';
import { createDataSource, runMigrations } from '../../../src/platform/database/data-source';
import { createTestDatabase } from '../../support/database';
import { scopeDrift } from '../../support/journey-scope';

const catalog = new DefinitionCatalog(allDefinitions());
const STATUSES: JourneyStatus[] = ['active', 'completed', 'dismissed', 'broken'];
const AUTHORITIES = ['municipality', 'cpr', 'skattestyrelsen', 'udbetaling-danmark', 'health-insurance', 'no-such-authority'];

/** A small deterministic random source (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The search as it was before `journey_scope`: the journey row alone, its `systems` array for the
 * scope, every match in page order. The search must answer exactly this, page by page.
 */
async function oracle(sql: DataSource, s: JourneySearch): Promise<string[]> {
  if (s.type && !catalog.versions(s.type).some((d) => d.steps.some((step) => step.system === s.authority))) return [];
  const where = ['j.systems @> ARRAY[$1]::text[]'];
  const params: unknown[] = [s.authority];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (s.type) add('j.type = ?', s.type);
  if (s.state) add(`j.state LIKE ? ESCAPE '\\'`, `%${s.state.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (s.status) add('j.status = ?', s.status);
  if (s.broken) where.push(`j.status = 'broken'`);
  if (s.failed) where.push('j.has_failed_step');
  if (s.overdue) add(`j.status = 'active' AND j.next_deadline < ?::date`, copenhagenDate());
  const rows: { id: string }[] = await sql.query(
    `SELECT j.id FROM journey j WHERE ${where.join(' AND ')} ORDER BY j.created_at DESC, j.id DESC`,
    params,
  );
  return rows.map((r) => r.id);
}

/** Caseworker search over journey_scope answers exactly what the journey rows alone answered. */
describe(CaseworkerQueries.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: DataSource;
  let search: CaseworkerQueries;
  const rand = random(20261126);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

  beforeAll(async () => {
    db = await createTestDatabase('caseworker_search');
    sql = createDataSource(db.url, 2);
    await sql.initialize();
    await runMigrations(sql);
    search = new CaseworkerQueries(new JourneyRepository(sql), catalog);

    // Journeys of every type, each involving a random part of its type's authorities; few distinct
    // creation times, so the id decides many ties; states with LIKE's special characters.
    const defs = allDefinitions();
    const base = Date.parse('2026-11-01T10:00:00Z');
    const journeys = Array.from({ length: 1200 }, () => {
      const def = pick(defs);
      const systems = [...new Set(def.steps.map((s) => s.system).filter((x): x is NonNullable<typeof x> => !!x))].filter(
        () => rand() < 0.6,
      );
      const deadline = rand() < 0.2 ? null : new Date(Date.now() + Math.floor(rand() * 21 - 10) * 86_400_000).toISOString().slice(0, 10);
      return {
        type: def.id,
        version: def.version,
        status: pick(['active', 'active', 'active', 'completed', 'completed', 'dismissed', 'broken'] as const),
        state: pick(['awaitingCpr', 'requesting', 'done_x', 'a_b%c', 'waiting.awaitingCpr']),
        failed: rand() < 0.1,
        deadline,
        systems,
        created: new Date(base - Math.floor(rand() * 60) * 60_000).toISOString(),
      };
    });
    await sql.query(
      `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb)
        AS x(type text, version int, status text, state text, failed boolean, deadline date, systems text[], created timestamptz)),
            c AS (INSERT INTO citizen (cpr) SELECT lpad(g::text, 10, '0') FROM generate_series(1, (SELECT count(*) FROM x)) g RETURNING id),
            n AS (SELECT x.*, row_number() OVER () AS n FROM x), m AS (SELECT id, row_number() OVER () AS n FROM c)
       INSERT INTO journey (citizen_id, type, definition_version, status, state, snapshot, next_deadline,
           has_failed_step, systems, created_at)
       SELECT m.id, n.type, n.version, n.status, n.state, '{}'::jsonb, n.deadline, n.failed, n.systems, n.created FROM n JOIN m USING (n)`,
      [JSON.stringify(journeys)],
    );
  });
  afterAll(async () => {
    await sql?.destroy();
    await db?.drop();
  });

  /** Random searches, each paged to its end; every page must be the oracle's next slice. */
  async function compare(searches: number): Promise<number> {
    let matched = 0;
    for (let i = 0; i < searches; i++) {
      const s: JourneySearch = {
        authority: pick(AUTHORITIES),
        type: pick([undefined, undefined, 'moving', 'retiring', 'losing-a-job', 'digital-citizen', 'divorce']),
        status: pick([undefined, undefined, undefined, ...STATUSES]),
        overdue: pick([undefined, undefined, undefined, true]),
        failed: pick([undefined, undefined, undefined, true]),
        broken: pick([undefined, undefined, undefined, true]),
        state: pick([undefined, undefined, undefined, 'Cpr', '%', 'b_']),
        limit: pick([1, 3, 25, 100]),
      };
      const expected = await oracle(sql, s);
      // Long answers in bigger pages, so that a search is a handful of pages.
      s.limit = Math.max(s.limit, Math.ceil(expected.length / 6));
      const got: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await search.search({ ...s, cursor });
        expect(res.items.length).toBeLessThanOrEqual(s.limit);
        got.push(...res.items.map((j) => j.id));
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      if (JSON.stringify(got) !== JSON.stringify(expected))
        throw new Error(`search ${JSON.stringify(s)}: ${got.length} journeys, expected ${expected.length}`);
      if (expected.length > 0) matched++;
    }
    return matched;
  }

  it('answers random searches exactly as the journey rows alone did, page by page', async () => {
    expect(await compare(400)).toBeGreaterThan(100);
  });

  it('still does after journeys change status, failure and authorities in place', async () => {
    await sql.query(`
      UPDATE journey SET status = (ARRAY['active','completed','dismissed','broken'])[1 + (get_byte(uuid_send(id), 0) % 4)],
                         has_failed_step = get_byte(uuid_send(id), 1) % 5 = 0,
                         systems = CASE WHEN get_byte(uuid_send(id), 2) % 3 = 0 THEN systems[2:] ELSE systems END
       WHERE get_byte(uuid_send(id), 3) % 2 = 0`);
    expect(await scopeDrift(sql)).toEqual([]);
    expect(await compare(300)).toBeGreaterThan(50);
  });
});
