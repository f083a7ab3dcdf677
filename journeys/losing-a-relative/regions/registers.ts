/** The death certificate and the register effects it sets off. */
import { isTask, isTimer } from '../../shared/kit';
import { CERTIFICATE_TASK, CLOSE_MAILBOX_TASK } from '../losing-a-relative.rules';
import { relativeSetup, WATCHDOG } from '../losing-a-relative.setup';

export const registersRegion = relativeSetup.createStateConfig({
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
});
