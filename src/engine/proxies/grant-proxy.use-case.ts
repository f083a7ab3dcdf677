import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { parseCpr } from '../../../journeys/shared/cpr';
import { AuthorityError, AuthorityGateway } from '../../authorities/ports/authority-gateway.port';
import { AppConfig } from '../../platform/config/app.config';
import { DomainError, rateLimited, type FieldProblem } from '../../platform/errors/domain-error';
import { isUuid } from '../../platform/ids';
import { CitizenRepository } from '../persistence/citizen.repository';
import { JourneyRepository } from '../persistence/journey.repository';
import { ProxyRepository, type PendingGrantView, type ProxyAccess, type ProxyGrantView } from './proxy.repository';

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
/** How long a grant waits for the citizen's confirmation. */
export const PENDING_MINUTES = 15;

/**
 * A citizen gives another citizen access to one journey or all, read-only or acting, until a date,
 * in two steps: `request` looks the person up in the CPR register and keeps a pending grant that
 * names them; only `confirm` makes it a grant, and only then is the person a citizen row here. Lookups are counted per citizen and day
 * (`PROXY_LOOKUPS_PER_DAY`), so the form cannot be used to walk the register.
 */
@Injectable()
export class GrantProxyUseCase {
  private readonly logger = new Logger(GrantProxyUseCase.name);

  constructor(
    private readonly proxies: ProxyRepository,
    private readonly citizens: CitizenRepository,
    private readonly journeys: JourneyRepository,
    private readonly gateway: AuthorityGateway,
    private readonly config: AppConfig,
  ) {}

  async request(c: GrantProxyCommand, now = new Date()): Promise<PendingGrantView> {
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
    const normalised = c.proxyCpr.replace('-', '');
    if ((await this.citizens.existingId(normalised)) === c.citizenId)
      throw invalid([{ field: 'proxyCpr', reason: 'must be someone other than yourself' }]);
    const lookup = await this.proxies.countLookup(c.citizenId, this.config.engine.proxyLookupsPerDay);
    // Tomorrow is midnight in Denmark, when the count starts again.
    if (!lookup.within)
      throw rateLimited('You have looked up as many people as one day allows: try again tomorrow', lookup.secondsLeftOfDay);
    const name = await this.lookUpName(normalised);
    // The person stays in the pending grant alone: nobody is added or renamed here until it is confirmed.
    const pendingId = await this.proxies.insertPending(
      {
        citizenId: c.citizenId,
        proxyCpr: normalised,
        proxyName: name,
        journeyId: c.journeyId ?? null,
        access: c.access,
        expiresAt: new Date(expires).toISOString(),
      },
      PENDING_MINUTES,
    );
    return (await this.proxies.findPending(c.citizenId, pendingId))!;
  }

  /** The pending grant becomes valid; 404 when it is not the citizen's, has lapsed or was confirmed already. */
  async confirm(citizenId: string, pendingId: string): Promise<ProxyGrantView> {
    if (!isUuid(pendingId)) throw pendingGone();
    const id = await this.proxies.dataSource.transaction(async (tx) => {
      const taken = await this.proxies.takePending(tx, citizenId, pendingId);
      if (!taken) return undefined;
      // Only now is the person kept here, named as the register named them.
      const proxy = await this.citizens.identify(taken.proxyCpr, taken.proxyName, tx);
      const { journeyId, access, expiresAt } = taken;
      return this.proxies.insert(tx, { citizenId, proxyCitizenId: proxy.id, journeyId, access, expiresAt });
    });
    if (!id) throw pendingGone();
    return (await this.proxies.find(id))!;
  }

  async pending(citizenId: string, pendingId: string): Promise<PendingGrantView> {
    const found = isUuid(pendingId) ? await this.proxies.findPending(citizenId, pendingId) : undefined;
    if (!found) throw pendingGone();
    return found;
  }

  async cancel(citizenId: string, pendingId: string): Promise<void> {
    if (!(await this.proxies.cancelPending(citizenId, pendingId))) throw pendingGone();
  }

  /** The person's name from the CPR register; an unknown number is a field problem that says nothing more. */
  private async lookUpName(cpr: string): Promise<string> {
    try {
      const { output } = await this.gateway.execute({
        system: 'cpr',
        task: 'lookup-name',
        input: {},
        // A read: a fresh key per lookup, nothing to deduplicate.
        idempotencyKey: `lookup-${randomUUID()}`,
        journeyId: 'power-of-attorney',
        step: 'grant',
        subject: { cpr },
      });
      if (typeof output.name === 'string' && output.name.trim()) return output.name;
    } catch (e) {
      if (e instanceof AuthorityError && e.code === 'PERSON_NOT_FOUND')
        throw invalid([{ field: 'proxyCpr', reason: 'is not a person in the CPR register' }]);
      this.logger.warn(`CPR name lookup for a power of attorney failed: ${(e as { code?: string }).code ?? (e as Error).name}`);
    }
    throw new DomainError('UNAVAILABLE', 'The CPR register did not answer: try again in a few minutes');
  }
}

const pendingGone = () =>
  new DomainError('NOT_FOUND', 'No power of attorney waits for your confirmation here: it was confirmed, cancelled or has lapsed');

function invalid(fields: FieldProblem[]): DomainError {
  return new DomainError('VALIDATION_FAILED', `Invalid power of attorney: ${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}`, {
    fields,
  });
}
