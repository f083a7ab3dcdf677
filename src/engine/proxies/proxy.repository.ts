import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseCpr } from '../../../journeys/shared/cpr';
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

/** A pending grant as stored: the person looked up is in the row itself, not yet a citizen here. */
interface PendingRow {
  id: string;
  proxy_cpr: string;
  proxy_name: string;
  journey_id: string | null;
  access: ProxyAccess;
  expires_at: Date;
  valid_until: Date;
}

/** A pending grant taken for confirmation: whom it names, and what it gives. */
export interface TakenPendingGrant {
  proxyCpr: string;
  proxyName: string;
  journeyId: string | null;
  access: ProxyAccess;
  expiresAt: string;
}

const pendingView = (r: PendingRow): PendingGrantView => {
  const cpr = parseCpr(r.proxy_cpr);
  return {
    pendingId: r.id,
    grantee: { name: r.proxy_name, maskedCpr: `${r.proxy_cpr.slice(0, 6)}-xxxx`, birthDate: cpr.ok ? cpr.birthDate : null },
    journeyId: r.journey_id,
    access: r.access,
    expiresAt: new Date(r.expires_at).toISOString(),
    confirmBefore: new Date(r.valid_until).toISOString(),
  };
};

const VALID = `g.revoked_at IS NULL AND g.expires_at > now()`;
/** Today's Danish calendar day, the day lookups are counted in. */
const TODAY = `(now() AT TIME ZONE 'Europe/Copenhagen')::date`;

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
   * within `limit`, and how many seconds are left of the day; yesterday's counts go in the same statement.
   */
  async countLookup(citizenId: string, limit: number): Promise<{ within: boolean; secondsLeftOfDay: number }> {
    const rows: { count: number | null; seconds_left: number }[] = await this.dataSource.query(
      `WITH old AS (DELETE FROM proxy_name_lookup WHERE citizen_id = $1 AND day < ${TODAY}),
       hit AS (
         INSERT INTO proxy_name_lookup (citizen_id, day, count) VALUES ($1, ${TODAY}, 1)
         ON CONFLICT (citizen_id, day) DO UPDATE SET count = proxy_name_lookup.count + 1
           WHERE proxy_name_lookup.count <= $2
         RETURNING count)
       SELECT (SELECT count FROM hit) AS count,
              ceil(extract(epoch FROM ((${TODAY} + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen') - now()))::int AS seconds_left`,
      [citizenId, limit],
    );
    const { count, seconds_left } = rows[0];
    return { within: count !== null && count <= limit, secondsLeftOfDay: seconds_left };
  }

  /**
   * A grant waiting for the citizen's confirmation, holding the person as the register named them;
   * lapsed ones of the same citizen go first.
   */
  async insertPending(
    g: { citizenId: string; proxyCpr: string; proxyName: string; journeyId: string | null; access: ProxyAccess; expiresAt: string },
    validMinutes: number,
  ): Promise<string> {
    await this.dataSource.query(`DELETE FROM pending_proxy_grant WHERE citizen_id = $1 AND valid_until <= now()`, [g.citizenId]);
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO pending_proxy_grant (citizen_id, proxy_cpr, proxy_name, journey_id, access, expires_at, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(mins => $7)) RETURNING id`,
      [g.citizenId, g.proxyCpr, g.proxyName, g.journeyId, g.access, g.expiresAt, validMinutes],
    );
    return rows[0].id;
  }

  /** A pending grant of the citizen's that has not lapsed, with the grantee as the page shows them. */
  async findPending(citizenId: string, id: string): Promise<PendingGrantView | undefined> {
    const rows: PendingRow[] = await this.dataSource.query(
      `SELECT * FROM pending_proxy_grant WHERE id = $1 AND citizen_id = $2 AND valid_until > now()`,
      [id, citizenId],
    );
    return rows[0] && pendingView(rows[0]);
  }

  /**
   * Takes a pending grant for confirmation: the row goes, so of two confirmations at once the second
   * finds nothing. Undefined when it is not the citizen's, has lapsed or was used.
   */
  async takePending(sql: Sql, citizenId: string, id: string): Promise<TakenPendingGrant | undefined> {
    const [rows]: [PendingRow[], number] = await sql.query(
      `DELETE FROM pending_proxy_grant WHERE id = $1 AND citizen_id = $2 AND valid_until > now() RETURNING *`,
      [id, citizenId],
    );
    const r = rows[0];
    return (
      r && {
        proxyCpr: r.proxy_cpr,
        proxyName: r.proxy_name,
        journeyId: r.journey_id,
        access: r.access,
        expiresAt: new Date(r.expires_at).toISOString(),
      }
    );
  }

  /** "Fortryd": the pending grant goes; false when there was none of the citizen's. */
  async cancelPending(citizenId: string, id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM pending_proxy_grant WHERE id = $1 AND citizen_id = $2 RETURNING id`,
      [id, citizenId],
    );
    return rows.length === 1;
  }

  /**
   * For retention: pending grants past their confirmation time go with the person they name, and
   * lookup counts of past days go (a citizen's own next lookup also clears theirs).
   */
  async pruneLapsed(): Promise<{ pendingGrants: number; lookupCounts: number }> {
    const [, pendingGrants]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM pending_proxy_grant WHERE valid_until <= now() RETURNING id`,
    );
    const [, lookupCounts]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM proxy_name_lookup WHERE day < ${TODAY} RETURNING citizen_id`,
    );
    return { pendingGrants, lookupCounts };
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
