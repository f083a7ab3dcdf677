/**
 * The CPR registration that follows a reported move, as moving within Denmark and moving abroad both
 * have it: the citizen reports the move, CPR registers it from the latest of the moving day, the
 * report and any decision before it (the journey's `registrationBasisDate`), and a watchdog flags a
 * registration that is overdue. The journey registers `recordBasisDate` (below) and its own
 * `requestCprConfirmation`, which requests the CPR task and schedules the watchdog.
 */
import { assign, type EventObject } from 'xstate';
import { dateOfTimestamp, isAfterDeadline, maxIsoDate, type IsoDate } from './calendar';
import type { IntegrationRetryEvent, JourneyContextBase } from './contract';
import type { EngineEvent, StepUpdate } from './kit';
import { awaitedConfirmation } from './patterns';

interface WithRegistrationBasis extends JourneyContextBase {
  registrationBasisDate: IsoDate;
}

/** `recordBasisDate` (`{ date }`): CPR registers from this day when it is later than the basis so far. */
export function recordBasisDateAction<TContext extends WithRegistrationBasis, TOwnEvent extends EventObject>() {
  type TEvent = TOwnEvent | EngineEvent;
  return assign<TContext, TEvent, { date: IsoDate }, TEvent, never>(
    ({ context }, params) => ({ registrationBasisDate: maxIsoDate(context.registrationBasisDate, params.date) }) as Partial<TContext>,
  );
}

/** The report is done (late when made after its deadline), and CPR counts from the day it was made. */
export function moveReported<TStep extends string>(step: TStep) {
  return [
    {
      type: 'setStep',
      params: ({ context, event }: { context: JourneyContextBase; event: { reportedOn: IsoDate } }): StepUpdate => ({
        step,
        status: 'done',
        reason: isAfterDeadline(event.reportedOn, context.steps[step]?.deadline) ? 'reported-after-deadline' : undefined,
      }),
    } as const,
    { type: 'recordBasisDate', params: ({ event }: { event: { reportedOn: IsoDate } }) => ({ date: event.reportedOn }) } as const,
  ];
}

/**
 * CPR's confirmation of the registration (`awaitingCpr`, `cprFailed`, then `registered`). A
 * caseworker's retry moves the basis to the day of the retry; without the request time the old
 * basis stands, so the watchdog may flag `late` at once.
 */
export function cprConfirmation<TContext extends WithRegistrationBasis>() {
  const confirmation = awaitedConfirmation<TContext>();
  return <TStep extends string>(step: TStep, task: string) =>
    confirmation({
      step,
      task,
      awaiting: 'awaitingCpr',
      failed: 'cprFailed',
      confirmed: 'registered',
      entry: 'requestCprConfirmation',
      opensStep: true,
      lateReason: 'confirmation-overdue',
      retry: [
        {
          type: 'recordBasisDate',
          params: ({ context, event }: { context: TContext; event: IntegrationRetryEvent }) => ({
            date: event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.registrationBasisDate,
          }),
        },
      ],
    });
}
