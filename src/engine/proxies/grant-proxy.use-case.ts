import { Injectable } from '@nestjs/common';
import { parseCpr } from '../../../journeys/shared/cpr';
import { DomainError, type FieldProblem } from '../../platform/errors/domain-error';
import { CitizenRepository } from '../persistence/citizen.repository';
import { JourneyRepository } from '../persistence/journey.repository';
import { ProxyRepository, type ProxyAccess, type ProxyGrantView } from './proxy.repository';
import { isUuid } from '../../platform/ids';

export interface GrantProxyCommand {
  citizenId: string;
  /** The proxy's CPR number: resolved to an internal id here and never stored or echoed elsewhere. */
  proxyCpr: string;
  journeyId?: string;
  access: ProxyAccess;
  expiresAt: string;
}

/** Longest power of attorney we accept; the citizen renews it when it runs out. */
const MAX_YEARS = 5;

/** A citizen gives another citizen access to one journey or all, read-only or acting, until a date. */
@Injectable()
export class GrantProxyUseCase {
  constructor(
    private readonly proxies: ProxyRepository,
    private readonly citizens: CitizenRepository,
    private readonly journeys: JourneyRepository,
  ) {}

  async execute(c: GrantProxyCommand, now = new Date()): Promise<ProxyGrantView> {
    const problems: FieldProblem[] = [];
    const cpr = parseCpr(c.proxyCpr);
    if (!cpr.ok) problems.push({ field: 'proxyCpr', reason: 'must be a CPR number (DDMMYY-SSSS)' });
    // A plain date means to the end of that day in Denmark (within the hour summer time shifts).
    const expires = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(c.expiresAt) ? `${c.expiresAt}T23:59:59+01:00` : c.expiresAt);
    const latest = new Date(now);
    latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS);
    if (Number.isNaN(expires)) problems.push({ field: 'expiresAt', reason: 'must be a date (YYYY-MM-DD) or an ISO timestamp' });
    else if (expires <= now.getTime()) problems.push({ field: 'expiresAt', reason: 'must be in the future' });
    else if (expires > latest.getTime()) problems.push({ field: 'expiresAt', reason: `must be at most ${MAX_YEARS} years ahead` });
    // A malformed id (the page form passes it unchecked) is just not one of theirs, not a database error.
    if (c.journeyId && !isUuid(c.journeyId)) problems.push({ field: 'journeyId', reason: 'is not one of your journeys' });
    else if (c.journeyId) {
      const journey = await this.journeys.find(this.journeys.dataSource, c.journeyId);
      if (!journey || journey.citizen_id !== c.citizenId) problems.push({ field: 'journeyId', reason: 'is not one of your journeys' });
    }
    if (problems.length) throw invalid(problems);
    const proxyCitizenId = await this.citizens.idFor(c.proxyCpr);
    if (proxyCitizenId === c.citizenId) throw invalid([{ field: 'proxyCpr', reason: 'must be someone other than yourself' }]);
    const id = await this.proxies.insert(this.proxies.dataSource, {
      citizenId: c.citizenId,
      proxyCitizenId,
      journeyId: c.journeyId ?? null,
      access: c.access,
      expiresAt: new Date(expires).toISOString(),
    });
    return (await this.proxies.find(id))!;
  }
}

function invalid(fields: FieldProblem[]): DomainError {
  return new DomainError('VALIDATION_FAILED', `Invalid power of attorney: ${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}`, {
    fields,
  });
}
