import type { SystemCaller } from '../../engine/self-service/system-caller';
import { DomainError } from '../../platform/errors/domain-error';
import type { AuthenticatedRequest } from '../auth/auth.guard';

/** Self-service routes take only client-credentials tokens: those name a registered, enabled client. */
export function systemCaller(req: AuthenticatedRequest): SystemCaller {
  const p = req.principal;
  if (!p?.clientId || !p.authority) {
    throw new DomainError('FORBIDDEN', 'Self-service routes need a client-credentials token (POST /api/oauth/token)');
  }
  return { clientId: p.clientId, authority: p.authority };
}
