/** The moving-to-Denmark machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { journeyActions, journeyGuards, markLateAction } from '../shared/actions';
import type { IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import { awaitAuthority, emitCommands, integrationTask, journeyTypes, watchdogTimer, without } from '../shared/kit';
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

export const confirmation = awaitedConfirmation<MovingToDenmarkContext>();

export const movingToDenmarkSetup = setup({
  types: journeyTypes<MovingToDenmarkContext, MovingToDenmarkEvent>(),
  guards: journeyGuards,
  actions: {
    ...journeyActions<MovingToDenmarkContext, MovingToDenmarkEvent, StepId>(),
    markLate: markLateAction<MovingToDenmarkContext, MovingToDenmarkEvent, StepId>(),
    /** The citizen has a CPR number now, so the 21-working-day limit for the tax card no longer applies. */
    dropTaxCardWindowStart: assign(({ context }) => {
      return { steps: { ...context.steps, 'tax-card': without(context.steps['tax-card'], 'availableFrom') } };
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
    recordBasis: assign(({ context }, params: Partial<MovingToDenmarkContext['basis']>) => ({
      basis: { ...context.basis, ...params },
    })),
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
    // SIRI decides in its own solution and answers with `eu-residence.decided` (a caseworker can too).
    awaitSiriDecision: emitCommands(() => [
      awaitAuthority('right-to-reside', 'siri', 'eu-residence.decided', {
        expiresInDays: MOVING_TO_DENMARK_RULES.euResidenceDocument.decisionTokenDays,
      }),
    ]),
  },
});
