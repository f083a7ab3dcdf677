import { allDefinitions, getDefinition, journeyDefinitions, latestDefinition } from '../../journeys';
import { JOURNEY_TYPE_IDS } from '../../journeys/shared/contract';

describe('journey registry', () => {
  it('registers moving v1', () => {
    expect(getDefinition('moving', 1)?.machine.id).toBe('moving');
    expect(latestDefinition('moving')?.version).toBe(1);
    expect(getDefinition('moving', 99)).toBeUndefined();
    expect(latestDefinition('retiring')).toBeUndefined();
  });

  it('keys every definition by a known journey id and its version', () => {
    for (const definition of allDefinitions()) {
      expect(JOURNEY_TYPE_IDS).toContain(definition.id);
      expect(journeyDefinitions[definition.id]?.[definition.version]).toBe(definition);
    }
  });
});
