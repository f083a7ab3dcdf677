import {
  __unsafe_getAllOwnEventDescriptors as ownEventDescriptors,
  createActor,
  type ActorScope,
  type AnyActorRef,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
} from 'xstate';
import {
  COMMAND_TYPES,
  type JourneyCommand,
  type JourneyContextBase,
  type JourneyDefinition,
  type JourneyEvent,
  type JourneyInput,
} from '../../../journeys/shared/contract';

/**
 * The pure core of the engine: restore → transition → collect commands. No I/O; the use cases
 * persist what this returns inside one transaction.
 */

export type PersistedSnapshot = Record<string, unknown> & { value: unknown; context: JourneyContextBase };

export interface TransitionResult {
  snapshot: PersistedSnapshot;
  /** Flattened state value, e.g. `registered.waiting` or `tasks.(gp:choosing,housing:done)`. */
  state: string;
  status: 'active' | 'completed';
  commands: JourneyCommand[];
  context: JourneyContextBase;
  /** The machine snapshot itself, not persisted: a view of the row written from it needs no restore (`writtenFrom`). */
  live: AnyMachineSnapshot;
}

/** The persisted snapshot does not fit the machine version it claims (e.g. a renamed state). */
export class BrokenSnapshotError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BrokenSnapshotError';
  }
}

export class EventNotAcceptedError extends Error {
  constructor(
    readonly eventType: string,
    readonly state: string,
  ) {
    super(`Event "${eventType}" is not allowed in state "${state}"`);
    this.name = 'EventNotAcceptedError';
  }
}

export function flattenState(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    // Sorted: PostgreSQL's jsonb reorders keys, and one state must always read the same.
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 1) {
      const [key, inner] = entries[0];
      return `${key}.${flattenState(inner)}`;
    }
    return `(${entries.map(([k, v]) => `${k}:${flattenState(v)}`).join(',')})`;
  }
  return String(value);
}

function commandsOf(actions: { type: string; params?: unknown }[]): JourneyCommand[] {
  const commands: JourneyCommand[] = [];
  for (const action of actions) {
    if (action.type !== 'xstate.emit') continue;
    const event = (action.params as { event?: JourneyCommand } | undefined)?.event;
    if (event && (COMMAND_TYPES as readonly string[]).includes(event.type)) commands.push(event);
  }
  return commands;
}

function result(machine: AnyStateMachine, next: AnyMachineSnapshot, actions: { type: string; params?: unknown }[]): TransitionResult {
  if (next.status === 'error') throw new BrokenSnapshotError(`machine error: ${String((next as { error?: unknown }).error)}`);
  const snapshot = machine.getPersistedSnapshot(next) as unknown as PersistedSnapshot;
  return {
    snapshot,
    state: flattenState(next.value),
    status: next.status === 'done' ? 'completed' : 'active',
    commands: commandsOf(actions),
    context: next.context as JourneyContextBase,
    live: next,
  };
}

/** Rows as a transition wrote them, with the machine snapshot they were written from. */
const liveSnapshots = new WeakMap<object, AnyMachineSnapshot>();

/**
 * Notes that `row` holds the snapshot `result` persisted, so whoever views the row right after the
 * transition (the answer to an event or a start) asks that snapshot for next actions instead of
 * restoring the persisted one: it is the same state, already resolved. Returns the row.
 */
export function writtenFrom<T extends object>(row: T, result: Pick<TransitionResult, 'live'>): T {
  liveSnapshots.set(row, result.live);
  return row;
}

/** The snapshot `row` was written from in this process (`writtenFrom`), if it was. */
export function liveSnapshotOf(row: object): AnyMachineSnapshot | undefined {
  return liveSnapshots.get(row);
}

/**
 * Refuses a machine with a state that invokes an actor or has a delayed transition (`after`). A
 * journey's side effects leave as commands and its timers are rows, so the engine runs neither: an
 * invoked actor would never run, a delay would never fire, and an invoked actor's system id would
 * collide in the one actor system `runPure` keeps per machine.
 */
