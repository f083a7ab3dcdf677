/**
 * Starting an education (docs/journeys.md section 2).
 *
 * The track (youth or higher education) decides which application steps apply. Everything after
 * the application waits for the place: SU, the tax card, the move and the travel card open when the
 * place is accepted, and close as `skipped` when there is no place. The move is its own journey
 * (moving), linked from the `move-out` step.
 */
import { journeyMachineConfig } from '../shared/machine';
import { initialStartingEducationSteps, suPlan } from './starting-education.rules';
import type { StartingEducationAnswers, StartingEducationFacts } from './starting-education.start';
import { startingEducationSetup, type StartingEducationContext } from './starting-education.setup';
import { acceptanceRegion, applicationRegion, readinessRegion } from './regions/admission';
import { suRegion } from './regions/su';
import { moveOutRegion, taxCardRegion, ungdomskortRegion } from './regions/tax-move-and-travel';

export type { StartingEducationContext } from './starting-education.setup';

export const startingEducationMachine = startingEducationSetup.createMachine(
  journeyMachineConfig({
    id: 'starting-education',
    context: ({ input }): StartingEducationContext => {
      // The engine validated answers and facts against the start and facts schemas.
      const answers = input.answers as StartingEducationAnswers;
      const facts = input.facts as StartingEducationFacts;
      return {
        answers,
        facts,
        startedAt: input.startedAt,
        reminderDays: input.reminderDays,
        anchorDate: answers.educationStartDate,
        su: suPlan(answers, facts),
        steps: initialStartingEducationSteps(answers, facts),
      };
    },
    regions: {
      readiness: readinessRegion,
      application: applicationRegion,
      acceptance: acceptanceRegion,
      su: suRegion,
      taxCard: taxCardRegion,
      moveOut: moveOutRegion,
      ungdomskort: ungdomskortRegion,
    },
  }),
);

export type StartingEducationMachine = typeof startingEducationMachine;
