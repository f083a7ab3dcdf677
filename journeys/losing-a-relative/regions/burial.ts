/** The burial or cremation, and the funeral grant. */
import { isAfterDeadline } from '../../shared/calendar';
import { stepIs } from '../../shared/kit';
import { postponementAllowed } from '../losing-a-relative.rules';
import { relativeSetup } from '../losing-a-relative.setup';

export const burialRegion = relativeSetup.createStateConfig({
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
                    : isAfterDeadline(event.reportedOn, context.steps['report-death-request-burial'].deadline)
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
              reason: isAfterDeadline(event.heldOn, context.steps.burial.deadline) ? 'held-after-deadline' : undefined,
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
});

export const funeralGrantRegion = relativeSetup.createStateConfig({
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
});
