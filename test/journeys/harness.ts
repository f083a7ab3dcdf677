/** Drives journey machines through XState's pure API and collects the commands they emit. */
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { JourneyCommand, JourneyEvent, JourneyInput } from '../../journeys/shared/contract';

export function commandsOf(actions: readonly { type: string; params?: unknown }[]): JourneyCommand[] {
  return actions.filter((action) => action.type === 'xstate.emit').map((action) => (action.params as { event: JourneyCommand }).event);
}

export interface Step {
  snapshot: AnyMachineSnapshot;
  commands: JourneyCommand[];
}

export function start(machine: AnyStateMachine, input: JourneyInput): Step {
  const [snapshot, actions] = initialTransition(machine, input);
  return { snapshot, commands: commandsOf(actions) };
}

export function send(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: JourneyEvent): Step {
  const [next, actions] = transition(machine, snapshot, event);
  return { snapshot: next, commands: commandsOf(actions) };
}

/** Sends events in order and returns the last snapshot with every command emitted on the way. */
export function run(machine: AnyStateMachine, from: Step, events: JourneyEvent[]): Step {
  return events.reduce<Step>(
    (acc, event) => {
      const next = send(machine, acc.snapshot, event);
      return { snapshot: next.snapshot, commands: [...acc.commands, ...next.commands] };
    },
    { snapshot: from.snapshot, commands: [] },
  );
}

export function statuses(snapshot: AnyMachineSnapshot): Record<string, string> {
  const steps = (snapshot.context as { steps: Record<string, { status: string }> }).steps;
  return Object.fromEntries(Object.entries(steps).map(([id, step]) => [id, step.status]));
}
