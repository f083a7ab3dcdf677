import { handlingSystem, type JourneyContextBase, type JourneyDefinition } from '../../../journeys/shared/contract';

/** Columns derived from a journey's context, kept on the row so caseworker search needs no JSON. */
export function derivedColumns(def: JourneyDefinition, context: JourneyContextBase) {
  const steps = context.steps ?? {};
  const open = Object.entries(steps).filter(([, s]) => s.status !== 'done' && s.status !== 'skipped');
  const deadlines = open
    .map(([, s]) => s.deadline)
    .filter((d): d is string => typeof d === 'string')
    .sort();
  const systems = new Set<string>();
  for (const step of def.steps) {
    const system = handlingSystem(step, steps[step.id]);
    if (system && steps[step.id]?.status !== 'skipped') systems.add(system);
  }
  return {
    nextDeadline: deadlines[0] ?? null,
    hasFailedStep: open.some(([, s]) => s.status === 'failed'),
    systems: [...systems].sort(),
  };
}
