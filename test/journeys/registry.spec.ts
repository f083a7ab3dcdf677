import { allDefinitions, getDefinition, journeyDefinitions, latestDefinition } from '../../journeys';
import { JOURNEY_TYPE_IDS } from '../../journeys/shared/contract';

describe('journey registry', () => {
  it('registers all eleven life events of the agreement', () => {
    expect(new Set(allDefinitions().map((d) => d.id))).toEqual(new Set(JOURNEY_TYPE_IDS));
    for (const id of JOURNEY_TYPE_IDS) expect(latestDefinition(id)?.machine.id).toBe(id);
    expect(getDefinition('moving', 1)?.version).toBe(1);
    expect(getDefinition('moving', 99)).toBeUndefined();
  });

  it('keys every definition by a known journey id and its version', () => {
    for (const definition of allDefinitions()) {
      expect(JOURNEY_TYPE_IDS).toContain(definition.id);
      expect(journeyDefinitions[definition.id]?.[definition.version]).toBe(definition);
    }
  });
});
