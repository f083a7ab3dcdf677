import type { DataSource, EntityManager } from 'typeorm';

/** Every table of every schema (queue tables included) whose rows, as text, contain `needle`, with the number of rows. */
export async function tablesHolding(sql: DataSource | EntityManager, needle: string): Promise<Record<string, number>> {
  const tables: { schema: string; name: string }[] = await sql.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const found: Record<string, number> = {};
  for (const t of tables) {
    const [hit] = await sql.query(`SELECT count(*)::int AS n FROM "${t.schema}"."${t.name}" x WHERE strpos(x::text, $1) > 0`, [needle]);
    if (hit.n > 0) found[`${t.schema}.${t.name}`] = hit.n;
  }
  return found;
}
