/** The becoming-a-parent machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { journeyActions, journeyGuards } from '../shared/actions';
import { addDays, dateOfTimestamp, laterTimestamp, type IsoDate } from '../shared/calendar';
import type { JourneyCommand, JourneyContextBase } from '../shared/contract';
import {
  awaitAuthority,
  cancelReminders,
  cancelTimer,
  deadlinePassedKey,
  deadlinePassedTimer,
  deadlineReminders,
  emitCommands,
  integrationTask,
  isClosed,
  journeyTypes,
  reminderTimers,
  watchdogKey,
  watchdogTimer,
} from '../shared/kit';
import { awaitedConfirmation } from '../shared/patterns';
import type { ParentEvent } from './becoming-a-parent.events';
import {
  birthRegistrationWatchdogDate,
  CHILD_BENEFIT_TASK,
  childBenefitWatchdogDate,
  employerReportWatchdogDate,
  maternityBenefitDeadline,
  openAfterBirth,
  PARENT_LOOKUP_TASK,
  PARENT_RULES,
  parentRegistrationWatchdogDate,
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

export const DECLARATION_DEADLINE = deadlinePassedKey('paternity');

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
  const moved: ParentStepId[] = [
    'notify-employer',
    'paternity',
    'naming',
    ...(context.situation.employed ? [] : ['apply-maternity-benefit' as const]),
  ];
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

export const confirmation = awaitedConfirmation<ParentContext>();

export const parentSetup = setup({
  types: journeyTypes<ParentContext, ParentEvent>(),
  guards: {
    ...journeyGuards,
    birthKnown: ({ context }) => context.birthDate !== undefined,
  },
  actions: {
    ...journeyActions<ParentContext, ParentEvent, ParentStepId>(),
    scheduleStartTimers: emitCommands((context) => [
      ...deadlineReminders(context),
      ...(context.birthDate === undefined && context.dueDate !== undefined
        ? [watchdogTimer('birth-registration', birthRegistrationWatchdogDate(context.dueDate))]
        : []),
      ...(context.birthDate !== undefined && !isClosed(context.steps['employer-leave-report'].status)
        ? [watchdogTimer('employer-leave-report', employerReportWatchdogDate(context.birthDate))]
        : []),
    ]),
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
      cancelTimer(watchdogKey('birth-registration')),
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
            awaitAuthority('paternity', 'parish-registrar', 'care-declaration.signed', {
              expiresInDays: tokenDays(afterBirth(context), deadline),
            }),
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
      const expected =
        employerReportExpected(context) ?? addDays(dateOfTimestamp(context.startedAt), PARENT_RULES.birthTokenDaysWithoutDueDate);
      return [
        awaitAuthority('employer-leave-report', 'employer', 'employer.leave-reported', {
          expiresInDays: tokenDays(context.startedAt, expected),
        }),
      ];
    }),
    clearEmployerDeadline: assign(({ context }) => ({ steps: withDeadline(context.steps, 'notify-employer', undefined) })),
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
        : reminderTimers(
            'apply-maternity-benefit',
            deadline,
            context.reminderDays,
            laterTimestamp(context.startedAt, params.salaryStopDate),
          );
    }),
  },
});
