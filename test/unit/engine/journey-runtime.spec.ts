import { allDefinitions } from '../../../journeys';
import { flattenState, handledEvents } from '../../../src/engine/runtime/journey-runtime';
import { exampleInputs, explore } from '../../journeys/journey-graph';

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

describe(handledEvents.name, () => {
  // Every state each journey reaches from its first example, with every event offered on the way.
  const explored = allDefinitions().map((definition) => ({ definition, exploration: explore(definition, exampleInputs(definition)[0]) }));

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
