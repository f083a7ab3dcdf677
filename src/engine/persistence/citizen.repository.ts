import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseCpr } from '../../../journeys/shared/cpr';
import { CitizenCache } from './citizen-cache';
import type { Sql } from './journey.repository';

/** A citizen as a sign-in identifies them: internal id, CPR number (without a dash), birth date. */
export interface CitizenIdentity {
  id: string;
  cpr: string;
  birthDate: string | null;
}

/**
 * The table that holds citizens' CPR numbers; everything else refers to the internal citizen id. (A
 * power of attorney waiting for confirmation holds the number it was asked for until it is confirmed,
 * cancelled or lapses.)
 */
@Injectable()
export class CitizenRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: CitizenCache,
  ) {}

  async idFor(cpr: string): Promise<string> {
    return (await this.identify(cpr)).id;
  }

  /**
   * Every authenticated citizen request passes here: a read (answered from the process's
   * CitizenCache when it can), and a write only the first time or when the name (from the sign-in,
   * or the CPR register) differs from the one kept, so every page names the person the same way.
   * On a transaction (`sql`) it always reads the row, and the process's cache lets go of it.
   */
  async identify(cpr: string, name?: string, sql: Sql = this.dataSource): Promise<CitizenIdentity> {
    const normalised = cpr.replace('-', '');
    const given = name?.trim().slice(0, 120) || null;
    const cached = sql === this.dataSource ? this.cache : undefined;
    // A transaction may write the row (a power of attorney confirmed names the person): this process reads it again next time.
    if (!cached) this.cache.forget(normalised);
    const hit = cached?.get(normalised);
    if (hit && (!given || hit.name === given)) return { id: hit.id, cpr: normalised, birthDate: hit.birthDate };
    const generation = cached?.mark() ?? 0;
    const parsed = parseCpr(normalised);
    const onConflict = `ON CONFLICT (cpr) DO UPDATE SET name = coalesce(EXCLUDED.name, citizen.name) RETURNING id, birth_date, name`;
    const columns = (from: string) => `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, name FROM ${from}`;
    // One round trip: the row as it is, or as written when it is new or the given name differs.
    const [row]: { id: string; birth_date: string | null; name: string | null }[] = await sql.query(
      hit
        ? `WITH written AS (INSERT INTO citizen (cpr, birth_date, name) VALUES ($1, $2, $3) ${onConflict}) ${columns('written')}`
        : `WITH found AS (SELECT id, birth_date, name FROM citizen WHERE cpr = $1),
                written AS (INSERT INTO citizen (cpr, birth_date, name)
                            SELECT $1::text, $2::date, $3::text WHERE NOT EXISTS (SELECT 1 FROM found WHERE $3::text IS NULL OR name = $3)
                            ${onConflict})
           ${columns('written')} UNION ALL ${columns('found')} WHERE NOT EXISTS (SELECT 1 FROM written)`,
      [normalised, parsed.ok ? parsed.birthDate : null, given],
    );
    cached?.set(normalised, { id: row.id, birthDate: row.birth_date, name: row.name }, generation);
    return { id: row.id, cpr: normalised, birthDate: row.birth_date };
  }

  /**
   * After CPR numbers were replaced (retention): on the transaction that replaced them, tells every
   * process to empty its citizen cache when it commits; without one, empties this process's.
   */
  forgetCachedCitizens(tx?: Sql): Promise<unknown> {
    this.cache.forgetAll();
    return tx ? tx.query(`SELECT pg_notify('${CitizenCache.CHANNEL}', '')`) : Promise.resolve();
  }

  /** The citizen's name as the sign-in or the CPR register gave it last (personal data: show it, never log it). */
  async name(citizenId: string): Promise<string | null> {
    const rows: { name: string | null }[] = await this.dataSource.query(`SELECT name FROM citizen WHERE id = $1`, [citizenId]);
    return rows[0]?.name ?? null;
  }

  /** The internal id of a CPR number already known here, without adding it. */
  async existingId(cpr: string): Promise<string | undefined> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM citizen WHERE cpr = $1`, [cpr.replace('-', '')]);
    return rows[0]?.id;
  }

  async birthDate(citizenId: string): Promise<string | null> {
    const rows: { birth_date: string | null }[] = await this.dataSource.query(
      `SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM citizen WHERE id = $1`,
      [citizenId],
    );
    return rows[0]?.birth_date ?? null;
  }
}
