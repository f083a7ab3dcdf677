/**
 * Becoming a parent (docs/journeys.md section 4).
 *
 * The anchor is the due date until the birth is registered, then the birth date. One parallel
 * region per concern; the steps that need the child's CPR number (paternity, naming, child
 * benefit, daycare) wait in their region until the birth is registered, then open with deadlines
 * counted from the birth date. Register flows either come back as integration results (CPR's
 * parent relation, Udbetaling Danmark's child benefit status) or are completed by the authority's
 * own solution through a task token (the birth, the name, the employer's leave report).
 */
import { journeyMachineConfig } from '../shared/machine';
import { initialParentSteps, resolveSituation } from './becoming-a-parent.rules';
import type { ParentAnswers, ParentFacts } from './becoming-a-parent.start';
import { parentSetup, type ParentContext } from './becoming-a-parent.setup';
import { birthRegion, namingRegion, paternityRegion } from './regions/birth-and-name';
import { employerRegion, leaveRegion } from './regions/leave';
import { childBenefitRegion, daycareRegion } from './regions/benefit-and-daycare';

export type { ParentContext } from './becoming-a-parent.setup';

export const parentMachine = parentSetup.createMachine(
  journeyMachineConfig({
    id: 'becoming-a-parent',
    context: ({ input }): ParentContext => {
      // The engine validated answers and facts against their schemas; which of them decides, and a
      // start with neither complete, is settled here (resolveSituation throws rather than guess).
      const answers = input.answers as ParentAnswers;
      const facts = input.facts as ParentFacts;
      const situation = resolveSituation(answers, facts);
      return {
        answers,
        facts,
        situation,
        startedAt: input.startedAt,
        reminderDays: input.reminderDays,
        dueDate: situation.dueDate,
        birthDate: situation.childBirthDate,
        anchorDate: situation.childBirthDate ?? situation.dueDate,
        steps: initialParentSteps(situation),
      };
    },
    regions: {
      birth: birthRegion,
      employer: employerRegion,
      paternity: paternityRegion,
      naming: namingRegion,
      childBenefit: childBenefitRegion,
      // The employer's report decides whether the parent applies for benefit; the benefit then
      // goes into the preliminary tax assessment (field 304).
      leave: leaveRegion,
      daycare: daycareRegion,
    },
  }),
);

export type ParentMachine = typeof parentMachine;
