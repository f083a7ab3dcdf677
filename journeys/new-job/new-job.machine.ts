/**
 * New job (docs/journeys.md section 6).
 *
 * One parallel region per step. The tax card and the first pay report are register flows the
 * journey confirms with Skattestyrelsen (eSkattekort, eIndkomst) and flags when overdue; the
 * newcomer branch starts the moving-to-Denmark journey instead of copying its steps.
 */
import { stepIs } from '../shared/kit';
import { initialNewJobSteps } from './new-job.rules';
import type { NewJobAnswers } from './new-job.start';
import { LINK_STEP, newJobSetup } from './new-job.setup';
import { preliminaryTaxRegion, taxCardRegion } from './regions/tax';
import { leaveUnemploymentRegion } from './regions/leave-unemployment';
import { holidayPayRegion, incomeLinkedBenefitsRegion, pensionAtpRegion } from './regions/pay';

export type { NewJobContext } from './new-job.setup';

export const newJobMachine = newJobSetup.createMachine({
  id: 'new-job',
  context: ({ input }) => {
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
  entry: 'scheduleReminders',
  initial: 'inProgress',
  states: {
    inProgress: {
      type: 'parallel',
      onDone: 'completed',
      on: { 'timer.fired': { guard: 'isReminderForOpenStep', actions: 'remindCitizen' } },
      states: {
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
        newcomer: {
          initial: 'linked',
          states: {
            linked: {
              entry: 'linkNewcomerJourney',
              always: { guard: stepIs(LINK_STEP, 'skipped'), target: 'notRelevant' },
              on: {
                'journey.linked-completed': {
                  guard: ({ event }) => event.step === LINK_STEP && event.journeyType === 'moving-to-denmark',
                  target: 'arrived',
                  actions: { type: 'setStep', params: { step: LINK_STEP, status: 'done' } },
                },
              },
            },
            arrived: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type NewJobMachine = typeof newJobMachine;
