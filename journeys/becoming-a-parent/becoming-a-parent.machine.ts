/**
 * Becoming a parent (journeys.md section 4).
 *
 * The anchor is the due date until the birth is registered, then the birth date. One parallel
 * region per concern; the steps that need the child's CPR number (paternity, naming, child
 * benefit, daycare) wait in their region until the birth is registered, then open with deadlines
 * counted from the birth date. Register flows either come back as integration results (CPR's
 * parent relation, Udbetaling Danmark's child benefit status) or are completed by the authority's
 * own solution through a task token (the birth, the name, the employer's leave report).
 */
import { assign, setup } from 'xstate';
import { addDays, compareIsoDates, dateOfTimestamp, type IsoDate } from '../shared/calendar';
import type { JourneyCommand, JourneyContextBase } from '../shared/contract';
import {
  awaitAuthority,
  cancelReminders,
  cancelTimer,
  deadlineReminders,
  emitCommands,
  integrationTask,
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
import { awaitedConfirmation } from '../shared/patterns';
import type { ParentEvent } from './becoming-a-parent.events';
import {
  CHILD_BENEFIT_TASK,
  DEADLINE_PASSED,
  PARENT_LOOKUP_TASK,
  PARENT_RULES,
  birthRegistrationWatchdogDate,
  childBenefitWatchdogDate,
  deadlinePassedTimer,
  employerReportWatchdogDate,
  initialParentSteps,
  laterTimestamp,
  maternityBenefitDeadline,
  openAfterBirth,
  parentRegistrationWatchdogDate,
  resolveSituation,
  tokenDays,
  withDeadline,
  type ParentSituation,
} from './becoming-a-parent.rules';
import type { ParentAnswers, ParentFacts } from './becoming-a-parent.start';
import type { ParentStepId } from './becoming-a-parent.steps';

export interface ParentContext extends JourneyContextBase {
  answers: ParentAnswers;
  facts: ParentFacts;
  /** The branches and dates, from the birth feed's facts or the expecting parent's answers. */
  situation: ParentSituation;
  /** The expected birth date, when an expecting parent gave it. */
  dueDate?: IsoDate;
  /** The child's birth date, once registered. */
  birthDate?: IsoDate;
}

const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;
const WATCHDOG = {
  birth: watchdogKey('birth-registration'),
  employerReport: watchdogKey('employer-leave-report'),
};
const DECLARATION_DEADLINE = DEADLINE_PASSED('paternity');

/** "Now" once the child is born: the birth date, or the start if the journey began later. */
const afterBirth = (context: ParentContext) => laterTimestamp(context.startedAt, context.birthDate ?? dateOfTimestamp(context.startedAt));

/** The day a watchdog counts from: a caseworker's retry restarts it, otherwise the birth. */
function watchBasis(context: ParentContext, event: { type: string; requestedAt?: unknown }): IsoDate {
  if (event.type === 'integration.retry' && typeof event.requestedAt === 'string') return dateOfTimestamp(event.requestedAt);
  return context.birthDate ?? dateOfTimestamp(context.startedAt);
}

/** Reminders for the deadlines the birth set or moved (the employer deadline becomes the leave plan). */
function birthReminders(context: ParentContext): JourneyCommand[] {
  const now = afterBirth(context);
  const moved: ParentStepId[] = ['notify-employer', 'paternity', 'naming', ...(context.situation.employed ? [] : ['apply-maternity-benefit' as const])];
  return moved.flatMap((step) => {
    const { status, deadline } = context.steps[step];
    if (isClosed(status) || deadline === undefined) return [];
    const cancel = step === 'notify-employer' ? cancelReminders(step, context.reminderDays) : [];
    return [...cancel, ...reminderTimers(step, deadline, context.reminderDays, now)];
  });
}

/** The employer's report is expected around the birth; before it we only know the due date. */
function employerReportExpected(context: ParentContext): IsoDate | undefined {
  const basis = context.birthDate ?? context.dueDate;
  return basis === undefined ? undefined : employerReportWatchdogDate(basis);
}

const confirmation = awaitedConfirmation<ParentContext>();

export const parentMachine = setup({
  types: {} as JourneyTypes<ParentContext, ParentEvent>,
  guards: {
    isReminderForOpenStep,
    birthKnown: ({ context }) => context.birthDate !== undefined,
  },
  actions: {
    setStep: setStepAction(),
    scheduleStartTimers: emitCommands((context) => [
      ...deadlineReminders(context),
      ...(context.birthDate === undefined && context.dueDate !== undefined
        ? [watchdogTimer('birth-registration', birthRegistrationWatchdogDate(context.dueDate))]
        : []),
      ...(context.birthDate !== undefined && !isClosed(context.steps['employer-leave-report'].status)
        ? [watchdogTimer('employer-leave-report', employerReportWatchdogDate(context.birthDate))]
        : []),
    ]),
    remindCitizen: emitCommands((context, event) => reminderNotification(context, event)),
    /** The parish registrar's solution reports the birth through its task token. */
    awaitBirth: emitCommands((context) => {
      if (context.birthDate !== undefined) return [];
      const expected = context.dueDate === undefined ? undefined : birthRegistrationWatchdogDate(context.dueDate);
      const days = expected === undefined ? PARENT_RULES.birthTokenDaysWithoutDueDate : tokenDays(context.startedAt, expected);
      return [awaitAuthority('birth-registration', 'parish-registrar', 'birth.registered', { expiresInDays: days })];
    }),
    recordBirth: assign(({ context }, params: { birthDate: IsoDate }) => ({
      birthDate: params.birthDate,
      anchorDate: params.birthDate,
      steps: openAfterBirth(context.steps, params.birthDate, context.situation),
    })),
    announceBirth: emitCommands((context) => [
      cancelTimer(WATCHDOG.birth),
      ...birthReminders(context),
      ...(context.birthDate !== undefined && !isClosed(context.steps['employer-leave-report'].status)
        ? [watchdogTimer('employer-leave-report', employerReportWatchdogDate(context.birthDate))]
        : []),
    ]),
    /** Married: CPR registers the spouse with the birth; the subject's relations confirm it. */
    requestParentLookup: emitCommands((context, event) => [
      integrationTask('paternity', 'cpr', PARENT_LOOKUP_TASK, {}),
      watchdogTimer('paternity', parentRegistrationWatchdogDate(watchBasis(context, event))),
    ]),
    /** Unmarried: the registrar confirms the declaration; a timer marks the deadline passing. */
    watchDeclaration: emitCommands((context) => {
      const deadline = context.steps.paternity.deadline;
      return deadline === undefined
        ? []
        : [
            deadlinePassedTimer('paternity', deadline),
            awaitAuthority('paternity', 'parish-registrar', 'care-declaration.signed', { expiresInDays: tokenDays(afterBirth(context), deadline) }),
          ];
    }),
    awaitName: emitCommands((context) => {
      const deadline = context.steps.naming.deadline;
      return deadline === undefined
        ? []
        : [awaitAuthority('naming', 'parish-registrar', 'name.registered', { expiresInDays: tokenDays(afterBirth(context), deadline) })];
    }),
    requestChildBenefit: emitCommands((context, event) => [
      integrationTask('child-benefit', 'udbetaling-danmark', CHILD_BENEFIT_TASK, {}),
      watchdogTimer('child-benefit', childBenefitWatchdogDate(watchBasis(context, event))),
    ]),
    /** The employer's payroll solution reports the leave (NemRefusion) through its task token. */
    awaitEmployer: emitCommands((context) => {
      if (isClosed(context.steps['employer-leave-report'].status)) return [];
      const expected = employerReportExpected(context) ?? addDays(dateOfTimestamp(context.startedAt), PARENT_RULES.birthTokenDaysWithoutDueDate);
      return [awaitAuthority('employer-leave-report', 'employer', 'employer.leave-reported', { expiresInDays: tokenDays(context.startedAt, expected) })];
    }),
    clearEmployerDeadline: assign(({ context }) => ({ steps: withDeadline(context.steps, 'notify-employer', undefined) })),
    cancelEmployerReminders: emitCommands((context) => cancelReminders('notify-employer', context.reminderDays)),
    openMaternityBenefit: assign(({ context }, params: { salaryStopDate: IsoDate }) => ({
      steps: {
        ...context.steps,
        'apply-maternity-benefit': { status: 'active' as const, deadline: maternityBenefitDeadline(params.salaryStopDate) },
      },
    })),
    remindMaternityBenefit: emitCommands((context, _event, params: { salaryStopDate: IsoDate }) => {
      const deadline = context.steps['apply-maternity-benefit'].deadline;
      return deadline === undefined
        ? []
        : reminderTimers('apply-maternity-benefit', deadline, context.reminderDays, laterTimestamp(context.startedAt, params.salaryStopDate));
    }),
    cancel: emitCommands((_context, _event, params: { key: string }) => [cancelTimer(params.key)]),
    notifyLate: emitCommands((_context, _event, params: { step: ParentStepId }) => [notifyCitizen('step-late', params.step)]),
    notifyNeedsYou: emitCommands((_context, _event, params: { step: ParentStepId }) => [notifyCitizen('step-needs-you', params.step)]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
}).createMachine({
  id: 'becoming-a-parent',
  context: ({ input }) => {
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
  entry: 'scheduleStartTimers',
  initial: 'inProgress',
  states: {
    inProgress: {
      type: 'parallel',
      onDone: 'completed',
      on: { 'timer.fired': { guard: 'isReminderForOpenStep', actions: 'remindCitizen' } },
      states: {
        birth: {
          initial: 'expecting',
          states: {
            expecting: {
              entry: 'awaitBirth',
              // A start from the CPR birth registration is born already.
              always: { guard: 'birthKnown', target: 'born' },
              on: {
                'birth.registered': {
                  target: 'born',
                  actions: [{ type: 'recordBirth', params: ({ event }) => ({ birthDate: event.birthDate }) }, 'announceBirth'],
                },
                'timer.fired': {
                  guard: isTimer(WATCHDOG.birth),
                  actions: [
                    { type: 'setStep', params: { step: 'birth-registration', status: 'late', reason: 'registration-overdue' } },
                    { type: 'notifyLate', params: { step: 'birth-registration' } },
                  ],
                },
              },
            },
            born: { type: 'final' },
          },
        },
        employer: {
          initial: 'pregnancyNotice',
          states: {
            pregnancyNotice: {
              always: [
                { guard: stepIs('notify-employer', 'skipped'), target: 'notEmployed' },
                // Started after the birth: the pregnancy notice lies in the past, the leave plan is due.
                { guard: ({ context }) => context.situation.childBirthDate !== undefined, target: 'leavePlan' },
              ],
              on: {
                'employer.notified': [
                  { guard: 'birthKnown', target: 'leavePlan' },
                  // Before the birth the next deadline (the leave plan) is not known yet.
                  { target: 'leavePlan', actions: ['clearEmployerDeadline', 'cancelEmployerReminders'] },
                ],
                // A leave plan tells the employer about the leave as well.
                'leave-plan.sent': {
                  target: 'told',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: 'notify-employer',
                      status: 'done',
                      reason: isAfter(event.sentOn, context.steps['notify-employer'].deadline) ? 'told-after-deadline' : undefined,
                    }),
                  },
                },
              },
            },
            leavePlan: {
              on: {
                'leave-plan.sent': {
                  target: 'told',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: 'notify-employer',
                      status: 'done',
                      reason: isAfter(event.sentOn, context.steps['notify-employer'].deadline) ? 'sent-after-deadline' : undefined,
                    }),
                  },
                },
              },
            },
            told: { type: 'final' },
            notEmployed: { type: 'final' },
          },
        },
        paternity: {
          initial: 'awaitingBirth',
          states: {
            awaitingBirth: {
              always: [
                { guard: ({ context }) => context.birthDate !== undefined && context.situation.married, target: 'awaitingRegistration' },
                { guard: 'birthKnown', target: 'declaration' },
              ],
            },
            // Married: the spouse is registered with the birth; CPR's relations confirm it. After a failed
            // lookup a caseworker looks into CPR's answer, then asks for the lookup again.
            ...confirmation({
              step: 'paternity',
              task: PARENT_LOOKUP_TASK,
              awaiting: 'awaitingRegistration',
              failed: 'registrationFailed',
              confirmed: 'established',
              entry: 'requestParentLookup',
              lateReason: 'registration-overdue',
              cancel: 'byKey',
            }),
            // Unmarried: both parents sign the declaration of care and responsibility in time.
            declaration: {
              entry: 'watchDeclaration',
              on: {
                'care-declaration.signed': [
                  {
                    guard: ({ context, event }) => !isAfter(event.signedOn, context.steps.paternity.deadline),
                    target: 'established',
                    actions: [
                      { type: 'setStep', params: { step: 'paternity', status: 'done' } },
                      { type: 'cancel', params: { key: DECLARATION_DEADLINE } },
                    ],
                  },
                  // A declaration after the deadline cannot establish parentage: Familieretshuset decides.
                  {
                    target: 'familieretshuset',
                    actions: [
                      { type: 'setStep', params: { step: 'paternity', status: 'active', reason: 'declaration-too-late' } },
                      { type: 'cancel', params: { key: DECLARATION_DEADLINE } },
                      { type: 'notifyNeedsYou', params: { step: 'paternity' } },
                    ],
                  },
                ],
                'paternity.disputed': {
                  target: 'familieretshuset',
                  actions: [
                    { type: 'setStep', params: { step: 'paternity', status: 'active', reason: 'disputed' } },
                    { type: 'cancel', params: { key: DECLARATION_DEADLINE } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(DECLARATION_DEADLINE),
                  target: 'familieretshuset',
                  actions: [
                    { type: 'setStep', params: { step: 'paternity', status: 'active', reason: 'declaration-deadline-passed' } },
                    { type: 'notifyNeedsYou', params: { step: 'paternity' } },
                  ],
                },
              },
            },
            familieretshuset: {
              on: {
                'paternity.decided': {
                  target: 'established',
                  actions: {
                    type: 'setStep',
                    params: ({ event }) => ({
                      step: 'paternity',
                      status: 'done',
                      reason: event.parentage === 'established' ? 'decided-by-familieretshuset' : 'parentage-not-established',
                    }),
                  },
                },
              },
            },
            established: { type: 'final' },
          },
        },
        naming: {
          initial: 'awaitingBirth',
          states: {
            awaitingBirth: { always: { guard: 'birthKnown', target: 'open' } },
            // The parents apply on borger.dk (or name the child at baptism); the registrar confirms.
            open: {
              entry: 'awaitName',
              on: {
                'name.registered': {
                  target: 'named',
                  actions: { type: 'setStep', params: { step: 'naming', status: 'done' } },
                },
              },
            },
            named: { type: 'final' },
          },
        },
        childBenefit: {
          initial: 'awaitingBirth',
          states: {
            awaitingBirth: {
              always: [
                { guard: ({ context }) => context.birthDate !== undefined && context.situation.crossBorderEu, target: 'application' },
                { guard: 'birthKnown', target: 'automatic' },
              ],
            },
            // Udbetaling Danmark awards it from CPR; its status confirms the award.
            ...confirmation({
              step: 'child-benefit',
              task: CHILD_BENEFIT_TASK,
              awaiting: 'automatic',
              failed: 'statusFailed',
              confirmed: 'granted',
              entry: 'requestChildBenefit',
              lateReason: 'first-payment-not-confirmed',
              cancel: 'byKey',
            }),
            // Cross-border EU/EEA families apply; Udbetaling Danmark then coordinates with the other country.
            application: {
              on: {
                'child-benefit.applied': {
                  target: 'granted',
                  actions: { type: 'setStep', params: { step: 'child-benefit', status: 'done', reason: 'applied-cross-border' } },
                },
              },
            },
            granted: { type: 'final' },
          },
        },
        // The employer's report decides whether the parent applies for benefit; the benefit then
        // goes into the preliminary tax assessment (field 304).
        leave: {
          initial: 'awaitingEmployerReport',
          states: {
            awaitingEmployerReport: {
              entry: 'awaitEmployer',
              always: [
                {
                  guard: ({ context }) =>
                    context.steps['employer-leave-report'].status === 'skipped' && context.steps['apply-maternity-benefit'].status === 'active',
                  target: 'benefitApplication',
                },
                { guard: stepIs('employer-leave-report', 'skipped'), target: 'awaitingBirth' },
              ],
              on: {
                'employer.leave-reported': [
                  {
                    // Paid leave: the employer claims the benefit as reimbursement; the parent neither
                    // applies nor has benefit to put into the tax assessment.
                    guard: ({ event }) => event.salaryDuringLeave,
                    target: 'employerPays',
                    actions: [
                      { type: 'setStep', params: { step: 'employer-leave-report', status: 'done' } },
                      { type: 'cancel', params: { key: WATCHDOG.employerReport } },
                      { type: 'setStep', params: { step: 'apply-maternity-benefit', status: 'skipped', reason: 'salary-during-leave' } },
                      { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'skipped', reason: 'salary-continues' } },
                    ],
                  },
                  {
                    // The salary stops when the leave starts: Udbetaling Danmark writes, the 8 weeks run.
                    target: 'benefitApplication',
                    actions: [
                      { type: 'setStep', params: { step: 'employer-leave-report', status: 'done' } },
                      { type: 'cancel', params: { key: WATCHDOG.employerReport } },
                      { type: 'openMaternityBenefit', params: ({ event }) => ({ salaryStopDate: event.leaveStartDate }) },
                      { type: 'remindMaternityBenefit', params: ({ event }) => ({ salaryStopDate: event.leaveStartDate }) },
                    ],
                  },
                ],
                'timer.fired': {
                  guard: isTimer(WATCHDOG.employerReport),
                  actions: [
                    { type: 'setStep', params: { step: 'employer-leave-report', status: 'late', reason: 'report-overdue' } },
                    { type: 'notifyLate', params: { step: 'employer-leave-report' } },
                  ],
                },
              },
            },
            // No employer: the application opens with the birth, counted from the first day of leave.
            awaitingBirth: {
              always: { guard: stepIs('apply-maternity-benefit', 'active'), target: 'benefitApplication' },
            },
            benefitApplication: {
              on: {
                'maternity-benefit.applied': {
                  target: 'taxUpdate',
                  actions: [
                    {
                      type: 'setStep',
                      params: ({ context, event }) => ({
                        step: 'apply-maternity-benefit',
                        status: 'done',
                        // Late applications are paid only from the day they are received.
                        reason: isAfter(event.appliedOn, context.steps['apply-maternity-benefit'].deadline)
                          ? 'applied-after-deadline'
                          : undefined,
                      }),
                    },
                    { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'active' } },
                  ],
                },
                'maternity-benefit.not-entitled': {
                  target: 'notEntitled',
                  actions: [
                    { type: 'setStep', params: { step: 'apply-maternity-benefit', status: 'skipped', reason: 'not-entitled' } },
                    { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'skipped', reason: 'no-benefit' } },
                  ],
                },
              },
            },
            taxUpdate: {
              on: {
                'preliminary-tax.checked': [
                  {
                    guard: ({ event }) => event.changed,
                    target: 'taxUpdated',
                    actions: { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'done' } },
                  },
                  {
                    target: 'taxUnchanged',
                    actions: { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'skipped', reason: 'no-change' } },
                  },
                ],
              },
            },
            taxUpdated: { type: 'final' },
            taxUnchanged: { type: 'final' },
            notEntitled: { type: 'final' },
            employerPays: { type: 'final' },
          },
        },
        daycare: {
          initial: 'awaitingBirth',
          states: {
            // Digital Pladsanvisning needs the child's CPR number.
            awaitingBirth: { always: { guard: 'birthKnown', target: 'open' } },
            open: {
              on: {
                'daycare.signed-up': {
                  target: 'signedUp',
                  actions: { type: 'setStep', params: { step: 'daycare-signup', status: 'done' } },
                },
                'daycare.not-needed': {
                  target: 'notNeeded',
                  actions: { type: 'setStep', params: { step: 'daycare-signup', status: 'skipped', reason: 'not-needed' } },
                },
              },
            },
            signedUp: { type: 'final' },
            notNeeded: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type ParentMachine = typeof parentMachine;
