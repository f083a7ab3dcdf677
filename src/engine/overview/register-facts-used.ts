import type { JourneyContextBase, JourneyDefinition, Text } from '../../../journeys/shared/contract';
import type { JourneyRow } from '../persistence/journey.repository';

/** The register facts a citizen may question, by the name the overview and corrections use. */
export const CORRECTABLE_FACTS = ['address', 'civilStatus', 'children'] as const;
export type CorrectableFact = (typeof CORRECTABLE_FACTS)[number];

/** The folkeregister of the municipality keeps (and corrects) address, civil status and children in CPR. */
export const FACT_OWNER = 'municipality';

export interface RegisterFact {
  fact: CorrectableFact;
  label: Text;
  /** The value as the journeys received it (municipality code, civil status, children's birth dates). */
  value: string | string[];
  /** Which running journeys used it. */
  usedBy: { id: string; type: string; title: Text }[];
  owner: string;
}

const LABELS: Record<CorrectableFact, Text> = {
  address: { da: 'Bopælskommune (adresse)', en: 'Municipality of residence (address)' },
  civilStatus: { da: 'Civilstand', en: 'Civil status' },
  children: { da: 'Børn under 18 år', en: 'Children under 18' },
};

/** The fact names journeys receive (src/engine/facts/register-facts.ts) behind each correctable fact. */
function valueOf(fact: CorrectableFact, facts: Record<string, unknown>): string | string[] | undefined {
  if (fact === 'address') return typeof facts.municipalityCode === 'string' ? facts.municipalityCode : undefined;
  if (fact === 'civilStatus') return typeof facts.civilStatus === 'string' ? facts.civilStatus : undefined;
  if (!Array.isArray(facts.childrenUnder18)) return undefined;
  return (facts.childrenUnder18 as { birthDate?: unknown }[])
    .map((c) => (typeof c.birthDate === 'string' ? c.birthDate : ''))
    .filter(Boolean);
}

/** Register facts the running journeys were started with; the newest journey's value wins. */
export function registerFactsOf(
  rows: Pick<JourneyRow, 'id' | 'type' | 'definition_version' | 'snapshot'>[],
  definition: (type: string, version: number) => JourneyDefinition | undefined,
): RegisterFact[] {
  const found = new Map<CorrectableFact, RegisterFact>();
  for (const row of rows) {
    const def = definition(row.type, row.definition_version);
    const facts = (row.snapshot as { context?: JourneyContextBase }).context?.facts ?? {};
    if (!def) continue;
    for (const fact of CORRECTABLE_FACTS) {
      const value = valueOf(fact, facts);
      if (value === undefined) continue;
      const entry = found.get(fact) ?? { fact, label: LABELS[fact], value, usedBy: [], owner: FACT_OWNER };
      entry.value = value;
      entry.usedBy.push({ id: row.id, type: row.type, title: def.title });
      found.set(fact, entry);
    }
  }
  return CORRECTABLE_FACTS.filter((f) => found.has(f)).map((f) => found.get(f)!);
}
