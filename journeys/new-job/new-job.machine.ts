/**
 * New job (journeys.md section 6).
 *
 * One parallel region per step. The tax card and the first pay report are register flows the
 * journey confirms with Skattestyrelsen (eSkattekort, eIndkomst) and flags when overdue; the
 * newcomer branch starts the moving-to-Denmark journey instead of copying its steps.
 */
import { assign, setup } from 'xstate';
import { atUtc, compareIsoDates, dateOfTimestamp, maxIsoDate, type IsoDate } from '../shared/calendar';
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
  reminderTimers,
  setStepAction,
  stepIs,
  watchdogKey,
  watchdogTimer,
  type JourneyTypes,
} from '../shared/kit';
import { awaitedConfirmation } from '../shared/patterns';
import type { NewJobEvent, TaxCardType } from './new-job.events';
import {
  PAYROLL_TASK,
  TAX_CARD_TASK,
  finalClaimDeadline,
  initialNewJobSteps,
  monthOf,
  payrollWatchdogDate,
  taxCardWatchdogDate,
} from './new-job.rules';
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

const LINK_STEP: StepId = 'move-to-denmark';
const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;

/** "Now" for reminders scheduled after an event: the event's day, but never before the journey started. */
function nowFrom(startedAt: string, day: IsoDate): string {
  const dayStart = atUtc(day, '00:00');
  return Date.parse(dayStart) > Date.parse(startedAt) ? dayStart : startedAt;
}

function linkCommands(context: NewJobContext): JourneyCommand[] {
  const { newcomer, firstWorkingDay, employerCvr } = context.answers;
  if (!newcomer.newToDenmark) return [];
  // The linked journey is started with complete answers; the job is the one this journey is about.
  const job = { hasJob: true, startDate: firstWorkingDay, ...(employerCvr ? { employerCvr } : {}) };
  return [{ type: 'journey.link', journeyType: 'moving-to-denmark', step: LINK_STEP, answers: { ...newcomer.arrival, job } }];
}

const confirmation = awaitedConfirmation<NewJobContext>();

