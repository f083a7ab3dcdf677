import type { JourneyDefinition } from '../../../journeys/shared/contract';

/**
 * The register facts a definition declares: the properties of its facts schema, including those of
 * its anyOf/oneOf/allOf branches. A journey receives only these (data minimisation).
 */
export function declaredFacts(def: Pick<JourneyDefinition, 'factsSchema'>): Set<string> {
  const names = new Set<string>();
  const visit = (s: unknown) => {
    if (!s || typeof s !== 'object') return;
    const node = s as Record<string, unknown>;
    for (const key of Object.keys((node.properties as object) ?? {})) names.add(key);
    for (const branch of ['anyOf', 'oneOf', 'allOf'] as const) (node[branch] as unknown[] | undefined)?.forEach(visit);
  };
  visit(def.factsSchema);
  return names;
}
