/**
 * The registry of journey definitions. Every version stays registered: persisted journeys keep
 * running on the version they started with until a migration moves them on.
 */
import type { JourneyDefinition, JourneyTypeId } from './shared/contract';
import { digitalCitizenV1 } from './digital-citizen';
import { divorceV1 } from './divorce';
import { movingV1, movingV2 } from './moving';
import { movingAbroadV1, movingAbroadV2 } from './moving-abroad';
import { movingToDenmarkV1 } from './moving-to-denmark';
import { newJobV1 } from './new-job';
import { startingEducationV1 } from './starting-education';
import { becomingAParentV1 } from './becoming-a-parent';
import { losingAJobV1 } from './losing-a-job';
import { losingARelativeV1, losingARelativeV2 } from './losing-a-relative';
import { retiringV1, retiringV2, retiringV3 } from './retiring';

/** Adding a journey: import its definition above and list it here. */
const ALL_DEFINITIONS: readonly JourneyDefinition[] = [
  movingV1,
  movingV2,
  movingAbroadV1,
  movingAbroadV2,
  movingToDenmarkV1,
  newJobV1,
  digitalCitizenV1,
  startingEducationV1,
  divorceV1,
  becomingAParentV1,
  losingARelativeV1,
  losingARelativeV2,
  retiringV1,
  retiringV2,
  retiringV3,
  losingAJobV1,
];

export type JourneyRegistry = Partial<Record<JourneyTypeId, Readonly<Record<number, JourneyDefinition>>>>;

function buildRegistry(definitions: readonly JourneyDefinition[]): JourneyRegistry {
  const registry: Partial<Record<JourneyTypeId, Record<number, JourneyDefinition>>> = {};
  for (const definition of definitions) {
    const versions = (registry[definition.id] ??= {});
    if (versions[definition.version]) {
      throw new Error(`Journey ${definition.id} v${definition.version} is registered twice`);
    }
    if (definition.machine.id !== definition.id) {
      throw new Error(`Journey ${definition.id}: machine id "${definition.machine.id}" differs from the definition id`);
    }
    versions[definition.version] = definition;
  }
  return registry;
}

export const journeyDefinitions: JourneyRegistry = buildRegistry(ALL_DEFINITIONS);

/** Every registered definition (all ids, all versions), for start-up checks and tests. */
export function allDefinitions(): JourneyDefinition[] {
  return [...ALL_DEFINITIONS];
}

export function getDefinition(id: JourneyTypeId, version: number): JourneyDefinition | undefined {
  return journeyDefinitions[id]?.[version];
}

export function latestDefinition(id: JourneyTypeId): JourneyDefinition | undefined {
  const versions = journeyDefinitions[id];
  if (!versions) return undefined;
  const latest = Math.max(...Object.keys(versions).map(Number));
  return versions[latest];
}
