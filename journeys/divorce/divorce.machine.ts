/**
 * Divorce or break-up (journeys.md section 5).
 *
 * Married couples go through Familieretshuset: the application, the screening (§ 5/§ 6/§ 7, from
 * Familieretshuset's result or recorded by a caseworker) and the terms, with a negotiation meeting
 * when the spouses disagree. Cohabiting couples skip those steps and share the rest: the children,
 * the move (its own journey, linked from `move-out`), benefits, property, tax and housing.
 */
import { assign, setup } from 'xstate';
import { compareIsoDates, dateOfTimestamp, type IsoDate } from '../shared/calendar';
import type { JourneyCommand, JourneyContextBase } from '../shared/contract';
import {
  activatePending,
  cancelReminders,
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
import type { DivorceEvent, ScreeningTrack } from './divorce.events';
import {
  ALLOWANCE_TASK,
  DIVORCE_FEES,
  ESTATE_DIVISION_TASK,
  NEGOTIATION_TASK,
  SCREENING_TASK,
  decreeOverdueDate,
  initialDivorceSteps,
  isScreeningTrack,
  isValidApplication,
  screeningOverdueDate,
} from './divorce.rules';
import type { DivorceAnswers, DivorceFacts } from './divorce.start';
import type { DivorceStepId } from './divorce.steps';

type Application = Extract<DivorceEvent, { type: 'divorce.applied' }>;

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

const APPLY: DivorceStepId = 'apply-separation-divorce';
const TERMS: DivorceStepId = 'agree-terms';
const SCREENING: DivorceStepId = 'screening';
const CHILDREN: DivorceStepId = 'children-arrangements';
const MOVE_OUT: DivorceStepId = 'move-out';
const BENEFITS: DivorceStepId = 'family-benefits';
const SUPPORT: DivorceStepId = 'child-support';
const ESTATE: DivorceStepId = 'estate-split';
const TAX_HOUSING: DivorceStepId = 'update-tax-and-housing';

const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;

const watchdogFor =
  (step: DivorceStepId) =>
  ({ context, event }: { context: DivorceContext; event: { type: string } }) =>
    isTimer(watchdogKey(step))({ event }) && stepIs(step, 'active')({ context });

const screened = stepIs(SCREENING, 'done');
/** The case reference exists from the application on; the fallback is never used by a reachable state. */
const caseRefOf = (context: DivorceContext) => context.divorceCase?.caseRef ?? 'FRH-UNKNOWN';

export const divorceMachine = setup({
  types: {} as JourneyTypes<DivorceContext, DivorceEvent>,
  guards: {
    isReminderForOpenStep,
  },
  actions: {
    setStep: setStepAction(),
    activate: assign(({ context }, params: { steps: readonly DivorceStepId[] }) => ({
      steps: activatePending(context.steps, params.steps),
    })),
    scheduleReminders: emitCommands((context: DivorceContext) => deadlineReminders(context)),
    remindCitizen: emitCommands((context, event) => reminderNotification(context, event)),
    cancelWatchdog: emitCommands((_context, _event, params: { step: DivorceStepId }) => [cancelTimer(watchdogKey(params.step))]),
    cancelStepReminders: emitCommands((context: DivorceContext, _event, params: { step: DivorceStepId }) =>
      cancelReminders(params.step, context.reminderDays),
    ),
    notifyLate: emitCommands((_context, _event, params: { step: DivorceStepId }) => [notifyCitizen('step-late', params.step)]),
    notifyNeedsYou: emitCommands((_context, _event, params: { step: DivorceStepId }) => [notifyCitizen('step-needs-you', params.step)]),
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
    watchDecree: emitCommands((_context, _event, params: { concludedOn: IsoDate }) => [watchdogTimer(TERMS, decreeOverdueDate(params.concludedOn))]),
    requestEstateDivision: emitCommands((context: DivorceContext) => [
      integrationTask(ESTATE, 'probate-court', ESTATE_DIVISION_TASK, { divorceCaseRef: caseRefOf(context) }),
    ]),
    requestAllowance: emitCommands((context: DivorceContext) => [
      integrationTask(BENEFITS, 'udbetaling-danmark', ALLOWANCE_TASK, {
        children: context.facts.childrenUnder18.map(({ birthDate }) => ({ birthDate })),
        singleSince: context.answers.separationDate,
      }),
    ]),
    linkMove: emitCommands((_context, _event, params: { answers: Record<string, unknown> }): JourneyCommand[] => [
      { type: 'journey.link', journeyType: 'moving', step: MOVE_OUT, answers: params.answers },
    ]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
}).createMachine({
  id: 'divorce',
  context: ({ input }) => {
    // The engine validated answers and facts against the start and facts schemas.
    const answers = input.answers as DivorceAnswers;
    const facts = input.facts as DivorceFacts;
    return {
      answers,
      facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: answers.separationDate,
      steps: initialDivorceSteps(answers, facts, input.startedAt),
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
        // Steps 1 and 3: the application and Familieretshuset's screening.
        divorceCase: {
          initial: 'applying',
          states: {
            applying: {
              always: { guard: stepIs(APPLY, 'skipped'), target: 'notMarried' },
              on: {
                'divorce.applied': {
                  guard: ({ context, event }) => isValidApplication(context.facts, event),
                  target: 'screening',
                  actions: [
                    assign({
                      divorceCase: ({ event }) => ({
                        caseRef: event.caseRef,
                        appliedOn: event.appliedOn,
                        applicationType: event.applicationType,
                        agreement: event.agreement,
                        grounds: event.grounds,
                        termsInDispute: event.termsInDispute,
                      }),
                      screeningBasisDate: ({ event }) => event.appliedOn,
                    }),
                    {
                      type: 'setStep',
                      params: ({ event }) => ({ step: APPLY, status: 'done', reason: event.applicationType }),
                    },
                  ],
                },
              },
            },
            screening: {
              entry: [{ type: 'setStep', params: { step: SCREENING, status: 'active' } }, 'requestScreening'],
              on: {
                'integration.completed': [
                  {
                    guard: ({ event }) => isTask(SCREENING_TASK)({ event }) && isScreeningTrack(event.output.track),
                    target: 'screened',
                    actions: [
                      { type: 'recordTrack', params: ({ event }) => ({ track: event.output.track as ScreeningTrack }) },
                      { type: 'setStep', params: ({ event }) => ({ step: SCREENING, status: 'done', reason: String(event.output.track) }) },
                      { type: 'cancelWatchdog', params: { step: SCREENING } },
                    ],
                  },
                  {
                    // An answer without a track cannot steer the case: a caseworker records it by hand.
                    guard: isTask(SCREENING_TASK),
                    target: 'screeningFailed',
                    actions: [
                      { type: 'setStep', params: { step: SCREENING, status: 'failed', reason: 'no-track-in-result' } },
                      { type: 'cancelWatchdog', params: { step: SCREENING } },
                    ],
                  },
                ],
                'integration.failed': {
                  guard: isTask(SCREENING_TASK),
                  target: 'screeningFailed',
                  actions: [
                    { type: 'setStep', params: ({ event }) => ({ step: SCREENING, status: 'failed', reason: event.code }) },
                    { type: 'cancelWatchdog', params: { step: SCREENING } },
                  ],
                },
                'screening.recorded': {
                  target: 'screened',
                  actions: [
                    { type: 'recordTrack', params: ({ event }) => ({ track: event.track }) },
                    { type: 'setStep', params: ({ event }) => ({ step: SCREENING, status: 'done', reason: event.track }) },
                    { type: 'cancelWatchdog', params: { step: SCREENING } },
                  ],
                },
                'timer.fired': {
                  guard: watchdogFor(SCREENING),
                  actions: [
                    { type: 'setStep', params: { step: SCREENING, status: 'late', reason: 'screening-overdue' } },
                    { type: 'notifyLate', params: { step: SCREENING } },
                  ],
                },
              },
            },
            // A caseworker retries the request, or records the screening from the case file.
            screeningFailed: {
              on: {
                'integration.retry': {
                  guard: isTask(SCREENING_TASK),
                  target: 'screening',
                  actions: assign({
                    screeningBasisDate: ({ context, event }) =>
                      event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.screeningBasisDate,
                  }),
                },
                'screening.recorded': {
                  target: 'screened',
                  actions: [
                    { type: 'recordTrack', params: ({ event }) => ({ track: event.track }) },
                    { type: 'setStep', params: ({ event }) => ({ step: SCREENING, status: 'done', reason: event.track }) },
                  ],
                },
              },
            },
            screened: { type: 'final' },
            notMarried: { type: 'final' },
          },
        },
        // Step 2: the terms, settled when the separation or divorce is granted.
        terms: {
          initial: 'awaitingApplication',
          states: {
            // The application says whether the spouses agree on the terms.
            awaitingApplication: {
              always: { guard: stepIs(TERMS, 'skipped'), target: 'notMarried' },
              on: {
                'divorce.applied': [
                  {
                    guard: ({ context, event }) => isValidApplication(context.facts, event) && event.termsInDispute.length === 0,
                    target: 'agreedAwaitingScreening',
                  },
                  { guard: ({ context, event }) => isValidApplication(context.facts, event), target: 'disputedAwaitingScreening' },
                ],
              },
            },
            agreedAwaitingScreening: {
              always: [
                // § 7: complex cases go on to the family court.
                { guard: ({ context }) => screened({ context }) && context.track === 'paragraph-7', target: 'court' },
                // Agreed terms: the decree comes without a meeting.
                { guard: screened, target: 'awaitingDecree' },
              ],
            },
            disputedAwaitingScreening: {
              always: [
                { guard: ({ context }) => screened({ context }) && context.track === 'paragraph-7', target: 'court' },
                { guard: screened, target: 'negotiating', actions: 'notifyNegotiationFee' },
              ],
            },
            negotiating: {
              entry: [{ type: 'setStep', params: { step: TERMS, status: 'active' } }, 'requestNegotiation'],
              on: {
                'integration.completed': {
                  guard: isTask(NEGOTIATION_TASK),
                  target: 'meetingScheduled',
                  actions: { type: 'notifyNeedsYou', params: { step: TERMS } },
                },
                'integration.failed': {
                  guard: isTask(NEGOTIATION_TASK),
                  target: 'negotiationFailed',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: TERMS, status: 'failed', reason: event.code }) },
                },
              },
            },
            negotiationFailed: {
              on: { 'integration.retry': { guard: isTask(NEGOTIATION_TASK), target: 'negotiating' } },
            },
            meetingScheduled: {
              on: {
                'terms-negotiation.concluded': [
                  {
                    guard: ({ event }) => event.agreed,
                    target: 'awaitingDecree',
                    actions: { type: 'watchDecree', params: ({ event }) => ({ concludedOn: event.concludedOn }) },
                  },
                  // No agreement at the meeting: the court decides the terms.
                  { target: 'court' },
                ],
              },
            },
            awaitingDecree: {
              on: {
                'divorce.decided': {
                  target: 'decided',
                  actions: [
                    { type: 'setStep', params: ({ event }) => ({ step: TERMS, status: 'done', reason: `decided-by-${event.decidedBy}` }) },
                    { type: 'cancelWatchdog', params: { step: TERMS } },
                  ],
                },
                'timer.fired': {
                  guard: watchdogFor(TERMS),
                  actions: [
                    { type: 'setStep', params: { step: TERMS, status: 'late', reason: 'decree-overdue' } },
                    { type: 'notifyLate', params: { step: TERMS } },
                  ],
                },
              },
            },
            court: {
              on: {
                'divorce.decided': {
                  target: 'decided',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: TERMS, status: 'done', reason: `decided-by-${event.decidedBy}` }) },
                },
              },
            },
            decided: { type: 'final' },
            notMarried: { type: 'final' },
          },
        },
        // Step 4 (children under 18).
        childrenArrangements: {
          initial: 'open',
          states: {
            open: {
              always: { guard: stepIs(CHILDREN, 'skipped'), target: 'notRelevant' },
              on: {
                'children-arrangements.agreed': {
                  target: 'settled',
                  actions: { type: 'setStep', params: { step: CHILDREN, status: 'done', reason: 'agreed' } },
                },
                'children-arrangements.applied': { target: 'atFamilieretshuset' },
              },
            },
            atFamilieretshuset: {
              on: {
                'children-arrangements.decided': {
                  target: 'settled',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: CHILDREN, status: 'done', reason: `decided-by-${event.decidedBy}` }) },
                },
              },
            },
            settled: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        // Step 7: support is paid to the parent the child lives with, so it follows the arrangements.
        childSupport: {
          initial: 'awaitingArrangements',
          states: {
            awaitingArrangements: {
              always: [
                { guard: stepIs(SUPPORT, 'skipped'), target: 'notRelevant' },
                {
                  guard: stepIs(CHILDREN, 'done'),
                  target: 'open',
                  actions: [{ type: 'activate', params: { steps: [SUPPORT] } }, { type: 'notifyNeedsYou', params: { step: SUPPORT } }],
                },
              ],
            },
            open: {
              on: {
                'child-support.agreed': {
                  target: 'settled',
                  actions: { type: 'setStep', params: { step: SUPPORT, status: 'done', reason: 'agreed' } },
                },
                'child-support.applied': { target: 'awaitingDecision' },
              },
            },
            awaitingDecision: {
              on: {
                'child-support.decided': {
                  target: 'settled',
                  actions: { type: 'setStep', params: { step: SUPPORT, status: 'done', reason: 'decided-by-familieretshuset' } },
                },
              },
            },
            settled: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        // Step 6: child benefit split and børnetilskud (not retroactive). Both follow where the child
        // lives (a single provider has the child at their address), so they open with the arrangements;
        // the deadline reminders run from the start all the same.
        familyBenefits: {
          initial: 'awaitingArrangements',
          states: {
            awaitingArrangements: {
              always: [
                { guard: stepIs(BENEFITS, 'skipped'), target: 'notRelevant' },
                {
                  guard: stepIs(CHILDREN, 'done'),
                  target: 'open',
                  actions: [{ type: 'activate', params: { steps: [BENEFITS] } }, { type: 'notifyNeedsYou', params: { step: BENEFITS } }],
                },
              ],
            },
            open: {
              on: {
                'family-benefits.chosen': [
                  {
                    guard: ({ event }) => event.singleProvider,
                    target: 'applyingAllowance',
                    // The reminders were about applying; we send the application now.
                    actions: [
                      assign({ allowanceRequestedOn: ({ event }) => event.chosenOn }),
                      { type: 'cancelStepReminders', params: { step: BENEFITS } },
                    ],
                  },
                  {
                    target: 'arranged',
                    actions: {
                      type: 'setStep',
                      params: ({ event }) => ({ step: BENEFITS, status: 'done', reason: `child-benefit-${event.childBenefitRecipient}` }),
                    },
                  },
                ],
              },
            },
            applyingAllowance: {
              entry: [{ type: 'setStep', params: { step: BENEFITS, status: 'active' } }, 'requestAllowance'],
              on: {
                'integration.completed': {
                  guard: isTask(ALLOWANCE_TASK),
                  target: 'arranged',
                  actions: {
                    type: 'setStep',
                    params: ({ context }) => ({
                      step: BENEFITS,
                      status: 'done',
                      // Paid from the quarter after applying: a late application loses a quarter.
                      reason:
                        context.allowanceRequestedOn && isAfter(context.allowanceRequestedOn, context.steps[BENEFITS].deadline)
                          ? 'allowance-applied-after-deadline'
                          : 'allowance-applied',
                    }),
                  },
                },
                'integration.failed': {
                  guard: isTask(ALLOWANCE_TASK),
                  target: 'allowanceFailed',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: BENEFITS, status: 'failed', reason: event.code }) },
                },
              },
            },
            allowanceFailed: {
              on: { 'integration.retry': { guard: isTask(ALLOWANCE_TASK), target: 'applyingAllowance' } },
            },
            arranged: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        // Step 5: the move is its own journey; it needs the move's details, so it starts when the citizen gives them.
        moveOut: {
          initial: 'planning',
          states: {
            planning: {
              always: { guard: stepIs(MOVE_OUT, 'skipped'), target: 'notMoving' },
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
        // Step 8: married couples divide the estate once the separation or divorce is granted.
        estateSplit: {
          initial: 'awaitingDecree',
          states: {
            awaitingDecree: {
              always: [
                { guard: stepIs(TERMS, 'skipped'), target: 'open' },
                { guard: stepIs(TERMS, 'done'), target: 'open', actions: { type: 'activate', params: { steps: [ESTATE] } } },
              ],
            },
            open: {
              on: {
                'estate.divided': {
                  target: 'divided',
                  actions: { type: 'setStep', params: { step: ESTATE, status: 'done', reason: 'private-agreement' } },
                },
                // Only a marital estate goes to the probate court (cohabitants have no bodeling).
                'estate-division.requested': {
                  guard: ({ context }) => context.divorceCase !== undefined,
                  target: 'requestingDivision',
                },
              },
            },
            requestingDivision: {
              entry: [{ type: 'setStep', params: { step: ESTATE, status: 'active' } }, 'requestEstateDivision'],
              on: {
                'integration.completed': { guard: isTask(ESTATE_DIVISION_TASK), target: 'atProbateCourt' },
                'integration.failed': {
                  guard: isTask(ESTATE_DIVISION_TASK),
                  target: 'divisionRequestFailed',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: ESTATE, status: 'failed', reason: event.code }) },
                },
              },
            },
            divisionRequestFailed: {
              on: { 'integration.retry': { guard: isTask(ESTATE_DIVISION_TASK), target: 'requestingDivision' } },
            },
            atProbateCourt: {
              on: {
                'estate.divided': {
                  target: 'divided',
                  actions: { type: 'setStep', params: { step: ESTATE, status: 'done', reason: 'probate-court' } },
                },
              },
            },
            divided: { type: 'final' },
          },
        },
        // Step 9.
        taxAndHousing: {
          initial: 'open',
          states: {
            open: {
              on: {
                'tax-and-housing.updated': {
                  // With housing benefit, the step is done only once Payment Denmark has been told.
                  guard: ({ context, event }) => !context.answers.receivesHousingBenefit || event.housingBenefitReported,
                  target: 'updated',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: TAX_HOUSING,
                      status: 'done',
                      reason: context.answers.receivesHousingBenefit && isAfter(event.updatedOn, context.steps[TAX_HOUSING].deadline)
                        ? 'housing-benefit-reported-late'
                        : undefined,
                    }),
                  },
                },
              },
            },
            updated: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type DivorceMachine = typeof divorceMachine;
