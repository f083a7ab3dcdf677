import { allDefinitions } from '../../../journeys';
import type { JourneyRow } from '../../../src/engine/persistence/journey.repository';
import { journeyView, type ViewAs } from '../../../src/engine/queries/journey-view';
import { createMachine, fromPromise, initialTransition, transition } from 'xstate';
import { DefinitionCatalog } from '../../../src/engine/definitions/definition-catalog';
import type { JourneyDefinition } from '../../../journeys/shared/contract';
import {
  apply,
  flattenState,
  handledEvents,
  restore,
  start,
  writtenFrom,
  type PersistedSnapshot,
} from '../../../src/engine/runtime/journey-runtime';
import { exampleInputs, explore } from '../../journeys/journey-graph';
import { commandsOf } from '../../journeys/harness';

describe(flattenState.name, () => {
  it('writes nested states with dots and parallel regions in brackets', () => {
    expect(flattenState('waiting')).toBe('waiting');
    expect(flattenState({ registration: { municipalityChecks: 'awaitingHost' } })).toBe('registration.municipalityChecks.awaitingHost');
    expect(flattenState({ tasks: { gp: 'open', housing: 'applied' } })).toBe('tasks.(gp:open,housing:applied)');
  });

  it('reads the same whatever order the regions come in (jsonb reorders keys)', () => {
    expect(flattenState({ tasks: { housing: 'applied', gp: 'open' } })).toBe(flattenState({ tasks: { gp: 'open', housing: 'applied' } }));
  });
});

// Every state each journey reaches from its first example, with every event offered on the way.
const explored = allDefinitions().map((definition) => ({ definition, exploration: explore(definition, exampleInputs(definition)[0]) }));

describe('the pure transition', () => {
  it.each(explored.map((e) => [`${e.definition.id} v${e.definition.version}`, e] as const))(
    "gives %s, from every stored state it reaches and for every event that state accepts, what xstate's own transition gives",
    (_name, { definition, exploration }) => {
      const machine = definition.machine;
      const [initial, initialActions] = initialTransition(machine, exploration.input);
      const started = start(definition, exploration.input);
      expect(started.snapshot).toEqual(machine.getPersistedSnapshot(initial));
      expect(started.commands).toEqual(commandsOf(initialActions));
      const differences: string[] = [];
      let compared = 0;
      for (const { state } of Object.values(exploration.adjacency)) {
        const stored = JSON.parse(JSON.stringify(machine.getPersistedSnapshot(state))) as PersistedSnapshot;
        for (const event of exploration.events) {
          if (state.status !== 'active' || !state.can(event)) continue;
          const [next, actions] = transition(machine, restore(definition, stored), event);
          const ours = apply(definition, stored, event);
          const theirs = { snapshot: machine.getPersistedSnapshot(next), commands: commandsOf(actions), state: flattenState(next.value) };
          const same =
            JSON.stringify(ours.snapshot) === JSON.stringify(theirs.snapshot) &&
            JSON.stringify(ours.commands) === JSON.stringify(theirs.commands) &&
            ours.state === theirs.state;
          if (!same) differences.push(`${flattenState(state.value)} + ${event.type}`);
          compared++;
        }
      }
      expect(differences).toEqual([]);
      expect(compared).toBeGreaterThan(0);
    },
  );

  it("works out a machine's initial context when a journey starts, not again for every event", () => {
    let contexts = 0;
    const machine = createMachine({
      id: 'counter',
      context: () => ({ made: ++contexts }),
      initial: 'open',
      states: { open: { on: { 'step.done': { target: 'open', reenter: true } } } },
    });
    const definition = { id: 'counter', version: 1, machine } as unknown as JourneyDefinition;
    let snapshot = start(definition, {} as never).snapshot;
    const afterStart = contexts;
    for (let i = 0; i < 20; i++) snapshot = apply(definition, snapshot, { type: 'step.done' }).snapshot;
    expect(contexts).toBe(afterStart);
    expect(afterStart).toBeLessThanOrEqual(2);
  });
});

