import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { AUTHORITY_SYSTEMS, AUTHORITY_TASKS } from '../../../journeys/shared/authority-tasks';
import type { AuthoritySystemId, StepState, Text } from '../../../journeys/shared/contract';
import { AuthorityGateway } from '../../authorities/ports/authority-gateway.port';
import { DefinitionCatalog } from '../definitions/definition-catalog';

/** Every system in the catalogue that answers `list-benefits`: the paying systems. */
export const PAYING_SYSTEMS: readonly AuthoritySystemId[] = AUTHORITY_TASKS.filter((t) => t.task === 'list-benefits').map((t) => t.system);

/** How long one system may take before its part shows "could not be read right now". */
export const BENEFITS_TIMEOUT_MS = 3000;
/** How long an answer is reused: long enough for a page and its reloads, short enough to stay current. */
export const BENEFITS_CACHE_MS = 60_000;

export interface Benefit {
  benefit: string;
  name: Text;
  amount: number;
  frequency: string;
  periodFrom: string | null;
  periodTo: string | null;
  nextPaymentDate: string | null;
  /** The journey step the benefit came from, when the citizen has that journey. */
  source: { journeyId: string; journeyType: string; step: string; link: string } | null;
}

export interface BenefitsPart {
  authority: { id: AuthoritySystemId; name: Text };
  status: 'read' | 'unavailable';
  benefits: Benefit[];
}

const NAMES: Record<string, Text> = {
  boerneydelse: { da: 'Børne- og ungeydelse', en: 'Child benefit' },
  boligstoette: { da: 'Boligstøtte', en: 'Housing benefit' },
  folkepension: { da: 'Folkepension', en: 'State pension' },
  'atp-livslang-pension': { da: 'ATP Livslang Pension', en: 'ATP Lifelong Pension' },
  su: { da: 'SU (Statens Uddannelsesstøtte)', en: 'Student grant (SU)' },
  dagpenge: { da: 'Dagpenge', en: 'Unemployment benefit' },
};

type RawBenefit = {
  benefit?: unknown;
  amount?: unknown;
  frequency?: unknown;
  periodFrom?: unknown;
  periodTo?: unknown;
  nextPaymentDate?: unknown;
};
const dateOrNull = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/**
 * Benefits and payments, read on demand from each paying system through the authority ports, in
 * parallel, each with its own timeout. A system that fails or is slow gives an `unavailable` part
 * and never fails the whole. Answers are cached briefly per citizen and system, in this process
 * only; what is read is shown to the citizen (or their proxy) and passed to no other authority.
 */
@Injectable()
export class BenefitsReader {
  private readonly logger = new Logger(BenefitsReader.name);
  private readonly cache = new LRUCache<string, Omit<Benefit, 'source'>[]>({ max: 20_000, ttl: BENEFITS_CACHE_MS });

  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: AuthorityGateway,
    private readonly catalog: DefinitionCatalog,
  ) {}

  async forCitizen(citizenId: string): Promise<BenefitsPart[]> {
    const [citizen]: { cpr: string }[] = await this.dataSource.query('SELECT cpr FROM citizen WHERE id = $1', [citizenId]);
    const journeys: { id: string; type: string; steps: Record<string, StepState> | null }[] = await this.dataSource.query(
      `SELECT id, type, snapshot->'context'->'steps' AS steps FROM journey
        WHERE citizen_id = $1 AND status IN ('active', 'completed') ORDER BY created_at DESC LIMIT 200`,
      [citizenId],
    );
    return Promise.all(
      PAYING_SYSTEMS.map(async (system): Promise<BenefitsPart> => {
        const authority = { id: system, name: AUTHORITY_SYSTEMS[system].name as Text };
        if (!citizen) return { authority, status: 'read', benefits: [] };
        try {
          const raw = await this.read(citizenId, citizen.cpr, system);
          return { authority, status: 'read', benefits: raw.map((b) => ({ ...b, source: this.sourceOf(system, journeys) })) };
        } catch (e) {
          this.logger.warn({ system, code: (e as { code?: string }).code ?? 'ERROR' }, 'benefits could not be read');
          return { authority, status: 'unavailable', benefits: [] };
        }
      }),
    );
  }

  private async read(citizenId: string, cpr: string, system: AuthoritySystemId): Promise<Omit<Benefit, 'source'>[]> {
    const key = `${citizenId}/${system}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })), BENEFITS_TIMEOUT_MS);
    });
    try {
      const { output } = await Promise.race([
        this.gateway.execute({
          system,
          task: 'list-benefits',
          input: {},
          idempotencyKey: `overview-${randomUUID()}`,
          journeyId: 'overview',
          step: 'benefits',
          subject: { cpr },
        }),
        timeout,
      ]);
      const list = Array.isArray(output.benefits) ? (output.benefits as RawBenefit[]) : [];
      const benefits = list
        .filter((b) => typeof b.benefit === 'string' && typeof b.amount === 'number')
        .map((b) => ({
          benefit: b.benefit as string,
          name: NAMES[b.benefit as string] ?? { da: b.benefit as string, en: b.benefit as string },
          amount: b.amount as number,
          frequency: typeof b.frequency === 'string' ? b.frequency : 'monthly',
          periodFrom: dateOrNull(b.periodFrom),
          periodTo: dateOrNull(b.periodTo),
          nextPaymentDate: dateOrNull(b.nextPaymentDate),
        }));
      this.cache.set(key, benefits);
      return benefits;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The step of the citizen's newest journey that asks this system for the benefit (the catalogue's `usedBy`). */
  private sourceOf(
    system: AuthoritySystemId,
    journeys: { id: string; type: string; steps: Record<string, StepState> | null }[],
  ): Benefit['source'] {
    const refs = AUTHORITY_TASKS.find((t) => t.system === system && t.task === 'list-benefits')?.usedBy ?? [];
    for (const journey of journeys) {
      for (const ref of refs) {
        const [type, step] = ref.split('/');
        const status = journey.steps?.[step]?.status;
        if (journey.type === type && status && status !== 'skipped' && status !== 'pending' && this.catalog.latest(type)) {
          return { journeyId: journey.id, journeyType: type, step, link: `/journeys/${journey.id}#step-${step}` };
        }
      }
    }
    return null;
  }
}
