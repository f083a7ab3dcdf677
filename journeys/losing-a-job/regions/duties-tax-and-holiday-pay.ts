/** The recurring duties, the preliminary tax and holiday pay. */
import { dateOfTimestamp, maxIsoDate } from '../../shared/calendar';
import { isTimer, stepIs } from '../../shared/kit';
import { overdue, preliminaryTaxCheck } from '../../shared/patterns';
import { JOB_LOG_TIMER } from '../losing-a-job.rules';
import { jobSetup } from '../losing-a-job.setup';

export const dutiesRegion = jobSetup.createStateConfig({
  initial: 'recurring',
  states: {
    recurring: {
      on: {
        'timer.fired': {
          guard: isTimer(JOB_LOG_TIMER),
          // From when it really fired: after downtime the next round is a week from now, not a backlog.
          actions: [
            'remindJobLog',
            {
              type: 'advanceJobLog',
              params: ({ context, event }) => ({
                from: typeof event.firedAt === 'string' ? maxIsoDate(context.jobLogDue, dateOfTimestamp(event.firedAt)) : undefined,
              }),
            },
            'scheduleJobLog',
          ],
        },
        'job-log.updated': {
          actions: [{ type: 'advanceJobLog', params: ({ event }) => ({ from: event.updatedOn }) }, 'scheduleJobLog'],
        },
        'monthly-claim.submitted': {
          guard: stepIs('monthly-claim', 'active'),
          actions: [
            { type: 'nextClaim', params: ({ event }) => ({ month: event.month }) },
            { type: 'remindNextClaim', params: ({ event }) => ({ submittedOn: event.submittedOn }) },
          ],
        },
      },
    },
  },
});

export const preliminaryTaxRegion = jobSetup.createStateConfig(preliminaryTaxCheck());

export const holidayPayRegion = jobSetup.createStateConfig({
  initial: 'awaitingReport',
  states: {
    awaitingReport: {
      on: {
        'holiday-pay.reported': {
          target: 'reported',
          actions: [
            { type: 'setStep', params: { step: 'holiday-pay', status: 'done' } },
            { type: 'cancelWatchdog', params: { step: 'holiday-pay' } },
          ],
        },
        'timer.fired': overdue('holiday-pay', 'report-overdue'),
      },
    },
    reported: { type: 'final' },
  },
});
