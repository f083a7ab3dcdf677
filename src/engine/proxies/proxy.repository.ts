import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JourneyRow, Sql } from '../persistence/journey.repository';

export type ProxyAccess = 'read' | 'act';

export interface ProxyGrantView {
  id: string;
  /** The other party, as the first six CPR digits (their birth date): enough to recognise, no more. */
  counterpart: string;
  /** The other party's name, as their sign-in or the CPR register gave it (null when neither has yet). */
  counterpartName: string | null;
  journeyId: string | null;
  access: ProxyAccess;
  expiresAt: string;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
}

export interface GrantRow {
  id: string;
  counterpart: string;
  counterpart_name?: string | null;
  journey_id: string | null;
  access: ProxyAccess;
  expires_at: Date;
  created_at: Date;
  revoked_at: Date | null;
  active: boolean;
}

export const grantView = (r: GrantRow): ProxyGrantView => ({
  id: r.id,
  counterpart: `${r.counterpart}-xxxx`,
  counterpartName: r.counterpart_name ?? null,
  journeyId: r.journey_id,
  access: r.access,
  expiresAt: new Date(r.expires_at).toISOString(),
  createdAt: new Date(r.created_at).toISOString(),
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  active: r.active,
});

/** A grant waiting for confirmation: who would get which access, until when; it gives no access itself. */
export interface PendingGrantView {
  pendingId: string;
  grantee: { name: string | null; maskedCpr: string; birthDate: string | null };
  journeyId: string | null;
  access: ProxyAccess;
  expiresAt: string;
  /** Confirm before this, or start again. */
  confirmBefore: string;
}

interface PendingRow {
  id: string;
  counterpart: string;
  counterpart_name: string | null;
  birth_date: string | null;
  journey_id: string | null;
  access: ProxyAccess;
  expires_at: Date;
  valid_until: Date;
}

const pendingView = (r: PendingRow): PendingGrantView => ({
  pendingId: r.id,
  grantee: { name: r.counterpart_name, maskedCpr: `${r.counterpart}-xxxx`, birthDate: r.birth_date },
  journeyId: r.journey_id,
  access: r.access,
  expiresAt: new Date(r.expires_at).toISOString(),
  confirmBefore: new Date(r.valid_until).toISOString(),
});

const VALID = `g.revoked_at IS NULL AND g.expires_at > now()`;

/** Fuldmagter: a citizen lets another citizen read (or act on) one journey or all of them, until a date. */
@Injectable()
export class ProxyRepository {
  constructor(readonly dataSource: DataSource) {}

  async insert(
    sql: Sql,
    g: { citizenId: string; proxyCitizenId: string; journeyId: string | null; access: ProxyAccess; expiresAt: string },
  ): Promise<string> {
    const rows: { id: string }[] = await sql.query(
      `INSERT INTO proxy_grant (citizen_id, proxy_citizen_id, journey_id, access, expires_at) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [g.citizenId, g.proxyCitizenId, g.journeyId, g.access, g.expiresAt],
    );
    return rows[0].id;
  }

  async revoke(citizenId: string, id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE proxy_grant SET revoked_at = now() WHERE id = $1 AND citizen_id = $2 AND revoked_at IS NULL RETURNING id`,
      [id, citizenId],
    );
    return rows.length === 1;
  }

  /** Grants I gave (counterpart = the proxy) and grants I hold (counterpart = the citizen I act for). */
  async list(citizenId: string): Promise<{ granted: ProxyGrantView[]; received: ProxyGrantView[] }> {
    const query = (mine: string, other: string) =>
      this.dataSource.query<GrantRow[]>(
        `SELECT g.*, left(c.cpr, 6) AS counterpart, c.name AS counterpart_name, (${VALID}) AS active
           FROM proxy_grant g JOIN citizen c ON c.id = g.${other}
          WHERE g.${mine} = $1 ORDER BY g.created_at DESC LIMIT 200`,
        [citizenId],
      );
    const [granted, received] = await Promise.all([query('citizen_id', 'proxy_citizen_id'), query('proxy_citizen_id', 'citizen_id')]);
    return { granted: granted.map(grantView), received: received.filter((g) => g.active).map(grantView) };
  }

  async find(id: string): Promise<ProxyGrantView | undefined> {
    const rows: GrantRow[] = await this.dataSource.query(
      `SELECT g.*, left(c.cpr, 6) AS counterpart, c.name AS counterpart_name, (${VALID}) AS active
         FROM proxy_grant g JOIN citizen c ON c.id = g.proxy_citizen_id
        WHERE g.id = $1`,
      [id],
    );
    return rows[0] && grantView(rows[0]);
  }

  /** How a proxy sees whom they act for: the birth-date part of the CPR number. */
  async maskedCpr(citizenId: string): Promise<string> {
    const rows: { d: string }[] = await this.dataSource.query('SELECT left(cpr, 6) AS d FROM citizen WHERE id = $1', [citizenId]);
    return rows[0] ? `${rows[0].d}-xxxx` : '';
  }

