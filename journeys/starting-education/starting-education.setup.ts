/** The starting-education machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { compareIsoDates, type IsoDate } from '../shared/calendar';
import type { JourneyCommand, JourneyContextBase } from '../shared/contract';
import {
  activatePending,
  cancelReminders,
  cancelTimer,
  deadlineReminders,
  emitCommands,
  integrationTask,
  isReminderForOpenStep,
  isTimer,
  notifyCitizen,
  reminderNotification,
  setStepAction,
  stepIs,
  watchdogKey,
  watchdogTimer,
  type JourneyTypes,
} from '../shared/kit';
import type { StartingEducationEvent } from './starting-education.events';
import {
  ACCEPT_PLACE_TASK,
  answerOverdueDate,
  readinessOverdueDate,
  suDecisionOverdueDate,
  TAX_CARD_TASK,
  type SuPlan,
} from './starting-education.rules';
import type { StartingEducationAnswers, StartingEducationFacts } from './starting-education.start';
import type { StartingEducationStepId } from './starting-education.steps';

export interface StartingEducationContext extends JourneyContextBase {
  answers: StartingEducationAnswers;
  facts: StartingEducationFacts;
  /** The expected first day of the education. */
  anchorDate: IsoDate;
  su: SuPlan;
  applicationRef?: string;
  /** The student's answer to the offer, sent to optagelse.dk. */
  acceptsPlace?: boolean;
  suAppliedOn?: IsoDate;
  suGranted?: boolean;
  /** The student's choice of main tax card, sent to Skattestyrelsen. */
  mainTaxCard?: { mainCard: 'su' | 'job'; employerCvr?: string };
}

export const READINESS: StartingEducationStepId = 'readiness-assessment';
export const YOUTH_APPLICATION: StartingEducationStepId = 'apply-youth-education';
export const HIGHER_APPLICATION: StartingEducationStepId = 'apply-higher-education';
export const ACCEPT: StartingEducationStepId = 'accept-place';
export const SU: StartingEducationStepId = 'apply-su';
export const TAX_CARD: StartingEducationStepId = 'set-tax-card';
export const MOVE_OUT: StartingEducationStepId = 'move-out';
export const UNGDOMSKORT: StartingEducationStepId = 'ungdomskort';

export const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;

export const watchdogFor =
  (step: StartingEducationStepId) =>
  ({ context, event }: { context: StartingEducationContext; event: { type: string } }) =>
    isTimer(watchdogKey(step))({ event }) && stepIs(step, 'active')({ context });

export const placeAccepted = stepIs(ACCEPT, 'done');
export const noPlace = stepIs(ACCEPT, 'skipped');

export const startingEducationSetup = setup({
  types: {} as JourneyTypes<StartingEducationContext, StartingEducationEvent>,
  guards: {
    isReminderForOpenStep,
  },
  actions: {
    setStep: setStepAction(),
    activate: assign(({ context }, params: { steps: readonly StartingEducationStepId[] }) => ({
      steps: activatePending(context.steps, params.steps),
    })),
    scheduleTimers: emitCommands((context: StartingEducationContext) => [
      ...deadlineReminders(context),
      ...(context.steps[READINESS].status === 'active' ? [watchdogTimer(READINESS, readinessOverdueDate(context.answers))] : []),
    ]),
    remindCitizen: emitCommands((context, event) => reminderNotification(context, event)),
    watchAnswer: emitCommands((context: StartingEducationContext) => [watchdogTimer(ACCEPT, answerOverdueDate(context.answers))]),
    watchSuDecision: emitCommands((context: StartingEducationContext, _event, params: { appliedOn: IsoDate }) => [
      ...cancelReminders(SU, context.reminderDays),
      watchdogTimer(SU, suDecisionOverdueDate(params.appliedOn)),
    ]),
    cancelWatchdog: emitCommands((_context, _event, params: { step: StartingEducationStepId }) => [cancelTimer(watchdogKey(params.step))]),
    notifyLate: emitCommands((_context, _event, params: { step: StartingEducationStepId }) => [notifyCitizen('step-late', params.step)]),
    notifyNeedsYou: emitCommands((_context, _event, params: { step: StartingEducationStepId }) => [
      notifyCitizen('step-needs-you', params.step),
    ]),
    sendAnswer: emitCommands((context: StartingEducationContext) => [
      integrationTask(ACCEPT, 'optagelse-dk', ACCEPT_PLACE_TASK, {
        // Both are set before this state is entered: the reference on submission, the answer by the student.
        applicationRef: context.applicationRef ?? '',
        accept: context.acceptsPlace === true,
      }),
    ]),
    setTaxCard: emitCommands((context: StartingEducationContext) => {
      const choice = context.mainTaxCard ?? { mainCard: 'su' as const };
      return [
        integrationTask(TAX_CARD, 'skattestyrelsen', TAX_CARD_TASK, {
          payer: choice.mainCard === 'su' ? 'su' : 'employer',
          ...(choice.employerCvr ? { payerCvr: choice.employerCvr } : {}),
          cardType: 'hovedkort',
        }),
      ];
    }),
    linkMove: emitCommands((_context, _event, params: { answers: Record<string, unknown> }): JourneyCommand[] => [
      { type: 'journey.link', journeyType: 'moving', step: MOVE_OUT, answers: params.answers },
    ]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
});
