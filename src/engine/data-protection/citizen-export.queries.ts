import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessLogRepository, type AccessLogView } from '../access/access-log.repository';
import { TimelineQueries, type Timeline } from '../caseworker/timeline.queries';
import { NotificationRepository, type NotificationView } from '../notifications/notification.repository';
import { grantView, type GrantRow, type ProxyGrantView } from '../proxies/proxy.repository';
import type { JourneyRow } from '../persistence/journey.repository';
import { JourneyQueries } from '../queries/journey.queries';
import type { JourneyView } from '../queries/journey-view';

export interface CitizenExport {
  exportedAt: string;
  /** The only place the CPR number appears: every other part refers to the internal id. */
  citizen: { id: string; cpr: string; name: string | null; birthDate: string | null; createdAt: string };
  journeys: { journey: JourneyView; history: Timeline['history']; tasks: Timeline['tasks']; notes: Timeline['notes'] }[];
  notifications: NotificationView[];
  accessLog: AccessLogView[];
  proxies: { granted: ProxyGrantView[]; received: ProxyGrantView[] };
  /** Mit overblik: requests to correct a register fact, with the authority's answer. */
  corrections: Record<string, unknown>[];
  /** Samtykker: consents given and withdrawn, for which journey step, fetching what from whom, and by whom. */
  consents: Record<string, unknown>[];
  /** Mit overblik: calendar feed tokens made and revoked (the tokens themselves are not kept). */
  calendarFeeds: { createdAt: string; revokedAt: string | null }[];
}

interface CitizenRow {
  id: string;
  cpr: string;
  name: string | null;
  birth_date: string | null;
  created_at: Date;
}

/** No page limits here: the export is everything, where the lists in the API are paged. */
const ALL = 1_000_000;

/**
 * Everything the service holds about one citizen (the right of access, GDPR art. 15), as the
 * citizen's own read: not access-logged, like their other reads.
 */
@Injectable()
export class CitizenExportQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly journeys: JourneyQueries,
    private readonly timelines: TimelineQueries,
    private readonly notifications: NotificationRepository,
    private readonly accessLog: AccessLogRepository,
  ) {}

  async export(citizenId: string): Promise<CitizenExport> {
    const [citizen] = await this.dataSource.query<CitizenRow[]>(
      `SELECT id, cpr, name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, created_at FROM citizen WHERE id = $1`,
      [citizenId],
    );
    const rows: JourneyRow[] = await this.dataSource.query('SELECT * FROM journey WHERE citizen_id = $1 ORDER BY created_at, id', [
      citizenId,
    ]);
    const journeys = [];
    for (const row of rows) {
      const { history, tasks, notes } = await this.timelines.timeline(row.id);
      journeys.push({ journey: await this.journeys.view(row, 'citizen'), history, tasks, notes });
    }
    return {
      exportedAt: new Date().toISOString(),
      citizen: {
        id: citizen.id,
        cpr: citizen.cpr.trim(),
        name: citizen.name,
        birthDate: citizen.birth_date,
        createdAt: new Date(citizen.created_at).toISOString(),
      },
      journeys,
      notifications: await this.notifications.listForCitizen(citizenId, ALL, 0),
      accessLog: (await this.accessLog.listForCitizen(citizenId, ALL, 0)).items,
      proxies: await this.proxyGrants(citizenId),
      corrections: await this.dataSource.query<Record<string, unknown>[]>(
        `SELECT id, journey_id AS "journeyId", fact, authority, description, requested_by AS "requestedBy", status, answer,
                created_at AS "createdAt", answered_at AS "answeredAt"
           FROM correction_request WHERE citizen_id = $1 ORDER BY created_at, id`,
        [citizenId],
      ),
      consents: await this.dataSource.query<Record<string, unknown>[]>(
        `SELECT id, journey_id AS "journeyId", step, system AS "from", task AS "fetches", given_at AS "givenAt", given_by AS "givenBy",
                withdrawn_at AS "withdrawnAt", withdrawn_by AS "withdrawnBy"
           FROM consent WHERE citizen_id = $1 ORDER BY given_at, id`,
        [citizenId],
      ),
      calendarFeeds: (
        await this.dataSource.query<{ created_at: Date; revoked_at: Date | null }[]>(
          `SELECT created_at, revoked_at FROM calendar_feed_token WHERE citizen_id = $1 ORDER BY created_at`,
          [citizenId],
        )
      ).map((r) => ({
        createdAt: new Date(r.created_at).toISOString(),
        revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
      })),
    };
  }

  /** Grants in both directions, revoked and expired ones too; the other party as their birth-date part only. */
  private async proxyGrants(citizenId: string): Promise<CitizenExport['proxies']> {
    const query = async (mine: string, other: string): Promise<ProxyGrantView[]> => {
      const rows: GrantRow[] = await this.dataSource.query(
        `SELECT g.*, left(c.cpr, 6) AS counterpart, c.name AS counterpart_name, (g.revoked_at IS NULL AND g.expires_at > now()) AS active
           FROM proxy_grant g JOIN citizen c ON c.id = g.${other} WHERE g.${mine} = $1 ORDER BY g.created_at, g.id`,
        [citizenId],
      );
      return rows.map(grantView);
    };
    const [granted, received] = await Promise.all([query('citizen_id', 'proxy_citizen_id'), query('proxy_citizen_id', 'citizen_id')]);
    return { granted, received };
  }
}
