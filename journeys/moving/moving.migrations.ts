/**
 * Moving running moving journeys to version 2: the household income for the housing-benefit
 * application is fetched from eIndkomst with the citizen's consent, or typed in by them. The states
 * are the same; a journey whose housing-benefit step is open asks for the income from now on.
 */
import type { JourneyCommand, SnapshotMigration } from '../shared/contract';
import { integrationTask } from '../shared/kit';
import type { MovingContext } from './moving.setup';

interface MovingSnapshot {
  value: { inProgress?: { housingBenefit?: string } } | string;
  context: MovingContext;
}

export const movingV1toV2: SnapshotMigration = {
  from: 1,
  to: 2,
  description: 'The household income for the housing-benefit application is fetched with consent or typed in by the citizen.',
  migrate: (snapshot) => snapshot,
  commands(snapshot) {
    const { value } = snapshot as unknown as MovingSnapshot;
    const open = typeof value === 'object' && value.inProgress?.housingBenefit === 'open';
    const commands: JourneyCommand[] = open ? [integrationTask('housing-benefit', 'skattestyrelsen', 'fetch-income', { months: 12 })] : [];
    return commands;
  },
};
