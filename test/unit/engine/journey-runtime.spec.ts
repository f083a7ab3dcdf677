import { flattenState } from '../../../src/engine/runtime/journey-runtime';

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
