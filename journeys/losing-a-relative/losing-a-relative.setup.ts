/** The losing-a-relative machine's context, actions and guards, shared by the machine and its regions. */
import { assign, setup } from 'xstate';
import { journeyActions, journeyGuards } from '../shared/actions';
import { dateOfTimestamp, isIsoDate, laterTimestamp, maxIsoDate, type IsoDate } from '../shared/calendar';
import type { JourneyCommand, JourneyContextBase } from '../shared/contract';
import { awaitAuthority, cancelReminders, emitCommands, integrationTask, journeyTypes, reminderTimers, watchdogTimer } from '../shared/kit';
import { awaitedConfirmation } from '../shared/patterns';
import type { RelativeEvent } from './losing-a-relative.events';
import {
  automaticEffectsWatchdogDate,
  burialAuthority,
  CERTIFICATE_TASK,
  CHOOSE_SETTLEMENT_TASK,
  CLOSE_MAILBOX_TASK,
  deathCertificateWatchdogDate,
  deceasedRelation,
  notifyAuthoritiesWatchdogDate,
  PROBATE_CERTIFICATE_TASK,
  RELATIVE_RULES,
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

export const confirmation = awaitedConfirmation<RelativeContext>();

export const relativeSetup = setup({
  types: journeyTypes<RelativeContext, RelativeEvent>(),
  guards: journeyGuards,
  actions: {
    ...journeyActions<RelativeContext, RelativeEvent, RelativeStepId>(),
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
          : integrationTask('automatic-effects', 'digital-post', CLOSE_MAILBOX_TASK, {
              deceasedRelation: relation,
              dateOfDeath: context.anchorDate,
            }),
        watchdogTimer('automatic-effects', automaticEffectsWatchdogDate(basis)),
      ];
    }),
    awaitNotification: emitCommands((context) => [
      watchdogTimer('notify-authorities', notifyAuthoritiesWatchdogDate(context.reportedOn ?? context.anchorDate)),
      awaitAuthority('notify-authorities', burialAuthority(context.facts), 'authorities.notified', {
        expiresInDays: RELATIVE_RULES.taskTokenDays.notifyAuthorities,
      }),
    ]),
    awaitCourt: emitCommands(() => [
      awaitAuthority('probate', 'probate-court', 'probate.court-contacted', {
        expiresInDays: RELATIVE_RULES.taskTokenDays.probateCourtContact,
      }),
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
});
