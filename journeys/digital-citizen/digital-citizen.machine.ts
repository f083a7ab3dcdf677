/**
 * Becoming a digital citizen at 15 (journeys.md section 1).
 *
 * One parallel region per step. Four of them are register flows the journey only observes: each
 * waits for its confirmation and is flagged `late` by a watchdog when the confirmation is overdue.
 * The first login waits for both the mailbox and MitID.
 */
import { assign, setup } from 'xstate';
import { dateOfTimestamp, maxIsoDate, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import {
  activatePending,
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
import type { DigitalCitizenEvent } from './digital-citizen.events';
import {
  BOOK_APPOINTMENT_TASK,
  decideBranches,
  fifteenthBirthday,
  initialDigitalCitizenSteps,
  watchdogDates,
} from './digital-citizen.rules';
import type { DigitalCitizenAnswers, DigitalCitizenFacts } from './digital-citizen.start';
import type { DigitalCitizenStepId } from './digital-citizen.steps';

export interface DigitalCitizenContext extends JourneyContextBase {
  answers: DigitalCitizenAnswers;
  facts: DigitalCitizenFacts;
  /** The 15th birthday. */
  anchorDate: IsoDate;
  /** The day asked for at Borgerservice, once the young person wants an appointment for MitID. */
  mitidAppointmentDate?: IsoDate;
}

const NOTICE: DigitalCitizenStepId = 'dp-parent-notice';
const MAILBOX: DigitalCitizenStepId = 'dp-mailbox-created';
const FRIKORT: DigitalCitizenStepId = 'frikort-created';
const MITID: DigitalCitizenStepId = 'get-mitid';
const FIRST_LOGIN: DigitalCitizenStepId = 'dp-first-login';
const UNGEYDELSE: DigitalCitizenStepId = 'ungeydelse-switch';
const GP: DigitalCitizenStepId = 'own-gp-choice';

/** A step's watchdog fired while we still wait for its confirmation (it fires once; `late` is not repeated). */
const watchdogFor =
  (step: DigitalCitizenStepId) =>
  ({ context, event }: { context: DigitalCitizenContext; event: { type: string } }) =>
    isTimer(watchdogKey(step))({ event }) && stepIs(step, 'active')({ context });

export const digitalCitizenMachine = setup({
  types: {} as JourneyTypes<DigitalCitizenContext, DigitalCitizenEvent>,
  guards: {
    isReminderForOpenStep,
  },
  actions: {
    setStep: setStepAction(),
    activate: assign(({ context }, params: { steps: readonly DigitalCitizenStepId[] }) => ({
      steps: activatePending(context.steps, params.steps),
    })),
    scheduleTimers: emitCommands((context: DigitalCitizenContext) => [
      ...deadlineReminders(context),
      ...Object.entries(watchdogDates(context.facts)).map(([step, date]) => watchdogTimer(step, date)),
    ]),
    remindCitizen: emitCommands((context, event) => reminderNotification(context, event)),
    cancelWatchdog: emitCommands((_context, _event, params: { step: DigitalCitizenStepId }) => [cancelTimer(watchdogKey(params.step))]),
    notifyLate: emitCommands((_context, _event, params: { step: DigitalCitizenStepId }) => [notifyCitizen('step-late', params.step)]),
    notifyNeedsYou: emitCommands((_context, _event, params: { step: DigitalCitizenStepId }) => [notifyCitizen('step-needs-you', params.step)]),
    rememberAppointmentDate: assign((_, params: { date: IsoDate }) => ({ mitidAppointmentDate: params.date })),
    requestAppointment: emitCommands((context: DigitalCitizenContext) => [
      integrationTask(MITID, 'municipality', BOOK_APPOINTMENT_TASK, {
        purpose: 'mitid',
        municipalityCode: context.facts.municipalityCode,
        // Set by `mitid.appointment-requested` before this state is entered.
        preferredDate: context.mitidAppointmentDate ?? context.anchorDate,
      }),
    ]),
    notifyAppointmentBooked: emitCommands(() => [notifyCitizen('appointment-booked', MITID)]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
}).createMachine({
  id: 'digital-citizen',
  context: ({ input }) => {
    // The engine validated the facts against digitalCitizenFactsSchema.
    const facts = input.facts as DigitalCitizenFacts;
    return {
      answers: {} as DigitalCitizenAnswers,
      facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: fifteenthBirthday(facts.birthDate),
      steps: initialDigitalCitizenSteps(facts),
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
        parentNotice: {
          initial: 'awaitingLetter',
          states: {
            awaitingLetter: {
              always: { guard: stepIs(NOTICE, 'skipped'), target: 'notNeeded' },
              on: {
                'parent-notice.sent': {
                  target: 'sent',
                  actions: [
                    {
                      type: 'setStep',
                      params: ({ event }) => ({ step: NOTICE, status: 'done', reason: event.channel === 'paper' ? 'sent-on-paper' : undefined }),
                    },
                    { type: 'cancelWatchdog', params: { step: NOTICE } },
                  ],
                },
                'timer.fired': {
                  guard: watchdogFor(NOTICE),
                  actions: [
                    { type: 'setStep', params: { step: NOTICE, status: 'late', reason: 'confirmation-overdue' } },
                    { type: 'notifyLate', params: { step: NOTICE } },
                  ],
                },
              },
            },
            sent: { type: 'final' },
            notNeeded: { type: 'final' },
          },
        },
        mailbox: {
          initial: 'awaitingMailbox',
          states: {
            awaitingMailbox: {
              on: {
                'mailbox.created': {
                  target: 'created',
                  actions: [
                    { type: 'setStep', params: { step: MAILBOX, status: 'done' } },
                    { type: 'cancelWatchdog', params: { step: MAILBOX } },
                  ],
                },
                // Exempt before the mailbox exists: no mailbox is made, letters come on paper.
                'dp-exemption.registered': {
                  target: 'exempt',
                  actions: [
                    { type: 'setStep', params: { step: MAILBOX, status: 'skipped', reason: 'exempt' } },
                    { type: 'cancelWatchdog', params: { step: MAILBOX } },
                  ],
                },
                'timer.fired': {
                  guard: watchdogFor(MAILBOX),
                  actions: [
                    { type: 'setStep', params: { step: MAILBOX, status: 'late', reason: 'confirmation-overdue' } },
                    { type: 'notifyLate', params: { step: MAILBOX } },
                  ],
                },
              },
            },
            created: { type: 'final' },
            exempt: { type: 'final' },
          },
        },
        frikort: {
          initial: 'awaitingCard',
          states: {
            awaitingCard: {
              on: {
                'frikort.created': [
                  {
                    // With a job, the young person must enter the expected income before the step is done.
                    guard: ({ context }) => decideBranches(context.facts).enterExpectedIncome,
                    target: 'awaitingIncome',
                    actions: [
                      { type: 'setStep', params: { step: FRIKORT, status: 'active' } },
                      { type: 'cancelWatchdog', params: { step: FRIKORT } },
                      { type: 'notifyNeedsYou', params: { step: FRIKORT } },
                    ],
                  },
                  {
                    target: 'created',
                    actions: [
                      { type: 'setStep', params: { step: FRIKORT, status: 'done' } },
                      { type: 'cancelWatchdog', params: { step: FRIKORT } },
                    ],
                  },
                ],
                'timer.fired': {
                  guard: watchdogFor(FRIKORT),
                  actions: [
                    { type: 'setStep', params: { step: FRIKORT, status: 'late', reason: 'confirmation-overdue' } },
                    { type: 'notifyLate', params: { step: FRIKORT } },
                  ],
                },
              },
            },
            awaitingIncome: {
              on: {
                'expected-income.entered': {
                  target: 'created',
                  actions: { type: 'setStep', params: { step: FRIKORT, status: 'done', reason: 'expected-income-entered' } },
                },
              },
            },
            created: { type: 'final' },
          },
        },
        mitid: {
          initial: 'open',
          states: {
            open: {
              always: { guard: stepIs(MITID, 'skipped'), target: 'notNeeded' },
              on: {
                'mitid.appointment-requested': {
                  target: 'booking',
                  actions: { type: 'rememberAppointmentDate', params: ({ event }) => ({ date: event.preferredDate }) },
                },
                'mitid.obtained': {
                  target: 'obtained',
                  actions: { type: 'setStep', params: { step: MITID, status: 'done' } },
                },
              },
            },
            booking: {
              entry: [{ type: 'setStep', params: { step: MITID, status: 'active' } }, 'requestAppointment'],
              on: {
                'integration.completed': {
                  // Back to open: the young person goes to the appointment, or rebooks.
                  guard: isTask(BOOK_APPOINTMENT_TASK),
                  target: 'open',
                  actions: 'notifyAppointmentBooked',
                },
                'integration.failed': {
                  guard: isTask(BOOK_APPOINTMENT_TASK),
                  target: 'bookingFailed',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: MITID, status: 'failed', reason: event.code }) },
                },
                'mitid.obtained': {
                  target: 'obtained',
                  actions: { type: 'setStep', params: { step: MITID, status: 'done' } },
                },
              },
            },
            // A caseworker retries the booking, or the young person gets MitID another way.
            bookingFailed: {
              on: {
                'integration.retry': {
                  guard: isTask(BOOK_APPOINTMENT_TASK),
                  target: 'booking',
                  // A preferred day that has passed by the retry moves to the day of the retry.
                  actions: {
                    type: 'rememberAppointmentDate',
                    params: ({ context, event }) => {
                      const asked = context.mitidAppointmentDate ?? context.anchorDate;
                      return { date: event.requestedAt ? maxIsoDate(asked, dateOfTimestamp(event.requestedAt)) : asked };
                    },
                  },
                },
                'mitid.appointment-requested': {
                  target: 'booking',
                  actions: { type: 'rememberAppointmentDate', params: ({ event }) => ({ date: event.preferredDate }) },
                },
                'mitid.obtained': {
                  target: 'obtained',
                  actions: { type: 'setStep', params: { step: MITID, status: 'done' } },
                },
              },
            },
            obtained: { type: 'final' },
            notNeeded: { type: 'final' },
          },
        },
        firstLogin: {
          initial: 'waiting',
          states: {
            // Logging on needs both the mailbox and MitID.
            waiting: {
              always: {
                guard: ({ context }) => context.steps[MAILBOX].status === 'done' && isClosed(context.steps[MITID].status),
                target: 'open',
                actions: [
                  { type: 'activate', params: { steps: [FIRST_LOGIN] } },
                  { type: 'notifyNeedsYou', params: { step: FIRST_LOGIN } },
                ],
              },
              on: {
                'dp-exemption.registered': {
                  target: 'exempt',
                  actions: { type: 'setStep', params: { step: FIRST_LOGIN, status: 'skipped', reason: 'exempt' } },
                },
              },
            },
            open: {
              on: {
                'dp-first-login.completed': {
                  target: 'loggedIn',
                  actions: {
                    type: 'setStep',
                    params: ({ event }) => ({
                      step: FIRST_LOGIN,
                      status: 'done',
                      reason: event.parentReadAccess ? 'parent-read-access-granted' : undefined,
                    }),
                  },
                },
                // Exempt after the mailbox was made: the mailbox closes and letters come on paper.
                'dp-exemption.registered': {
                  target: 'exempt',
                  actions: { type: 'setStep', params: { step: FIRST_LOGIN, status: 'skipped', reason: 'exempt' } },
                },
              },
            },
            loggedIn: { type: 'final' },
            exempt: { type: 'final' },
          },
        },
        ungeydelse: {
          initial: 'awaitingPayment',
          states: {
            awaitingPayment: {
              on: {
                'ungeydelse.switched': {
                  target: 'switched',
                  actions: [
                    { type: 'setStep', params: { step: UNGEYDELSE, status: 'done' } },
                    { type: 'cancelWatchdog', params: { step: UNGEYDELSE } },
                  ],
                },
                'timer.fired': {
                  guard: watchdogFor(UNGEYDELSE),
                  actions: [
                    { type: 'setStep', params: { step: UNGEYDELSE, status: 'late', reason: 'confirmation-overdue' } },
                    { type: 'notifyLate', params: { step: UNGEYDELSE } },
                  ],
                },
              },
            },
            switched: { type: 'final' },
          },
        },
        gpChoice: {
          initial: 'open',
          states: {
            open: {
              on: {
                'gp.changed': {
                  target: 'changed',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => {
                      const deadline = context.steps[GP].deadline;
                      // After the free period the change costs a fee (uncertain rule, see the rules file).
                      return { step: GP, status: 'done', reason: deadline && event.changedOn > deadline ? 'changed-after-free-period' : undefined };
                    },
                  },
                },
                'gp.kept': {
                  target: 'kept',
                  actions: { type: 'setStep', params: { step: GP, status: 'skipped', reason: 'kept-current-doctor' } },
                },
              },
            },
            changed: { type: 'final' },
            kept: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type DigitalCitizenMachine = typeof digitalCitizenMachine;