describe('a journey definition', () => {
  it('is refused when a state of its machine invokes an actor or waits for a delay, which the engine would never run', () => {
    const [base] = allDefinitions();
    const delaying = createMachine({ id: 'delay', initial: 'a', states: { a: { after: { 1000: 'b' } }, b: {} } });
    const invoking = createMachine({
      id: 'invoke',
      initial: 'a',
      states: { a: { invoke: { src: fromPromise(() => Promise.resolve(1)) } } },
    });
    expect(() => new DefinitionCatalog([{ ...base, machine: delaying }])).toThrow(/state delay\.a has a delayed transition/);
    expect(() => new DefinitionCatalog([{ ...base, machine: invoking }])).toThrow(/state invoke\.a invokes an actor/);
    expect(() => new DefinitionCatalog(allDefinitions())).not.toThrow();
  });
});

describe(handledEvents.name, () => {
  it.each(explored.map((e) => [`${e.definition.id} v${e.definition.version}`, e] as const))(
    'names, in every state %s reaches, every event that state accepts, and leaves some of its events out',
    (_name, { definition, exploration }) => {
      const missing: string[] = [];
      let leftOut = 0;
      for (const { state } of Object.values(exploration.adjacency)) {
        const handled = handledEvents(definition.machine, state);
        for (const event of exploration.events) {
          if (state.can(event) && handled && !handled.has(event.type)) missing.push(`${flattenState(state.value)}: ${event.type}`);
        }
        leftOut += Object.keys(definition.events).filter((type) => handled && !handled.has(type)).length;
      }
      expect(missing).toEqual([]);
      expect(leftOut).toBeGreaterThan(0);
    },
  );
});

describe(writtenFrom.name, () => {
  it.each(explored.map((e) => [`${e.definition.id} v${e.definition.version}`, e] as const))(
    'gives %s, viewed from the snapshot a transition wrote, the next actions a view from the stored row gives',
    (_name, { definition, exploration }) => {
      const viewers: ViewAs[] = [
        'citizen',
        ...[...new Set(definition.steps.map((s) => s.system))].map((authority) => ({ kind: 'caseworker' as const, authority })),
      ];
      const differences: string[] = [];
      for (const { state } of Object.values(exploration.adjacency)) {
        // As PostgreSQL hands the row back: the persisted snapshot through JSON.
        const stored = JSON.parse(JSON.stringify(definition.machine.getPersistedSnapshot(state))) as JourneyRow['snapshot'];
        const row: JourneyRow = {
          id: '00000000-0000-4000-8000-000000000001',
          citizen_id: 'c',
          parent_journey_id: null,
          linked_step: null,
          waiting_journeys: null,
          type: definition.id,
          definition_version: definition.version,
          status: state.status === 'done' ? 'completed' : 'active',
          state: flattenState(state.value),
          snapshot: stored,
          version: 2,
          broken_reason: null,
          next_deadline: null,
          has_failed_step: false,
          systems: [...new Set(definition.steps.map((s) => s.system))],
          created_at: new Date(),
          updated_at: new Date(),
          completed_at: null,
          started_by: null,
        };
        for (const viewer of viewers) {
          const restored = journeyView(definition, { ...row }, viewer, { day: '2025-03-01' }).nextActions;
          const live = journeyView(definition, writtenFrom({ ...row }, { live: state }), viewer, { day: '2025-03-01' }).nextActions;
          if (JSON.stringify(live) !== JSON.stringify(restored)) differences.push(`${row.state} as ${JSON.stringify(viewer)}`);
        }
      }
      expect(differences).toEqual([]);
    },
  );

  it('is what the view asks, not the stored snapshot', () => {
    const { definition, exploration } = explored[0];
    const state = exploration.initial;
    const row = {
      status: 'active',
      citizen_id: 'c',
      systems: ['cpr'],
      snapshot: { value: 'no-such-state', context: {} },
      created_at: new Date(),
      updated_at: new Date(),
    } as unknown as JourneyRow;
    expect(journeyView(definition, { ...row }, 'citizen').nextActions).toEqual([]);
    expect(journeyView(definition, writtenFrom({ ...row }, { live: state }), 'citizen').nextActions.length).toBeGreaterThan(0);
  });
});
