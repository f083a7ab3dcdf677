/**
 * Explores a journey definition's state space with @xstate/graph.
 *
 * The events offered in every state are the definition's EventSpec examples plus the engine's
 * answers to every command the machine has emitted anywhere so far (integration results and
 * caseworker retries for requested tasks, `timer.fired` for scheduled timers, completions of linked
 * journeys). Because new commands can appear while exploring, the traversal is repeated until the
 * set of engine events stops growing.
 */
import { getAdjacencyMap, getShortestPaths, type AdjacencyMap, type AdjacencyValue, type StatePath } from '@xstate/graph';
import { initialTransition, transition, type ActorLogic, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { JourneyCommand, JourneyDefinition, JourneyEvent, JourneyInput } from '../../journeys/shared/contract';
import { commandsOf, statuses } from './harness';

/** Early enough that the examples' reminders are still ahead, so timers are scheduled and explored. */
export const EXPLORATION_STARTED_AT = '2025-01-02T09:00:00.000Z';
const TRAVERSAL_LIMIT = 200_000;

export interface Exploration {
  input: JourneyInput;
  initial: AnyMachineSnapshot;
  adjacency: AdjacencyMap<AnyMachineSnapshot, JourneyEvent>;
  /** Every event offered during the final traversal. */
  events: JourneyEvent[];
  /** Every distinct command emitted anywhere in the explored state space. */
  commands: JourneyCommand[];
  logic: ActorLogic<AnyMachineSnapshot, JourneyEvent, JourneyInput>;
}

/** A snapshot's identity for the graph: state value, status and step statuses (dates and reasons vary freely). */
export function serializeJourneySnapshot(snapshot: AnyMachineSnapshot): string {
  return JSON.stringify({ value: snapshot.value, status: snapshot.status, steps: statuses(snapshot) });
}

export function engineEventsFor(command: JourneyCommand): JourneyEvent[] {
  switch (command.type) {
    case 'integration.request': {
      const { step, task } = command;
      return [
        { type: 'integration.completed', step, task, output: {} },
        { type: 'integration.failed', step, task, code: 'MODEL_TEST_FAILURE' },
        { type: 'integration.retry', step, task, requestedAt: EXPLORATION_STARTED_AT },
      ];
    }
    case 'timer.schedule':
      return [{ type: 'timer.fired', key: command.key }];
    case 'journey.link':
      return [{ type: 'journey.linked-completed', step: command.step, journeyType: command.journeyType }];
    case 'authority.await':
      // The solution answers with the definition's own events (complete / fail), already offered from their examples.
      return [];
    default:
      return [];
  }
}

export function exampleEvents(definition: JourneyDefinition): JourneyEvent[] {
  return Object.entries(definition.events).flatMap(([type, spec]) => spec.examples.map((data) => ({ ...data, type })));
}

export function exampleInputs(definition: JourneyDefinition): JourneyInput[] {
  const facts = definition.factsExamples?.length ? definition.factsExamples : [{}];
  return definition.startExamples.flatMap((answers) =>
    facts.map((f) => ({ answers, facts: f, startedAt: EXPLORATION_STARTED_AT, reminderDays: [7, 2] })),
  );
}

export function explore(definition: JourneyDefinition, input: JourneyInput): Exploration {
  const machine: AnyStateMachine = definition.machine;
  const engineEvents = new Map<string, JourneyEvent>();
  const commands = new Map<string, JourneyCommand>();
  const record = (actions: readonly { type: string; params?: unknown }[]) => {
    for (const command of commandsOf(actions)) {
      commands.set(JSON.stringify(command), command);
      for (const event of engineEventsFor(command)) engineEvents.set(JSON.stringify(event), event);
    }
  };

  const [initial, initialActions] = initialTransition(machine, input);
  record(initialActions);

  // Wrapping the machine lets the traversal see emitted commands, which @xstate/graph discards.
  const logic: ActorLogic<AnyMachineSnapshot, JourneyEvent, JourneyInput> = {
    transition: (snapshot, event) => {
      const [next, actions] = transition(machine, snapshot, event);
      record(actions);
      return next;
    },
    getInitialSnapshot: () => initial,
    getPersistedSnapshot: (snapshot) => machine.getPersistedSnapshot(snapshot),
  };

  const fromExamples = exampleEvents(definition);
  let offered: JourneyEvent[] = [];
  let adjacency: AdjacencyMap<AnyMachineSnapshot, JourneyEvent> = {};
  for (let known = -1; known !== engineEvents.size;) {
    known = engineEvents.size;
    offered = [...fromExamples, ...engineEvents.values()];
    const candidates = offered;
    adjacency = getAdjacencyMap(logic, {
      fromState: initial,
      events: (snapshot) => candidates.filter((event) => snapshot.can(event)),
      serializeState: serializeJourneySnapshot,
      limit: TRAVERSAL_LIMIT,
    });
  }
  return { input, initial, adjacency, events: offered, commands: [...commands.values()], logic };
}

export function shortestPathsToFinal(exploration: Exploration): StatePath<AnyMachineSnapshot, JourneyEvent>[] {
  const { logic, initial, events } = exploration;
  return getShortestPaths(logic, {
    fromState: initial,
    events: (snapshot) => events.filter((event) => snapshot.can(event)),
    serializeState: serializeJourneySnapshot,
    toState: (snapshot) => snapshot.status === 'done',
    limit: TRAVERSAL_LIMIT,
  });
}

export interface Edge {
  event: JourneyEvent;
  state: AnyMachineSnapshot;
}

/** The outgoing edges of one adjacency entry (its keys are branded strings that `Object.values` cannot type). */
export function edgesOf(entry: AdjacencyValue<AnyMachineSnapshot, JourneyEvent>): Edge[] {
  return Object.values(entry.transitions as Record<string, Edge>);
}

/** Dotted paths of the state nodes a snapshot is in, e.g. `inProgress.registration.awaitingCpr`. */
export function activePaths(snapshot: AnyMachineSnapshot): string[] {
  return snapshot._nodes.map((node) => node.path.join('.')).filter((path) => path !== '');
}
