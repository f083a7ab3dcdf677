import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Sql } from '../persistence/journey.repository';
import type { AccessPurpose } from './viewer';

export interface AccessEntry {
  citizenId: string;
  journeyId: string | null;
  viewerKind: 'caseworker' | 'proxy' | 'system';
  viewerId: string;
  viewerName?: string;
  authority?: string;
  purpose: AccessPurpose;
  /** What was read or done: `view`, `timeline`, `history`, `list`, `event:<type>`, `retry`, `note`. */
  action: string;
}

export interface AccessLogView {
  id: string;
  at: string;
  journey: { id: string; type: string } | null;
  viewer: { kind: string; name: string; authority: string | null };
  purpose: string;
  action: string;
}

interface AccessLogRow {
  id: string;
  journey_id: string | null;
  /** Present whenever journey_id is: the foreign key keeps the journey. */
  journey_type: string;
  viewer_kind: string;
  viewer_id: string;
  viewer_name: string | null;
  /** A proxy's name as the citizen row holds it: the name the grant list shows. */
  proxy_name: string | null;
  authority: string | null;
  purpose: string;
  action: string;
  created_at: Date;
  /** bigint: the driver gives it as text. */
  total: string;
}

/** "Hvem har set mine data": append-only, one row per read or action by someone other than the citizen. */
@Injectable()
export class AccessLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(sql: Sql, e: AccessEntry): Promise<void> {
    await sql.query(
      `INSERT INTO access_log (citizen_id, journey_id, viewer_kind, viewer_id, viewer_name, authority, purpose, action)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [
        e.citizenId,
        e.journeyId,
        e.viewerKind,
        e.viewerId,
        e.viewerName?.slice(0, 120) ?? null,
        e.authority ?? null,
        e.purpose,
        e.action.slice(0, 120),
      ],
    );
  }

  async listForCitizen(citizenId: string, limit: number, offset: number): Promise<{ items: AccessLogView[]; total: number }> {
    const rows: AccessLogRow[] = await this.dataSource.query(
      `SELECT a.*, j.type AS journey_type, pc.name AS proxy_name, count(*) OVER () AS total
         FROM access_log a LEFT JOIN journey j ON j.id = a.journey_id
         LEFT JOIN citizen pc ON a.viewer_kind = 'proxy' AND pc.id::text = a.viewer_id
        WHERE a.citizen_id = $1 ORDER BY a.created_at DESC, a.id LIMIT $2 OFFSET $3`,
      [citizenId, limit, offset],
    );
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        id: r.id,
        at: new Date(r.created_at).toISOString(),
        journey: r.journey_id ? { id: r.journey_id, type: r.journey_type } : null,
        // A proxy's internal id means nothing to the citizen: the name the grant list shows, else the one their token carried.
        viewer: {
          kind: r.viewer_kind,
          name: r.proxy_name ?? r.viewer_name ?? (r.viewer_kind === 'proxy' ? 'Fuldmagtshaver' : r.viewer_id),
          authority: r.authority,
        },
        purpose: r.purpose,
        action: r.action,
      })),
    };
  }
}
