import type { Client } from 'pg';

/** What the run left in the bench database, read once the services' connections are closed. */
export interface StoredFigures {
  /** Size of `journey` and `journey_history` with their indexes, per journey. */
  bytesPerJourney: number;
  /** Share of the journey row's updates that added nothing to any index (heap-only updates); null without updates. */
  writesOffIndexes: number | null;
}

/**
 * The table statistics a backend sends as it closes are in `pg_stat_user_tables` a moment later:
 * call this after the services stopped.
 */
export async function storedFigures(db: Client): Promise<StoredFigures> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const {
    rows: [row],
  } = await db.query<{ bytes: number; upd: string; hot: string }>(
    `SELECT (pg_total_relation_size('journey') + pg_total_relation_size('journey_history'))::float
              / greatest((SELECT count(*) FROM journey), 1) AS bytes,
            s.n_tup_upd AS upd, s.n_tup_hot_upd AS hot
       FROM pg_stat_user_tables s WHERE s.relname = 'journey'`,
  );
  const updates = Number(row?.upd ?? 0);
  return {
    bytesPerJourney: Math.round(Number(row?.bytes ?? 0)),
    writesOffIndexes: updates > 0 ? Math.round((Number(row.hot) / updates) * 1000) / 1000 : null,
  };
}
