import type { AuthoritySystemId } from '../../../journeys/shared/contract';
import type { TaskInput, TaskName, TaskOutput } from '../../../journeys/shared/authority-tasks';

/** What an operation knows about the call besides its input. */
export interface AuthorityCallContext {
  /** Stable across every attempt of the same task: the authority applies it at most once. */
  idempotencyKey: string;
  journeyId: string;
  step: string;
  /**
   * The citizen the task concerns (see `AuthorityCall.subject`). Sent beside the input, never in it,
   * and never logged: task inputs name other persons by role only.
   */
  subject?: { cpr: string };
}

export type In<S extends AuthoritySystemId, T extends TaskName<S>> = TaskInput<S, T>;
export type Out<S extends AuthoritySystemId, T extends TaskName<S>> = Promise<TaskOutput<S, T>>;

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/**
 * The methods a port for `S` must have: one per catalogue task, named in camelCase. Ports declare
 * `implements PortShape<S>`, so a task added to the catalogue fails compilation until its port has it.
 */
export type PortShape<S extends AuthoritySystemId> = {
  [T in TaskName<S> as Camel<T>]: (input: In<S, T>, ctx: AuthorityCallContext) => Out<S, T>;
};

/** `register-move` → `registerMove`: the port method for a catalogue task. */
export function methodName(task: string): string {
  return task.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
