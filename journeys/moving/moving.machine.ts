/**
 * Moving within Denmark (journeys.md section 3).
 *
 * One parallel region per concern, so each step can be done in any order the law allows. The
 * registration region carries the only real ordering: report → municipal checks → CPR.
 */
import { assign, setup } from 'xstate';
import { compareIsoDates, dateOfTimestamp, maxIsoDate, type IsoDate } from '../shared/calendar';
import type { JourneyContextBase } from '../shared/contract';
import {
  activatePending,
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
import type { MovingEvent } from './moving.events';
import { CPR_TASK, MOVING_RULES, cprWatchdogDate, initialMovingSteps } from './moving.rules';
import type { MovingAnswers, MovingFacts } from './moving.start';
import type { MovingStepId } from './moving.steps';

export interface MovingContext extends JourneyContextBase {
  answers: MovingAnswers;
  facts: MovingFacts;
  anchorDate: IsoDate;
  /** The latest of the moving date, the report and the municipality's decisions: CPR registers from then. */
  registrationBasisDate: IsoDate;
}

const CPR_STEP: MovingStepId = 'cpr-propagation';
const CPR_WATCHDOG = watchdogKey(CPR_STEP);
const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;
const MUNICIPALITY_DECISIONS = [
  { step: 'logivaert-check', complete: 'logivaert.decided' },
  { step: 'child-move-hearing', complete: 'child-move-hearing.decided' },
] as const satisfies readonly { step: MovingStepId; complete: string }[];

export const movingMachine = setup({
  types: {} as JourneyTypes<MovingContext, MovingEvent>,
  guards: {
    isReminderForOpenStep,
  },
  actions: {
    setStep: setStepAction(),
    activate: assign(({ context }, params: { steps: readonly MovingStepId[] }) => ({
      steps: activatePending(context.steps, params.steps),
    })),
    recordBasisDate: assign(({ context }, params: { date: IsoDate }) => ({
      registrationBasisDate: maxIsoDate(context.registrationBasisDate, params.date),
    })),
    scheduleReminders: emitCommands((context) => deadlineReminders(context)),
    remindCitizen: emitCommands((context, event) => reminderNotification(context, event)),
    requestCprConfirmation: emitCommands((context) => [
      integrationTask(CPR_STEP, 'cpr', CPR_TASK, {
        movingDate: context.anchorDate,
        darAddressId: context.answers.newAddress.darAddressId,
        municipalityCode: context.answers.newAddress.municipalityCode,
      }),
      watchdogTimer(CPR_STEP, cprWatchdogDate(context.registrationBasisDate)),
    ]),
    // The municipality decides in its own self-service solution; only steps this move needs are awaited.
    awaitMunicipality: emitCommands((context) =>
      MUNICIPALITY_DECISIONS.filter(({ step }) => context.steps[step].status === 'active').map(({ step, complete }) =>
        awaitAuthority(step, 'municipality', complete, { expiresInDays: MOVING_RULES.municipalityDecisionTokenDays }),
      ),
    ),
    cancelCprWatchdog: emitCommands(() => [cancelTimer(CPR_WATCHDOG)]),
    notifyLate: emitCommands(() => [notifyCitizen('step-late', CPR_STEP)]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
  },
}).createMachine({
  id: 'moving',
  context: ({ input }) => {
    // The engine validated answers and facts against movingStartSchema / movingFactsSchema.
    const answers = input.answers as MovingAnswers;
    const facts = input.facts as MovingFacts;
    return {
      answers,
      facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: answers.movingDate,
      registrationBasisDate: answers.movingDate,
      steps: initialMovingSteps(answers, facts),
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
          initial: 'awaitingReport',
          states: {
            awaitingReport: {
              on: {
                'move.reported': {
                  target: 'municipalityChecks',
                  actions: [
                    {
                      type: 'setStep',
                      params: ({ context, event }) => ({
                        step: 'report-move',
                        status: 'done',
                        reason: isAfter(event.reportedOn, context.steps['report-move'].deadline)
                          ? 'reported-after-deadline'
                          : undefined,
                      }),
                    },
                    { type: 'recordBasisDate', params: ({ event }) => ({ date: event.reportedOn }) },
                    { type: 'activate', params: { steps: ['logivaert-check', 'child-move-hearing'] } },
                  ],
                },
              },
            },
            municipalityChecks: {
              type: 'parallel',
              entry: 'awaitMunicipality',
              onDone: 'awaitingCpr',
              states: {
                hostDeclaration: {
                  initial: 'awaitingHost',
                  states: {
                    awaitingHost: {
                      always: { guard: stepIs('logivaert-check', 'skipped'), target: 'notNeeded' },
                      on: {
                        'logivaert.decided': [
                          {
                            guard: ({ event }) => event.confirmed,
                            target: 'confirmed',
                            actions: [
                              { type: 'setStep', params: { step: 'logivaert-check', status: 'done' } },
                              { type: 'recordBasisDate', params: ({ event }) => ({ date: event.decidedOn }) },
                            ],
                          },
                          {
                            target: 'refused',
                            actions: {
                              type: 'setStep',
                              params: { step: 'logivaert-check', status: 'failed', reason: 'host-did-not-confirm' },
                            },
                          },
                        ],
                      },
                    },
                    // A caseworker sorts it out with the citizen and the host, then records the new answer.
                    refused: {
                      on: {
                        'logivaert.decided': {
                          guard: ({ event }) => event.confirmed,
                          target: 'confirmed',
                          actions: [
                            { type: 'setStep', params: { step: 'logivaert-check', status: 'done' } },
                            { type: 'recordBasisDate', params: ({ event }) => ({ date: event.decidedOn }) },
                          ],
                        },
                      },
                    },
                    confirmed: { type: 'final' },
                    notNeeded: { type: 'final' },
                  },
                },
                parentHearing: {
                  initial: 'awaitingOtherParent',
                  states: {
                    awaitingOtherParent: {
                      always: { guard: stepIs('child-move-hearing', 'skipped'), target: 'notNeeded' },
                      on: {
                        // Either outcome ends the hearing; a refusal keeps only the child at the old address.
                        'child-move-hearing.decided': {
                          target: 'concluded',
                          actions: [
                            {
                              type: 'setStep',
                              params: ({ event }) => ({
                                step: 'child-move-hearing',
                                status: 'done',
                                reason: event.registrationMayProceed ? 'child-move-approved' : 'child-move-refused',
                              }),
                            },
                            { type: 'recordBasisDate', params: ({ event }) => ({ date: event.decidedOn }) },
                          ],
                        },
                      },
                    },
                    concluded: { type: 'final' },
                    notNeeded: { type: 'final' },
                  },
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
                  actions: [
                    { type: 'setStep', params: { step: CPR_STEP, status: 'late', reason: 'confirmation-overdue' } },
                    'notifyLate',
                  ],
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
          },
        },
        gpChoice: {
          initial: 'open',
          states: {
            open: {
              on: {
                'gp-choice.made': {
                  target: 'chosen',
                  actions: { type: 'setStep', params: { step: 'gp-choice', status: 'done' } },
                },
              },
            },
            chosen: { type: 'final' },
          },
        },
        addressProtection: {
          initial: 'open',
          states: {
            open: {
              always: { guard: stepIs('address-protection', 'skipped'), target: 'notWanted' },
              on: {
                'address-protection.applied': {
                  target: 'applied',
                  actions: { type: 'setStep', params: { step: 'address-protection', status: 'done' } },
                },
                'address-protection.declined': {
                  target: 'notWanted',
                  actions: { type: 'setStep', params: { step: 'address-protection', status: 'skipped', reason: 'declined' } },
                },
              },
            },
            applied: { type: 'final' },
            notWanted: { type: 'final' },
          },
        },
        housingBenefit: {
          initial: 'awaitingReport',
          states: {
            // UDK reads the new address from CPR, so the application follows the report.
            awaitingReport: {
              always: [
                { guard: stepIs('housing-benefit', 'skipped'), target: 'notRelevant' },
                {
                  guard: stepIs('report-move', 'done'),
                  target: 'open',
                  actions: { type: 'activate', params: { steps: ['housing-benefit'] } },
                },
              ],
            },
            open: {
              on: {
                'housing-benefit.applied': {
                  target: 'applied',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: 'housing-benefit',
                      status: 'done',
                      // Late applications are paid only from the 1st of the month after applying.
                      reason: isAfter(event.appliedOn, context.steps['housing-benefit'].deadline)
                        ? 'applied-after-deadline'
                        : undefined,
                    }),
                  },
                },
                'housing-benefit.declined': {
                  target: 'declined',
                  actions: { type: 'setStep', params: { step: 'housing-benefit', status: 'skipped', reason: 'declined' } },
                },
              },
            },
            applied: { type: 'final' },
            declined: { type: 'final' },
            notRelevant: { type: 'final' },
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
                    actions: {
                      type: 'setStep',
                      params: { step: 'update-preliminary-tax', status: 'skipped', reason: 'no-change' },
                    },
                  },
                ],
              },
            },
            updated: { type: 'final' },
            unchanged: { type: 'final' },
          },
        },
        childrenServices: {
          initial: 'awaitingRegistration',
          states: {
            // Daycare waiting lists and school districts count from the CPR registration.
            awaitingRegistration: {
              always: [
                { guard: stepIs('children-services', 'skipped'), target: 'notRelevant' },
                {
                  guard: stepIs(CPR_STEP, 'done'),
                  target: 'open',
                  actions: { type: 'activate', params: { steps: ['children-services'] } },
                },
              ],
            },
            open: {
              on: {
                'children-services.arranged': {
                  target: 'arranged',
                  actions: { type: 'setStep', params: { step: 'children-services', status: 'done' } },
                },
              },
            },
            arranged: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type MovingMachine = typeof movingMachine;
