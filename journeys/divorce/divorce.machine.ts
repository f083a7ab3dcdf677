/**
 * Divorce or break-up (docs/journeys.md section 5).
 *
 * Married couples go through Familieretshuset: the application, the screening (§ 5/§ 6/§ 7, from
 * Familieretshuset's result or recorded by a caseworker) and the terms, with a negotiation meeting
 * when the spouses disagree. Cohabiting couples skip those steps and share the rest: the children,
 * the move (its own journey, linked from `move-out`), benefits, property, tax and housing.
 */
import { journeyMachineConfig } from '../shared/machine';
import { initialDivorceSteps } from './divorce.rules';
import type { DivorceAnswers, DivorceFacts } from './divorce.start';
import { divorceSetup, type DivorceContext } from './divorce.setup';
import { divorceCaseRegion } from './regions/divorce-case';
import { termsRegion } from './regions/terms';
import { childrenArrangementsRegion, childSupportRegion, familyBenefitsRegion } from './regions/children';
import { estateSplitRegion, moveOutRegion, taxAndHousingRegion } from './regions/home-and-estate';

export type { DivorceContext } from './divorce.setup';

export const divorceMachine = divorceSetup.createMachine(
  journeyMachineConfig({
    id: 'divorce',
    context: ({ input }): DivorceContext => {
      // The engine validated answers and facts against the start and facts schemas.
      const answers = input.answers as DivorceAnswers;
      const facts = input.facts as DivorceFacts;
      return {
        answers,
        facts,
        startedAt: input.startedAt,
        reminderDays: input.reminderDays,
        anchorDate: answers.separationDate,
        steps: initialDivorceSteps(answers, facts, input.startedAt),
      };
    },
    regions: {
      // Steps 1 and 3: the application and Familieretshuset's screening.
      divorceCase: divorceCaseRegion,
      // Step 2: the terms, settled when the separation or divorce is granted.
      terms: termsRegion,
      // Step 4 (children under 18).
      childrenArrangements: childrenArrangementsRegion,
      // Step 7: support is paid to the parent the child lives with, so it follows the arrangements.
      childSupport: childSupportRegion,
      // Step 6: child benefit split and børnetilskud (not retroactive). Both follow where the child
      // lives (a single provider has the child at their address), so they open with the arrangements;
      // the deadline reminders run from the start all the same.
      familyBenefits: familyBenefitsRegion,
      // Step 5: the move is its own journey; it needs the move's details, so it starts when the citizen gives them.
      moveOut: moveOutRegion,
      // Step 8: married couples divide the estate once the separation or divorce is granted.
      estateSplit: estateSplitRegion,
      // Step 9.
      taxAndHousing: taxAndHousingRegion,
    },
  }),
);

export type DivorceMachine = typeof divorceMachine;
