import { Injectable } from '@nestjs/common';
import type { Text } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import { DefinitionCatalog } from '../definitions/definition-catalog';
import { copenhagenDate } from '../notifications/quiet-hours';
import type { JourneyRow, JourneyStatus } from '../persistence/journey.repository';
import { JourneyRepository } from '../persistence/journey.repository';

export interface JourneySearch {
  /** The caseworker's authority: only journeys with a step it handles (`journey.systems`, as rows of `journey_scope`). */
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

type SummaryRow = Pick<
  JourneyRow,
  'id' | 'type' | 'definition_version' | 'status' | 'state' | 'next_deadline' | 'has_failed_step' | 'created_at' | 'updated_at'
> & { created_key: string };

const STATUSES: readonly JourneyStatus[] = ['active', 'completed', 'dismissed', 'broken'];

/**
 * The caseworker's search. Keyset paging on (created_at, id): stable while journeys move on, and
 * as fast on page 500 as on page 1. Results carry no personal data; opening one is logged.
 *
 * It walks `journey_scope` (a row per journey and authority system, kept in step with the journey by
 * a trigger), one walk per status the filters allow, each on an index whose columns before
 * `created_at` are all fixed by the walk: each reads at most a page and stops, however large or
 * empty the authority's share of a type is. The pages are merged, and only the page's journeys read.
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
    if (
      s.type &&
      !this.catalog
        .versions(s.type)
        .some((d) => d.steps.some((step) => step.system === s.authority || !!step.alternativeSystems?.some((a) => a === s.authority)))
    ) {
      return { items: [], nextCursor: null };
    }
    const today = copenhagenDate();
    const statuses = STATUSES.filter(
      (st) => (!s.status || st === s.status) && (!s.broken || st === 'broken') && (!s.overdue || st === 'active'),
    );
    if (statuses.length === 0) return { items: [], nextCursor: null };
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const scope = [`s.system = ${param(s.authority)}`];
    if (s.type) scope.push(`s.type = ${param(s.type)}`);
    if (s.cursor) {
      const [at, id] = decodeCursor(s.cursor);
      scope.push(`(s.created_at, s.journey_id) < (${param(at)}::timestamptz, ${param(id)}::uuid)`);
    }
    // Filters on what changes with every transition stay on the journey row.
    const journey: string[] = [];
    if (s.state) journey.push(`j.state LIKE ${param(`%${s.state.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
    if (s.overdue) journey.push(`j.next_deadline < ${param(today)}::date`);
    const limit = Math.min(Math.max(1, s.limit), MAX_PAGE) + 1;
    const limitParam = param(limit);
    // Failed journeys are few: one walk of the partial index, whatever their status.
    const walks = s.failed
      ? [[...scope, 's.has_failed_step', ...(statuses.length < STATUSES.length ? [`s.status = ANY(${param(statuses)}::text[])`] : [])]]
      : statuses.map((st) => [...scope, `s.status = '${st}'`]);
    const union = walks
      .map(
        (where) => `(SELECT s.created_at, s.journey_id FROM journey_scope s${journey.length ? ' JOIN journey j ON j.id = s.journey_id' : ''}
          WHERE ${[...where, ...journey].join(' AND ')} ORDER BY s.created_at DESC, s.journey_id DESC LIMIT ${limitParam})`,
      )
      .join(' UNION ALL ');
    const rows: SummaryRow[] = await this.repo.dataSource.query(
      `SELECT j.id, j.type, j.definition_version, j.status, j.state, j.next_deadline, j.has_failed_step, j.created_at, j.updated_at,
              j.created_at::text AS created_key
         FROM (${union}) page JOIN journey j ON j.id = page.journey_id
        ORDER BY page.created_at DESC, page.journey_id DESC LIMIT ${limitParam}`,
      params,
    );
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

/** `created_at::text` as PostgreSQL writes it (ISO DateStyle): `2026-05-01 10:00:00.123456+00`, offset minutes optional. */
const CREATED_KEY = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::(\d{2}))?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The cursor comes back from the caller: it is checked to be exactly what `search` writes (a real
 * date and time, a UUID), so no forged one reaches the `::timestamptz` and `::uuid` casts as a 500.
 */
function decodeCursor(cursor: string): [string, string] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    isCreatedKey(value[0]) &&
    UUID.test(value[1])
  ) {
    return [value[0], value[1]];
  }
  throw new DomainError('VALIDATION_FAILED', 'Invalid cursor', {
    fields: [{ field: 'cursor', reason: 'must be a nextCursor from a previous page' }],
  });
}

function isCreatedKey(text: string): boolean {
  const m = CREATED_KEY.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours] = m.slice(1, 8).map(Number);
  const offsetMinutes = Number(m[8] ?? 0);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    offsetHours <= 15 &&
    offsetMinutes < 60
  );
}
