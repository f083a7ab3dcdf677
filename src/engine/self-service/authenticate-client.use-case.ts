import { Injectable } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error';
import { burnSecretCheck, verifyClientSecret } from './secrets';
import { SystemClientRepository } from './system-client.repository';
import type { AuthenticatedClient } from './system-caller';

const CLIENT_ID = /^[a-z0-9-]{1,80}$/;

/** Client credentials: the client exists, is enabled, and the secret matches its hash. */
@Injectable()
export class AuthenticateClientUseCase {
  constructor(private readonly clients: SystemClientRepository) {}

  async execute(clientId: string, clientSecret: string): Promise<AuthenticatedClient> {
    // One answer for every failure (RFC 6749 invalid_client), so callers cannot probe for client ids.
    const refused = new DomainError('UNAUTHENTICATED', 'Client authentication failed', { error: 'invalid_client' });
    const client = CLIENT_ID.test(clientId) && clientSecret.length <= 200 ? await this.clients.find(clientId) : undefined;
    if (!client) {
      await burnSecretCheck(clientSecret.slice(0, 200));
      throw refused;
    }
    const ok = await verifyClientSecret(clientSecret, client.secret_hash);
    if (!ok || client.disabled_at) throw refused;
    return { clientId: client.client_id, authority: client.authority, secretGeneration: client.secret_generation };
  }
}
