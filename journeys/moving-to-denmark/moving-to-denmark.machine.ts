/**
 * Moving to Denmark (journeys.md section 11).
 *
 * One parallel region per step. The ordering the law imposes: EU citizens need the EU residence
 * document before CPR registration; the health card, residence card, Digital Post, NemKonto and
 * family benefits all follow the CPR registration. The tax card can be sought before it.
 */
import { assign, setup } from 'xstate';
import { atUtc, dateOfTimestamp, maxIsoDate, compareIsoDates, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import {
  activatePending,
  awaitAuthority,
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
  reminderTimers,
  setStepAction,
  stepIs,
  watchdogKey,
  watchdogTimer,
  type JourneyTypes,
} from '../shared/kit';
import { awaitedConfirmation } from '../shared/patterns';
import type { MovingToDenmarkEvent } from './moving-to-denmark.events';
import {
  CPR_REGISTRATION_TASK,
  MOVING_TO_DENMARK_RULES,
  TAX_CARD_TASK,
  cprDeadlineAfterEuDocument,
  cprRegistrationOptional,
  euAppearanceDeadline,
  healthCardWatchdogDate,
  initialMovingToDenmarkSteps,
  mustApplyForChildBenefit,
  needsSuEqualStatus,
  residenceCardWatchdogDate,
  taxCardWatchdogDate,
} from './moving-to-denmark.rules';
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
const NEED_CPR: readonly StepId[] = ['gp-and-health-card', 'digital-post-mitid', 'bank-nemkonto', 'family-benefits'];
const RESIDENCE_BASIS = { nordic: 'nordic', 'eu-eea-swiss': 'eu', 'non-eu': 'permit' } as const;

const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;

/** "Now" for reminders scheduled after an event: the event's day, but never before the journey started. */
function nowFrom(startedAt: string, day: IsoDate): string {
  const dayStart = atUtc(day, '00:00');
  return Date.parse(dayStart) > Date.parse(startedAt) ? dayStart : startedAt;
}

const confirmation = awaitedConfirmation<MovingToDenmarkContext>();

export const movingToDenmarkMachine = setup({
  types: {} as JourneyTypes<MovingToDenmarkContext, MovingToDenmarkEvent>,
  guards: {
    isReminderForOpenStep,
  },
  actions: {
    setStep: setStepAction(),
    activate: assign(({ context }, params: { steps: readonly StepId[] }) => ({
      steps: activatePending(context.steps, params.steps),
    })),
    setDeadline: assign(({ context }, params: { step: StepId; deadline: IsoDate }) => ({
      steps: { ...context.steps, [params.step]: { ...context.steps[params.step], deadline: params.deadline } },
    })),
    /** The citizen has a CPR number now, so the 21-working-day limit for the tax card no longer applies. */
    dropTaxCardWindowStart: assign(({ context }) => {
      const { availableFrom: _dropped, ...taxCard } = context.steps['tax-card'];
      return { steps: { ...context.steps, 'tax-card': taxCard } };
    }),
    skipSteps: assign(({ context }, params: { steps: readonly StepId[]; reason: string }) => ({
      steps: params.steps.reduce(
        (steps, id) => (steps[id].status === 'pending' || steps[id].status === 'active' ? { ...steps, [id]: { status: 'skipped' as const, reason: params.reason } } : steps),
        context.steps,
      ),
    })),
    markLate: assign(({ context }, params: { step: StepId; late: boolean; reason: string }) => ({
      lateReasons: params.late ? { ...context.lateReasons, [params.step]: params.reason } : context.lateReasons,
    })),
    recordBasis: assign(({ context }, params: Partial<MovingToDenmarkContext['basis']>) => ({
      basis: { ...context.basis, ...params },
    })),
    scheduleReminders: emitCommands((context: MovingToDenmarkContext) => deadlineReminders(context)),
    /** Replaces a step's reminders after its deadline changed (same keys: the new timers replace the old). */
    rescheduleReminders: emitCommands((context: MovingToDenmarkContext, _event, params: { step: StepId; from: IsoDate }) => {
      const deadline = context.steps[params.step].deadline;
      return [
        ...cancelReminders(params.step, context.reminderDays),
        ...(deadline ? reminderTimers(params.step, deadline, context.reminderDays, nowFrom(context.startedAt, params.from)) : []),
      ];
    }),
    cancelStepReminders: emitCommands((context: MovingToDenmarkContext, _event, params: { step: StepId }) =>
      cancelReminders(params.step, context.reminderDays),
    ),
    remindCitizen: emitCommands((context: MovingToDenmarkContext, event) => reminderNotification(context, event)),
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
    scheduleWatchdog: emitCommands((_context: MovingToDenmarkContext, _event, params: { step: StepId; due: IsoDate }) => [
      watchdogTimer(params.step, params.due),
    ]),
    cancelWatchdog: emitCommands((_context: MovingToDenmarkContext, _event, params: { step: StepId }) => [
      cancelTimer(watchdogKey(params.step)),
    ]),
    notifyLate: emitCommands((_context: MovingToDenmarkContext, _event, params: { step: StepId }) => [
      notifyCitizen('step-late', params.step),
    ]),
    // SIRI decides in its own solution and answers with `eu-residence.decided` (a caseworker can too).
    awaitSiriDecision: emitCommands(() => [
      awaitAuthority('right-to-reside', 'siri', 'eu-residence.decided', {
        expiresInDays: MOVING_TO_DENMARK_RULES.euResidenceDocument.decisionTokenDays,
      }),
    ]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
}).createMachine({
  id: 'moving-to-denmark',
  context: ({ input }) => {
    // The engine validated the answers against movingToDenmarkStartSchema.
    const answers = input.answers as unknown as MovingToDenmarkAnswers;
    return {
      answers,
      facts: input.facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: answers.arrivalDate,
      basis: {},
      lateReasons: {},
      steps: initialMovingToDenmarkSteps(answers),
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
        // EU/EEA/Swiss citizens: apply online, appear within 14 days, wait for SIRI.
        rightToReside: {
          initial: 'awaitingApplication',
          states: {
            awaitingApplication: {
              // Only EU/EEA/Swiss citizens apply; the step is done or skipped for the others from the start.
              always: { guard: ({ context }) => context.steps['right-to-reside'].status !== 'active', target: 'settledBeforeArrival' },
              on: {
                'eu-residence.applied': {
                  target: 'awaitingAppearance',
                  actions: [
                    {
                      type: 'markLate',
                      params: ({ context, event }) => ({
                        step: 'right-to-reside',
                        late: isAfter(event.appliedOn, context.steps['right-to-reside'].deadline),
                        reason: 'applied-after-deadline',
                      }),
                    },
                    // From now on the deadline that matters is the one for appearing in person.
                    { type: 'setDeadline', params: ({ event }) => ({ step: 'right-to-reside', deadline: euAppearanceDeadline(event.appliedOn) }) },
                    { type: 'rescheduleReminders', params: ({ event }) => ({ step: 'right-to-reside', from: event.appliedOn }) },
                  ],
                },
              },
            },
            awaitingAppearance: {
              on: {
                'eu-residence.appeared': {
                  target: 'awaitingDecision',
                  actions: [
                    {
                      type: 'markLate',
                      params: ({ context, event }) => ({
                        step: 'right-to-reside',
                        late: isAfter(event.appearedOn, context.steps['right-to-reside'].deadline),
                        reason: 'appeared-after-deadline',
                      }),
                    },
                    { type: 'cancelStepReminders', params: { step: 'right-to-reside' } },
                  ],
                },
              },
            },
            awaitingDecision: {
              entry: 'awaitSiriDecision',
              on: {
                'eu-residence.decided': [
                  {
                    guard: ({ event }) => event.granted,
                    target: 'granted',
                    actions: [
                      { type: 'setStep', params: ({ context }) => ({ step: 'right-to-reside', status: 'done', reason: context.lateReasons['right-to-reside'] }) },
                      { type: 'setDeadline', params: ({ event }) => ({ step: 'register-cpr', deadline: cprDeadlineAfterEuDocument(event.decidedOn) }) },
                      { type: 'activate', params: { steps: ['register-cpr'] } },
                      { type: 'rescheduleReminders', params: ({ event }) => ({ step: 'register-cpr', from: event.decidedOn }) },
                    ],
                  },
                  {
                    target: 'refused',
                    actions: { type: 'setStep', params: { step: 'right-to-reside', status: 'failed', reason: 'eu-residence-refused' } },
                  },
                ],
              },
            },
            // A caseworker helps (complaint, new application) and records the new decision.
            refused: {
              on: {
                'eu-residence.decided': {
                  guard: ({ event }) => event.granted,
                  target: 'granted',
                  actions: [
                    { type: 'setStep', params: { step: 'right-to-reside', status: 'done', reason: 'granted-after-refusal' } },
                    { type: 'setDeadline', params: ({ event }) => ({ step: 'register-cpr', deadline: cprDeadlineAfterEuDocument(event.decidedOn) }) },
                    { type: 'activate', params: { steps: ['register-cpr'] } },
                    { type: 'rescheduleReminders', params: ({ event }) => ({ step: 'register-cpr', from: event.decidedOn }) },
                  ],
                },
              },
            },
            granted: { type: 'final' },
            // Nordic citizens need nothing; permit holders got their permit before arriving.
            settledBeforeArrival: { type: 'final' },
          },
        },
        registration: {
          initial: 'awaitingRightToReside',
          states: {
            awaitingRightToReside: {
              always: { guard: stepIs('register-cpr', 'active'), target: 'awaitingAppearance' },
            },
            awaitingAppearance: {
              on: {
                'cpr-registration.appeared': {
                  target: 'registering',
                  actions: [
                    { type: 'recordBasis', params: ({ event }) => ({ registeredOn: event.appearedOn }) },
                    {
                      type: 'markLate',
                      params: ({ context, event }) => ({
                        step: 'register-cpr',
                        late: isAfter(event.appearedOn, context.steps['register-cpr'].deadline),
                        reason: 'registered-after-deadline',
                      }),
                    },
                    { type: 'cancelStepReminders', params: { step: 'register-cpr' } },
                  ],
                },
                // Only Nordic citizens staying 3–6 months may choose not to register.
                'cpr-registration.declined': {
                  guard: ({ context }) => cprRegistrationOptional(context.answers),
                  target: 'declined',
                  actions: [
                    { type: 'setStep', params: { step: 'register-cpr', status: 'skipped', reason: 'nordic-short-stay-not-registered' } },
                    { type: 'skipSteps', params: { steps: NEED_CPR, reason: 'not-registered-in-cpr' } },
                  ],
                },
              },
            },
            registering: {
              entry: 'requestRegistration',
              on: {
                'integration.completed': {
                  guard: isTask(CPR_REGISTRATION_TASK),
                  target: 'registered',
                  actions: [
                    { type: 'setStep', params: ({ context }) => ({ step: 'register-cpr', status: 'done', reason: context.lateReasons['register-cpr'] }) },
                    { type: 'dropTaxCardWindowStart' },
                  ],
                },
                'integration.failed': {
                  guard: isTask(CPR_REGISTRATION_TASK),
                  target: 'registrationFailed',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: 'register-cpr', status: 'failed', reason: event.code }) },
                },
              },
            },
            registrationFailed: {
              on: {
                'integration.retry': {
                  guard: isTask(CPR_REGISTRATION_TASK),
                  target: 'registering',
                  actions: { type: 'setStep', params: { step: 'register-cpr', status: 'active' } },
                },
              },
            },
            registered: { type: 'final' },
            declined: { type: 'final' },
          },
        },
        gpAndHealthCard: {
          initial: 'awaitingRegistration',
          states: {
            awaitingRegistration: {
              always: [
                { guard: stepIs('gp-and-health-card', 'skipped'), target: 'notRelevant' },
                {
                  guard: stepIs('register-cpr', 'done'),
                  target: 'choosingDoctor',
                  actions: { type: 'activate', params: { steps: ['gp-and-health-card'] } },
                },
              ],
            },
            choosingDoctor: {
              on: {
                'gp.chosen': {
                  target: 'awaitingCard',
                  actions: [
                    { type: 'recordBasis', params: ({ event }) => ({ gpChosenOn: event.chosenOn }) },
                    // The card is posted after both the registration and the doctor choice.
                    {
                      type: 'scheduleWatchdog',
                      params: ({ context, event }) => ({
                        step: 'gp-and-health-card',
                        due: healthCardWatchdogDate(maxIsoDate(event.chosenOn, context.basis.registeredOn ?? event.chosenOn)),
                      }),
                    },
                  ],
                },
              },
            },
            awaitingCard: {
              on: {
                'health-card.received': {
                  target: 'received',
                  actions: [
                    { type: 'setStep', params: { step: 'gp-and-health-card', status: 'done' } },
                    { type: 'cancelWatchdog', params: { step: 'gp-and-health-card' } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(watchdogKey('gp-and-health-card')),
                  actions: [
                    { type: 'setStep', params: { step: 'gp-and-health-card', status: 'late', reason: 'health-card-overdue' } },
                    { type: 'notifyLate', params: { step: 'gp-and-health-card' } },
                  ],
                },
              },
            },
            received: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        residenceCard: {
          initial: 'awaitingRegistration',
          states: {
            awaitingRegistration: {
              always: [
                { guard: stepIs('residence-card', 'skipped'), target: 'notRelevant' },
                {
                  guard: stepIs('register-cpr', 'done'),
                  target: 'awaitingCard',
                  actions: [
                    { type: 'activate', params: { steps: ['residence-card'] } },
                    {
                      type: 'scheduleWatchdog',
                      params: ({ context }) => ({
                        step: 'residence-card',
                        due: residenceCardWatchdogDate(context.basis.registeredOn ?? context.anchorDate),
                      }),
                    },
                  ],
                },
              ],
            },
            awaitingCard: {
              on: {
                'residence-card.received': {
                  target: 'received',
                  actions: [
                    { type: 'setStep', params: { step: 'residence-card', status: 'done' } },
                    { type: 'cancelWatchdog', params: { step: 'residence-card' } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(watchdogKey('residence-card')),
                  actions: [
                    { type: 'setStep', params: { step: 'residence-card', status: 'late', reason: 'residence-card-overdue' } },
                    { type: 'notifyLate', params: { step: 'residence-card' } },
                  ],
                },
              },
            },
            received: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        digitalPostMitid: {
          initial: 'awaitingRegistration',
          states: {
            awaitingRegistration: {
              always: [
                { guard: stepIs('digital-post-mitid', 'skipped'), target: 'notRelevant' },
                {
                  guard: stepIs('register-cpr', 'done'),
                  target: 'awaitingMitid',
                  actions: { type: 'activate', params: { steps: ['digital-post-mitid'] } },
                },
              ],
            },
            // Digital Post opens by itself at registration; reading it needs MitID.
            awaitingMitid: {
              on: {
                'mitid.obtained': {
                  target: 'ready',
                  actions: { type: 'setStep', params: { step: 'digital-post-mitid', status: 'done' } },
                },
              },
            },
            ready: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        taxCard: {
          initial: 'awaitingApplication',
          states: {
            awaitingApplication: {
              always: { guard: stepIs('tax-card', 'skipped'), target: 'notRelevant' },
              on: {
                'tax-card.applied': {
                  target: 'awaitingCard',
                  actions: [
                    { type: 'recordBasis', params: ({ event }) => ({ taxCardAppliedOn: event.appliedOn }) },
                    {
                      type: 'markLate',
                      params: ({ context, event }) => ({
                        step: 'tax-card',
                        late: isAfter(event.appliedOn, context.steps['tax-card'].deadline),
                        reason: 'applied-after-deadline',
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
              awaiting: 'awaitingCard',
              failed: 'cardFailed',
              confirmed: 'ready',
              entry: 'requestTaxCardConfirmation',
              lateReason: 'tax-card-overdue',
              cancel: 'byStep',
              doneReason: (context) => context.lateReasons['tax-card'],
              retry: [
                // The watchdog counts from the caseworker's retry when it says when that was.
                {
                  type: 'recordBasis',
                  params: ({ context, event }) => ({
                    taxCardAppliedOn: event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.basis.taxCardAppliedOn,
                  }),
                },
              ],
            }),
            ready: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        bankNemkonto: {
          initial: 'awaitingRegistration',
          states: {
            awaitingRegistration: {
              always: [
                { guard: stepIs('bank-nemkonto', 'skipped'), target: 'notRelevant' },
                {
                  guard: stepIs('register-cpr', 'done'),
                  target: 'awaitingAccount',
                  actions: { type: 'activate', params: { steps: ['bank-nemkonto'] } },
                },
              ],
            },
            awaitingAccount: {
              on: {
                'nemkonto.nominated': {
                  target: 'nominated',
                  actions: {
                    type: 'setStep',
                    params: ({ event }) => ({ step: 'bank-nemkonto', status: 'done', reason: event.foreignAccount ? 'foreign-account' : undefined }),
                  },
                },
              },
            },
            nominated: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        familyBenefits: {
          initial: 'awaitingRegistration',
          states: {
            awaitingRegistration: {
              always: [
                { guard: stepIs('family-benefits', 'skipped'), target: 'notRelevant' },
                {
                  guard: stepIs('register-cpr', 'done'),
                  target: 'open',
                  actions: { type: 'activate', params: { steps: ['family-benefits'] } },
                },
              ],
            },
            open: {
              type: 'parallel',
              onDone: 'settled',
              states: {
                childBenefit: {
                  initial: 'open',
                  states: {
                    open: {
                      always: { guard: ({ context }) => !context.answers.childrenMoving, target: 'notRelevant' },
                      on: {
                        // Those who must apply cannot record a benefit that started without an application.
                        'child-benefit.settled': {
                          guard: ({ context, event }) =>
                            event.outcome !== 'started-without-application' || !mustApplyForChildBenefit(context.answers),
                          target: 'settled',
                        },
                      },
                    },
                    settled: { type: 'final' },
                    notRelevant: { type: 'final' },
                  },
                },
                suEqualStatus: {
                  initial: 'open',
                  states: {
                    open: {
                      always: { guard: ({ context }) => !needsSuEqualStatus(context.answers), target: 'notRelevant' },
                      on: { 'su-equal-status.applied': { target: 'applied' } },
                    },
                    applied: { type: 'final' },
                    notRelevant: { type: 'final' },
                  },
                },
              },
            },
            settled: {
              type: 'final',
              entry: { type: 'setStep', params: { step: 'family-benefits', status: 'done' } },
            },
            notRelevant: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type MovingToDenmarkMachine = typeof movingToDenmarkMachine;
