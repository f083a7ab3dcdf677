import { parseCpr } from '../../journeys/shared/cpr';
import { AuthorityError, AuthorityGateway, type AuthorityCall } from '../../src/authorities/ports/authority-gateway.port';
import { sandboxName } from '../../src/authorities/sandbox/persons';

/**
 * The CPR register's name lookup as the sandbox answers it (`src/authorities/sandbox/rules.ts`), for
 * suites without authorities that still give powers of attorney; undefined for any other call.
 */
export function registerName(call: AuthorityCall): Promise<{ output: Record<string, unknown> }> | undefined {
  if (call.system !== 'cpr' || call.task !== 'lookup-name') return undefined;
  const parsed = parseCpr(call.subject?.cpr);
  if (!call.subject || !parsed.ok || /0000$/.test(call.subject.cpr))
    return Promise.reject(new AuthorityError('PERSON_NOT_FOUND', false, 'cpr/lookup-name: HTTP 404 PERSON_NOT_FOUND'));
  return Promise.resolve({ output: { name: sandboxName(call.subject.cpr), birthDate: parsed.birthDate } });
}

/**
 * For suites whose processes never call an authority (role api, or no integration tasks): a call is a
 * test bug. Only the CPR register's name lookup, which giving a power of attorney needs, is answered.
 */
export class UnusedGateway extends AuthorityGateway {
  execute(call: AuthorityCall): Promise<{ output: Record<string, unknown> }> {
    return registerName(call) ?? Promise.reject(new Error('no authority call is expected in this suite'));
  }
}
