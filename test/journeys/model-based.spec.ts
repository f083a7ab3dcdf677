/**
 * Model-based checks for every registered journey definition, with no hand-picked paths: the state
 * space comes from each definition's own examples (see journey-graph.ts).
 */
import { getStateNodes } from '@xstate/graph';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SCHEMA_TEXT_KEYWORDS } from '../../journeys/shared/kit';
import { transition, type AnyMachineSnapshot } from 'xstate';
import { allDefinitions } from '../../journeys';
import { findTask } from '../../journeys/shared/authority-tasks';
import {
  COMMAND_TYPES,
  type AwaitAuthorityCommand,
  type JourneyDefinition,
  type StepState,
  type Text,
} from '../../journeys/shared/contract';
import {
  activePaths,
  edgesOf,
  exampleInputs,
  explore,
  serializeJourneySnapshot,
  shortestPathsToFinal,
  type Exploration,
} from './journey-graph';
import { statuses } from './harness';

const definitions = allDefinitions();
const isFinal = (snapshot: AnyMachineSnapshot) => snapshot.status === 'done';
const closed = (status: string) => status === 'done' || status === 'skipped';

const written = (text: Text | undefined) => !!text && text.da.trim() !== '' && text.en.trim() !== '';

/**
 * What the citizen's task list cannot show without: a step the citizen acts on (a citizen step, or
 * one a citizen event decides) has its imperative `task`; a citizen event has the button's words
 * (`confirm`); every reason a step is skipped for has its line in `notRelevant`.
 */
function taskListGaps(definition: JourneyDefinition, reachable: AnyMachineSnapshot[]): string[] {
  const gaps = new Set<string>();
  const stepOf = (id: string) => definition.steps.find((s) => s.id === id);
  for (const step of definition.steps) if (step.kind === 'citizen' && !written(step.task)) gaps.add(`${step.id} has no task`);
  for (const [type, spec] of Object.entries(definition.events)) {
    if (!spec.actors.includes('citizen')) continue;
    if (!written(spec.confirm)) gaps.add(`${type} has no confirm label`);
    for (const id of spec.steps) if (!written(stepOf(id)?.task)) gaps.add(`${id} has no task, though the citizen sends ${type}`);
  }
  for (const snapshot of reachable) {
    const steps = (snapshot.context as { steps: Record<string, StepState> }).steps;
    for (const [id, state] of Object.entries(steps)) {
      if (state.status !== 'skipped') continue;
      if (!state.reason) gaps.add(`${id} is skipped without a reason`);
      else if (!written(stepOf(id)?.notRelevant?.[state.reason]))
        gaps.add(`${id} is skipped as "${state.reason}" with no notRelevant line for it`);
    }
  }
  return [...gaps];
}

function isWaiting(definition: JourneyDefinition, snapshot: AnyMachineSnapshot): boolean {
  const paths = activePaths(snapshot);
  return (definition.waitingStates ?? []).some((waiting) => paths.includes(waiting));
}

/** Serialized states from which no final or waiting state can be reached. */
function trappedStates(definition: JourneyDefinition, { adjacency }: Exploration): string[] {
  const predecessors = new Map<string, string[]>();
  for (const [from, entry] of Object.entries(adjacency)) {
    for (const { state } of edgesOf(entry)) {
      const to = serializeJourneySnapshot(state);
      predecessors.set(to, [...(predecessors.get(to) ?? []), from]);
    }
  }
  const good = new Set(
    Object.entries(adjacency)
      .filter(([, { state }]) => isFinal(state) || isWaiting(definition, state))
      .map(([key]) => key),
  );
  const queue = [...good];
  while (queue.length) {
    for (const previous of predecessors.get(queue.pop()!) ?? []) {
      if (!good.has(previous)) {
        good.add(previous);
        queue.push(previous);
      }
    }
  }
  return Object.keys(adjacency).filter((key) => !good.has(key));
}

