/**
 * Starting an education (journeys.md section 2).
 *
 * The track (youth or higher education) decides which application steps apply. Everything after
 * the application waits for the place: SU, the tax card, the move and the travel card open when the
 * place is accepted, and close as `skipped` when there is no place. The move is its own journey
 * (moving), linked from the `move-out` step.
 */
import { assign, setup } from 'xstate';
import { compareIsoDates, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase, JourneyCommand } from '../shared/contract';
import {
  activatePending,
  cancelReminders,
  cancelTimer,
  deadlineReminders,
  emitCommands,
  integrationTask,
  isClosed,
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
import type { StartingEducationEvent } from './starting-education.events';
import {
  ACCEPT_PLACE_TASK,
  TAX_CARD_TASK,
  answerOverdueDate,
  initialStartingEducationSteps,
  readinessOverdueDate,
  suDecisionOverdueDate,
  suPlan,
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

const READINESS: StartingEducationStepId = 'readiness-assessment';
const YOUTH_APPLICATION: StartingEducationStepId = 'apply-youth-education';
const HIGHER_APPLICATION: StartingEducationStepId = 'apply-higher-education';
const ACCEPT: StartingEducationStepId = 'accept-place';
const SU: StartingEducationStepId = 'apply-su';
const TAX_CARD: StartingEducationStepId = 'set-tax-card';
const MOVE_OUT: StartingEducationStepId = 'move-out';
const UNGDOMSKORT: StartingEducationStepId = 'ungdomskort';

const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;

const watchdogFor =
  (step: StartingEducationStepId) =>
  ({ context, event }: { context: StartingEducationContext; event: { type: string } }) =>
    isTimer(watchdogKey(step))({ event }) && stepIs(step, 'active')({ context });

const placeAccepted = stepIs(ACCEPT, 'done');
const noPlace = stepIs(ACCEPT, 'skipped');

export const startingEducationMachine = setup({
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
    notifyNeedsYou: emitCommands((_context, _event, params: { step: StartingEducationStepId }) => [notifyCitizen('step-needs-you', params.step)]),
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
}).createMachine({
  id: 'starting-education',
  context: ({ input }) => {
    // The engine validated answers and facts against the start and facts schemas.
    const answers = input.answers as StartingEducationAnswers;
    const facts = input.facts as StartingEducationFacts;
    return {
      answers,
      facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: answers.educationStartDate,
      su: suPlan(answers, facts),
      steps: initialStartingEducationSteps(answers, facts),
    };
  },
  entry: 'scheduleTimers',
  initial: 'inProgress',
  states: {
    inProgress: {
      type: 'parallel',
      onDone: 'completed',
      on: { 'timer.fired': { guard: 'isReminderForOpenStep', actions: 'remindCitizen' } },
      states: {
        readiness: {
          initial: 'awaitingAssessment',
          states: {
            awaitingAssessment: {
              always: { guard: stepIs(READINESS, 'skipped'), target: 'notRelevant' },
              on: {
                'readiness.assessed': [
                  {
                    guard: ({ event }) => event.ready,
                    target: 'assessed',
                    actions: [
                      { type: 'setStep', params: { step: READINESS, status: 'done' } },
                      { type: 'cancelWatchdog', params: { step: READINESS } },
                    ],
                  },
                  {
                    // Not ready: upper secondary admission then goes through a test and an interview.
                    target: 'assessed',
                    actions: [
                      { type: 'setStep', params: { step: READINESS, status: 'done', reason: 'assessed-not-ready' } },
                      { type: 'cancelWatchdog', params: { step: READINESS } },
                      { type: 'notifyNeedsYou', params: { step: READINESS } },
                    ],
                  },
                ],
                'timer.fired': {
                  guard: watchdogFor(READINESS),
                  actions: [
                    { type: 'setStep', params: { step: READINESS, status: 'late', reason: 'assessment-overdue' } },
                    { type: 'notifyLate', params: { step: READINESS } },
                  ],
                },
              },
            },
            assessed: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        application: {
          initial: 'open',
          states: {
            open: {
              on: {
                'youth-application.submitted': {
                  guard: stepIs(YOUTH_APPLICATION, 'active'),
                  target: 'submitted',
                  actions: [
                    assign({ applicationRef: ({ event }) => event.applicationRef }),
                    {
                      type: 'setStep',
                      params: ({ context, event }) => ({
                        step: YOUTH_APPLICATION,
                        status: 'done',
                        // Late applications go straight to the school, which decides whether there is room.
                        reason: isAfter(event.submittedOn, context.steps[YOUTH_APPLICATION].deadline) ? 'submitted-after-deadline' : undefined,
                      }),
                    },
                  ],
                },
                'higher-application.submitted': {
                  guard: stepIs(HIGHER_APPLICATION, 'active'),
                  target: 'submitted',
                  actions: [
                    assign({ applicationRef: ({ event }) => event.applicationRef }),
                    {
                      type: 'setStep',
                      params: ({ context, event }) => ({
                        step: HIGHER_APPLICATION,
                        status: 'done',
                        reason: isAfter(event.submittedOn, context.steps[HIGHER_APPLICATION].deadline) ? 'submitted-after-deadline' : undefined,
                      }),
                    },
                  ],
                },
              },
            },
            submitted: { type: 'final' },
          },
        },
        acceptance: {
          initial: 'awaitingApplication',
          states: {
            awaitingApplication: {
              always: {
                guard: ({ context }) => context.steps[YOUTH_APPLICATION].status === 'done' || context.steps[HIGHER_APPLICATION].status === 'done',
                target: 'awaitingAnswer',
                actions: [{ type: 'activate', params: { steps: [ACCEPT] } }, 'watchAnswer'],
              },
            },
            awaitingAnswer: {
              on: {
                'place.offered': {
                  target: 'offered',
                  actions: [
                    { type: 'setStep', params: { step: ACCEPT, status: 'active' } },
                    { type: 'cancelWatchdog', params: { step: ACCEPT } },
                    { type: 'notifyNeedsYou', params: { step: ACCEPT } },
                  ],
                },
                'place.not-offered': {
                  target: 'noPlace',
                  actions: [
                    { type: 'setStep', params: { step: ACCEPT, status: 'skipped', reason: 'no-offer' } },
                    { type: 'cancelWatchdog', params: { step: ACCEPT } },
                  ],
                },
                'timer.fired': {
                  guard: watchdogFor(ACCEPT),
                  actions: [
                    { type: 'setStep', params: { step: ACCEPT, status: 'late', reason: 'answer-overdue' } },
                    { type: 'notifyLate', params: { step: ACCEPT } },
                  ],
                },
              },
            },
            offered: {
              on: {
                'place.answered': [
                  { guard: ({ event }) => event.accept, target: 'accepting', actions: assign({ acceptsPlace: true }) },
                  { target: 'declining', actions: assign({ acceptsPlace: false }) },
                ],
              },
            },
            // The answer goes to optagelse.dk either way; a caseworker retries it if it fails.
            accepting: {
              entry: [{ type: 'setStep', params: { step: ACCEPT, status: 'active' } }, 'sendAnswer'],
              on: {
                'integration.completed': {
                  guard: isTask(ACCEPT_PLACE_TASK),
                  target: 'accepted',
                  actions: { type: 'setStep', params: { step: ACCEPT, status: 'done' } },
                },
                'integration.failed': {
                  guard: isTask(ACCEPT_PLACE_TASK),
                  target: 'acceptFailed',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: ACCEPT, status: 'failed', reason: event.code }) },
                },
              },
            },
            acceptFailed: {
              on: { 'integration.retry': { guard: isTask(ACCEPT_PLACE_TASK), target: 'accepting' } },
            },
            declining: {
              entry: [{ type: 'setStep', params: { step: ACCEPT, status: 'active' } }, 'sendAnswer'],
              on: {
                'integration.completed': {
                  guard: isTask(ACCEPT_PLACE_TASK),
                  target: 'declined',
                  actions: { type: 'setStep', params: { step: ACCEPT, status: 'skipped', reason: 'declined' } },
                },
                'integration.failed': {
                  guard: isTask(ACCEPT_PLACE_TASK),
                  target: 'declineFailed',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: ACCEPT, status: 'failed', reason: event.code }) },
                },
              },
            },
            declineFailed: {
              on: { 'integration.retry': { guard: isTask(ACCEPT_PLACE_TASK), target: 'declining' } },
            },
            accepted: { type: 'final' },
            declined: { type: 'final' },
            noPlace: { type: 'final' },
          },
        },
        su: {
          initial: 'awaitingPlace',
          states: {
            awaitingPlace: {
              always: [
                {
                  guard: noPlace,
                  target: 'notRelevant',
                  actions: { type: 'setStep', params: { step: SU, status: 'skipped', reason: 'no-place' } },
                },
                {
                  guard: ({ context }) => placeAccepted({ context }) && context.su.needsEqualStatus,
                  target: 'equalStatus',
                  actions: [{ type: 'activate', params: { steps: [SU] } }, { type: 'notifyNeedsYou', params: { step: SU } }],
                },
                {
                  guard: placeAccepted,
                  target: 'open',
                  actions: { type: 'activate', params: { steps: [SU] } },
                },
              ],
            },
            // Foreign citizens are first made equal to Danish citizens (ligestilling).
            equalStatus: {
              on: { 'equal-status.applied': { target: 'equalStatusPending' } },
            },
            equalStatusPending: {
              on: {
                'equal-status.decided': [
                  { guard: ({ event }) => event.granted, target: 'open' },
                  {
                    target: 'noEqualStatus',
                    actions: { type: 'setStep', params: { step: SU, status: 'skipped', reason: 'no-equal-status' } },
                  },
                ],
              },
            },
            open: {
              on: {
                'su.applied': {
                  target: 'awaitingDecision',
                  // The reminders were about applying; from now on we wait for SU.
                  actions: [
                    assign({ suAppliedOn: ({ event }) => event.appliedOn }),
                    { type: 'watchSuDecision', params: ({ event }) => ({ appliedOn: event.appliedOn }) },
                  ],
                },
              },
            },
            awaitingDecision: {
              on: {
                'su.decided': [
                  {
                    guard: ({ event }) => event.granted,
                    target: 'granted',
                    actions: [
                      assign({ suGranted: true }),
                      {
                        type: 'setStep',
                        params: ({ context, event }) => ({
                          step: SU,
                          status: 'done',
                          // Not retroactive: applying after the entitlement month loses the months before.
                          reason:
                            context.suAppliedOn && isAfter(context.suAppliedOn, context.steps[SU].deadline)
                              ? 'applied-after-deadline'
                              : `rate-${event.rate}`,
                        }),
                      },
                      { type: 'cancelWatchdog', params: { step: SU } },
                    ],
                  },
                  {
                    target: 'refused',
                    actions: [
                      assign({ suGranted: false }),
                      { type: 'setStep', params: { step: SU, status: 'done', reason: 'su-refused' } },
                      { type: 'cancelWatchdog', params: { step: SU } },
                    ],
                  },
                ],
                'timer.fired': {
                  guard: watchdogFor(SU),
                  actions: [
                    { type: 'setStep', params: { step: SU, status: 'late', reason: 'decision-overdue' } },
                    { type: 'notifyLate', params: { step: SU } },
                  ],
                },
              },
            },
            granted: { type: 'final' },
            refused: { type: 'final' },
            noEqualStatus: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        taxCard: {
          initial: 'awaitingSu',
          states: {
            // The choice only matters once SU is paid.
            awaitingSu: {
              always: [
                {
                  guard: ({ context }) => context.suGranted === true,
                  target: 'open',
                  actions: [{ type: 'activate', params: { steps: [TAX_CARD] } }, { type: 'notifyNeedsYou', params: { step: TAX_CARD } }],
                },
                {
                  guard: ({ context }) => isClosed(context.steps[SU].status),
                  target: 'notRelevant',
                  actions: { type: 'setStep', params: { step: TAX_CARD, status: 'skipped', reason: 'no-su' } },
                },
              ],
            },
            open: {
              on: {
                'tax-card.chosen': {
                  target: 'settingCard',
                  actions: assign({ mainTaxCard: ({ event }) => ({ mainCard: event.mainCard, employerCvr: event.employerCvr }) }),
                },
              },
            },
            // We register the choice in eSkattekort; the other income then uses the secondary card.
            settingCard: {
              entry: [{ type: 'setStep', params: { step: TAX_CARD, status: 'active' } }, 'setTaxCard'],
              on: {
                'integration.completed': {
                  guard: isTask(TAX_CARD_TASK),
                  target: 'chosen',
                  actions: {
                    type: 'setStep',
                    params: ({ context }) => ({ step: TAX_CARD, status: 'done', reason: `main-card-${context.mainTaxCard?.mainCard ?? 'su'}` }),
                  },
                },
                'integration.failed': {
                  guard: isTask(TAX_CARD_TASK),
                  target: 'cardFailed',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: TAX_CARD, status: 'failed', reason: event.code }) },
                },
              },
            },
            cardFailed: {
              on: {
                'integration.retry': { guard: isTask(TAX_CARD_TASK), target: 'settingCard' },
                // The student may change the choice while a caseworker looks at the failure.
                'tax-card.chosen': {
                  target: 'settingCard',
                  actions: assign({ mainTaxCard: ({ event }) => ({ mainCard: event.mainCard, employerCvr: event.employerCvr }) }),
                },
              },
            },
            chosen: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        moveOut: {
          initial: 'awaitingPlace',
          states: {
            awaitingPlace: {
              always: [
                { guard: stepIs(MOVE_OUT, 'skipped'), target: 'notMoving' },
                {
                  guard: noPlace,
                  target: 'notMoving',
                  actions: { type: 'setStep', params: { step: MOVE_OUT, status: 'skipped', reason: 'no-place' } },
                },
                {
                  guard: placeAccepted,
                  target: 'planning',
                  actions: [{ type: 'activate', params: { steps: [MOVE_OUT] } }, { type: 'notifyNeedsYou', params: { step: MOVE_OUT } }],
                },
              ],
            },
            // The moving journey needs the move's details, so it starts when the student gives them.
            planning: {
              on: {
                'move-out.planned': {
                  target: 'linked',
                  actions: { type: 'linkMove', params: ({ event }) => ({ answers: event.move }) },
                },
                'move-out.cancelled': {
                  target: 'notMoving',
                  actions: { type: 'setStep', params: { step: MOVE_OUT, status: 'skipped', reason: 'not-moving' } },
                },
              },
            },
            linked: {
              on: {
                'journey.linked-completed': {
                  guard: ({ event }) => event.step === MOVE_OUT && event.journeyType === 'moving',
                  target: 'moved',
                  actions: { type: 'setStep', params: { step: MOVE_OUT, status: 'done' } },
                },
              },
            },
            moved: { type: 'final' },
            notMoving: { type: 'final' },
          },
        },
        ungdomskort: {
          initial: 'awaitingPlace',
          states: {
            awaitingPlace: {
              always: [
                {
                  guard: noPlace,
                  target: 'notRelevant',
                  actions: { type: 'setStep', params: { step: UNGDOMSKORT, status: 'skipped', reason: 'no-place' } },
                },
                { guard: placeAccepted, target: 'open', actions: { type: 'activate', params: { steps: [UNGDOMSKORT] } } },
              ],
            },
            open: {
              on: {
                'ungdomskort.applied': {
                  target: 'applied',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: UNGDOMSKORT,
                      status: 'done',
                      reason: isAfter(event.appliedOn, context.steps[UNGDOMSKORT].deadline) ? 'applied-after-deadline' : undefined,
                    }),
                  },
                },
                'ungdomskort.declined': {
                  target: 'notRelevant',
                  actions: { type: 'setStep', params: { step: UNGDOMSKORT, status: 'skipped', reason: 'declined' } },
                },
              },
            },
            applied: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type StartingEducationMachine = typeof startingEducationMachine;
