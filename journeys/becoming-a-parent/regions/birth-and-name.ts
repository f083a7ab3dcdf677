/** The birth, paternity and the child's name. */
import { isAfterDeadline } from '../../shared/calendar';
import { isTimer } from '../../shared/kit';
import { overdue } from '../../shared/patterns';
import { PARENT_LOOKUP_TASK } from '../becoming-a-parent.rules';
import { confirmation, DECLARATION_DEADLINE, parentSetup } from '../becoming-a-parent.setup';

export const birthRegion = parentSetup.createStateConfig({
  initial: 'expecting',
  states: {
    expecting: {
      entry: 'awaitBirth',
      // A start from the CPR birth registration is born already.
      always: { guard: 'birthKnown', target: 'born' },
      on: {
        'birth.registered': {
          target: 'born',
          actions: [{ type: 'recordBirth', params: ({ event }) => ({ birthDate: event.birthDate }) }, 'announceBirth'],
        },
        'timer.fired': overdue('birth-registration', 'registration-overdue'),
      },
    },
    born: { type: 'final' },
  },
});

export const paternityRegion = parentSetup.createStateConfig({
  initial: 'awaitingBirth',
  states: {
    awaitingBirth: {
      always: [
        { guard: ({ context }) => context.birthDate !== undefined && context.situation.married, target: 'awaitingRegistration' },
        { guard: 'birthKnown', target: 'declaration' },
      ],
    },
    // Married: the spouse is registered with the birth; CPR's relations confirm it. After a failed
    // lookup a caseworker looks into CPR's answer, then asks for the lookup again.
    ...confirmation({
      step: 'paternity',
      task: PARENT_LOOKUP_TASK,
      awaiting: 'awaitingRegistration',
      failed: 'registrationFailed',
      confirmed: 'established',
      entry: 'requestParentLookup',
      lateReason: 'registration-overdue',
    }),
    // Unmarried: both parents sign the declaration of care and responsibility in time.
    declaration: {
      entry: 'watchDeclaration',
      on: {
        'care-declaration.signed': [
          {
            guard: ({ context, event }) => !isAfterDeadline(event.signedOn, context.steps.paternity.deadline),
            target: 'established',
            actions: [
              { type: 'setStep', params: { step: 'paternity', status: 'done' } },
              { type: 'cancelTimer', params: { key: DECLARATION_DEADLINE } },
            ],
          },
          // A declaration after the deadline cannot establish parentage: Familieretshuset decides.
          {
            target: 'familieretshuset',
            actions: [
              { type: 'setStep', params: { step: 'paternity', status: 'active', reason: 'declaration-too-late' } },
              { type: 'cancelTimer', params: { key: DECLARATION_DEADLINE } },
              { type: 'notifyNeedsYou', params: { step: 'paternity' } },
            ],
          },
        ],
        'paternity.disputed': {
          target: 'familieretshuset',
          actions: [
            { type: 'setStep', params: { step: 'paternity', status: 'active', reason: 'disputed' } },
            { type: 'cancelTimer', params: { key: DECLARATION_DEADLINE } },
          ],
        },
        'timer.fired': {
          guard: isTimer(DECLARATION_DEADLINE),
          target: 'familieretshuset',
          actions: [
            { type: 'setStep', params: { step: 'paternity', status: 'active', reason: 'declaration-deadline-passed' } },
            { type: 'notifyNeedsYou', params: { step: 'paternity' } },
          ],
        },
      },
    },
    familieretshuset: {
      on: {
        'paternity.decided': {
          target: 'established',
          actions: {
            type: 'setStep',
            params: ({ event }) => ({
              step: 'paternity',
              status: 'done',
              reason: event.parentage === 'established' ? 'decided-by-familieretshuset' : 'parentage-not-established',
            }),
          },
        },
      },
    },
    established: { type: 'final' },
  },
});

export const namingRegion = parentSetup.createStateConfig({
  initial: 'awaitingBirth',
  states: {
    awaitingBirth: { always: { guard: 'birthKnown', target: 'open' } },
    // The parents apply on borger.dk (or name the child at baptism); the registrar confirms.
    open: {
      entry: 'awaitName',
      on: {
        'name.registered': {
          target: 'named',
          actions: { type: 'setStep', params: { step: 'naming', status: 'done' } },
        },
      },
    },
    named: { type: 'final' },
  },
});
