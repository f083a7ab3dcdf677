/**
 * Moving abroad (journeys.md section 8).
 *
 * The registration region carries the ordering: the citizen may stay registered (or the
 * municipality decides), otherwise reports the departure; a move to a Nordic country waits for that
 * country's confirmation; then CPR records the departure. The tax call and the child-benefit stop
 * follow the CPR registration; the other benefits, and the A1/S1 question, can be handled any time.
 */
import { assign, raise, setup } from 'xstate';
import { atUtc, compareIsoDates, dateOfTimestamp, maxIsoDate, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import {
  REMINDER_TIME_UTC,
  awaitAuthority,
  cancelTimer,
  deadlineReminders,
  emitCommands,
  integrationTask,
  isReminderForOpenStep,
  isTask,
  isTimer,
  notifyCitizen,
  reminderNotification,
  setStepAction,
  stepIs,
  watchdogKey,
  watchdogTimer,
  type JourneyTypes,
} from '../shared/kit';
import type { MovingAbroadEvent } from './moving-abroad.events';
import {
  CPR_TASK,
  MOVING_ABROAD_RULES,
  cprDestination,
  cprWatchdogDate,
  housingBenefitAffected,
  initialMovingAbroadSteps,
  nordicWatchdogDate,
  registrationPath,
  taxCallDate,
} from './moving-abroad.rules';
import type { MovingAbroadAnswers } from './moving-abroad.start';
import type { MovingAbroadStepId } from './moving-abroad.steps';

export interface MovingAbroadContext extends JourneyContextBase {
  answers: MovingAbroadAnswers;
  anchorDate: IsoDate;
  /** The latest of the departure, the report and the Nordic confirmation: CPR records the departure from then. */
  registrationBasisDate: IsoDate;
}

type StepId = MovingAbroadStepId;

const CPR_STEP: StepId = 'cpr-status-udrejst';
const CPR_WATCHDOG = watchdogKey(CPR_STEP);
/** Tells the citizen when Skattestyrelsen is ready for the call (not a deadline, so not a `reminder:` key). */
export const TAX_CALL_TIMER = 'call:tax-liability';

const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;

export const movingAbroadMachine = setup({
  types: {} as JourneyTypes<MovingAbroadContext, MovingAbroadEvent>,
  guards: {
    isReminderForOpenStep,
    toNordicCountry: ({ context }) => context.answers.destination === 'nordic',
  },
  actions: {
    setStep: setStepAction(),
    recordBasisDate: assign(({ context }, params: { date: IsoDate }) => ({
      registrationBasisDate: maxIsoDate(context.registrationBasisDate, params.date),
    })),
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
    scheduleReminders: emitCommands((context: MovingAbroadContext) => deadlineReminders(context)),
    remindCitizen: emitCommands((context: MovingAbroadContext, event) => reminderNotification(context, event)),
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
    cancelCprWatchdog: emitCommands(() => [cancelTimer(CPR_WATCHDOG)]),
    scheduleTaxCall: emitCommands((context: MovingAbroadContext) => [
      {
        type: 'timer.schedule',
        key: TAX_CALL_TIMER,
        dueAt: atUtc(taxCallDate(context.registrationBasisDate), REMINDER_TIME_UTC),
        step: 'tax-liability',
        purpose: 'reminder',
      },
    ]),
    cancelTaxCall: emitCommands(() => [cancelTimer(TAX_CALL_TIMER)]),
    notifyTaxCall: emitCommands(() => [notifyCitizen('step-needs-you', 'tax-liability')]),
    notifyLate: emitCommands(() => [notifyCitizen('step-late', CPR_STEP)]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
}).createMachine({
  id: 'moving-abroad',
  context: ({ input }) => {
    // The engine validated the answers against movingAbroadStartSchema.
    const answers = input.answers as unknown as MovingAbroadAnswers;
    return {
      answers,
      facts: input.facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: answers.departureDate,
      registrationBasisDate: answers.departureDate,
      steps: initialMovingAbroadSteps(answers),
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
        registration: {
          initial: 'choosingToStay',
          states: {
            // ≤6 months away with full use of the home: the citizen may stay registered, or report anyway.
            choosingToStay: {
              always: [
                { guard: ({ context }) => registrationPath(context.answers) === 'municipality-decides', target: 'awaitingMunicipality' },
                { guard: ({ context }) => registrationPath(context.answers) === 'must-report', target: 'awaitingReport' },
              ],
              on: {
                'registration.kept': {
                  target: 'kept',
                  actions: [
                    { type: 'setStep', params: { step: 'report-emigration', status: 'skipped', reason: 'stays-registered' } },
                    { type: 'skipSteps', params: { steps: [CPR_STEP, 'tax-liability'], reason: 'stays-registered' } },
                  ],
                },
                // Reporting anyway: handled exactly as on the must-report path.
                'emigration.reported': { target: 'awaitingReport', actions: raise(({ event }) => event) },
              },
            },
            // Working abroad but home most weekends: the municipality decides whether the citizen still lives here.
            awaitingMunicipality: {
              on: {
                'residence.decided': [
                  { guard: ({ event }) => event.mustDeregister, target: 'awaitingReport' },
                  {
                    target: 'kept',
                    actions: [
                      { type: 'setStep', params: { step: 'report-emigration', status: 'skipped', reason: 'municipality-kept-registration' } },
                      { type: 'skipSteps', params: { steps: [CPR_STEP, 'tax-liability'], reason: 'municipality-kept-registration' } },
                    ],
                  },
                ],
              },
            },
            awaitingReport: {
              on: {
                'emigration.reported': [
                  {
                    guard: 'toNordicCountry',
                    target: 'awaitingNordicConfirmation',
                    actions: [
                      {
                        type: 'setStep',
                        params: ({ context, event }) => ({
                          step: 'report-emigration',
                          status: 'done',
                          reason: isAfter(event.reportedOn, context.steps['report-emigration'].deadline) ? 'reported-after-deadline' : undefined,
                        }),
                      },
                      { type: 'recordBasisDate', params: ({ event }) => ({ date: event.reportedOn }) },
                    ],
                  },
                  {
                    target: 'awaitingCpr',
                    actions: [
                      {
                        type: 'setStep',
                        params: ({ context, event }) => ({
                          step: 'report-emigration',
                          status: 'done',
                          reason: isAfter(event.reportedOn, context.steps['report-emigration'].deadline) ? 'reported-after-deadline' : undefined,
                        }),
                      },
                      { type: 'recordBasisDate', params: ({ event }) => ({ date: event.reportedOn }) },
                    ],
                  },
                ],
              },
            },
            // Inter-Nordic agreement: Denmark records the departure only after the other country confirms.
            awaitingNordicConfirmation: {
              entry: [{ type: 'setStep', params: { step: CPR_STEP, status: 'active' } }, 'awaitNordicConfirmation'],
              on: {
                'nordic-registration.confirmed': {
                  target: 'awaitingCpr',
                  actions: { type: 'recordBasisDate', params: ({ event }) => ({ date: event.confirmedOn }) },
                },
                'timer.fired': {
                  guard: isTimer(CPR_WATCHDOG),
                  actions: [
                    { type: 'setStep', params: { step: CPR_STEP, status: 'late', reason: 'nordic-confirmation-overdue' } },
                    'notifyLate',
                  ],
                },
              },
            },
            awaitingCpr: {
              entry: [{ type: 'setStep', params: { step: CPR_STEP, status: 'active' } }, 'requestCprConfirmation'],
              on: {
                'integration.completed': {
                  guard: isTask(CPR_TASK),
                  target: 'registered',
                  actions: [{ type: 'setStep', params: { step: CPR_STEP, status: 'done' } }, 'cancelCprWatchdog'],
                },
                'integration.failed': {
                  guard: isTask(CPR_TASK),
                  target: 'cprFailed',
                  actions: [
                    { type: 'setStep', params: ({ event }) => ({ step: CPR_STEP, status: 'failed', reason: event.code }) },
                    'cancelCprWatchdog',
                  ],
                },
                'timer.fired': {
                  guard: isTimer(CPR_WATCHDOG),
                  actions: [{ type: 'setStep', params: { step: CPR_STEP, status: 'late', reason: 'confirmation-overdue' } }, 'notifyLate'],
                },
              },
            },
            cprFailed: {
              on: {
                'integration.retry': {
                  guard: isTask(CPR_TASK),
                  target: 'awaitingCpr',
                  // Without the request time the old basis stands, so the watchdog may flag `late` at once.
                  actions: {
                    type: 'recordBasisDate',
                    params: ({ context, event }) => ({
                      date: event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.registrationBasisDate,
                    }),
                  },
                },
              },
            },
            registered: { type: 'final' },
            kept: { type: 'final' },
          },
        },
        // Call Skattestyrelsen about a week after the deregistration, once it has the CPR change.
        taxLiability: {
          initial: 'awaitingDeregistration',
          states: {
            awaitingDeregistration: {
              always: [
                { guard: stepIs('tax-liability', 'skipped'), target: 'notRelevant' },
                { guard: stepIs(CPR_STEP, 'done'), target: 'open', actions: ['openTaxLiability', 'scheduleTaxCall'] },
              ],
            },
            open: {
              on: {
                'tax-liability.clarified': {
                  target: 'clarified',
                  actions: [
                    { type: 'setStep', params: ({ event }) => ({ step: 'tax-liability', status: 'done', reason: `liability-${event.liability}` }) },
                    'cancelTaxCall',
                  ],
                },
                'timer.fired': { guard: isTimer(TAX_CALL_TIMER), actions: 'notifyTaxCall' },
              },
            },
            clarified: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        benefitsStop: {
          initial: 'open',
          states: {
            open: {
              type: 'parallel',
              onDone: [{ guard: stepIs('benefits-stop', 'skipped'), target: 'notRelevant' }, { target: 'checked' }],
              states: {
                // UDK stops child benefit from the CPR registration, unless the citizen still works in Denmark.
                childBenefit: {
                  initial: 'awaitingRegistration',
                  states: {
                    awaitingRegistration: {
                      always: [
                        { guard: ({ context }) => !context.answers.benefits.childBenefit, target: 'notRelevant' },
                        // Staying registered: the move is not permanent, the benefit continues.
                        { guard: stepIs('report-emigration', 'skipped'), target: 'notRelevant' },
                        { guard: ({ context }) => context.steps[CPR_STEP].status === 'done' && context.answers.stillWorksInDenmark, target: 'open' },
                        { guard: stepIs(CPR_STEP, 'done'), target: 'stoppedByCpr' },
                      ],
                    },
                    open: {
                      on: {
                        'benefit-change.reported': { guard: ({ event }) => event.benefit === 'child-benefit', target: 'reported' },
                      },
                    },
                    reported: { type: 'final' },
                    stoppedByCpr: { type: 'final' },
                    notRelevant: { type: 'final' },
                  },
                },
                housingBenefit: {
                  initial: 'open',
                  states: {
                    open: {
                      always: { guard: ({ context }) => !housingBenefitAffected(context.answers), target: 'notRelevant' },
                      on: {
                        'benefit-change.reported': { guard: ({ event }) => event.benefit === 'housing-benefit', target: 'reported' },
                      },
                    },
                    reported: { type: 'final' },
                    notRelevant: { type: 'final' },
                  },
                },
                su: {
                  initial: 'open',
                  states: {
                    open: {
                      always: { guard: ({ context }) => !context.answers.benefits.su, target: 'notRelevant' },
                      on: { 'benefit-change.reported': { guard: ({ event }) => event.benefit === 'su', target: 'reported' } },
                    },
                    reported: { type: 'final' },
                    notRelevant: { type: 'final' },
                  },
                },
                pension: {
                  initial: 'open',
                  states: {
                    open: {
                      always: { guard: ({ context }) => !context.answers.benefits.pension, target: 'notRelevant' },
                      on: { 'benefit-change.reported': { guard: ({ event }) => event.benefit === 'pension', target: 'reported' } },
                    },
                    reported: { type: 'final' },
                    notRelevant: { type: 'final' },
                  },
                },
              },
            },
            checked: {
              type: 'final',
              entry: { type: 'setStep', params: { step: 'benefits-stop', status: 'done' } },
            },
            notRelevant: { type: 'final' },
          },
        },
        // A1/S1 for work in the EU/EEA: not researched, so the citizen records the outcome.
        euSocialSecurity: {
          initial: 'open',
          states: {
            open: {
              always: { guard: stepIs('eu-social-security', 'skipped'), target: 'notRelevant' },
              on: {
                'eu-social-security.clarified': [
                  {
                    guard: ({ event }) => event.outcome === 'certificate-obtained',
                    target: 'handled',
                    actions: { type: 'setStep', params: { step: 'eu-social-security', status: 'done' } },
                  },
                  {
                    target: 'notRelevant',
                    actions: { type: 'setStep', params: { step: 'eu-social-security', status: 'skipped', reason: 'not-needed' } },
                  },
                ],
              },
            },
            handled: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type MovingAbroadMachine = typeof movingAbroadMachine;
