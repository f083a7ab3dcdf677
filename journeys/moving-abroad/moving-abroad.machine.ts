/**
 * Moving abroad (docs/journeys.md section 8).
 *
 * The registration region carries the ordering: the citizen may stay registered, otherwise
 * reports the departure; a move to a Nordic country waits for that
 * country's confirmation; then CPR records the departure. The tax call and the child-benefit stop
 * follow the CPR registration; the other benefits, and the A1/S1 question, can be handled any time.
 */
import { journeyMachineConfig } from '../shared/machine';
import { initialMovingAbroadSteps } from './moving-abroad.rules';
import type { MovingAbroadAnswers } from './moving-abroad.start';
import { movingAbroadSetup, type MovingAbroadContext } from './moving-abroad.setup';
import { registrationRegionFor } from './regions/registration';
import { benefitsStopRegion, euSocialSecurityRegion, taxLiabilityRegion } from './regions/after-departure';

export type { MovingAbroadContext } from './moving-abroad.setup';
export { TAX_CALL_TIMER } from './moving-abroad.setup';

const machineFor = (version: 1 | 2) =>
  movingAbroadSetup.createMachine(
    journeyMachineConfig({
      id: 'moving-abroad',
      context: ({ input }): MovingAbroadContext => {
        // The engine validated the answers against movingAbroadStartSchema.
        const answers = input.answers as unknown as MovingAbroadAnswers;
        return {
          answers,
          facts: input.facts,
          startedAt: input.startedAt,
          reminderDays: input.reminderDays,
          anchorDate: answers.departureDate,
          registrationBasisDate: answers.departureDate,
          steps: initialMovingAbroadSteps(answers),
        };
      },
      regions: {
        registration: registrationRegionFor(version),
        // Call Skattestyrelsen about a week after the deregistration, once it has the CPR change.
        taxLiability: taxLiabilityRegion,
        benefitsStop: benefitsStopRegion,
        // A1/S1 for work in the EU/EEA: not researched, so the citizen records the outcome.
        euSocialSecurity: euSocialSecurityRegion,
      },
    }),
  );

/** Version 1: the municipality decided whether a weekly commuter stays registered. */
export const movingAbroadMachineV1 = machineFor(1);
/** Version 2: a weekly commuter has the right to stay registered. */
export const movingAbroadMachine = machineFor(2);

export type MovingAbroadMachine = typeof movingAbroadMachine;
