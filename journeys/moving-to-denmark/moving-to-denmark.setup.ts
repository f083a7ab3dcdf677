/** The moving-to-Denmark machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { compareIsoDates, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import {
  activatePending,
  awaitAuthority,
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
import type { MovingToDenmarkEvent } from './moving-to-denmark.events';
import { CPR_REGISTRATION_TASK, MOVING_TO_DENMARK_RULES, TAX_CARD_TASK, taxCardWatchdogDate } from './moving-to-denmark.rules';
import type { MovingToDenmarkAnswers } from './moving-to-denmark.start';
import type { MovingToDenmarkStepId } from './moving-to-denmark.steps';

export interface MovingToDenmarkContext extends JourneyContextBase {
  answers: MovingToDenmarkAnswers;
  anchorDate: IsoDate;
  /** Days the later deadlines and watchdogs count from, once known. */
  basis: { registeredOn?: IsoDate; gpChosenOn?: IsoDate; taxCardAppliedOn?: IsoDate };
  /** Why a step is being finished late; applied when the step closes (open steps keep no reason). */
  lateReasons: Partial<Record<MovingToDenmarkStepId, string>>;
}

type StepId = MovingToDenmarkStepId;

/** Steps that need a CPR registration (a Nordic citizen who declines it skips them). */
export const NEED_CPR: readonly StepId[] = ['gp-and-health-card', 'digital-post-mitid', 'bank-nemkonto', 'family-benefits'];
const RESIDENCE_BASIS = { nordic: 'nordic', 'eu-eea-swiss': 'eu', 'non-eu': 'permit' } as const;

export const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;

export const confirmation = awaitedConfirmation<MovingToDenmarkContext>();

export const movingToDenmarkSetup = setup({
  types: {} as JourneyTypes<MovingToDenmarkContext, MovingToDenmarkEvent>,
  guards: {
    isReminderForOpenStep,
  },
  actions: {
    setStep: setStepAction(),
    activate: assign(({ context }, params: { steps: readonly StepId[] }) => ({
      steps: activatePending(context.steps, params.steps),
    })),
    setDeadline: assign(({ context }, params: { step: StepId; deadline: IsoDate }) => ({
      steps: { ...context.steps, [params.step]: { ...context.steps[params.step], deadline: params.deadline } },
    })),
    /** The citizen has a CPR number now, so the 21-working-day limit for the tax card no longer applies. */
    dropTaxCardWindowStart: assign(({ context }) => {
      const { availableFrom: _dropped, ...taxCard } = context.steps['tax-card'];
      return { steps: { ...context.steps, 'tax-card': taxCard } };
    }),
    skipSteps: assign(({ context }, params: { steps: readonly StepId[]; reason: string }) => ({
      steps: params.steps.reduce(
        (steps, id) =>
          steps[id].status === 'pending' || steps[id].status === 'active'
            ? { ...steps, [id]: { status: 'skipped' as const, reason: params.reason } }
            : steps,
        context.steps,
      ),
    })),
    markLate: assign(({ context }, params: { step: StepId; late: boolean; reason: string }) => ({
      lateReasons: params.late ? { ...context.lateReasons, [params.step]: params.reason } : context.lateReasons,
    })),
    recordBasis: assign(({ context }, params: Partial<MovingToDenmarkContext['basis']>) => ({
      basis: { ...context.basis, ...params },
    })),
    scheduleReminders: emitCommands((context: MovingToDenmarkContext) => deadlineReminders(context)),
    /** Replaces a step's reminders after its deadline changed (same keys: the new timers replace the old). */
    rescheduleReminders: emitCommands((context: MovingToDenmarkContext, _event, params: { step: StepId; from: IsoDate }) =>
      rescheduledReminders(context, params.step, params.from),
    ),
    cancelStepReminders: emitCommands((context: MovingToDenmarkContext, _event, params: { step: StepId }) =>
      cancelReminders(params.step, context.reminderDays),
    ),
    remindCitizen: emitCommands((context: MovingToDenmarkContext, event) => reminderNotification(context, event)),
    requestRegistration: emitCommands((context: MovingToDenmarkContext) => [
      integrationTask('register-cpr', 'cpr', CPR_REGISTRATION_TASK, {
        birthDate: context.answers.birthDate,
        citizenship: context.answers.citizenship,
        residenceBasis: RESIDENCE_BASIS[context.answers.residence.basis],
        addressId: context.answers.addressId,
        arrivalDate: context.answers.arrivalDate,
      }),
    ]),
    requestTaxCardConfirmation: emitCommands((context: MovingToDenmarkContext) => {
      const { job } = context.answers;
      if (!job.hasJob) return [];
      return [
        integrationTask('tax-card', 'skattestyrelsen', TAX_CARD_TASK, {
          year: Number(job.startDate.slice(0, 4)),
          ...(job.employerCvr ? { payerCvr: job.employerCvr } : {}),
        }),
        watchdogTimer('tax-card', taxCardWatchdogDate(context.basis.taxCardAppliedOn ?? context.anchorDate)),
      ];
    }),
    scheduleWatchdog: emitCommands((_context: MovingToDenmarkContext, _event, params: { step: StepId; due: IsoDate }) => [
      watchdogTimer(params.step, params.due),
    ]),
    cancelWatchdog: emitCommands((_context: MovingToDenmarkContext, _event, params: { step: StepId }) => [
      cancelTimer(watchdogKey(params.step)),
    ]),
    notifyLate: emitCommands((_context: MovingToDenmarkContext, _event, params: { step: StepId }) => [
      notifyCitizen('step-late', params.step),
    ]),
    // SIRI decides in its own solution and answers with `eu-residence.decided` (a caseworker can too).
    awaitSiriDecision: emitCommands(() => [
      awaitAuthority('right-to-reside', 'siri', 'eu-residence.decided', {
        expiresInDays: MOVING_TO_DENMARK_RULES.euResidenceDocument.decisionTokenDays,
      }),
    ]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
});
