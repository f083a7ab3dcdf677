/**
 * Becoming a digital citizen at 15 (docs/journeys.md section 1).
 *
 * One parallel region per step. Four of them are register flows the journey only observes: each
 * waits for its confirmation and is flagged `late` by a watchdog when the confirmation is overdue.
 * The first login waits for both the mailbox and MitID.
 */
import { journeyMachineConfig } from '../shared/machine';
import { fifteenthBirthday, initialDigitalCitizenSteps } from './digital-citizen.rules';
import type { DigitalCitizenFacts } from './digital-citizen.start';
import { digitalCitizenSetup, type DigitalCitizenContext } from './digital-citizen.setup';
import { mailboxRegion, parentNoticeRegion } from './regions/digital-post';
import { firstLoginRegion, mitidRegion } from './regions/mitid';
import { frikortRegion, gpChoiceRegion, ungeydelseRegion } from './regions/benefits-and-health';

export type { DigitalCitizenContext } from './digital-citizen.setup';

export const digitalCitizenMachine = digitalCitizenSetup.createMachine(
  journeyMachineConfig({
    id: 'digital-citizen',
    context: ({ input }): DigitalCitizenContext => {
      // The engine validated the facts against digitalCitizenFactsSchema.
      const facts = input.facts as DigitalCitizenFacts;
      return {
        answers: {},
        facts,
        startedAt: input.startedAt,
        reminderDays: input.reminderDays,
        anchorDate: fifteenthBirthday(facts.birthDate),
        steps: initialDigitalCitizenSteps(facts),
      };
    },
    regions: {
      parentNotice: parentNoticeRegion,
      mailbox: mailboxRegion,
      frikort: frikortRegion,
      mitid: mitidRegion,
      firstLogin: firstLoginRegion,
      ungeydelse: ungeydelseRegion,
      gpChoice: gpChoiceRegion,
    },
  }),
);

export type DigitalCitizenMachine = typeof digitalCitizenMachine;