  /** Whom a proxy acts for, as pages name them: the name, else the birth-date part of the CPR number. */
  async whose(citizenId: string): Promise<{ name: string | null; maskedCpr: string }> {
    const rows: { d: string; name: string | null }[] = await this.dataSource.query(
      'SELECT left(cpr, 6) AS d, name FROM citizen WHERE id = $1',
      [citizenId],
    );
    return { name: rows[0]?.name ?? null, maskedCpr: rows[0] ? `${rows[0].d}-xxxx` : '' };
  }

  /**
   * Counts one CPR name lookup of the citizen's on today's Danish calendar day and says whether it is
   * within `limit`; yesterday's counts go in the same statement.
   */
  async countLookup(citizenId: string, limit: number): Promise<boolean> {
    const today = `(now() AT TIME ZONE 'Europe/Copenhagen')::date`;
    const rows: { count: number }[] = await this.dataSource.query(
      `WITH old AS (DELETE FROM proxy_name_lookup WHERE citizen_id = $1 AND day < ${today})
       INSERT INTO proxy_name_lookup (citizen_id, day, count) VALUES ($1, ${today}, 1)
       ON CONFLICT (citizen_id, day) DO UPDATE SET count = proxy_name_lookup.count + 1
         WHERE proxy_name_lookup.count <= $2
       RETURNING count`,
      [citizenId, limit],
    );
    return rows.length === 1 && rows[0].count <= limit;
  }

  /** A grant waiting for the citizen's confirmation; lapsed ones of the same citizen go first. */
  async insertPending(
    g: { citizenId: string; proxyCitizenId: string; journeyId: string | null; access: ProxyAccess; expiresAt: string },
    validMinutes: number,
  ): Promise<string> {
    await this.dataSource.query(`DELETE FROM pending_proxy_grant WHERE citizen_id = $1 AND valid_until <= now()`, [g.citizenId]);
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO pending_proxy_grant (citizen_id, proxy_citizen_id, journey_id, access, expires_at, valid_until)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6)) RETURNING id`,
      [g.citizenId, g.proxyCitizenId, g.journeyId, g.access, g.expiresAt, validMinutes],
    );
    return rows[0].id;
  }

  /** A pending grant of the citizen's that has not lapsed, with the grantee as the page shows them. */
  async findPending(citizenId: string, id: string): Promise<PendingGrantView | undefined> {
    const rows: PendingRow[] = await this.dataSource.query(
      `SELECT p.*, left(c.cpr, 6) AS counterpart, c.name AS counterpart_name, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date
         FROM pending_proxy_grant p JOIN citizen c ON c.id = p.proxy_citizen_id
        WHERE p.id = $1 AND p.citizen_id = $2 AND p.valid_until > now()`,
      [id, citizenId],
    );
    return rows[0] && pendingView(rows[0]);
  }

  /**
   * Confirms a pending grant: in one statement the pending row goes and the grant is written, so a
   * double submit confirms once. Undefined when it is not the citizen's, has lapsed or was used.
   */
  async confirmPending(citizenId: string, id: string): Promise<string | undefined> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH taken AS (DELETE FROM pending_proxy_grant WHERE id = $1 AND citizen_id = $2 AND valid_until > now() RETURNING *)
       INSERT INTO proxy_grant (citizen_id, proxy_citizen_id, journey_id, access, expires_at)
       SELECT citizen_id, proxy_citizen_id, journey_id, access, expires_at FROM taken RETURNING id`,
      [id, citizenId],
    );
    return rows[0]?.id;
  }

  /** "Fortryd": the pending grant goes; false when there was none of the citizen's. */
  async cancelPending(citizenId: string, id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM pending_proxy_grant WHERE id = $1 AND citizen_id = $2 RETURNING id`,
      [id, citizenId],
    );
    return rows.length === 1;
  }

  /** A valid grant from `citizenId` to `proxyCitizenId` covering the journey; `act` covers `read`. */
  async findValid(citizenId: string, proxyCitizenId: string, journeyId: string, need: ProxyAccess): Promise<{ id: string } | undefined> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT g.id FROM proxy_grant g
        WHERE g.citizen_id = $1 AND g.proxy_citizen_id = $2 AND (g.journey_id IS NULL OR g.journey_id = $3) AND ${VALID}
          AND ($4 = 'read' OR g.access = 'act')
        ORDER BY g.access = 'act' DESC LIMIT 1`,
      [citizenId, proxyCitizenId, journeyId, need],
    );
    return rows[0];
  }

  /** Journeys a proxy may see, with the strongest access a valid grant gives on each. */
  async journeysFor(proxyCitizenId: string): Promise<(JourneyRow & { proxy_access: ProxyAccess })[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (j.id) j.*, g.access AS proxy_access FROM proxy_grant g
         JOIN journey j ON j.citizen_id = g.citizen_id AND (g.journey_id IS NULL OR g.journey_id = j.id)
        WHERE g.proxy_citizen_id = $1 AND ${VALID}
        ORDER BY j.id, g.access = 'act' DESC LIMIT 200`,
      [proxyCitizenId],
    );
  }
}
