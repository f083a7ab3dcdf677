/** The starting-education machine's context, actions and guards, shared by the machine and its regions. */
import { setup } from 'xstate';
import { journeyActions, journeyGuards, linkMoveAction } from '../shared/actions';
import type { IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import { cancelReminders, deadlineReminders, emitCommands, integrationTask, journeyTypes, stepIs, watchdogTimer } from '../shared/kit';
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

export const placeAccepted = stepIs(ACCEPT, 'done');
export const noPlace = stepIs(ACCEPT, 'skipped');

export const startingEducationSetup = setup({
  types: journeyTypes<StartingEducationContext, StartingEducationEvent>(),
  guards: journeyGuards,
  actions: {
    ...journeyActions<StartingEducationContext, StartingEducationEvent, StartingEducationStepId>(),
    scheduleStartTimers: emitCommands((context: StartingEducationContext) => [
      ...deadlineReminders(context),
      ...(context.steps[READINESS].status === 'active' ? [watchdogTimer(READINESS, readinessOverdueDate(context.answers))] : []),
    ]),
    watchAnswer: emitCommands((context: StartingEducationContext) => [watchdogTimer(ACCEPT, answerOverdueDate(context.answers))]),
    watchSuDecision: emitCommands((context: StartingEducationContext, _event, params: { appliedOn: IsoDate }) => [
      ...cancelReminders(SU, context.reminderDays),
      watchdogTimer(SU, suDecisionOverdueDate(params.appliedOn)),
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
    linkMove: linkMoveAction<StartingEducationContext, StartingEducationEvent>(MOVE_OUT),
  },
});