export const newJobMachine = setup({
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
    rescheduleReminders: emitCommands((context: NewJobContext, _event, params: { step: StepId; from: IsoDate }) => {
      const deadline = context.steps[params.step].deadline;
      return [
        ...cancelReminders(params.step, context.reminderDays),
        ...(deadline ? reminderTimers(params.step, deadline, context.reminderDays, nowFrom(context.startedAt, params.from)) : []),
      ];
    }),
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
}).createMachine({
  id: 'new-job',
  context: ({ input }) => {
    // The engine validated the answers against newJobStartSchema.
    const answers = input.answers as unknown as NewJobAnswers;
    return {
      answers,
      facts: input.facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: answers.firstWorkingDay,
      basis: { taxCard: answers.firstWorkingDay, payroll: answers.firstWorkingDay },
      lateReasons: {},
      steps: initialNewJobSteps(answers),
    };
  },
  entry: 'scheduleReminders',
  initial: 'inProgress',
  states: {
    inProgress: {
      type: 'parallel',
      onDone: 'completed',
      on: { 'timer.fired': { guard: 'isReminderForOpenStep', actions: 'remindCitizen' } },
      states: {
        // The citizen chooses main or secondary card; the employer then fetches it from eSkattekort.
        taxCard: {
          initial: 'awaitingChoice',
          states: {
            awaitingChoice: {
              on: {
                'tax-card.chosen': {
                  target: 'awaitingEmployer',
                  actions: [
                    { type: 'recordCardType', params: ({ event }) => ({ cardType: event.cardType }) },
                    {
                      type: 'recordBasis',
                      params: ({ context, event }) => ({ taxCard: maxIsoDate(context.anchorDate, event.chosenOn) }),
                    },
                    {
                      type: 'markLate',
                      params: ({ context, event }) => ({
                        step: 'tax-card',
                        late: isAfter(event.chosenOn, context.steps['tax-card'].deadline),
                        reason: 'chosen-after-first-working-day',
                      }),
                    },
                    { type: 'cancelStepReminders', params: { step: 'tax-card' } },
                  ],
                },
              },
            },
            ...confirmation({
              step: 'tax-card',
              task: TAX_CARD_TASK,
              awaiting: 'awaitingEmployer',
              failed: 'confirmationFailed',
              confirmed: 'fetched',
              entry: 'requestTaxCardConfirmation',
              lateReason: 'tax-card-not-fetched',
              cancel: 'byStep',
              doneReason: (context) => context.lateReasons['tax-card'],
              retry: [
                // Without the request time the old basis stands, so the watchdog may flag `late` at once.
                {
                  type: 'recordBasis',
                  params: ({ context, event }) => ({ taxCard: event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.basis.taxCard }),
                },
              ],
            }),
            fetched: { type: 'final' },
          },
        },
        preliminaryTax: {
          initial: 'open',
          states: {
            open: {
              on: {
                'preliminary-tax.checked': [
                  {
                    guard: ({ event }) => event.changed,
                    target: 'updated',
                    actions: { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'done' } },
                  },
                  {
                    target: 'unchanged',
                    actions: { type: 'setStep', params: { step: 'update-preliminary-tax', status: 'skipped', reason: 'no-change' } },
                  },
                ],
              },
            },
            updated: { type: 'final' },
            unchanged: { type: 'final' },
          },
        },
        leaveUnemployment: {
          initial: 'awaitingDeregistration',
          states: {
            // Dagpenge: deregister on Jobnet, then send the last claim form to the a-kasse.
            awaitingDeregistration: {
              always: [
                { guard: stepIs('leave-unemployment', 'skipped'), target: 'notRelevant' },
                { guard: ({ context }) => context.answers.unemployment === 'social-assistance', target: 'awaitingJobcentreNotice' },
              ],
              on: {
                'jobnet.deregistered': {
                  target: 'awaitingFinalClaim',
                  actions: [
                    {
                      type: 'markLate',
                      params: ({ context, event }) => ({
                        step: 'leave-unemployment',
                        late: isAfter(event.deregisteredOn, context.steps['leave-unemployment'].deadline),
                        reason: 'deregistered-after-first-working-day',
                      }),
                    },
                    // The deadline that matters now is the a-kasse's limit for the last claim form.
                    {
                      type: 'setDeadline',
                      params: ({ context }) => ({
                        step: 'leave-unemployment',
                        deadline: finalClaimDeadline(context.anchorDate),
                        availableFrom: context.anchorDate,
                      }),
                    },
                    { type: 'rescheduleReminders', params: ({ event }) => ({ step: 'leave-unemployment', from: event.deregisteredOn }) },
                  ],
                },
              },
            },
            awaitingFinalClaim: {
              on: {
                'final-claim.submitted': {
                  target: 'left',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: 'leave-unemployment',
                      status: 'done',
                      reason: isAfter(event.submittedOn, context.steps['leave-unemployment'].deadline)
                        ? 'final-claim-after-deadline'
                        : context.lateReasons['leave-unemployment'],
                    }),
                  },
                },
              },
            },
            // Social assistance: tell the job centre.
            awaitingJobcentreNotice: {
              on: {
                'jobcenter.notified': {
                  target: 'left',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: 'leave-unemployment',
                      status: 'done',
                      reason: isAfter(event.notifiedOn, context.steps['leave-unemployment'].deadline) ? 'notified-after-first-working-day' : undefined,
                    }),
                  },
                },
              },
            },
            left: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        // ATP and pension are deducted through payroll: confirmed when the first pay reaches eIndkomst.
        pensionAtp: {
          initial: 'awaitingPayroll',
          states: {
            ...confirmation({
              step: 'pension-atp',
              task: PAYROLL_TASK,
              awaiting: 'awaitingPayroll',
              failed: 'confirmationFailed',
              confirmed: 'reported',
              entry: 'requestPayrollConfirmation',
              lateReason: 'first-pay-not-reported',
              cancel: 'byStep',
              retry: [
                {
                  type: 'recordBasis',
                  params: ({ context, event }) => ({ payroll: event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.basis.payroll }),
                },
              ],
            }),
            reported: { type: 'final' },
          },
        },
        holidayPay: {
          initial: 'open',
          states: {
            open: {
              always: { guard: stepIs('holiday-pay', 'skipped'), target: 'notRelevant' },
              on: {
                'holiday-pay.requested': {
                  target: 'requested',
                  actions: { type: 'setStep', params: { step: 'holiday-pay', status: 'done' } },
                },
                'holiday-pay.not-needed': {
                  target: 'notRelevant',
                  actions: { type: 'setStep', params: { step: 'holiday-pay', status: 'skipped', reason: 'not-needed' } },
                },
              },
            },
            requested: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        // Housing benefit and SU read the pay from eIndkomst, but the duty to report stays with the citizen.
        incomeLinkedBenefits: {
          initial: 'open',
          states: {
            open: {
              type: 'parallel',
              onDone: [
                { guard: stepIs('income-linked-benefits', 'skipped'), target: 'notRelevant' },
                { target: 'reported' },
              ],
              states: {
                housingBenefit: {
                  initial: 'open',
                  states: {
                    open: {
                      always: { guard: ({ context }) => !context.answers.receivesHousingBenefit, target: 'notRelevant' },
                      on: { 'housing-benefit.income-reported': { target: 'reported' } },
                    },
                    reported: { type: 'final' },
                    notRelevant: { type: 'final' },
                  },
                },
                su: {
                  initial: 'open',
                  states: {
                    open: {
                      always: { guard: ({ context }) => !context.answers.receivesSu, target: 'notRelevant' },
                      on: { 'su.income-checked': { target: 'checked' } },
                    },
                    checked: { type: 'final' },
                    notRelevant: { type: 'final' },
                  },
                },
              },
            },
            reported: {
              type: 'final',
              entry: { type: 'setStep', params: { step: 'income-linked-benefits', status: 'done' } },
            },
            notRelevant: { type: 'final' },
          },
        },
        // Newcomers: the moving-to-Denmark journey fulfils this step.
        newcomer: {
          initial: 'linked',
          states: {
            linked: {
              entry: 'linkNewcomerJourney',
              always: { guard: stepIs(LINK_STEP, 'skipped'), target: 'notRelevant' },
              on: {
                'journey.linked-completed': {
                  guard: ({ event }) => event.step === LINK_STEP && event.journeyType === 'moving-to-denmark',
                  target: 'arrived',
                  actions: { type: 'setStep', params: { step: LINK_STEP, status: 'done' } },
                },
              },
            },
            arrived: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type NewJobMachine = typeof newJobMachine;