/**
 * A self-service solution completes an awaited step with an event of the journey that systems may
 * send, and fails it with `{ reason }` (see the hook endpoints in src/api/self-service).
 */
function authorityAwaitProblems(definition: JourneyDefinition, command: AwaitAuthorityCommand, ajv: Ajv2020): string[] {
  const problems: string[] = [];
  const step = definition.steps.find((s) => s.id === command.step);
  if (!step) problems.push(`authority.await for unknown step ${command.step}`);
  else if (step.system !== command.system && !step.alternativeSystems?.includes(command.system))
    problems.push(`authority.await ${command.step}: system ${command.system} is not the step's (${step.system})`);
  if (!Number.isInteger(command.expiresInDays) || command.expiresInDays < 1)
    problems.push(`authority.await ${command.step}: expiresInDays must be a whole number ≥ 1`);
  for (const event of [command.complete, ...(command.fail ? [command.fail] : [])]) {
    if (!definition.events[event]?.actors.includes('system'))
      problems.push(`authority.await ${command.step}: ${event} is not an event systems may send`);
  }
  if (command.fail && definition.events[command.fail] && !ajv.validate(definition.events[command.fail].schema, { reason: 'model test' })) {
    problems.push(`authority.await ${command.step}: ${command.fail} does not accept { reason }`);
  }
  return problems;
}

