/**
 * Moving running moving-abroad journeys to version 2: a citizen working abroad and home most
 * weekends has the right to stay registered, so a journey waiting for the municipality's decision
 * goes back to the choice of staying registered or reporting anyway; and a citizen whose housing
 * benefit the stay affects gets the departure as the date to report it by.
 */
import type { JourneyCommand, SnapshotMigration, StepState } from '../shared/contract';
import { cancelReminders, isClosed, reminderTimers } from '../shared/kit';
import { benefitsStopDeadline } from './moving-abroad.rules';
import type { MovingAbroadAnswers } from './moving-abroad.start';

interface MovingAbroadSnapshot {
  value: { inProgress?: { registration?: string } } | string;
  context: { answers: MovingAbroadAnswers; steps: Record<string, StepState>; reminderDays: number[]; startedAt: string };
}

export const movingAbroadV1toV2: SnapshotMigration = {
  from: 1,
  to: 2,
  description:
    'A weekly commuter has the right to stay registered (awaitingMunicipality becomes choosingToStay); housing ' +
    'benefit is reported before departure.',
  migrate(snapshot) {
    const { value, context } = snapshot as unknown as MovingAbroadSnapshot;
    if (typeof value === 'object' && value.inProgress?.registration === 'awaitingMunicipality') {
      value.inProgress.registration = 'choosingToStay';
    }
    const step = context.steps['benefits-stop'];
    if (step && !isClosed(step.status) && step.deadline === undefined) {
      context.steps['benefits-stop'] = { ...step, ...benefitsStopDeadline(context.answers) };
    }
    return snapshot;
  },
  commands(snapshot, now) {
    const { context } = snapshot as unknown as MovingAbroadSnapshot;
    const step = context.steps['benefits-stop'];
    if (!step || isClosed(step.status) || step.deadline === undefined) return [];
    const from = Date.parse(now) > Date.parse(context.startedAt) ? now : context.startedAt;
    const commands: JourneyCommand[] = [
      ...cancelReminders('benefits-stop', context.reminderDays),
      ...reminderTimers('benefits-stop', step.deadline, context.reminderDays, from),
    ];
    return commands;
  },
};
