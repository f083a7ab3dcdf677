import { Injectable } from '@nestjs/common';
import type { Text } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import { DefinitionCatalog } from '../definitions/definition-catalog';
import { copenhagenDate } from '../notifications/quiet-hours';
import type { JourneyStatus } from '../persistence/journey.entity';
import { JourneyRepository } from '../persistence/journey.repository';

export interface JourneySearch {
  /** The caseworker's authority: only journeys with a step it handles (`journey.systems`, GIN-indexed). */
  authority: string;
  type?: string;
  /** A part of the flattened state, e.g. `awaitingCpr`. */
  state?: string;
  status?: JourneyStatus;
  /** An open step's deadline has passed (`next_deadline` before today in Denmark). */
  overdue?: boolean;
  /** An integration failed after its last attempt. */
  failed?: boolean;
  /** Shorthand for status = broken. */
  broken?: boolean;
  limit: number;
  /** Opaque keyset cursor from the previous page's `nextCursor`. */
  cursor?: string;
}

export interface JourneySummary {
  id: string;
  type: string;
  title: Text;
  status: JourneyStatus;
  state: string;
  nextDeadline: string | null;
  overdue: boolean;
  hasFailedStep: boolean;
  createdAt: string;
  updatedAt: string;
}

export const MAX_PAGE = 100;

/**
 * The caseworker's search. Keyset paging on (created_at, id): stable while journeys move on, and
 * as fast on page 500 as on page 1. Results carry no personal data; opening one is logged.
 */
@Injectable()
export class CaseworkerQueries {
  constructor(
    private readonly repo: JourneyRepository,
    private readonly catalog: DefinitionCatalog,
  ) {}

  async search(s: JourneySearch): Promise<{ items: JourneySummary[]; nextCursor: string | null }> {
    // A journey type none of whose versions has a step of this authority can hold nothing in scope:
    // answering at once spares a scan of every journey of that type.
    if (s.type && !this.catalog.versions(s.type).some((d) => d.steps.some((step) => step.system === s.authority))) {
      return { items: [], nextCursor: null };
    }
    const today = copenhagenDate();
    const where = ['j.systems @> ARRAY[$1]::text[]'];
    const params: unknown[] = [s.authority];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (s.type) add('j.type = ?', s.type);
    if (s.state) add(`j.state LIKE ? ESCAPE '\\'`, `%${s.state.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (s.status) add('j.status = ?', s.status);
    if (s.broken) where.push(`j.status = 'broken'`);
    if (s.failed) where.push('j.has_failed_step');
    if (s.overdue) add(`j.status = 'active' AND j.next_deadline < ?::date`, today);
    if (s.cursor) {
      const [at, id] = decodeCursor(s.cursor);
      params.push(at, id);
      where.push(`(j.created_at, j.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(Math.min(Math.max(1, s.limit), MAX_PAGE) + 1);
    const rows: Record<string, any>[] = await this.repo.dataSource.query(
      `SELECT j.id, j.type, j.definition_version, j.status, j.state, j.next_deadline, j.has_failed_step, j.created_at, j.updated_at,
              j.created_at::text AS created_key
         FROM journey j WHERE ${where.join(' AND ')}
        ORDER BY j.created_at DESC, j.id DESC LIMIT $${params.length}`,
      params,
    );
    const limit = params[params.length - 1] as number;
    const page = rows.slice(0, limit - 1);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        type: r.type,
        title: (this.catalog.get(r.type, r.definition_version) ?? this.catalog.latest(r.type))?.title ?? { da: r.type, en: r.type },
        status: r.status,
        state: r.state,
        nextDeadline: r.next_deadline,
        overdue: r.status === 'active' && !!r.next_deadline && r.next_deadline < today,
        hasFailedStep: r.has_failed_step,
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      })),
      nextCursor: rows.length === limit && last ? Buffer.from(JSON.stringify([last.created_key, last.id])).toString('base64url') : null,
    };
  }
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && /^[0-9a-f-]{36}$/.test(value[1])) return value as [string, string];
  } catch {
    // fall through to the 400 below
  }
  throw new DomainError('VALIDATION_FAILED', 'Invalid cursor', { fields: [{ field: 'cursor', reason: 'must be a nextCursor from a previous page' }] });
}
