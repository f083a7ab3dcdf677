/**
 * Moving running losing-a-relative journeys to the corrected burial rule: version 1 counted the 8
 * (and 14) days from the day after the death, so its burial deadline came a day late.
 */
import { addDays } from '../shared/calendar';
import type { JourneyCommand, SnapshotMigration, StepState } from '../shared/contract';
import { cancelReminders, isClosed, reminderTimers } from '../shared/kit';
import { burialDeadline } from './losing-a-relative.rules';

interface RelativeSnapshot {
  context: { facts: { dateOfDeath: string }; steps: Record<string, StepState>; reminderDays: number[]; startedAt: string };
}

/** The burial deadline version 1 set at the start: the date of death + 8. */
const V1_BURIAL_DAYS = 8;

export const relativeV1toV2: SnapshotMigration = {
  from: 1,
  to: 2,
  description: 'Burial deadline counts the day of death: date of death + 7 instead of + 8 (postponed deadlines are kept).',
  migrate(snapshot) {
    const { context } = snapshot as unknown as RelativeSnapshot;
    const death = context.facts.dateOfDeath;
    const burial = context.steps.burial;
    // A deadline other than version 1's default was set by an approved postponement: it stands.
    if (burial && !isClosed(burial.status) && burial.deadline === addDays(death, V1_BURIAL_DAYS)) {
      context.steps.burial = { ...burial, deadline: burialDeadline(death) };
    }
    return snapshot;
  },
  commands(snapshot, now) {
    const { context } = snapshot as unknown as RelativeSnapshot;
    const burial = context.steps.burial;
    if (!burial || isClosed(burial.status) || burial.deadline === undefined) return [];
    const from = Date.parse(now) > Date.parse(context.startedAt) ? now : context.startedAt;
    const commands: JourneyCommand[] = [
      ...cancelReminders('burial', context.reminderDays),
      ...reminderTimers('burial', burial.deadline, context.reminderDays, from),
    ];
    return commands;
  },
};
