import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseCpr } from '../../../journeys/shared/cpr';

/** A citizen as a sign-in identifies them: internal id, CPR number (without a dash), birth date. */
export interface CitizenIdentity {
  id: string;
  cpr: string;
  birthDate: string | null;
}

/** The one table that holds CPR numbers. Everything else refers to the internal citizen id. */
@Injectable()
export class CitizenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async idFor(cpr: string): Promise<string> {
    return (await this.identify(cpr)).id;
  }

  /** Every authenticated citizen request passes here: a read, and a write only the first time. */
  async identify(cpr: string): Promise<CitizenIdentity> {
    const normalised = cpr.replace('-', '');
    const columns = `id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date`;
    const known: { id: string; birth_date: string | null }[] = await this.dataSource.query(
      `SELECT ${columns} FROM citizen WHERE cpr = $1`,
      [normalised],
    );
    if (known[0]) return { id: known[0].id, cpr: normalised, birthDate: known[0].birth_date };
    const parsed = parseCpr(normalised);
    const rows: { id: string; birth_date: string | null }[] = await this.dataSource.query(
      `INSERT INTO citizen (cpr, birth_date) VALUES ($1, $2)
       ON CONFLICT (cpr) DO UPDATE SET cpr = EXCLUDED.cpr RETURNING ${columns}`,
      [normalised, parsed.ok ? parsed.birthDate : null],
    );
    return { id: rows[0].id, cpr: normalised, birthDate: rows[0].birth_date };
  }

  async birthDate(citizenId: string): Promise<string | null> {
    const rows: { birth_date: string | null }[] = await this.dataSource.query(
      `SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM citizen WHERE id = $1`,
      [citizenId],
    );
    return rows[0]?.birth_date ?? null;
  }
}
