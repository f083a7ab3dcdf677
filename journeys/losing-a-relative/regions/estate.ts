/** The estate: from the probate court's contact to the settlement, the probate certificate and the deceased's Digital Post. */
import { isTask, stepIs } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { CHOOSE_SETTLEMENT_TASK, PROBATE_CERTIFICATE_TASK, probateCourtWatchdogDate, settlementAllowed } from '../losing-a-relative.rules';
import { relativeSetup } from '../losing-a-relative.setup';

export const estateRegion = relativeSetup.createStateConfig({
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
            { type: 'cancelWatchdog', params: { step: 'notify-authorities' } },
            { type: 'setStep', params: { step: 'probate', status: 'active' } },
            { type: 'scheduleWatchdog', params: ({ event }) => ({ step: 'probate', due: probateCourtWatchdogDate(event.notifiedOn) }) },
          ],
        },
        // The court's letter shows that it was informed, even if the confirmation got lost.
        'probate.court-contacted': {
          target: 'choosingSettlement',
          actions: [
            { type: 'setStep', params: { step: 'notify-authorities', status: 'done' } },
            { type: 'cancelWatchdog', params: { step: 'notify-authorities' } },
            { type: 'setStep', params: { step: 'probate', status: 'active' } },
            { type: 'recordCourtContact', params: ({ event }) => ({ caseRef: event.caseRef }) },
            { type: 'notifyNeedsYou', params: { step: 'probate' } },
          ],
        },
        'timer.fired': overdue('notify-authorities', 'notification-overdue'),
      },
    },
    awaitingCourt: {
      entry: 'awaitCourt',
      on: {
        'probate.court-contacted': {
          target: 'choosingSettlement',
          actions: [
            { type: 'setStep', params: { step: 'probate', status: 'active' } },
            { type: 'cancelWatchdog', params: { step: 'probate' } },
            { type: 'recordCourtContact', params: ({ event }) => ({ caseRef: event.caseRef }) },
            { type: 'notifyNeedsYou', params: { step: 'probate' } },
          ],
        },
        'timer.fired': overdue('probate', 'court-contact-overdue'),
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
});
