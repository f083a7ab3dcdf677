/** The new-job machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { compareIsoDates, type IsoDate } from '../shared/calendar';
import type { JourneyCommand, JourneyContextBase } from '../shared/contract';
import {
  cancelReminders,
  cancelTimer,
  deadlineReminders,
  emitCommands,
  integrationTask,
  isReminderForOpenStep,
  notifyCitizen,
  reminderNotification,
  rescheduledReminders,
  setStepAction,
  watchdogKey,
  watchdogTimer,
  type JourneyTypes,
} from '../shared/kit';
import { awaitedConfirmation } from '../shared/patterns';
import type { NewJobEvent, TaxCardType } from './new-job.events';
import { monthOf, PAYROLL_TASK, payrollWatchdogDate, TAX_CARD_TASK, taxCardWatchdogDate } from './new-job.rules';
import type { NewJobAnswers } from './new-job.start';
import type { NewJobStepId } from './new-job.steps';

export interface NewJobContext extends JourneyContextBase {
  answers: NewJobAnswers;
  anchorDate: IsoDate;
  /** The card the citizen chose for this employer. */
  taxCardType?: TaxCardType;
  /** Days the watchdogs count from: the first working day, or later events (a choice, a caseworker's retry). */
  basis: { taxCard: IsoDate; payroll: IsoDate };
  /** Why a step is being finished late; applied when the step closes (open steps keep no reason). */
  lateReasons: Partial<Record<NewJobStepId, string>>;
}

type StepId = NewJobStepId;

export const LINK_STEP: StepId = 'move-to-denmark';
export const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;

function linkCommands(context: NewJobContext): JourneyCommand[] {
  const { newcomer, firstWorkingDay, employerCvr } = context.answers;
  if (!newcomer.newToDenmark) return [];
  // The linked journey is started with complete answers; the job is the one this journey is about.
  const job = { hasJob: true, startDate: firstWorkingDay, ...(employerCvr ? { employerCvr } : {}) };
  return [{ type: 'journey.link', journeyType: 'moving-to-denmark', step: LINK_STEP, answers: { ...newcomer.arrival, job } }];
}

export const confirmation = awaitedConfirmation<NewJobContext>();

export const newJobSetup = setup({
  types: {} as JourneyTypes<NewJobContext, NewJobEvent>,
  guards: {
    isReminderForOpenStep,
  },
  actions: {
    setStep: setStepAction(),
    setDeadline: assign(({ context }, params: { step: StepId; deadline: IsoDate; availableFrom?: IsoDate }) => ({
      steps: {
        ...context.steps,
        [params.step]: {
          ...context.steps[params.step],
          deadline: params.deadline,
          ...(params.availableFrom ? { availableFrom: params.availableFrom } : {}),
        },
      },
    })),
    markLate: assign(({ context }, params: { step: StepId; late: boolean; reason: string }) => ({
      lateReasons: params.late ? { ...context.lateReasons, [params.step]: params.reason } : context.lateReasons,
    })),
    recordBasis: assign(({ context }, params: Partial<NewJobContext['basis']>) => ({
      basis: { ...context.basis, ...params },
    })),
    recordCardType: assign((_, params: { cardType: TaxCardType }) => ({ taxCardType: params.cardType })),
    scheduleReminders: emitCommands((context: NewJobContext) => deadlineReminders(context)),
    /** Replaces a step's reminders after its deadline changed (same keys: the new timers replace the old). */
    rescheduleReminders: emitCommands((context: NewJobContext, _event, params: { step: StepId; from: IsoDate }) =>
      rescheduledReminders(context, params.step, params.from),
    ),
    cancelStepReminders: emitCommands((context: NewJobContext, _event, params: { step: StepId }) =>
      cancelReminders(params.step, context.reminderDays),
    ),
    remindCitizen: emitCommands((context: NewJobContext, event) => reminderNotification(context, event)),
    requestTaxCardConfirmation: emitCommands((context: NewJobContext) => [
      integrationTask('tax-card', 'skattestyrelsen', TAX_CARD_TASK, {
        year: Number(context.anchorDate.slice(0, 4)),
        ...(context.answers.employerCvr ? { payerCvr: context.answers.employerCvr } : {}),
        ...(context.taxCardType ? { cardType: context.taxCardType } : {}),
      }),
      watchdogTimer('tax-card', taxCardWatchdogDate(context.basis.taxCard)),
    ]),
    requestPayrollConfirmation: emitCommands((context: NewJobContext) => [
      integrationTask('pension-atp', 'skattestyrelsen', PAYROLL_TASK, {
        fromMonth: monthOf(context.anchorDate),
        ...(context.answers.employerCvr ? { payerCvr: context.answers.employerCvr } : {}),
      }),
      watchdogTimer('pension-atp', payrollWatchdogDate(context.basis.payroll)),
    ]),
    cancelWatchdog: emitCommands((_context: NewJobContext, _event, params: { step: StepId }) => [cancelTimer(watchdogKey(params.step))]),
    notifyLate: emitCommands((_context: NewJobContext, _event, params: { step: StepId }) => [notifyCitizen('step-late', params.step)]),
    linkNewcomerJourney: emitCommands((context: NewJobContext) => linkCommands(context)),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
});
