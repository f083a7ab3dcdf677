import { AUTHORITY_TASKS, findTask, type AuthorityTask } from '../../journeys/shared/authority-tasks';
import { maskCpr } from '../platform/logging/redact';
import { withBoundedRetryAfter } from './http/error-mapping';
import type { AuthorityPorts } from './ports';
import { AuthorityError, AuthorityGateway, type AuthorityCall, type AuthorityResult } from './ports/authority-gateway.port';
import { methodName, type AuthorityCallContext } from './ports/port-types';
import { prepareTaskValidation, taskInputProblem } from './task-validation';

type Operation = (input: Record<string, unknown>, ctx: AuthorityCallContext) => Promise<unknown>;

/** The format only: administrative numbers need not hold a real date. */
const isCprNumber = (v: unknown): v is string => typeof v === 'string' && /^[0-9]{6}-?[0-9]{4}$/.test(v);

export interface GatewayOptions {
  /** Check `input` against the task's schema before calling the authority (default true). */
  validateInput?: boolean;
}

/**
 * The engine's `AuthorityGateway`: looks the (system, task) pair up in the catalogue and calls the
 * typed port operation. A machine that asks for an unknown task or sends input the task does not
 * accept gets a final error at once, without bothering the authority. The call's `subject` (the
 * citizen's CPR number, resolved by the engine at call time) goes to the port in the call context,
 * never into the input.
 */
export class PortAuthorityGateway extends AuthorityGateway {
  constructor(
    private readonly ports: AuthorityPorts,
    private readonly options: GatewayOptions = {},
  ) {
    super();
    // Like a job registry checked at start-up: a missing operation is a wiring bug, not a runtime surprise.
    const missing = AUTHORITY_TASKS.filter((t) => typeof this.operation(t) !== 'function').map((t) => `${t.system}/${t.task}`);
    if (missing.length > 0) throw new Error(`authority ports lack operations: ${missing.join(', ')}`);
    if (options.validateInput !== false) prepareTaskValidation(AUTHORITY_TASKS);
  }

  async execute(call: AuthorityCall): Promise<AuthorityResult> {
    const spec = findTask(call.system, call.task);
    if (!spec) throw new AuthorityError('UNKNOWN_TASK', false, `no task "${call.task}" on system "${call.system}"`);
    if (this.options.validateInput !== false) this.validate(spec, call.input);
    if (call.subject !== undefined && !isCprNumber(call.subject?.cpr)) {
      throw new AuthorityError('INVALID_SUBJECT', false, `${call.system}/${call.task}: the subject has no valid CPR number`);
    }
    const ctx: AuthorityCallContext = { idempotencyKey: call.idempotencyKey, journeyId: call.journeyId, step: call.step };
    if (call.subject) ctx.subject = { cpr: call.subject.cpr };
    let output: unknown;
    try {
      output = await this.operation(spec)!(call.input, ctx);
    } catch (e) {
      if (e instanceof AuthorityError) throw withBoundedRetryAfter(e); // whatever the port, waits stay bounded
      const message = e instanceof Error ? e.message : String(e);
      throw new AuthorityError('ADAPTER_ERROR', true, `${call.system}/${call.task}: ${maskCpr(message).slice(0, 200)}`);
    }
    if (typeof output !== 'object' || output === null || Array.isArray(output)) {
      throw new AuthorityError('INVALID_RESPONSE', false, `${call.system}/${call.task}: the port returned no output object`);
    }
    return { output: output as Record<string, unknown> };
  }

  private operation(spec: AuthorityTask): Operation | undefined {
    const port = this.ports[spec.system] as unknown as Record<string, Operation> | undefined;
    const fn = port?.[methodName(spec.task)];
    return typeof fn === 'function' ? fn.bind(port) : undefined;
  }

  private validate(spec: AuthorityTask, input: unknown): void {
    const problem = taskInputProblem(spec, input);
    if (problem) throw new AuthorityError('INVALID_INPUT', false, `${spec.system}/${spec.task}: ${problem}`);
  }
}
