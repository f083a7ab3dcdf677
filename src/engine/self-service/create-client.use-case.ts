import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AUTHORITY_SYSTEM_IDS } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import { hashClientSecret, newSecret } from './secrets';
import { SystemClientRepository } from './system-client.repository';

/**
 * Registers an authority's system as a client. The secret is returned here, once; only its scrypt
 * hash is stored, so a lost secret means a new client.
 */
@Injectable()
export class CreateClientUseCase {
  constructor(private readonly clients: SystemClientRepository) {}

  async execute(command: { authority: string; name?: string }): Promise<{ clientId: string; clientSecret: string; authority: string }> {
    if (!(AUTHORITY_SYSTEM_IDS as readonly string[]).includes(command.authority)) {
      throw new DomainError('VALIDATION_FAILED', `Unknown authority "${command.authority.slice(0, 40)}"`, {
        fields: [{ field: 'authority', reason: `must be one of ${AUTHORITY_SYSTEM_IDS.join(', ')}` }],
      });
    }
    const clientId = `${command.authority}-${randomBytes(6).toString('hex')}`;
    const clientSecret = newSecret('lfs_');
    await this.clients.insert({
      clientId,
      authority: command.authority,
      name: command.name?.slice(0, 120),
      secretHash: await hashClientSecret(clientSecret),
    });
    return { clientId, clientSecret, authority: command.authority };
  }
}
