/**
 * Losing a relative (journeys.md section 9).
 *
 * The anchor is the date of death. Regions follow the real chains: the death certificate comes
 * before the register effects; the report to the parish comes before the burial, the parish's
 * notice to the probate court, the court's contact, the settlement and the probate certificate,
 * which in turn gives access to the deceased's Digital Post. The funeral grant and the survivor's
 * benefits run on their own. Register flows are requested from the authority when CPR can name the
 * deceased from the citizen's relations, and otherwise confirmed by the authority's own solution
 * through a task token; a watchdog flags each one that is overdue.
 */
import { assign, setup } from 'xstate';
import { compareIsoDates, dateOfTimestamp, isIsoDate, maxIsoDate, type IsoDate } from '../shared/calendar';
import type { JourneyCommand, JourneyContextBase } from '../shared/contract';
import {
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
import type { RelativeEvent } from './losing-a-relative.events';
import {
  CERTIFICATE_TASK,
  CHOOSE_SETTLEMENT_TASK,
  CLOSE_MAILBOX_TASK,
  PROBATE_CERTIFICATE_TASK,
  RELATIVE_RULES,
  automaticEffectsWatchdogDate,
  deceasedRelation,
  deathCertificateWatchdogDate,
  initialRelativeSteps,
  laterTimestamp,
  notifyAuthoritiesWatchdogDate,
  postponementAllowed,
  probateCourtWatchdogDate,
  relativeFactsProblem,
  settlementAllowed,
  survivorBranch,
  survivorPensionWatchdogDate,
  type Settlement,
} from './losing-a-relative.rules';
import type { RelativeAnswers, RelativeFacts } from './losing-a-relative.start';
import type { RelativeStepId } from './losing-a-relative.steps';

export interface RelativeContext extends JourneyContextBase {
  answers: RelativeAnswers;
  facts: RelativeFacts;
  anchorDate: IsoDate;
  /** Day the death was reported to the burial authority. */
  reportedOn?: IsoDate;
  /** Day the death certificate was confirmed: the register effects are expected from then. */
  certificateIssuedOn?: IsoDate;
  /** The probate court's case number, from its first letter. */
  probateCaseRef?: string;
  settlement?: Settlement;
  /** The probate certificate's reference, needed for access to the deceased's Digital Post. */
  probateCertificateRef?: string;
}

const isAfter = (day: IsoDate, deadline: IsoDate | undefined) => deadline !== undefined && compareIsoDates(day, deadline) > 0;
/** The day a watchdog counts from: a caseworker's retry restarts it, otherwise `basis`. */
function watchBasis(event: { type: string; requestedAt?: unknown }, basis: IsoDate): IsoDate {
  return event.type === 'integration.retry' && typeof event.requestedAt === 'string' ? dateOfTimestamp(event.requestedAt) : basis;
}

/** The certificate's date from Sundhedsdatastyrelsen's answer or event; else the death or the start, whichever is later. */
function certificateDate(context: RelativeContext, event: { type: string; issuedOn?: unknown; output?: unknown }): IsoDate {
  if (typeof event.issuedOn === 'string') return event.issuedOn;
  const issuedAt = (event.output as { issuedAt?: unknown } | undefined)?.issuedAt;
  const day = typeof issuedAt === 'string' ? issuedAt.slice(0, 10) : undefined;
  return day !== undefined && isIsoDate(day) ? day : maxIsoDate(context.anchorDate, dateOfTimestamp(context.startedAt));
}

const WATCHDOG = {
  certificate: watchdogKey('death-certificate'),
  effects: watchdogKey('automatic-effects'),
  authorities: watchdogKey('notify-authorities'),
  probate: watchdogKey('probate'),
  survivor: watchdogKey('spouse-survivor'),
};

export const relativeMachine = setup({
  types: {} as JourneyTypes<RelativeContext, RelativeEvent>,
  guards: { isReminderForOpenStep },
  actions: {
    setStep: setStepAction(),
    scheduleStartTimers: emitCommands((context) => deadlineReminders(context)),
    /** Sundhedsdatastyrelsen's status when CPR can name the deceased, else its own confirmation. */
    confirmCertificate: emitCommands((context, event): JourneyCommand[] => {
      const relation = deceasedRelation(context.facts.relation);
      return [
        relation === undefined
          ? awaitAuthority('death-certificate', 'sundhedsdatastyrelsen', 'death-certificate.issued', {
              expiresInDays: RELATIVE_RULES.taskTokenDays.deathCertificate,
            })
          : integrationTask('death-certificate', 'sundhedsdatastyrelsen', CERTIFICATE_TASK, { deceasedRelation: relation }),
        watchdogTimer('death-certificate', deathCertificateWatchdogDate(watchBasis(event, context.anchorDate))),
      ];
    }),
    recordCertificate: assign(({ context, event }) => ({ certificateIssuedOn: certificateDate(context, event) })),
    /** Digital Post closes the deceased's mailbox (confirmed by the closure, or by Digital Post's own solution). */
    confirmEffects: emitCommands((context, event): JourneyCommand[] => {
      const relation = deceasedRelation(context.facts.relation);
      const basis = watchBasis(event, context.certificateIssuedOn ?? context.anchorDate);
      return [
        relation === undefined
          ? awaitAuthority('automatic-effects', 'digital-post', 'automatic-effects.confirmed', {
              expiresInDays: RELATIVE_RULES.taskTokenDays.automaticEffects,
            })
          : integrationTask('automatic-effects', 'digital-post', CLOSE_MAILBOX_TASK, { deceasedRelation: relation, dateOfDeath: context.anchorDate }),
        watchdogTimer('automatic-effects', automaticEffectsWatchdogDate(basis)),
      ];
    }),
    awaitNotification: emitCommands((context) => [
      watchdogTimer('notify-authorities', notifyAuthoritiesWatchdogDate(context.reportedOn ?? context.anchorDate)),
      awaitAuthority('notify-authorities', 'parish-registrar', 'authorities.notified', {
        expiresInDays: RELATIVE_RULES.taskTokenDays.notifyAuthorities,
      }),
    ]),
    awaitCourt: emitCommands(() => [
      awaitAuthority('probate', 'probate-court', 'probate.court-contacted', { expiresInDays: RELATIVE_RULES.taskTokenDays.probateCourtContact }),
    ]),
    awaitSurvivorPension: emitCommands((context) =>
      survivorBranch(context.facts.relation, context.facts.bothReceivedPublicPension) === 'automatic-pension'
        ? [
            watchdogTimer('spouse-survivor', survivorPensionWatchdogDate(context.anchorDate, context.startedAt)),
            awaitAuthority('spouse-survivor', 'udbetaling-danmark-pension', 'survivor-pension.confirmed', {
              expiresInDays: RELATIVE_RULES.taskTokenDays.survivorPension,
            }),
          ]
        : [],
    ),
    remindCitizen: emitCommands((context, event) => reminderNotification(context, event)),
    watch: emitCommands((_context, _event, params: { step: RelativeStepId; date: IsoDate }) => [watchdogTimer(params.step, params.date)]),
    cancel: emitCommands((_context, _event, params: { key: string }) => [cancelTimer(params.key)]),
    notifyLate: emitCommands((_context, _event, params: { step: RelativeStepId }) => [notifyCitizen('step-late', params.step)]),
    notifyNeedsYou: emitCommands((_context, _event, params: { step: RelativeStepId }) => [notifyCitizen('step-needs-you', params.step)]),
    notifyCompleted: emitCommands(() => [notifyCitizen('journey-completed')]),
    recordReport: assign((_, params: { reportedOn: IsoDate }) => ({ reportedOn: params.reportedOn })),
    recordCourtContact: assign((_, params: { caseRef: string }) => ({ probateCaseRef: params.caseRef })),
    recordSettlement: assign((_, params: { settlement: Settlement }) => ({ settlement: params.settlement })),
    moveBurialDeadline: assign(({ context }, params: { newDeadline: IsoDate }) => ({
      steps: { ...context.steps, burial: { ...context.steps.burial, deadline: params.newDeadline } },
    })),
    remindBurial: emitCommands((context, _event, params: { approvedOn: IsoDate }) => {
      const deadline = context.steps.burial.deadline;
      return deadline === undefined
        ? []
        : [
            ...cancelReminders('burial', context.reminderDays),
            ...reminderTimers('burial', deadline, context.reminderDays, laterTimestamp(context.startedAt, params.approvedOn)),
          ];
    }),
    requestProbateCertificate: emitCommands((context) =>
      context.probateCaseRef === undefined
        ? []
        : [integrationTask('probate', 'probate-court', PROBATE_CERTIFICATE_TASK, { caseRef: context.probateCaseRef })],
    ),
    recordProbateCertificate: assign(({ event }) => {
      const ref = (event as { output?: { certificateRef?: unknown } }).output?.certificateRef;
      return typeof ref === 'string' ? { probateCertificateRef: ref } : {};
    }),
    requestSettlement: emitCommands((context) =>
      context.probateCaseRef === undefined || context.settlement === undefined
        ? []
        : [
            integrationTask('probate', 'probate-court', CHOOSE_SETTLEMENT_TASK, {
              caseRef: context.probateCaseRef,
              settlement: context.settlement,
            }),
          ],
    ),
  },
}).createMachine({
  id: 'losing-a-relative',
  context: ({ input }) => {
    // Everything comes from registers; a missing fact stops the start instead of becoming a default.
    const facts = input.facts as RelativeFacts;
    const problem = relativeFactsProblem(facts);
    if (problem) throw new Error(problem);
    return {
      answers: input.answers as RelativeAnswers,
      facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: facts.dateOfDeath,
      steps: initialRelativeSteps(facts),
    };
  },
  entry: 'scheduleStartTimers',
  initial: 'inProgress',
  states: {
    inProgress: {
      type: 'parallel',
      onDone: 'completed',
      on: { 'timer.fired': { guard: 'isReminderForOpenStep', actions: 'remindCitizen' } },
      states: {
        // The doctor's certificate is the basis of the CPR registration, which blocks accounts,
        // closes Digital Post and ends powers of attorney.
        registers: {
          initial: 'awaitingCertificate',
          states: {
            awaitingCertificate: {
              entry: 'confirmCertificate',
              on: {
                'integration.completed': {
                  guard: isTask(CERTIFICATE_TASK),
                  target: 'awaitingEffects',
                  actions: [
                    'recordCertificate',
                    { type: 'setStep', params: { step: 'death-certificate', status: 'done' } },
                    { type: 'cancel', params: { key: WATCHDOG.certificate } },
                  ],
                },
                'death-certificate.issued': {
                  target: 'awaitingEffects',
                  actions: [
                    'recordCertificate',
                    { type: 'setStep', params: { step: 'death-certificate', status: 'done' } },
                    { type: 'cancel', params: { key: WATCHDOG.certificate } },
                  ],
                },
                'integration.failed': {
                  guard: isTask(CERTIFICATE_TASK),
                  target: 'certificateFailed',
                  actions: [
                    { type: 'setStep', params: ({ event }) => ({ step: 'death-certificate', status: 'failed', reason: event.code }) },
                    { type: 'cancel', params: { key: WATCHDOG.certificate } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(WATCHDOG.certificate),
                  actions: [
                    { type: 'setStep', params: { step: 'death-certificate', status: 'late', reason: 'certificate-overdue' } },
                    { type: 'notifyLate', params: { step: 'death-certificate' } },
                  ],
                },
              },
            },
            certificateFailed: {
              on: {
                'integration.retry': {
                  guard: isTask(CERTIFICATE_TASK),
                  target: 'awaitingCertificate',
                  actions: { type: 'setStep', params: { step: 'death-certificate', status: 'active' } },
                },
              },
            },
            awaitingEffects: {
              entry: [{ type: 'setStep', params: { step: 'automatic-effects', status: 'active' } }, 'confirmEffects'],
              on: {
                'integration.completed': {
                  guard: isTask(CLOSE_MAILBOX_TASK),
                  target: 'confirmed',
                  actions: [
                    { type: 'setStep', params: { step: 'automatic-effects', status: 'done' } },
                    { type: 'cancel', params: { key: WATCHDOG.effects } },
                  ],
                },
                'automatic-effects.confirmed': {
                  target: 'confirmed',
                  actions: [
                    { type: 'setStep', params: { step: 'automatic-effects', status: 'done' } },
                    { type: 'cancel', params: { key: WATCHDOG.effects } },
                  ],
                },
                'integration.failed': {
                  guard: isTask(CLOSE_MAILBOX_TASK),
                  target: 'effectsFailed',
                  actions: [
                    { type: 'setStep', params: ({ event }) => ({ step: 'automatic-effects', status: 'failed', reason: event.code }) },
                    { type: 'cancel', params: { key: WATCHDOG.effects } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(WATCHDOG.effects),
                  actions: [
                    { type: 'setStep', params: { step: 'automatic-effects', status: 'late', reason: 'confirmation-overdue' } },
                    { type: 'notifyLate', params: { step: 'automatic-effects' } },
                  ],
                },
              },
            },
            effectsFailed: {
              on: { 'integration.retry': { guard: isTask(CLOSE_MAILBOX_TASK), target: 'awaitingEffects' } },
            },
            confirmed: { type: 'final' },
          },
        },
        burial: {
          initial: 'awaitingReport',
          states: {
            awaitingReport: {
              on: {
                'death.reported': {
                  target: 'arranging',
                  actions: [
                    {
                      type: 'setStep',
                      params: ({ context, event }) => ({
                        step: 'report-death-request-burial',
                        status: 'done',
                        reason:
                          event.reportedBy === 'other-next-of-kin' || event.reportedBy === 'municipality'
                            ? 'reported-by-other'
                            : isAfter(event.reportedOn, context.steps['report-death-request-burial'].deadline)
                              ? 'reported-after-deadline'
                              : undefined,
                      }),
                    },
                    { type: 'recordReport', params: ({ event }) => ({ reportedOn: event.reportedOn }) },
                    { type: 'setStep', params: { step: 'burial', status: 'active' } },
                  ],
                },
              },
            },
            arranging: {
              on: {
                'burial.held': {
                  target: 'held',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: 'burial',
                      status: 'done',
                      reason: isAfter(event.heldOn, context.steps.burial.deadline) ? 'held-after-deadline' : undefined,
                    }),
                  },
                },
                // The cemetery may allow up to 14 days; later needs Styrelsen for Patientsikkerhed.
                'burial.postponed': {
                  guard: ({ context, event }) => postponementAllowed(context.anchorDate, event.newDeadline, event.approvedBy),
                  actions: [
                    { type: 'moveBurialDeadline', params: ({ event }) => ({ newDeadline: event.newDeadline }) },
                    { type: 'remindBurial', params: ({ event }) => ({ approvedOn: event.approvedOn }) },
                  ],
                },
              },
            },
            held: { type: 'final' },
          },
        },
        // The parish tells the probate court; the court contacts the family, the estate is settled,
        // and the probate certificate opens the deceased's Digital Post.
        estate: {
          initial: 'awaitingReport',
          states: {
            awaitingReport: {
              always: { guard: stepIs('report-death-request-burial', 'done'), target: 'awaitingNotification' },
            },
            awaitingNotification: {
              entry: [{ type: 'setStep', params: { step: 'notify-authorities', status: 'active' } }, 'awaitNotification'],
              on: {
                'authorities.notified': {
                  target: 'awaitingCourt',
                  actions: [
                    { type: 'setStep', params: { step: 'notify-authorities', status: 'done' } },
                    { type: 'cancel', params: { key: WATCHDOG.authorities } },
                    { type: 'setStep', params: { step: 'probate', status: 'active' } },
                    { type: 'watch', params: ({ event }) => ({ step: 'probate', date: probateCourtWatchdogDate(event.notifiedOn) }) },
                  ],
                },
                // The court's letter shows that it was informed, even if the confirmation got lost.
                'probate.court-contacted': {
                  target: 'choosingSettlement',
                  actions: [
                    { type: 'setStep', params: { step: 'notify-authorities', status: 'done' } },
                    { type: 'cancel', params: { key: WATCHDOG.authorities } },
                    { type: 'setStep', params: { step: 'probate', status: 'active' } },
                    { type: 'recordCourtContact', params: ({ event }) => ({ caseRef: event.caseRef }) },
                    { type: 'notifyNeedsYou', params: { step: 'probate' } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(WATCHDOG.authorities),
                  actions: [
                    { type: 'setStep', params: { step: 'notify-authorities', status: 'late', reason: 'notification-overdue' } },
                    { type: 'notifyLate', params: { step: 'notify-authorities' } },
                  ],
                },
              },
            },
            awaitingCourt: {
              entry: 'awaitCourt',
              on: {
                'probate.court-contacted': {
                  target: 'choosingSettlement',
                  actions: [
                    { type: 'setStep', params: { step: 'probate', status: 'active' } },
                    { type: 'cancel', params: { key: WATCHDOG.probate } },
                    { type: 'recordCourtContact', params: ({ event }) => ({ caseRef: event.caseRef }) },
                    { type: 'notifyNeedsYou', params: { step: 'probate' } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(WATCHDOG.probate),
                  actions: [
                    { type: 'setStep', params: { step: 'probate', status: 'late', reason: 'court-contact-overdue' } },
                    { type: 'notifyLate', params: { step: 'probate' } },
                  ],
                },
              },
            },
            choosingSettlement: {
              on: {
                'probate.settlement-chosen': {
                  // Spouse transfer and undivided estate are for a surviving spouse only.
                  guard: ({ context, event }) => settlementAllowed(context.facts.relation, event.settlement),
                  target: 'settlementRequested',
                  actions: { type: 'recordSettlement', params: ({ event }) => ({ settlement: event.settlement }) },
                },
              },
            },
            settlementRequested: {
              entry: [{ type: 'setStep', params: { step: 'probate', status: 'active' } }, 'requestSettlement'],
              on: {
                'integration.completed': { guard: isTask(CHOOSE_SETTLEMENT_TASK), target: 'certificateRequested' },
                'integration.failed': {
                  guard: isTask(CHOOSE_SETTLEMENT_TASK),
                  target: 'settlementFailed',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: 'probate', status: 'failed', reason: event.code }) },
                },
              },
            },
            // A caseworker at the court sorts it out, then asks for the task to run again.
            settlementFailed: {
              on: { 'integration.retry': { guard: isTask(CHOOSE_SETTLEMENT_TASK), target: 'settlementRequested' } },
            },
            // No one may dispose of the estate's assets before the probate certificate.
            certificateRequested: {
              entry: [{ type: 'setStep', params: { step: 'probate', status: 'active' } }, 'requestProbateCertificate'],
              on: {
                'integration.completed': {
                  guard: isTask(PROBATE_CERTIFICATE_TASK),
                  target: 'mailAccess',
                  actions: [
                    'recordProbateCertificate',
                    { type: 'setStep', params: { step: 'probate', status: 'done' } },
                    { type: 'setStep', params: { step: 'digital-post-access', status: 'active' } },
                  ],
                },
                'integration.failed': {
                  guard: isTask(PROBATE_CERTIFICATE_TASK),
                  target: 'certificateFailed',
                  actions: { type: 'setStep', params: ({ event }) => ({ step: 'probate', status: 'failed', reason: event.code }) },
                },
              },
            },
            certificateFailed: {
              on: { 'integration.retry': { guard: isTask(PROBATE_CERTIFICATE_TASK), target: 'certificateRequested' } },
            },
            mailAccess: {
              on: {
                'digital-post-access.applied': {
                  target: 'mailAccessApplied',
                  actions: { type: 'setStep', params: { step: 'digital-post-access', status: 'done' } },
                },
                'digital-post-access.not-needed': {
                  target: 'mailAccessNotNeeded',
                  actions: { type: 'setStep', params: { step: 'digital-post-access', status: 'skipped', reason: 'not-needed' } },
                },
              },
            },
            mailAccessApplied: { type: 'final' },
            mailAccessNotNeeded: { type: 'final' },
          },
        },
        funeralGrant: {
          initial: 'open',
          states: {
            open: {
              always: { guard: stepIs('funeral-grant', 'skipped'), target: 'notRelevant' },
              on: {
                'funeral-grant.applied': {
                  target: 'applied',
                  actions: { type: 'setStep', params: { step: 'funeral-grant', status: 'done' } },
                },
                'funeral-grant.not-applying': {
                  target: 'declined',
                  actions: { type: 'setStep', params: { step: 'funeral-grant', status: 'skipped', reason: 'not-applying' } },
                },
              },
            },
            applied: { type: 'final' },
            declined: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
        survivor: {
          initial: 'automaticPension',
          states: {
            // Both were pensioners: the deceased's pension continues for 3 months without an application.
            automaticPension: {
              entry: 'awaitSurvivorPension',
              always: [
                { guard: stepIs('spouse-survivor', 'skipped'), target: 'notRelevant' },
                {
                  guard: ({ context }) => survivorBranch(context.facts.relation, context.facts.bothReceivedPublicPension) === 'apply-grant',
                  target: 'grantApplication',
                },
              ],
              on: {
                'survivor-pension.confirmed': {
                  target: 'settled',
                  actions: [
                    { type: 'setStep', params: { step: 'spouse-survivor', status: 'done' } },
                    { type: 'cancel', params: { key: WATCHDOG.survivor } },
                  ],
                },
                'timer.fired': {
                  guard: isTimer(WATCHDOG.survivor),
                  actions: [
                    { type: 'setStep', params: { step: 'spouse-survivor', status: 'late', reason: 'letter-overdue' } },
                    { type: 'notifyLate', params: { step: 'spouse-survivor' } },
                  ],
                },
              },
            },
            grantApplication: {
              on: {
                'survivor-grant.applied': {
                  target: 'settled',
                  actions: {
                    type: 'setStep',
                    params: ({ context, event }) => ({
                      step: 'spouse-survivor',
                      status: 'done',
                      // The grant is not given for applications after the 6 months.
                      reason: isAfter(event.appliedOn, context.steps['spouse-survivor'].deadline) ? 'applied-after-deadline' : undefined,
                    }),
                  },
                },
                'survivor-grant.not-applying': {
                  target: 'declined',
                  actions: { type: 'setStep', params: { step: 'spouse-survivor', status: 'skipped', reason: 'not-applying' } },
                },
              },
            },
            settled: { type: 'final' },
            declined: { type: 'final' },
            notRelevant: { type: 'final' },
          },
        },
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type RelativeMachine = typeof relativeMachine;
