/**
 * Losing a relative (docs/journeys.md section 9).
 *
 * The anchor is the date of death. Regions follow the real chains: the death certificate comes
 * before the register effects; the report to the parish comes before the burial, the parish's
 * notice to the probate court, the court's contact, the settlement and the probate certificate,
 * which in turn gives access to the deceased's Digital Post. The funeral grant and the survivor's
 * benefits run on their own. Register flows are requested from the authority when CPR can name the
 * deceased from the citizen's relations, and otherwise confirmed by the authority's own solution
 * through a task token; a watchdog flags each one that is overdue.
 */
import { journeyMachineConfig } from '../shared/machine';
import { initialRelativeSteps, relativeFactsProblem } from './losing-a-relative.rules';
import type { RelativeAnswers, RelativeFacts } from './losing-a-relative.start';
import { relativeSetup, type RelativeContext } from './losing-a-relative.setup';
import { registersRegion } from './regions/registers';
import { burialRegion, funeralGrantRegion } from './regions/burial';
import { estateRegion } from './regions/estate';
import { survivorRegion } from './regions/survivor';

export type { RelativeContext } from './losing-a-relative.setup';

export const relativeMachine = relativeSetup.createMachine(
  journeyMachineConfig({
    id: 'losing-a-relative',
    context: ({ input }): RelativeContext => {
      // Everything comes from registers; a missing fact stops the start instead of becoming a default.
      const facts = input.facts as RelativeFacts;
      const problem = relativeFactsProblem(facts);
      if (problem) throw new Error(problem);
      return {
        answers: input.answers as RelativeAnswers,
        facts,
        startedAt: input.startedAt,
        reminderDays: input.reminderDays,
        anchorDate: facts.dateOfDeath,
        steps: initialRelativeSteps(facts),
      };
    },
    regions: {
      // The doctor's certificate is the basis of the CPR registration, which blocks accounts,
      // closes Digital Post and ends powers of attorney.
      registers: registersRegion,
      burial: burialRegion,
      // The parish tells the probate court; the court contacts the family, the estate is settled,
      // and the probate certificate opens the deceased's Digital Post.
      estate: estateRegion,
      funeralGrant: funeralGrantRegion,
      survivor: survivorRegion,
    },
  }),
);

export type RelativeMachine = typeof relativeMachine;
