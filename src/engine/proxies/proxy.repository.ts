import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JourneyRow, Sql } from '../persistence/journey.repository';

export type ProxyAccess = 'read' | 'act';

export interface ProxyGrantView {
  id: string;
  /** The other party, as the first six CPR digits (their birth date): enough to recognise, no more. */
  counterpart: string;
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
  journeyId: r.journey_id,
  access: r.access,
  expiresAt: new Date(r.expires_at).toISOString(),
  createdAt: new Date(r.created_at).toISOString(),
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  active: r.active,
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
        `SELECT g.*, left(c.cpr, 6) AS counterpart, (${VALID}) AS active FROM proxy_grant g JOIN citizen c ON c.id = g.${other}
          WHERE g.${mine} = $1 ORDER BY g.created_at DESC LIMIT 200`,
        [citizenId],
      );
    const [granted, received] = await Promise.all([query('citizen_id', 'proxy_citizen_id'), query('proxy_citizen_id', 'citizen_id')]);
    return { granted: granted.map(grantView), received: received.filter((g) => g.active).map(grantView) };
  }

  async find(id: string): Promise<ProxyGrantView | undefined> {
    const rows: GrantRow[] = await this.dataSource.query(
      `SELECT g.*, left(c.cpr, 6) AS counterpart, (${VALID}) AS active FROM proxy_grant g JOIN citizen c ON c.id = g.proxy_citizen_id
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
