import type { EntityManager } from 'typeorm';

/**
 * Journeys whose `journey_scope` rows (the caseworker search's scope) are not exactly one row per
 * distinct system of the journey, with the journey's type, status, failure flag and creation time.
 * An empty list is the invariant the search relies on.
 */
export async function scopeDrift(sql: Pick<EntityManager, 'query'>): Promise<{ id: string; systems: string[]; scope: string[] }[]> {
  return sql.query(`
    SELECT j.id, j.systems, COALESCE(s.scope, '{}') AS scope
      FROM journey j
      LEFT JOIN LATERAL (
        SELECT array_agg(s.system || ':' || s.type || ':' || s.status || ':' || s.has_failed_step || ':' || (s.created_at = j.created_at)
                         ORDER BY s.system) AS scope
          FROM journey_scope s WHERE s.journey_id = j.id) s ON true
     WHERE COALESCE(s.scope, '{}') IS DISTINCT FROM
           COALESCE((SELECT array_agg(x || ':' || j.type || ':' || j.status || ':' || j.has_failed_step || ':true' ORDER BY x)
                       FROM (SELECT DISTINCT unnest(j.systems) AS x) d), '{}')
    UNION ALL
    SELECT s.journey_id, '{}', array_agg(s.system) FROM journey_scope s
     WHERE NOT EXISTS (SELECT 1 FROM journey j WHERE j.id = s.journey_id) GROUP BY s.journey_id`);
}
