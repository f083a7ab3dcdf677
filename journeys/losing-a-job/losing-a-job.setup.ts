/** The losing-a-job machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { journeyActions, journeyGuards } from '../shared/actions';
import { addDays, laterTimestamp, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase, StepState } from '../shared/contract';
import {
  awaitAuthority,
  cancelReminders,
  cancelTimer,
  deadlineReminders,
  emitCommands,
  isClosed,
  journeyTypes,
  notifyCitizen,
  reminderTimers,
  watchdogKey,
  watchdogTimer,
  without,
} from '../shared/kit';
import type { JobEvent } from './losing-a-job.events';
import {
  holidayPayWatchdogDate,
  JOB_LOG_TIMER,
  JOB_RULES,
  jobLogTimer,
  laterMonth,
  monthlyClaimDeadline,
  nextMonth,
  QUARANTINE_TIMER,
  quarantineEnds,
  quarantineTimer,
  tokenDays,
  type SocialAssistanceBenefit,
} from './losing-a-job.rules';
import type { JobAnswers, JobFacts } from './losing-a-job.start';
import { JOB_STEP_IDS, type JobStepId } from './losing-a-job.steps';

export interface JobContext extends JourneyContextBase {
  answers: JobAnswers;
  facts: JobFacts;
  /** The first day of unemployment. */
  anchorDate: IsoDate;
  /** The municipality's benefit when the citizen is not insured. */
  socialAssistanceBenefit?: SocialAssistanceBenefit;
  /** The month (`YYYY-MM`) whose claim form is due next (a-kasse members). */
  claimMonth?: string;
  /** The next day the job log and job suggestions must be checked. */
  jobLogDue: IsoDate;
}

/** Steps that last as long as the unemployment: they end with it instead of being skipped. */
const ENDS_WITH_UNEMPLOYMENT: readonly JobStepId[] = ['ongoing-duties', 'monthly-claim'];

export const jobSetup = setup({
  types: journeyTypes<JobContext, JobEvent>(),
  guards: journeyGuards,
  actions: {
    ...journeyActions<JobContext, JobEvent, JobStepId>(),
    scheduleStartTimers: emitCommands((context) => {
      const { anchorDate, startedAt, steps } = context;
      const holidayPayExpected = holidayPayWatchdogDate(anchorDate);
      // Each authority's own solution confirms the citizen's step there through a task token.
      const confirmations: [JobStepId, 'jobnet' | 'a-kasse' | 'municipality', JobEvent['type'], IsoDate][] = [
        ['register-unemployed', 'jobnet', 'jobnet.registered', anchorDate],
        ['apply-dagpenge', 'a-kasse', 'dagpenge.applied', anchorDate],
        ['apply-social-assistance', 'municipality', 'social-assistance.applied', anchorDate],
        ['cv-on-jobnet', 'jobnet', 'cv.published', steps['cv-on-jobnet'].deadline ?? anchorDate],
      ];
      return [
        ...deadlineReminders(context),
        jobLogTimer(context.jobLogDue),
        ...confirmations
          .filter(([step]) => !isClosed(steps[step].status))
          .map(([step, system, complete, expected]) =>
            awaitAuthority(step, system, complete, { expiresInDays: tokenDays(startedAt, expected) }),
          ),
        watchdogTimer('holiday-pay', holidayPayExpected),
        awaitAuthority('holiday-pay', 'udbetaling-danmark-pension', 'holiday-pay.reported', {
          expiresInDays: tokenDays(startedAt, holidayPayExpected),
        }),
      ];
    }),
    /** The weekly job-log reminder fired: tell the citizen and schedule the next one. */
    remindJobLog: emitCommands((context) => [notifyCitizen('step-needs-you', 'ongoing-duties', { due: context.jobLogDue })]),
    advanceJobLog: assign(({ context }, params: { from?: IsoDate }) => ({
      jobLogDue: addDays(params.from ?? context.jobLogDue, JOB_RULES.jobLogIntervalDays),
    })),
    scheduleJobLog: emitCommands((context) => [jobLogTimer(context.jobLogDue)]),
    startQuarantine: emitCommands((context) => [quarantineTimer(context.anchorDate)]),
    notifyQuarantineEnded: emitCommands((context) => [
      notifyCitizen('quarantine-ended', 'apply-dagpenge', { benefitFrom: quarantineEnds(context.anchorDate) }),
    ]),
    nextClaim: assign(({ context }, params: { month: string }) => {
      const claimMonth = nextMonth(laterMonth(params.month, context.claimMonth ?? params.month));
      return {
        claimMonth,
        steps: { ...context.steps, 'monthly-claim': { ...context.steps['monthly-claim'], deadline: monthlyClaimDeadline(claimMonth) } },
      };
    }),
    remindNextClaim: emitCommands((context, _event, params: { submittedOn: IsoDate }) => {
      const deadline = context.steps['monthly-claim'].deadline;
      return deadline === undefined
        ? []
        : [
            ...cancelReminders('monthly-claim', context.reminderDays),
            ...reminderTimers('monthly-claim', deadline, context.reminderDays, laterTimestamp(context.startedAt, params.submittedOn)),
          ];
    }),
    /** Found a job: the recurring duties stop, and nothing else needs reminding. */
    stopTimers: emitCommands((context) => [
      cancelTimer(JOB_LOG_TIMER),
      cancelTimer(QUARANTINE_TIMER),
      cancelTimer(watchdogKey('holiday-pay')),
      ...JOB_STEP_IDS.flatMap((step) =>
        !isClosed(context.steps[step].status) && context.steps[step].deadline !== undefined
          ? cancelReminders(step, context.reminderDays)
          : [],
      ),
    ]),
    closeOnJobFound: assign(({ context }) => ({
      steps: Object.fromEntries(
        Object.entries(context.steps).map(([id, step]): [string, StepState] => {
          if (isClosed(step.status)) return [id, step];
          const kept = without(step, 'reason');
          return ENDS_WITH_UNEMPLOYMENT.includes(id as JobStepId)
            ? [id, { ...kept, status: 'done', reason: 'unemployment-ended' }]
            : [id, { ...kept, status: 'skipped', reason: 'found-a-job' }];
        }),
      ),
    })),
  },
});
