import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuthorityGateway } from '../../authorities/ports/authority-gateway.port';

export interface AddressHit {
  addressId: string;
  label: string;
  municipalityCode: string;
}

/**
 * Addresses as people know them (street, number, postcode, town) through the Danish Address
 * Register's port, `dar/search-address` (DAWA/DAR in production, the sandbox's dataset otherwise).
 * The address id and municipality code come from the hit the person picks, never from typing.
 */
@Injectable()
export class AddressSearch {
  private readonly logger = new Logger(AddressSearch.name);

  constructor(private readonly gateway: AuthorityGateway) {}

  /** The hits, or `undefined` when the register could not be asked (the page says so). */
  async search(query: string): Promise<AddressHit[] | undefined> {
    const q = query.trim().slice(0, 120);
    if (!q) return [];
    try {
      const { output } = await this.gateway.execute({
        system: 'dar',
        task: 'search-address',
        input: { query: q, limit: 10 },
        // A read: a fresh key per search, nothing to deduplicate.
        idempotencyKey: `address-search-${randomUUID()}`,
        journeyId: 'journey-start',
        step: 'start',
      });
      const results = (output as { results?: unknown }).results;
      return Array.isArray(results) ? results.filter(isHit) : [];
    } catch (e) {
      this.logger.warn(`address search failed: ${(e as { code?: string }).code ?? (e as Error).name}`);
      return undefined;
    }
  }
}

const isHit = (r: unknown): r is AddressHit =>
  !!r &&
  typeof r === 'object' &&
  typeof (r as AddressHit).addressId === 'string' &&
  typeof (r as AddressHit).label === 'string' &&
  /^\d{4}$/.test(String((r as AddressHit).municipalityCode));
