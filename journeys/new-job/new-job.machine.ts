/**
 * New job (docs/journeys.md section 6).
 *
 * One parallel region per step. The tax card and the first pay report are register flows the
 * journey confirms with Skattestyrelsen (eSkattekort, eIndkomst) and flags when overdue; the
 * newcomer branch starts the moving-to-Denmark journey instead of copying its steps.
 */
import { journeyMachineConfig } from '../shared/machine';
import { initialNewJobSteps } from './new-job.rules';
import type { NewJobAnswers } from './new-job.start';
import { newJobSetup, type NewJobContext } from './new-job.setup';
import { preliminaryTaxRegion, taxCardRegion } from './regions/tax';
import { leaveUnemploymentRegion } from './regions/leave-unemployment';
import { holidayPayRegion, incomeLinkedBenefitsRegion, pensionAtpRegion } from './regions/pay';
import { newcomerRegion } from './regions/newcomer';

export type { NewJobContext } from './new-job.setup';

export const newJobMachine = newJobSetup.createMachine(
  journeyMachineConfig({
    id: 'new-job',
    context: ({ input }): NewJobContext => {
      // The engine validated the answers against newJobStartSchema.
      const answers = input.answers as unknown as NewJobAnswers;
      return {
        answers,
        facts: input.facts,
        startedAt: input.startedAt,
        reminderDays: input.reminderDays,
        anchorDate: answers.firstWorkingDay,
        basis: { taxCard: answers.firstWorkingDay, payroll: answers.firstWorkingDay },
        lateReasons: {},
        steps: initialNewJobSteps(answers),
      };
    },
    regions: {
      // The citizen chooses main or secondary card; the employer then fetches it from eSkattekort.
      taxCard: taxCardRegion,
      preliminaryTax: preliminaryTaxRegion,
      leaveUnemployment: leaveUnemploymentRegion,
      // ATP and pension are deducted through payroll: confirmed when the first pay reaches eIndkomst.
      pensionAtp: pensionAtpRegion,
      holidayPay: holidayPayRegion,
      // Housing benefit and SU read the pay from eIndkomst, but the duty to report stays with the citizen.
      incomeLinkedBenefits: incomeLinkedBenefitsRegion,
      // Newcomers: the moving-to-Denmark journey fulfils this step.
      newcomer: newcomerRegion,
    },
  }),
);

export type NewJobMachine = typeof newJobMachine;
