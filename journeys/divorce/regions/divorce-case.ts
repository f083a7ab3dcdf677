/** Steps 1 and 3: the application and Familieretshuset's screening (married couples). */
import { assign } from 'xstate';
import { dateOfTimestamp } from '../../shared/calendar';
import { isTask, stepIs, watchdogFiredWhileActive } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import type { ScreeningTrack } from '../divorce.events';
import { isScreeningTrack, isValidApplication, SCREENING_TASK } from '../divorce.rules';
import { APPLY, divorceSetup, SCREENING } from '../divorce.setup';

export const divorceCaseRegion = divorceSetup.createStateConfig({
  initial: 'applying',
  states: {
    applying: {
      always: { guard: stepIs(APPLY, 'skipped'), target: 'notMarried' },
      on: {
        'divorce.applied': {
          guard: ({ context, event }) => isValidApplication(context.facts, event),
          target: 'screening',
          actions: [
            assign({
              divorceCase: ({ event }) => ({
                caseRef: event.caseRef,
                appliedOn: event.appliedOn,
                applicationType: event.applicationType,
                agreement: event.agreement,
                grounds: event.grounds,
                termsInDispute: event.termsInDispute,
              }),
              screeningBasisDate: ({ event }) => event.appliedOn,
            }),
            {
              type: 'setStep',
              params: ({ event }) => ({ step: APPLY, status: 'done', reason: event.applicationType }),
            },
          ],
        },
      },
    },
    screening: {
      entry: [{ type: 'setStep', params: { step: SCREENING, status: 'active' } }, 'requestScreening'],
      on: {
        'integration.completed': [
          {
            guard: ({ event }) => isTask(SCREENING_TASK)({ event }) && isScreeningTrack(event.output.track),
            target: 'screened',
            actions: [
              { type: 'recordTrack', params: ({ event }) => ({ track: event.output.track as ScreeningTrack }) },
              { type: 'setStep', params: ({ event }) => ({ step: SCREENING, status: 'done', reason: String(event.output.track) }) },
              { type: 'cancelWatchdog', params: { step: SCREENING } },
            ],
          },
          {
            // An answer without a track cannot steer the case: a caseworker records it by hand.
            guard: isTask(SCREENING_TASK),
            target: 'screeningFailed',
            actions: [
              { type: 'setStep', params: { step: SCREENING, status: 'failed', reason: 'no-track-in-result' } },
              { type: 'cancelWatchdog', params: { step: SCREENING } },
            ],
          },
        ],
        'integration.failed': {
          guard: isTask(SCREENING_TASK),
          target: 'screeningFailed',
          actions: [
            { type: 'setStep', params: ({ event }) => ({ step: SCREENING, status: 'failed', reason: event.code }) },
            { type: 'cancelWatchdog', params: { step: SCREENING } },
          ],
        },
        'screening.recorded': {
          target: 'screened',
          actions: [
            { type: 'recordTrack', params: ({ event }) => ({ track: event.track }) },
            { type: 'setStep', params: ({ event }) => ({ step: SCREENING, status: 'done', reason: event.track }) },
            { type: 'cancelWatchdog', params: { step: SCREENING } },
          ],
        },
        'timer.fired': overdue(SCREENING, 'screening-overdue', watchdogFiredWhileActive(SCREENING)),
      },
    },
    // A caseworker retries the request, or records the screening from the case file.
    screeningFailed: {
      on: {
        'integration.retry': {
          guard: isTask(SCREENING_TASK),
          target: 'screening',
          actions: assign({
            screeningBasisDate: ({ context, event }) =>
              event.requestedAt ? dateOfTimestamp(event.requestedAt) : context.screeningBasisDate,
          }),
        },
        'screening.recorded': {
          target: 'screened',
          actions: [
            { type: 'recordTrack', params: ({ event }) => ({ track: event.track }) },
            { type: 'setStep', params: ({ event }) => ({ step: SCREENING, status: 'done', reason: event.track }) },
          ],
        },
      },
    },
    screened: { type: 'final' },
    notMarried: { type: 'final' },
  },
});
