import { Injectable } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error';
import { hashClientSecret, newSecret } from './secrets';
import { SystemClientRepository, type SystemClientSummary } from './system-client.repository';

const CLIENT_ID = /^[a-z0-9-]{1,80}$/;

/**
 * What an operator does with a registered system: list the clients, disable one (its secret and
 * every token already issued stop working at once), rotate its secret (the old secret and the
 * tokens issued under it stop working at once; the new secret is shown once).
 */
@Injectable()
export class ClientLifecycleUseCase {
  constructor(private readonly clients: SystemClientRepository) {}

  list(): Promise<SystemClientSummary[]> {
    return this.clients.list();
  }

  async disable(clientId: string): Promise<SystemClientSummary> {
    return (await this.clients.disable(checkedId(clientId))) ?? notFound(clientId);
  }

  async rotateSecret(clientId: string): Promise<{ client: SystemClientSummary; clientSecret: string }> {
    const id = checkedId(clientId);
    const existing = await this.clients.find(id);
    if (!existing) return notFound(clientId);
    const disabled = () => {
      throw new DomainError('VALIDATION_FAILED', `Client "${id}" is disabled: register a new client instead of rotating its secret`, {
        fields: [{ field: 'id', reason: 'names a disabled client' }],
      });
    };
    if (existing.disabled_at) disabled();
    const clientSecret = newSecret('lfs_');
    // The update itself refuses a client disabled meanwhile.
    const client = (await this.clients.rotateSecret(id, await hashClientSecret(clientSecret))) ?? disabled();
    return { client, clientSecret };
  }
}

function checkedId(clientId: string): string {
  if (!CLIENT_ID.test(clientId)) {
    throw new DomainError('VALIDATION_FAILED', 'The client id is not valid', {
      fields: [{ field: 'id', reason: 'must be a client id as clients:create printed it (lowercase letters, digits and -)' }],
    });
  }
  return clientId;
}

function notFound(clientId: string): never {
  throw new DomainError('NOT_FOUND', `No client with id "${clientId.slice(0, 80)}"`);
}
