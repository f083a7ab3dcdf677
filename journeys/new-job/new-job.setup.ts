/** The new-job machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { journeyActions, journeyGuards, markLateAction } from '../shared/actions';
import type { IsoDate } from '../shared/calendar';
import type { JourneyCommand, JourneyContextBase } from '../shared/contract';
import { emitCommands, integrationTask, journeyTypes, watchdogTimer } from '../shared/kit';
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

function linkCommands(context: NewJobContext): JourneyCommand[] {
  const { newcomer, firstWorkingDay, employerCvr } = context.answers;
  if (!newcomer.newToDenmark) return [];
  // The linked journey is started with complete answers; the job is the one this journey is about.
  const job = { hasJob: true, startDate: firstWorkingDay, ...(employerCvr ? { employerCvr } : {}) };
  return [{ type: 'journey.link', journeyType: 'moving-to-denmark', step: LINK_STEP, answers: { ...newcomer.arrival, job } }];
}

export const confirmation = awaitedConfirmation<NewJobContext>();

export const newJobSetup = setup({
  types: journeyTypes<NewJobContext, NewJobEvent>(),
  guards: journeyGuards,
  actions: {
    ...journeyActions<NewJobContext, NewJobEvent, StepId>(),
    markLate: markLateAction<NewJobContext, NewJobEvent, StepId>(),
    recordBasis: assign(({ context }, params: Partial<NewJobContext['basis']>) => ({
      basis: { ...context.basis, ...params },
    })),
    recordCardType: assign((_, params: { cardType: TaxCardType }) => ({ taxCardType: params.cardType })),
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
    linkNewcomerJourney: emitCommands((context: NewJobContext) => linkCommands(context)),
  },
});