describe.each(definitions.map((d) => [`${d.id} v${d.version}`, d] as const))('%s', (_name, definition) => {
  const explorations = exampleInputs(definition).map((input) => explore(definition, input));
  const reachable = explorations.flatMap((e) => Object.values(e.adjacency).map((entry) => entry.state));

  it('has examples that match their JSON Schemas', () => {
    const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
    ajv.addVocabulary([...SCHEMA_TEXT_KEYWORDS]);
    const check = (schema: Record<string, unknown>, data: unknown, label: string) =>
      expect({ label, errors: ajv.validate(schema, data) ? null : ajv.errors }).toEqual({ label, errors: null });
    definition.startExamples.forEach((example, i) => check(definition.startSchema, example, `start example ${i}`));
    if (definition.factsSchema) {
      definition.factsExamples?.forEach((example, i) => check(definition.factsSchema!, example, `facts example ${i}`));
    }
    for (const [type, spec] of Object.entries(definition.events)) {
      expect(spec.examples.length).toBeGreaterThan(0);
      spec.examples.forEach((example, i) => check(spec.schema, example, `${type} example ${i}`));
    }
  });

  it('emits only well-formed commands, requesting catalogued tasks with valid input', () => {
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    const problems = explorations.flatMap(({ commands }) =>
      commands.flatMap((command) => {
        if (!(COMMAND_TYPES as readonly string[]).includes(command.type)) return [`unknown command ${command.type}`];
        if (command.type === 'timer.schedule' && Number.isNaN(Date.parse(command.dueAt))) return [`bad dueAt ${command.dueAt}`];
        if (command.type === 'authority.await') return authorityAwaitProblems(definition, command, ajv);
        if (command.type !== 'integration.request') return [];
        const task = findTask(command.system, command.task);
        if (!task) return [`${command.system}/${command.task} is not in the task catalogue`];
        if (!task.usedBy.includes(`${definition.id}/${command.step}`))
          return [`${command.system}/${command.task} does not list ${definition.id}/${command.step}`];
        return ajv.validate(task.input, command.input) ? [] : [`${command.task} input: ${ajv.errorsText()}`];
      }),
    );
    expect([...new Set(problems)]).toEqual([]);
  });

  it('tracks exactly the steps of its catalogue', () => {
    const catalogue = definition.steps.map((s) => s.id).sort();
    for (const { initial } of explorations) expect(Object.keys(statuses(initial)).sort()).toEqual(catalogue);
  });

  it('reaches every state node', () => {
    const visited = new Set(reachable.flatMap(activePaths));
    const all = getStateNodes(definition.machine.root).map((node) => node.path.join('.'));
    expect(all.filter((path) => !visited.has(path))).toEqual([]);
  });

  it('names only existing states as waiting states', () => {
    const all = getStateNodes(definition.machine.root).map((node) => node.path.join('.'));
    expect((definition.waitingStates ?? []).filter((w) => !all.includes(w))).toEqual([]);
  });

  it('names for every event the steps it decides, of one authority, and an authority for every caseworker or system event', () => {
    const problems = Object.entries(definition.events).flatMap(([type, spec]) => {
      const named = spec.steps.map((id) => definition.steps.find((s) => s.id === id));
      const found: string[] = [];
      if (spec.steps.length === 0) found.push(`${type} names no step`);
      spec.steps.forEach((id, i) => named[i] || found.push(`${type} names unknown step ${id}`));
      const byAuthority = spec.actors.filter((a) => a === 'caseworker' || a === 'system');
      if (byAuthority.length && !named.some((s) => s?.system))
        found.push(`${type} is sent by ${byAuthority.join('/')} but none of its steps has an authority`);
      // One decision, one authority: an event naming steps of two would let either decide both.
      const authorities = new Set(named.flatMap((s) => (s?.system ? [s.system] : [])));
      if (authorities.size > 1) found.push(`${type} names steps of ${[...authorities].join(' and ')}`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('changes a step it names whenever an event changes any step', () => {
    const problems = new Set<string>();
    for (const { adjacency } of explorations) {
      for (const entry of Object.values(adjacency)) {
        const before = statuses(entry.state);
        for (const { event, state } of edgesOf(entry)) {
          const spec = definition.events[event.type];
          if (!spec) continue;
          const after = statuses(state);
          const changed = Object.keys(after).filter((id) => after[id] !== before[id]);
          if (changed.length && !changed.some((id) => spec.steps.includes(id)))
            problems.add(`${event.type} changed ${changed.join(', ')} but names ${spec.steps.join(', ')}`);
        }
      }
    }
    expect([...problems]).toEqual([]);
  });

  it('accepts every event of its catalogue somewhere', () => {
    const accepted = new Set(
      explorations.flatMap((e) => Object.values(e.adjacency).flatMap((entry) => edgesOf(entry).map((edge) => edge.event.type))),
    );
    expect(Object.keys(definition.events).filter((type) => !accepted.has(type))).toEqual([]);
  });

  it('gives the task list a task for each step the citizen acts on, a button for each citizen event and a reason for each skip', () => {
    expect(taskListGaps(definition, reachable)).toEqual([]);
  });

  it('never errors', () => {
    expect(reachable.filter((s) => s.status === 'error').map((s) => String(s.error))).toEqual([]);
  });

  it('is final exactly when every step is done or skipped', () => {
    const mismatches = reachable.filter((s) => isFinal(s) !== Object.values(statuses(s)).every(closed)).map(serializeJourneySnapshot);
    expect(mismatches).toEqual([]);
  });

  it('ends every path in a final state or a waiting state', () => {
    for (const exploration of explorations) {
      const deadEnds = Object.entries(exploration.adjacency)
        .filter(([key, entry]) => edgesOf(entry).every((edge) => serializeJourneySnapshot(edge.state) === key))
        .filter(([, { state }]) => !isFinal(state) && !isWaiting(definition, state))
        .map(([key]) => key);
      expect(deadEnds).toEqual([]);
      expect(trappedStates(definition, exploration)).toEqual([]);
    }
  });

  it('replays a shortest path to completion from every start', () => {
    for (const exploration of explorations) {
      const paths = shortestPathsToFinal(exploration);
      expect(paths.length).toBeGreaterThan(0);
      // @xstate/graph starts every path with a synthetic `xstate.init` step.
      const events = paths[0].steps.map((step) => step.event).filter((event) => event.type !== 'xstate.init');
      const replayed = events.reduce((snapshot, event) => transition(definition.machine, snapshot, event)[0], exploration.initial);
      expect(replayed.status).toBe('done');
    }
  });
});
