/**
 * Losing a job (docs/journeys.md section 7).
 *
 * The anchor is the first day of unemployment. The one-off steps run in parallel regions; the
 * duties of an unemployed person (the weekly job log, the monthly claim form) recur for as long as
 * the unemployment lasts, driven by engine timers. The journey ends when the citizen marks that
 * they found a job: the recurring timers stop and every step still open is closed. Jobnet, the
 * a-kasse, the municipality and FerieKonto confirm the steps done in their own solutions through
 * task tokens.
 */
import { COMPLETED, REMIND_OPEN_STEPS } from '../shared/machine';
import { firstJobLogDue, initialJobSteps, monthOf, socialAssistanceBenefit } from './losing-a-job.rules';
import type { JobAnswers, JobFacts } from './losing-a-job.start';
import { jobSetup, type JobContext } from './losing-a-job.setup';
import { benefitRegion, cvRegion, registrationRegion } from './regions/registration-and-benefit';
import { dutiesRegion, holidayPayRegion, preliminaryTaxRegion } from './regions/duties-tax-and-holiday-pay';

export type { JobContext } from './losing-a-job.setup';

export const jobMachine = jobSetup.createMachine({
  id: 'losing-a-job',
  context: ({ input }): JobContext => {
    // The engine validated the answers against jobStartSchema; the birth date comes from CPR.
    const answers = input.answers as JobAnswers;
    const facts = input.facts as JobFacts;
    if (facts.birthDate === undefined) throw new Error('losing-a-job needs the register fact birthDate');
    const firstDay = answers.firstDayUnemployed;
    return {
      answers,
      facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: firstDay,
      socialAssistanceBenefit: answers.aKasseMember ? undefined : socialAssistanceBenefit(answers, facts),
      claimMonth: answers.aKasseMember ? monthOf(firstDay) : undefined,
      jobLogDue: firstJobLogDue(firstDay, input.startedAt),
      steps: initialJobSteps(answers),
    };
  },
  entry: 'scheduleStartTimers',
  initial: 'unemployed',
  states: {
    // Not the shared shell: the unemployment, and with it the journey, ends only when a job is found.
    unemployed: {
      type: 'parallel',
      on: {
        ...REMIND_OPEN_STEPS,
        'job.found': { target: 'completed', actions: ['stopTimers', 'closeOnJobFound'] },
      },
      states: {
        registration: registrationRegion,
        benefit: benefitRegion,
        cv: cvRegion,
        // The duties that recur while unemployed; they end with the journey.
        duties: dutiesRegion,
        preliminaryTax: preliminaryTaxRegion,
        holidayPay: holidayPayRegion,
      },
    },
    completed: COMPLETED,
  },
});

export type JobMachine = typeof jobMachine;
