/** MitID and the first login. */
import { dateOfTimestamp, maxIsoDate } from '../../shared/calendar';
import { isClosed, isTask, stepIs } from '../../shared/kit';
import { BOOK_APPOINTMENT_TASK } from '../digital-citizen.rules';
import { digitalCitizenSetup, FIRST_LOGIN, MAILBOX, MITID } from '../digital-citizen.setup';

export const mitidRegion = digitalCitizenSetup.createStateConfig({
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
});

export const firstLoginRegion = digitalCitizenSetup.createStateConfig({
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
});
