/**
 * The shell every journey machine shares: the start action schedules the timers, one parallel state
 * holds the journey's regions (one per concern, so steps can be done in any order the law allows),
 * reminders fire while a step is open, and the journey ends, telling the citizen, when every region has.
 *
 * `<name>Setup.createMachine(journeyMachineConfig({ id, context, regions }))`. The names it uses
 * (`scheduleStartTimers`, `remindCitizen`, `notifyCompleted`, `isReminderForOpenStep`) come with
 * `journeyActions()` and `journeyGuards` (actions.ts). A journey of another shape (one that ends on
 * an event, not when its regions do) builds its states itself from `REMIND_OPEN_STEPS` and `COMPLETED`.
 */
import type { JourneyInput } from './contract';

/** Reminders for open steps, handled while the journey is in progress. */
export const REMIND_OPEN_STEPS = { 'timer.fired': { guard: 'isReminderForOpenStep', actions: 'remindCitizen' } } as const;

/** The final state: the citizen is told that the journey is complete. */
export const COMPLETED = { type: 'final', entry: 'notifyCompleted' } as const;

export function journeyMachineConfig<const TId extends string, TContext, TRegions>(config: {
  id: TId;
  /** The context from the engine's input (validated answers and facts, the start time, reminder days). */
  context: (args: { input: JourneyInput }) => TContext;
  /** The parallel regions, in the order the diagram shows them. */
  regions: TRegions;
}) {
  return {
    id: config.id,
    context: config.context,
    entry: 'scheduleStartTimers',
    initial: 'inProgress',
    states: {
      inProgress: { type: 'parallel', onDone: 'completed', on: REMIND_OPEN_STEPS, states: config.regions },
      completed: COMPLETED,
    },
  } as const;
}
