import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseCpr } from '../../../journeys/shared/cpr';

/** The one table that holds CPR numbers. Everything else refers to the internal citizen id. */
@Injectable()
export class CitizenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async idFor(cpr: string): Promise<string> {
    const normalised = cpr.replace('-', '');
    // Every authenticated citizen request passes here: a read, and a write only the first time.
    const known: { id: string }[] = await this.dataSource.query('SELECT id FROM citizen WHERE cpr = $1', [normalised]);
    if (known[0]) return known[0].id;
    const parsed = parseCpr(normalised);
    const birthDate = parsed.ok ? parsed.birthDate : null;
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO citizen (cpr, birth_date) VALUES ($1, $2)
       ON CONFLICT (cpr) DO UPDATE SET cpr = EXCLUDED.cpr RETURNING id`,
      [normalised, birthDate],
    );
    return rows[0].id;
  }

  async birthDate(citizenId: string): Promise<string | null> {
    const rows: { birth_date: string | null }[] = await this.dataSource.query(
      `SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM citizen WHERE id = $1`,
      [citizenId],
    );
    return rows[0]?.birth_date ?? null;
  }
}