export function assertPure(machine: AnyStateMachine): void {
  const walk = (node: AnyStateMachine['root']): void => {
    if (node.invoke.length > 0) throw new Error(`state ${node.id} invokes an actor: a journey asks for work with a command instead`);
    if (node.after.length > 0) throw new Error(`state ${node.id} has a delayed transition: a journey schedules a timer command instead`);
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(machine.root);
}

/** What a pure transition of a machine runs with: one unstarted actor of the machine, made on first use. */
const pureActors = new WeakMap<AnyStateMachine, AnyActorRef>();

/**
 * Runs `step` (a start or a transition of `machine`) in an actor scope that executes nothing and
 * collects the actions the step resolved, as xstate's `initialTransition` and `transition` do. Those
 * make a new actor (and actor system) for every call, and an actor works out its machine's initial
 * state when it is made: the context factory and every initial entry action, thrown away at once.
 * Journeys invoke nothing and delay nothing (`assertPure`, checked when a definition is registered),
 * so a step registers nothing on the actor's system, and one actor per machine stands in as `self`
 * for every step.
 */
function runPure(
  machine: AnyStateMachine,
  step: (scope: ActorScope<AnyMachineSnapshot, EventObject>) => AnyMachineSnapshot,
): [AnyMachineSnapshot, { type: string; params?: unknown }[]] {
  let self = pureActors.get(machine);
  if (!self) pureActors.set(machine, (self = createActor(machine)));
  const actions: { type: string; params?: unknown }[] = [];
  const scope = {
    self,
    system: self.system,
    id: '',
    sessionId: '',
    logger: () => undefined,
    defer: () => undefined,
    stopChild: () => undefined,
    emit: () => undefined,
    actionExecutor: (action: { type: string; params?: unknown }) => void actions.push(action),
  } as unknown as ActorScope<AnyMachineSnapshot, EventObject>;
  return [step(scope), actions];
}

export function start(definition: JourneyDefinition, input: JourneyInput): TransitionResult {
  const machine = definition.machine;
  const [next, actions] = runPure(machine, (scope) => machine.getInitialSnapshot(scope as never, input));
  return result(machine, next, actions);
}

/** Restores a persisted snapshot; any mismatch with the machine becomes a `BrokenSnapshotError`. */
export function restore(definition: JourneyDefinition, persisted: PersistedSnapshot): AnyMachineSnapshot {
  try {
    if (!persisted || typeof persisted !== 'object' || persisted.value === undefined) throw new Error('snapshot has no state value');
    const snapshot = definition.machine.resolveState({
      value: persisted.value,
      context: persisted.context,
      historyValue: persisted.historyValue,
    } as never) as AnyMachineSnapshot;
    // resolveState accepts a parallel state with a missing region; make sure the value round-trips.
    if (flattenState(snapshot.value) !== flattenState(persisted.value)) {
      throw new Error(`state ${flattenState(persisted.value)} does not exist in version ${definition.version}`);
    }
    if (persisted.status === 'done' && snapshot.status !== 'done') throw new Error('snapshot was final but state is not');
    return snapshot;
  } catch (e) {
    throw new BrokenSnapshotError(e instanceof Error ? e.message : String(e));
  }
}

export function apply(definition: JourneyDefinition, persisted: PersistedSnapshot, event: JourneyEvent): TransitionResult {
  const current = restore(definition, persisted);
  if (current.status !== 'active' || !current.can(event)) {
    throw new EventNotAcceptedError(event.type, flattenState(current.value));
  }
  try {
    const machine = definition.machine;
    const [next, actions] = runPure(machine, (scope) => machine.transition(current as never, event, scope as never));
    return result(machine, next, actions);
  } catch (e) {
    if (e instanceof BrokenSnapshotError) throw e;
    throw new BrokenSnapshotError(`transition failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Whether the current state accepts the event (with its data, so guards are honoured). */
export function accepts(snapshot: AnyMachineSnapshot, event: JourneyEvent): boolean {
  try {
    return snapshot.status === 'active' && snapshot.can(event);
  } catch {
    return false;
  }
}

/** Per machine and state value: the event types its states have transitions for (null: a wildcard takes any). */
const handledByState = new WeakMap<AnyStateMachine, Map<string, ReadonlySet<string> | null>>();

/**
 * The event types that some state the snapshot is in has a transition for. An event outside them is
 * not accepted, whatever its data, so whoever asks `accepts` for many events (next actions) can
 * leave those out without running the machine. Undefined when a wildcard descriptor (`*`, `step.*`)
 * could take any event. It depends on the machine and the state value alone, so it is worked out
 * once per state (a machine has finitely many).
 */
export function handledEvents(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): ReadonlySet<string> | undefined {
  let byState = handledByState.get(machine);
  if (!byState) handledByState.set(machine, (byState = new Map<string, ReadonlySet<string> | null>()));
  const state = flattenState(snapshot.value);
  let handled = byState.get(state);
  if (handled === undefined) {
    const descriptors = ownEventDescriptors(snapshot) as string[];
    handled = descriptors.some((d) => d.includes('*')) ? null : new Set(descriptors);
    byState.set(state, handled);
  }
  return handled ?? undefined;
}
