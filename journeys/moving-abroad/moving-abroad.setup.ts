/** The moving-abroad machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { journeyActions, journeyGuards } from '../shared/actions';
import { atUtc, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import { awaitAuthority, emitCommands, integrationTask, journeyTypes, REMINDER_TIME_UTC, watchdogTimer } from '../shared/kit';
import { cprConfirmation as cprConfirmationFor, recordBasisDateAction } from '../shared/registration';
import type { MovingAbroadEvent } from './moving-abroad.events';
import { CPR_TASK, cprDestination, cprWatchdogDate, MOVING_ABROAD_RULES, nordicWatchdogDate, taxCallDate } from './moving-abroad.rules';
import type { MovingAbroadAnswers } from './moving-abroad.start';
import type { MovingAbroadStepId } from './moving-abroad.steps';

export interface MovingAbroadContext extends JourneyContextBase {
  answers: MovingAbroadAnswers;
  anchorDate: IsoDate;
  /** The latest of the departure, the report and the Nordic confirmation: CPR records the departure from then. */
  registrationBasisDate: IsoDate;
}

type StepId = MovingAbroadStepId;

export const CPR_STEP: StepId = 'cpr-status-udrejst';
/** Tells the citizen when Skattestyrelsen is ready for the call (not a deadline, so not a `reminder:` key). */
export const TAX_CALL_TIMER = 'call:tax-liability';

export const cprConfirmation = cprConfirmationFor<MovingAbroadContext>();

export const movingAbroadSetup = setup({
  types: journeyTypes<MovingAbroadContext, MovingAbroadEvent>(),
  guards: {
    ...journeyGuards,
    toNordicCountry: ({ context }) => context.answers.destination === 'nordic',
  },
  actions: {
    ...journeyActions<MovingAbroadContext, MovingAbroadEvent, StepId>(),
    recordBasisDate: recordBasisDateAction<MovingAbroadContext, MovingAbroadEvent>(),
    skipSteps: assign(({ context }, params: { steps: readonly StepId[]; reason: string }) => ({
      steps: params.steps.reduce(
        (steps, id) => (steps[id].status === 'skipped' ? steps : { ...steps, [id]: { status: 'skipped' as const, reason: params.reason } }),
        context.steps,
      ),
    })),
    openTaxLiability: assign(({ context }) => ({
      steps: {
        ...context.steps,
        'tax-liability': { status: 'active' as const, availableFrom: taxCallDate(context.registrationBasisDate) },
      },
    })),
    // CPR receives the other country's confirmation and answers with `nordic-registration.confirmed`.
    awaitNordicConfirmation: emitCommands((context: MovingAbroadContext) => [
      awaitAuthority(CPR_STEP, 'cpr', 'nordic-registration.confirmed', { expiresInDays: MOVING_ABROAD_RULES.nordicConfirmationTokenDays }),
      watchdogTimer(CPR_STEP, nordicWatchdogDate(context.registrationBasisDate)),
    ]),
    requestCprConfirmation: emitCommands((context: MovingAbroadContext) => [
      integrationTask(CPR_STEP, 'cpr', CPR_TASK, {
        departureDate: context.anchorDate,
        destination: cprDestination(context.answers),
      }),
      watchdogTimer(CPR_STEP, cprWatchdogDate(context.registrationBasisDate)),
    ]),
    scheduleTaxCall: emitCommands((context: MovingAbroadContext) => [
      {
        type: 'timer.schedule',
        key: TAX_CALL_TIMER,
        dueAt: atUtc(taxCallDate(context.registrationBasisDate), REMINDER_TIME_UTC),
        step: 'tax-liability',
        purpose: 'reminder',
      },
    ]),
  },
});
