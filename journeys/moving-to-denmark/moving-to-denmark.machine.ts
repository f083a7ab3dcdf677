/**
 * Moving to Denmark (docs/journeys.md section 11).
 *
 * One parallel region per step. The ordering the law imposes: EU citizens need the EU residence
 * document before CPR registration; the health card, residence card, Digital Post, NemKonto and
 * family benefits all follow the CPR registration. The tax card can be sought before it.
 */
import { journeyMachineConfig } from '../shared/machine';
import { initialMovingToDenmarkSteps } from './moving-to-denmark.rules';
import type { MovingToDenmarkAnswers } from './moving-to-denmark.start';
import { movingToDenmarkSetup, type MovingToDenmarkContext } from './moving-to-denmark.setup';
import { residenceCardRegion, rightToResideRegion } from './regions/residence';
import { gpAndHealthCardRegion, registrationRegion } from './regions/registration';
import { digitalPostMitidRegion, taxCardRegion } from './regions/digital-post-and-tax';
import { bankNemkontoRegion, familyBenefitsRegion } from './regions/bank-and-benefits';

export type { MovingToDenmarkContext } from './moving-to-denmark.setup';

export const movingToDenmarkMachine = movingToDenmarkSetup.createMachine(
  journeyMachineConfig({
    id: 'moving-to-denmark',
    context: ({ input }): MovingToDenmarkContext => {
      // The engine validated the answers against movingToDenmarkStartSchema.
      const answers = input.answers as unknown as MovingToDenmarkAnswers;
      return {
        answers,
        facts: input.facts,
        startedAt: input.startedAt,
        reminderDays: input.reminderDays,
        anchorDate: answers.arrivalDate,
        basis: {},
        lateReasons: {},
        steps: initialMovingToDenmarkSteps(answers),
      };
    },
    regions: {
      // EU/EEA/Swiss citizens: apply online, appear within 14 days, wait for SIRI.
      rightToReside: rightToResideRegion,
      registration: registrationRegion,
      gpAndHealthCard: gpAndHealthCardRegion,
      residenceCard: residenceCardRegion,
      digitalPostMitid: digitalPostMitidRegion,
      taxCard: taxCardRegion,
      bankNemkonto: bankNemkontoRegion,
      familyBenefits: familyBenefitsRegion,
    },
  }),
);

export type MovingToDenmarkMachine = typeof movingToDenmarkMachine;
