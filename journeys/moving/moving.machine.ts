/**
 * Moving within Denmark (docs/journeys.md section 3).
 *
 * One parallel region per concern, so each step can be done in any order the law allows. The
 * registration region carries the only real ordering: report → municipal checks → CPR.
 */
import { journeyMachineConfig } from '../shared/machine';
import { initialMovingSteps } from './moving.rules';
import type { MovingAnswers, MovingFacts } from './moving.start';
import { movingSetup, type MovingContext } from './moving.setup';
import { registrationRegion } from './regions/registration';
import {
  addressProtectionRegion,
  childrenServicesRegion,
  gpChoiceRegion,
  housingBenefitRegion,
  housingBenefitWithIncomeRegion,
  preliminaryTaxRegion,
} from './regions/after-registration';

export type { MovingContext } from './moving.setup';

function movingMachineWith(housingBenefit: typeof housingBenefitRegion) {
  return movingSetup.createMachine(
    journeyMachineConfig({
      id: 'moving',
      context: ({ input }): MovingContext => {
        // The engine validated answers and facts against movingStartSchema / movingFactsSchema.
        const answers = input.answers as MovingAnswers;
        const facts = input.facts as MovingFacts;
        return {
          answers,
          facts,
          startedAt: input.startedAt,
          reminderDays: input.reminderDays,
          anchorDate: answers.movingDate,
          registrationBasisDate: answers.movingDate,
          steps: initialMovingSteps(answers, facts),
        };
      },
      regions: {
        registration: registrationRegion,
        gpChoice: gpChoiceRegion,
        addressProtection: addressProtectionRegion,
        housingBenefit,
        preliminaryTax: preliminaryTaxRegion,
        childrenServices: childrenServicesRegion,
      },
    }),
  );
}

/** Version 1: the citizen applies for housing benefit with no income fetched for them. */
export const movingMachine = movingMachineWith(housingBenefitRegion);
/** Version 2: the household income is fetched from eIndkomst with the citizen's consent, or typed in. */
export const movingMachineV2 = movingMachineWith(housingBenefitWithIncomeRegion);

export type MovingMachine = typeof movingMachine;
