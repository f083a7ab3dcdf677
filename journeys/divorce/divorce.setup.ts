/** The divorce machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { journeyActions, journeyGuards, linkMoveAction } from '../shared/actions';
import type { IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import { emitCommands, integrationTask, journeyTypes, notifyCitizen, stepIs, watchdogTimer } from '../shared/kit';
import type { DivorceEvent, ScreeningTrack } from './divorce.events';
import {
  ALLOWANCE_TASK,
  decreeOverdueDate,
  DIVORCE_FEES,
  ESTATE_DIVISION_TASK,
  NEGOTIATION_TASK,
  SCREENING_TASK,
  screeningOverdueDate,
} from './divorce.rules';
import type { DivorceAnswers, DivorceFacts } from './divorce.start';
import type { DivorceStepId } from './divorce.steps';

export type Application = Extract<DivorceEvent, { type: 'divorce.applied' }>;

export interface DivorceContext extends JourneyContextBase {
  answers: DivorceAnswers;
  facts: DivorceFacts;
  /** The day the couple stops living together. */
  anchorDate: IsoDate;
  /** Familieretshuset's case, once applied for (married couples). */
  divorceCase?: Pick<Application, 'caseRef' | 'appliedOn' | 'applicationType' | 'agreement' | 'grounds' | 'termsInDispute'>;
  /** The day the screening watchdog counts from: the application, or a caseworker's retry. */
  screeningBasisDate?: IsoDate;
  track?: ScreeningTrack;
  /** The day the citizen asked us to apply for the single-parent allowance. */
  allowanceRequestedOn?: IsoDate;
}

export const APPLY: DivorceStepId = 'apply-separation-divorce';
export const TERMS: DivorceStepId = 'agree-terms';
export const SCREENING: DivorceStepId = 'screening';
export const CHILDREN: DivorceStepId = 'children-arrangements';
export const MOVE_OUT: DivorceStepId = 'move-out';
export const BENEFITS: DivorceStepId = 'family-benefits';
export const SUPPORT: DivorceStepId = 'child-support';
export const ESTATE: DivorceStepId = 'estate-split';
export const TAX_HOUSING: DivorceStepId = 'update-tax-and-housing';

export const screened = stepIs(SCREENING, 'done');
/** The case reference exists from the application on; the fallback is never used by a reachable state. */
const caseRefOf = (context: DivorceContext) => context.divorceCase?.caseRef ?? 'FRH-UNKNOWN';

export const divorceSetup = setup({
  types: journeyTypes<DivorceContext, DivorceEvent>(),
  guards: journeyGuards,
  actions: {
    ...journeyActions<DivorceContext, DivorceEvent, DivorceStepId>(),
    recordTrack: assign((_, params: { track: ScreeningTrack }) => ({ track: params.track })),
    requestScreening: emitCommands((context: DivorceContext) => [
      integrationTask(SCREENING, 'familieretshuset', SCREENING_TASK, { caseRef: caseRefOf(context) }),
      watchdogTimer(SCREENING, screeningOverdueDate(context.screeningBasisDate ?? context.anchorDate)),
    ]),
    requestNegotiation: emitCommands((context: DivorceContext) => [
      integrationTask(TERMS, 'familieretshuset', NEGOTIATION_TASK, {
        caseRef: caseRefOf(context),
        topics: context.divorceCase?.termsInDispute ?? [],
      }),
    ]),
    notifyNegotiationFee: emitCommands(() => [
      notifyCitizen('fee-due', TERMS, { amount: DIVORCE_FEES.termsNegotiation, feeYear: DIVORCE_FEES.year }),
    ]),
    watchDecree: emitCommands((_context, _event, params: { concludedOn: IsoDate }) => [
      watchdogTimer(TERMS, decreeOverdueDate(params.concludedOn)),
    ]),
    requestEstateDivision: emitCommands((context: DivorceContext) => [
      integrationTask(ESTATE, 'probate-court', ESTATE_DIVISION_TASK, { divorceCaseRef: caseRefOf(context) }),
    ]),
    requestAllowance: emitCommands((context: DivorceContext) => [
      integrationTask(BENEFITS, 'udbetaling-danmark', ALLOWANCE_TASK, {
        children: context.facts.childrenUnder18.map(({ birthDate }) => ({ birthDate })),
        singleSince: context.answers.separationDate,
      }),
    ]),
    linkMove: linkMoveAction<DivorceContext, DivorceEvent>(MOVE_OUT),
  },
});
