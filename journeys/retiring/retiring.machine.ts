/**
 * Retiring on the state pension (docs/journeys.md section 10).
 *
 * The anchor is the day the citizen reaches the pension age, computed from the CPR birth date with
 * `pensionAge`. The state pension application has two computed deadlines: the last day of the
 * pension month (paid from the start) and, once that has passed, the 10th of the 5th month after
 * (paid back). ATP's payout is confirmed by its status; Udbetaling Danmark's decisions (the pension,
 * the disability switch, the housing benefit) come from its own solution through task tokens.
 * Watchdogs flag every confirmation that is overdue.
 */
import { journeyMachineConfig } from '../shared/machine';
import { initialRetiringSteps, pensionAgeDateOf, pensionDates, retiringFactsProblem } from './retiring.rules';
import type { RetiringAnswers, RetiringFacts } from './retiring.start';
import { retiringSetup, type RetiringContext } from './retiring.setup';
import { folkepensionRegion } from './regions/folkepension';
import {
  atpRegion,
  holidayPayRegion,
  housingBenefitRegion,
  privatePensionsRegion,
  privatePensionsWithOverviewRegion,
} from './regions/payouts';

export type { RetiringContext } from './retiring.setup';

function retiringMachineWith(privatePensions: typeof privatePensionsRegion) {
  return retiringSetup.createMachine(
    journeyMachineConfig({
      id: 'retiring',
      context: ({ input }): RetiringContext => {
        // Everything comes from registers; a missing fact stops the start instead of becoming a default.
        const facts = input.facts as RetiringFacts;
        const problem = retiringFactsProblem(facts);
        if (problem) throw new Error(problem);
        const dates = pensionDates(pensionAgeDateOf(facts));
        return {
          answers: input.answers as RetiringAnswers,
          facts,
          startedAt: input.startedAt,
          reminderDays: input.reminderDays,
          anchorDate: dates.pensionAgeDate,
          dates,
          steps: initialRetiringSteps(facts, dates),
        };
      },
      regions: {
        folkepension: folkepensionRegion,
        atp: atpRegion,
        privatePensions,
        housingBenefit: housingBenefitRegion,
        holidayPay: holidayPayRegion,
      },
    }),
  );
}

/** Versions 1 and 2: the citizen reviews their pensions in PensionsInfo on their own. */
export const retiringMachine = retiringMachineWith(privatePensionsRegion);
/** Version 3: the pension overview is read from PensionsInfo with the citizen's consent, or typed in. */
export const retiringMachineV3 = retiringMachineWith(privatePensionsWithOverviewRegion);

export type RetiringMachine = typeof retiringMachine;
