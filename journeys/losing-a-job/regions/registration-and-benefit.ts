/** Registering as unemployed, the unemployment benefit and the CV. */
import { compareIsoDates, isAfterDeadline } from '../../shared/calendar';
import { isTimer, stepIs } from '../../shared/kit';
import { QUARANTINE_TIMER, quarantineEnds } from '../losing-a-job.rules';
import { jobSetup } from '../losing-a-job.setup';

export const registrationRegion = jobSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      on: {
        'jobnet.registered': {
          target: 'registered',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: 'register-unemployed',
              status: 'done',
              // Benefit is paid from the registration only: the days before are lost.
              reason: isAfterDeadline(event.registeredOn, context.steps['register-unemployed'].deadline)
                ? 'registered-after-first-day'
                : undefined,
            }),
          },
        },
      },
    },
    registered: { type: 'final' },
  },
});

export const benefitRegion = jobSetup.createStateConfig({
  initial: 'dagpenge',
  states: {
    dagpenge: {
      always: { guard: stepIs('apply-dagpenge', 'skipped'), target: 'socialAssistance' },
      on: {
        'dagpenge.applied': [
          {
            // Resigned: no dagpenge for the first 3 weeks.
            guard: ({ context, event }) =>
              context.answers.resigned && compareIsoDates(quarantineEnds(context.anchorDate), event.appliedOn) > 0,
            target: 'quarantine',
            actions: [{ type: 'setStep', params: { step: 'apply-dagpenge', status: 'active', reason: 'quarantine' } }, 'startQuarantine'],
          },
          {
            target: 'dagpengeApplied',
            actions: {
              type: 'setStep',
              params: ({ context }) => ({
                step: 'apply-dagpenge',
                status: 'done',
                reason: context.answers.resigned ? 'applied-after-quarantine' : undefined,
              }),
            },
          },
        ],
      },
    },
    quarantine: {
      on: {
        'timer.fired': {
          guard: isTimer(QUARANTINE_TIMER),
          target: 'dagpengeApplied',
          actions: [
            { type: 'setStep', params: { step: 'apply-dagpenge', status: 'done', reason: 'quarantine-served' } },
            'notifyQuarantineEnded',
          ],
        },
      },
    },
    socialAssistance: {
      on: {
        'social-assistance.applied': {
          target: 'socialAssistanceApplied',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: 'apply-social-assistance',
              status: 'done',
              // Help is never given for the days before the application.
              reason: isAfterDeadline(event.appliedOn, context.steps['apply-social-assistance'].deadline)
                ? 'applied-after-first-day'
                : undefined,
            }),
          },
        },
      },
    },
    dagpengeApplied: { type: 'final' },
    socialAssistanceApplied: { type: 'final' },
  },
});

export const cvRegion = jobSetup.createStateConfig({
  initial: 'open',
  states: {
    open: {
      on: {
        'cv.published': {
          target: 'published',
          actions: {
            type: 'setStep',
            params: ({ context, event }) => ({
              step: 'cv-on-jobnet',
              status: 'done',
              reason: isAfterDeadline(event.publishedOn, context.steps['cv-on-jobnet'].deadline) ? 'published-after-deadline' : undefined,
            }),
          },
        },
      },
    },
    published: { type: 'final' },
  },
});
