/**
 * Losing a job (journeys.md section 7).
 *
 * The anchor is the first day of unemployment. The one-off steps run in parallel regions; the
 * duties of an unemployed person (the weekly job log, the monthly claim form) recur for as long as
 * the unemployment lasts, driven by engine timers. The journey ends when the citizen marks that
 * they found a job: the recurring timers stop and every step still open is closed. Jobnet, the
 * a-kasse, the municipality and FerieKonto confirm the steps done in their own solutions through
 * task tokens.
 */
import { assign, setup } from 'xstate';
import { addDays, dateOfTimestamp, maxIsoDate, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase, StepState } from '../shared/contract';
import {
  awaitAuthority,
  cancelReminders,
  cancelTimer,
  deadlineReminders,
  emitCommands,
  isClosed,
  isReminderForOpenStep,
  isTimer,
  notifyCitizen,
  reminderNotification,
  reminderTimers,
  setStepAction,
  stepIs,
  watchdogKey,
  watchdogTimer,
  type JourneyTypes,
} from '../shared/kit';
import type { JobEvent } from './losing-a-job.events';
import {
  JOB_LOG_TIMER,
  JOB_RULES,
  QUARANTINE_TIMER,
  firstJobLogDue,
  holidayPayWatchdogDate,
  initialJobSteps,
  isAfter,
  jobLogTimer,
  laterMonth,
  laterTimestamp,
  monthOf,
  monthlyClaimDeadline,
  nextMonth,
  quarantineEnds,
  quarantineTimer,
  socialAssistanceBenefit,
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

const HOLIDAY_PAY_WATCHDOG = watchdogKey('holiday-pay');
/** Steps that last as long as the unemployment: they end with it instead of being skipped. */
const ENDS_WITH_UNEMPLOYMENT: readonly JobStepId[] = ['ongoing-duties', 'monthly-claim'];

export const jobMachine = setup({
  types: {} as JourneyTypes<JobContext, JobEvent>,
  guards: { isReminderForOpenStep },
  actions: {
    setStep: setStepAction(),
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
          .map(([step, system, complete, expected]) => awaitAuthority(step, system, complete, { expiresInDays: tokenDays(startedAt, expected) })),
        watchdogTimer('holiday-pay', holidayPayExpected),
        awaitAuthority('holiday-pay', 'udbetaling-danmark-pension', 'holiday-pay.reported', {
          expiresInDays: tokenDays(startedAt, holidayPayExpected),
        }),
      ];
    }),
    remindCitizen: emitCommands((context, event) => reminderNotification(context, event)),
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
      cancelTimer(HOLIDAY_PAY_WATCHDOG),
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
          const { reason: _dropped, ...kept } = step;
          return ENDS_WITH_UNEMPLOYMENT.includes(id as JobStepId)
            ? [id, { ...kept, status: 'done', reason: 'unemployment-ended' }]
            : [id, { ...kept, status: 'skipped', reason: 'found-a-job' }];
        }),
      ),
    })),
    cancel: emitCommands((_context, _event, params: { key: string }) => [cancelTimer(params.key)]),
    notifyLate: emitCommands((_context, _event, params: { step: JobStepId }) => [notifyCitizen('step-late', params.step)]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
}).createMachine({
  id: 'losing-a-job',
  context: ({ input }) => {
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
    // No onDone: the unemployment, and with it the journey, ends only when a job is found.
    unemployed: {
      type: 'parallel',
      on: {
        'timer.fired': { guard: 'isReminderForOpenStep', actions: 'remindCitizen' },
        'job.found': { target: 'completed', actions: ['stopTimers', 'closeOnJobFound'] },
      },
      states: {
        registration: {
          initial: 'open',
          states: {
            open: {
              on: {
                'jobnet.registered': {
                  target: 'registered',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: 'register-unemployed',
                      status: 'done',
                      // Benefit is paid from the registration only: the days before are lost.
                      reason: isAfter(event.registeredOn, context.steps['register-unemployed'].deadline)
                        ? 'registered-after-first-day'
                        : undefined,
                    }),
                  },
                },
              },
            },
            registered: { type: 'final' },
          },
        },
        benefit: {
          initial: 'dagpenge',
          states: {
            dagpenge: {
              always: { guard: stepIs('apply-dagpenge', 'skipped'), target: 'socialAssistance' },
              on: {
                'dagpenge.applied': [
                  {
                    // Resigned: no dagpenge for the first 3 weeks.
                    guard: ({ context, event }) => context.answers.resigned && isAfter(quarantineEnds(context.anchorDate), event.appliedOn),
                    target: 'quarantine',
                    actions: [
                      { type: 'setStep', params: { step: 'apply-dagpenge', status: 'active', reason: 'quarantine' } },
                      'startQuarantine',
                    ],
                  },
                  {
                    target: 'dagpengeApplied',
                    actions: {
                      type: 'setStep',
                      params: ({ context }) => ({
                        step: 'apply-dagpenge',
                        status: 'done',
                        reason: context.answers.resigned ? 'applied-after-quarantine' : undefined,
                      }),
                    },
                  },
                ],
              },
            },
            quarantine: {
              on: {
                'timer.fired': {
                  guard: isTimer(QUARANTINE_TIMER),
                  target: 'dagpengeApplied',
                  actions: [
                    { type: 'setStep', params: { step: 'apply-dagpenge', status: 'done', reason: 'quarantine-served' } },
                    'notifyQuarantineEnded',
                  ],
                },
              },
            },
            socialAssistance: {
              on: {
                'social-assistance.applied': {
                  target: 'socialAssistanceApplied',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: 'apply-social-assistance',
                      status: 'done',
                      // Help is never given for the days before the application.
                      reason: isAfter(event.appliedOn, context.steps['apply-social-assistance'].deadline)
                        ? 'applied-after-first-day'
                        : undefined,
                    }),
                  },
                },
              },
            },
            dagpengeApplied: { type: 'final' },
            socialAssistanceApplied: { type: 'final' },
          },
        },
        cv: {
          initial: 'open',
          states: {
            open: {
              on: {
                'cv.published': {
                  target: 'published',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: 'cv-on-jobnet',
                      status: 'done',
                      reason: isAfter(event.publishedOn, context.steps['cv-on-jobnet'].deadline) ? 'published-after-deadline' : undefined,
                    }),
                  },
                },
              },
            },
            published: { type: 'final' },
          },
        },
        // The duties that recur while unemployed; they end with the journey.
        duties: {
          initial: 'recurring',
          states: {
            recurring: {
              on: {
                'timer.fired': {
                  guard: isTimer(JOB_LOG_TIMER),
                  // From when it really fired: after downtime the next round is a week from now, not a backlog.
                  actions: [
                    'remindJobLog',
                    {
                      type: 'advanceJobLog',
                      params: ({ context, event }) => ({
                        from: typeof event.firedAt === 'string' ? maxIsoDate(context.jobLogDue, dateOfTimestamp(event.firedAt)) : undefined,
                      }),
                    },
                    'scheduleJobLog',
                  ],
                },
                'job-log.updated': {
                  actions: [{ type: 'advanceJobLog', params: ({ event }) => ({ from: event.updatedOn }) }, 'scheduleJobLog'],
                },
                'monthly-claim.submitted': {
                  guard: stepIs('monthly-claim', 'active'),
                  actions: [
                    { type: 'nextClaim', params: ({ event }) => ({ month: event.month }) },
                    { type: 'remindNextClaim', params: ({ event }) => ({ submittedOn: event.submittedOn }) },
                  ],
                },
              },
            },
          },
        },
        preliminaryTax: {
          initial: 'open',
          states: {
            open: {
              on: {
                'preliminary-tax.checked': [
                  {
                    guard: ({ event }) => event.changed,
                    target: 'updated',
                    actions: { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'done' } },
                  },
                  {
                    target: 'unchanged',
                    actions: { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'skipped', reason: 'no-change' } },
                  },
                ],
              },
            },
            updated: { type: 'final' },
            unchanged: { type: 'final' },
          },
        },
        holidayPay: {
          initial: 'awaitingReport',
          states: {
            awaitingReport: {
              on: {
                'holiday-pay.reported': {
                  target: 'reported',
                  actions: [
                    { type: 'setStep', params: { step: 'holiday-pay', status: 'done' } },
                    { type: 'cancel', params: { key: HOLIDAY_PAY_WATCHDOG } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(HOLIDAY_PAY_WATCHDOG),
                  actions: [
                    { type: 'setStep', params: { step: 'holiday-pay', status: 'late', reason: 'report-overdue' } },
                    { type: 'notifyLate', params: { step: 'holiday-pay' } },
                  ],
                },
              },
            },
            reported: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type JobMachine = typeof jobMachine;
