/** The moving machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { compareIsoDates, maxIsoDate, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import {
  activatePending,
  awaitAuthority,
  cancelTimer,
  deadlineReminders,
  emitCommands,
  integrationTask,
  isReminderForOpenStep,
  notifyCitizen,
  reminderNotification,
  setStepAction,
  watchdogKey,
  watchdogTimer,
  type JourneyTypes,
} from '../shared/kit';
import type { MovingEvent } from './moving.events';
import { CPR_TASK, cprWatchdogDate, MOVING_RULES } from './moving.rules';
import type { MovingAnswers, MovingFacts } from './moving.start';
import type { MovingStepId } from './moving.steps';

export interface MovingContext extends JourneyContextBase {
  answers: MovingAnswers;
  facts: MovingFacts;
  anchorDate: IsoDate;
  /** The latest of the moving date, the report and the municipality's decisions: CPR registers from then. */
  registrationBasisDate: IsoDate;
}

export const CPR_STEP: MovingStepId = 'cpr-propagation';
export const CPR_WATCHDOG = watchdogKey(CPR_STEP);
export const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;
const MUNICIPALITY_DECISIONS = [
  { step: 'logivaert-check', complete: 'logivaert.decided' },
  { step: 'child-move-hearing', complete: 'child-move-hearing.decided' },
] as const satisfies readonly { step: MovingStepId; complete: string }[];

export const movingSetup = setup({
  types: {} as JourneyTypes<MovingContext, MovingEvent>,
  guards: {
    isReminderForOpenStep,
  },
  actions: {
    setStep: setStepAction(),
    activate: assign(({ context }, params: { steps: readonly MovingStepId[] }) => ({
      steps: activatePending(context.steps, params.steps),
    })),
    recordBasisDate: assign(({ context }, params: { date: IsoDate }) => ({
      registrationBasisDate: maxIsoDate(context.registrationBasisDate, params.date),
    })),
    scheduleReminders: emitCommands((context) => deadlineReminders(context)),
    remindCitizen: emitCommands((context, event) => reminderNotification(context, event)),
    requestCprConfirmation: emitCommands((context) => [
      integrationTask(CPR_STEP, 'cpr', CPR_TASK, {
        movingDate: context.anchorDate,
        darAddressId: context.answers.newAddress.darAddressId,
        municipalityCode: context.answers.newAddress.municipalityCode,
      }),
      watchdogTimer(CPR_STEP, cprWatchdogDate(context.registrationBasisDate)),
    ]),
    // The municipality decides in its own self-service solution; only steps this move needs are awaited.
    awaitMunicipality: emitCommands((context) =>
      MUNICIPALITY_DECISIONS.filter(({ step }) => context.steps[step].status === 'active').map(({ step, complete }) =>
        awaitAuthority(step, 'municipality', complete, { expiresInDays: MOVING_RULES.municipalityDecisionTokenDays }),
      ),
    ),
    cancelCprWatchdog: emitCommands(() => [cancelTimer(CPR_WATCHDOG)]),
    notifyLate: emitCommands(() => [notifyCitizen('step-late', CPR_STEP)]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
});
