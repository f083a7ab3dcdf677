/** The moving machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { journeyActions, journeyGuards } from '../shared/actions';
import type { IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import { awaitAuthority, emitCommands, integrationTask, journeyTypes, watchdogTimer } from '../shared/kit';
import { cprConfirmation as cprConfirmationFor, recordBasisDateAction } from '../shared/registration';
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
  /** Version 2: the household income for the housing-benefit application, and where it came from. */
  income?: { source: 'eindkomst' | 'citizen'; annualIncome: number };
}

export const INCOME_TASK = 'fetch-income';

export const CPR_STEP: MovingStepId = 'cpr-propagation';
const MUNICIPALITY_DECISIONS = [
  { step: 'logivaert-check', complete: 'logivaert.decided' },
  { step: 'child-move-hearing', complete: 'child-move-hearing.decided' },
] as const satisfies readonly { step: MovingStepId; complete: string }[];

export const cprConfirmation = cprConfirmationFor<MovingContext>();

export const movingSetup = setup({
  types: journeyTypes<MovingContext, MovingEvent>(),
  guards: journeyGuards,
  actions: {
    ...journeyActions<MovingContext, MovingEvent, MovingStepId>(),
    recordBasisDate: recordBasisDateAction<MovingContext, MovingEvent>(),
    requestCprConfirmation: emitCommands((context) => [
      integrationTask(CPR_STEP, 'cpr', CPR_TASK, {
        movingDate: context.anchorDate,
        darAddressId: context.answers.newAddress.darAddressId,
        municipalityCode: context.answers.newAddress.municipalityCode,
      }),
      watchdogTimer(CPR_STEP, cprWatchdogDate(context.registrationBasisDate)),
    ]),
    // Version 2: the income is fetched from eIndkomst only with the citizen's consent (the step's legal basis).
    requestIncome: emitCommands(() => [integrationTask('housing-benefit', 'skattestyrelsen', INCOME_TASK, { months: 12 })]),
    recordIncome: assign(({ event }) => {
      if (event.type === 'housing-benefit.income-entered')
        return { income: { source: 'citizen' as const, annualIncome: event.annualIncome } };
      if (event.type !== 'integration.completed') return {};
      const amount = event.output.annualIncome;
      return typeof amount === 'number' ? { income: { source: 'eindkomst' as const, annualIncome: amount } } : {};
    }),
    // The municipality decides in its own self-service solution; only steps this move needs are awaited.
    awaitMunicipality: emitCommands((context) =>
      MUNICIPALITY_DECISIONS.filter(({ step }) => context.steps[step].status === 'active').map(({ step, complete }) =>
        awaitAuthority(step, 'municipality', complete, { expiresInDays: MOVING_RULES.municipalityDecisionTokenDays }),
      ),
    ),
  },
});
