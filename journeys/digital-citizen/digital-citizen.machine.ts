/**
 * Becoming a digital citizen at 15 (docs/journeys.md section 1).
 *
 * One parallel region per step. Four of them are register flows the journey only observes: each
 * waits for its confirmation and is flagged `late` by a watchdog when the confirmation is overdue.
 * The first login waits for both the mailbox and MitID.
 */
import { fifteenthBirthday, initialDigitalCitizenSteps } from './digital-citizen.rules';
import type { DigitalCitizenAnswers, DigitalCitizenFacts } from './digital-citizen.start';
import { digitalCitizenSetup } from './digital-citizen.setup';
import { mailboxRegion, parentNoticeRegion } from './regions/digital-post';
import { firstLoginRegion, mitidRegion } from './regions/mitid';
import { frikortRegion, gpChoiceRegion, ungeydelseRegion } from './regions/benefits-and-health';

export type { DigitalCitizenContext } from './digital-citizen.setup';

export const digitalCitizenMachine = digitalCitizenSetup.createMachine({
  id: 'digital-citizen',
  context: ({ input }) => {
    // The engine validated the facts against digitalCitizenFactsSchema.
    const facts = input.facts as DigitalCitizenFacts;
    return {
      answers: {} as DigitalCitizenAnswers,
      facts,
      startedAt: input.startedAt,
      reminderDays: input.reminderDays,
      anchorDate: fifteenthBirthday(facts.birthDate),
      steps: initialDigitalCitizenSteps(facts),
    };
  },
  entry: 'scheduleTimers',
  initial: 'inProgress',
  states: {
    inProgress: {
      type: 'parallel',
      onDone: 'completed',
      on: { 'timer.fired': { guard: 'isReminderForOpenStep', actions: 'remindCitizen' } },
      states: {
        parentNotice: parentNoticeRegion,
        mailbox: mailboxRegion,
        frikort: frikortRegion,
        mitid: mitidRegion,
        firstLogin: firstLoginRegion,
        ungeydelse: ungeydelseRegion,
        gpChoice: gpChoiceRegion,
      },
    },
    completed: { type: 'final', entry: 'notifyCompleted' },
  },
});

export type DigitalCitizenMachine = typeof digitalCitizenMachine;
