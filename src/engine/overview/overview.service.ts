import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JourneyAccess } from '../access/journey-access.service';
import type { CitizenViewer } from '../access/viewer';
import { DomainError } from '../../platform/errors/domain-error';
import { BenefitsReader, type BenefitsPart } from './benefits.reader';
import { CalendarFeed } from './calendar-feed';
import { Consents, type ConsentView } from './consents';
import { Corrections, type CorrectionView } from './corrections';
import { OverviewQueries, type JourneyOverview } from './overview.queries';

export interface Overview extends JourneyOverview {
  /** Per paying system; absent when the caller asked to leave the benefits out. */
  benefits?: BenefitsPart[];
  calendar?: { active: boolean; createdAt: string | null };
  /** "Er det forkert?": the correction requests, newest first, with their status. */
  corrections: CorrectionView[];
  /** Samtykker: every consent given, newest first, with when it was withdrawn. */
  consents: ConsentView[];
  /** Set when a proxy reads: whom the overview is of (the birth-date part of the CPR number) and what the grant allows. */
  representing?: Representing;
}

export interface Representing {
  grantId: string;
  citizen: string;
  /** `act`: the proxy may also request corrections for the citizen. */
  access: 'read' | 'act';
  /** The citizen's name as the register or their sign-in gave it, when known. */
  name: string | null;
}

/** Mit overblik: the journey part, the benefits read and the calendar feed's state, for the citizen or their proxy. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: OverviewQueries,
    private readonly benefits: BenefitsReader,
    private readonly calendar: CalendarFeed,
    private readonly access: JourneyAccess,
    private readonly corrections: Corrections,
    private readonly consents: Consents,
  ) {}

  async forCitizen(citizenId: string, withBenefits = true): Promise<Overview> {
    const [journeys, benefits, calendar, corrections, consents] = await Promise.all([
      this.queries.forCitizen(citizenId),
      withBenefits ? this.benefits.forCitizen(citizenId) : undefined,
      this.calendar.status(citizenId),
      this.corrections.list(citizenId),
      this.consents.list(citizenId),
    ]);
    return { ...journeys, ...(benefits ? { benefits } : {}), calendar, corrections, consents };
  }

  /**
   * The overview of a citizen who gave `viewer` a valid power of attorney over all their journeys
   * (`grantId` is the grant, as the proxy sees it under received grants). Recorded in the citizen's
   * access log. A grant for one journey is the proxy's but not for the overview (403); another's
   * grant, an expired or a revoked one is a missing overview (404).
   */
  async forProxy(viewer: CitizenViewer, grantId: string, withBenefits = true): Promise<Overview & { representing: Representing }> {
    const grant = await this.grantOf(viewer, grantId, 'read');
    await this.access.recordProxy(viewer, grant.citizen_id, null, 'overview');
    const { calendar: _own, ...overview } = await this.forCitizen(grant.citizen_id, withBenefits);
    return { ...overview, representing: { grantId, citizen: `${grant.masked}-xxxx`, name: grant.name, access: grant.access } };
  }

  /**
   * "Er det forkert?" by a proxy whose power of attorney over all the citizen's journeys lets them
   * act: the request is the citizen's, recorded as made by the proxy, and the act is in the
   * citizen's access log. A read-only grant may not (403).
   */
  async correctionByProxy(viewer: CitizenViewer, grantId: string, input: { fact: unknown; description: unknown }): Promise<CorrectionView> {
    const grant = await this.grantOf(viewer, grantId, 'act');
    const made = await this.corrections.request(grant.citizen_id, input, { kind: 'proxy', citizenId: viewer.citizenId });
    await this.access.recordProxy(viewer, grant.citizen_id, null, 'correction:request');
    return made;
  }

  private async grantOf(viewer: CitizenViewer, grantId: string, need: 'read' | 'act'): Promise<GrantRow> {
    const [grant]: GrantRow[] = await this.dataSource.query(
      `SELECT g.citizen_id, g.journey_id, g.access, left(c.cpr, 6) AS masked, c.name
         FROM proxy_grant g JOIN citizen c ON c.id = g.citizen_id
        WHERE g.id = $1 AND g.proxy_citizen_id = $2 AND g.revoked_at IS NULL AND g.expires_at > now()`,
      [grantId, viewer.citizenId],
    );
    if (!grant) throw new DomainError('NOT_FOUND', 'Overview not found');
    if (grant.journey_id) throw new DomainError('FORBIDDEN', 'Your power of attorney covers one journey, not the overview');
    if (need === 'act' && grant.access !== 'act') {
      throw new DomainError('FORBIDDEN', 'Your power of attorney lets you read the overview, not act on it');
    }
    return grant;
  }
}

interface GrantRow {
  citizen_id: string;
  journey_id: string | null;
  access: 'read' | 'act';
  masked: string;
  name: string | null;
}
