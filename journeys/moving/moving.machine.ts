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
  preliminaryTaxRegion,
} from './regions/after-registration';

export type { MovingContext } from './moving.setup';

export const movingMachine = movingSetup.createMachine(
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
      housingBenefit: housingBenefitRegion,
      preliminaryTax: preliminaryTaxRegion,
      childrenServices: childrenServicesRegion,
    },
  }),
);

export type MovingMachine = typeof movingMachine;
