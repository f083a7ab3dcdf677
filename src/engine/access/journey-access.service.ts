import { Injectable } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error';
import type { Actor } from '../actor';
import { JourneyRepository, type JourneyRow, type Sql } from '../persistence/journey.repository';
import { ProxyRepository } from '../proxies/proxy.repository';
import { AccessLogRepository, type AccessEntry } from './access-log.repository';
import type { AccessPurpose, CaseworkerViewer, CitizenViewer } from './viewer';

/**
 * Who may read or act on a journey other than its citizen, and the access-log row for every such
 * read. A journey out of reach looks exactly like a missing one (404), so ids reveal nothing.
 */
@Injectable()
export class JourneyAccess {
  constructor(
    private readonly journeys: JourneyRepository,
    private readonly proxies: ProxyRepository,
    private readonly log: AccessLogRepository,
  ) {}

  /** A caseworker reaches journeys with at least one step handled by their authority; the read is logged. */
  async asCaseworker(viewer: CaseworkerViewer, journeyId: string, purpose: AccessPurpose, action: string): Promise<JourneyRow> {
    const row = await this.caseworkerReach(viewer, journeyId);
    await this.log.record(this.journeys.dataSource, caseworkerEntry(viewer, row, purpose, action));
    return row;
  }

  /**
   * A caseworker's write on a journey in reach: `write` and its access-log row commit together, so
   * the log shows what was done, and a write that is refused (an empty note) shows nothing.
   */
  async actAsCaseworker<T>(
    viewer: CaseworkerViewer,
    journeyId: string,
    purpose: AccessPurpose,
    action: string,
    write: (sql: Sql) => Promise<T>,
  ): Promise<T> {
    const row = await this.caseworkerReach(viewer, journeyId);
    return this.journeys.transaction(async (tx) => {
      const done = await write(tx);
      await this.log.record(tx, caseworkerEntry(viewer, row, purpose, action));
      return done;
    });
  }

  private async caseworkerReach(viewer: CaseworkerViewer, journeyId: string): Promise<JourneyRow> {
    const row = await this.journeys.find(this.journeys.dataSource, journeyId);
    if (!row || !row.systems.includes(viewer.authority)) throw new DomainError('NOT_FOUND', 'Journey not found');
    return row;
  }

  /** A proxy with a valid grant (one journey or all; `act` for events). Returns the actor for the history. */
  async asProxy(
    viewer: CitizenViewer,
    journeyId: string,
    need: 'read' | 'act',
    action: string,
  ): Promise<{ row: JourneyRow; actor: Actor }> {
    const row = await this.journeys.find(this.journeys.dataSource, journeyId);
    if (!row || row.citizen_id === viewer.citizenId) throw new DomainError('NOT_FOUND', 'Journey not found');
    const grant = await this.proxies.findValid(row.citizen_id, viewer.citizenId, row.id, need);
    if (!grant) {
      const readable = need === 'act' && (await this.proxies.findValid(row.citizen_id, viewer.citizenId, row.id, 'read'));
      if (readable) {
        const why = 'your power of attorney lets you read this journey, not act on it';
        if (!action.startsWith('event:')) throw new DomainError('FORBIDDEN', why.charAt(0).toUpperCase() + why.slice(1));
        const event = action.slice('event:'.length);
        throw new DomainError('FORBIDDEN', `A proxy may not send "${event}": ${why}`, { actor: 'proxy', event });
      }
      throw new DomainError('NOT_FOUND', 'Journey not found');
    }
    await this.recordProxy(viewer, row.citizen_id, row.id, action);
    return { row, actor: { kind: 'proxy', id: viewer.citizenId, onBehalfOf: row.citizen_id } };
  }

  async recordProxy(viewer: CitizenViewer, citizenId: string, journeyId: string | null, action: string): Promise<void> {
    await this.log.record(this.journeys.dataSource, {
      citizenId,
      journeyId,
      viewerKind: 'proxy',
      viewerId: viewer.citizenId,
      viewerName: viewer.name,
      purpose: 'proxy',
      action,
    });
  }
}

function caseworkerEntry(viewer: CaseworkerViewer, row: JourneyRow, purpose: AccessPurpose, action: string): AccessEntry {
  return {
    citizenId: row.citizen_id,
    journeyId: row.id,
    viewerKind: 'caseworker',
    viewerId: viewer.id,
    viewerName: viewer.name,
    authority: viewer.authority,
    purpose,
    action,
  };
}
