import { AUTHORITY_TASKS } from '../../../journeys/shared/authority-tasks';
import { AUTHORITY_SYSTEM_IDS, type AuthoritySystemId } from '../../../journeys/shared/contract';
import { PORT_CLASSES, type AuthorityPorts } from './index';
import { methodName, type AuthorityCallContext } from './port-types';

/** Performs any catalogue operation generically (the HTTP adapter, a test double). */
export type TaskInvoker = (
  system: AuthoritySystemId,
  task: string,
  input: Record<string, unknown>,
  ctx: AuthorityCallContext,
) => Promise<Record<string, unknown>>;

/**
 * A typed port for `system` whose every method forwards to `invoke`. The object is an instance of
 * the port class, so it can be provided under the port's Nest token.
 */
export function bindPort<S extends AuthoritySystemId>(system: S, invoke: TaskInvoker): AuthorityPorts[S] {
  const port = Object.create(PORT_CLASSES[system].prototype) as Record<string, unknown>;
  for (const { task } of AUTHORITY_TASKS.filter((t) => t.system === system)) {
    Object.defineProperty(port, methodName(task), {
      value: (input: Record<string, unknown>, ctx: AuthorityCallContext) => invoke(system, task, input, ctx),
    });
  }
  return port as AuthorityPorts[S];
}

/** Every system's port, all forwarding to one invoker. */
export function bindPorts(invoke: TaskInvoker): AuthorityPorts {
  return Object.fromEntries(AUTHORITY_SYSTEM_IDS.map((system) => [system, bindPort(system, invoke)])) as AuthorityPorts;
}
