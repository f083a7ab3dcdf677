/** The death certificate and the register effects it sets off. */
import { CERTIFICATE_TASK, CLOSE_MAILBOX_TASK } from '../losing-a-relative.rules';
import { confirmation, relativeSetup } from '../losing-a-relative.setup';

export const registersRegion = relativeSetup.createStateConfig({
  initial: 'awaitingCertificate',
  states: {
    // Sundhedsdatastyrelsen's status, or its own solution when CPR cannot name the deceased.
    ...confirmation({
      step: 'death-certificate',
      task: CERTIFICATE_TASK,
      awaiting: 'awaitingCertificate',
      failed: 'certificateFailed',
      confirmed: 'awaitingEffects',
      entry: 'confirmCertificate',
      lateReason: 'certificate-overdue',
      record: 'recordCertificate',
      confirmedBy: ['death-certificate.issued'],
    }),
    // Digital Post closes the deceased's mailbox, or confirms the effects in its own solution.
    ...confirmation({
      step: 'automatic-effects',
      task: CLOSE_MAILBOX_TASK,
      awaiting: 'awaitingEffects',
      failed: 'effectsFailed',
      confirmed: 'confirmed',
      entry: 'confirmEffects',
      opensStep: true,
      lateReason: 'confirmation-overdue',
      confirmedBy: ['automatic-effects.confirmed'],
    }),
    confirmed: { type: 'final' },
  },
});
