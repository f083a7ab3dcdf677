import type { EventObject } from 'xstate';
import {
  activatePending,
  initialSteps,
  integrationTask,
  isTask,
  parseReminderKey,
  reminderTimers,
  rescheduledReminders,
  schema,
  withStep,
} from '../../journeys/shared/kit';

describe('journey kit', () => {
  it('starts steps pending unless overridden', () => {
    expect(initialSteps(['a', 'b'], { b: { status: 'skipped', reason: 'not-relevant' } })).toEqual({
      a: { status: 'pending' },
      b: { status: 'skipped', reason: 'not-relevant' },
    });
  });

  it('updates a step immutably, keeping its dates and dropping a stale reason', () => {
    const steps = { a: { status: 'late' as const, deadline: '2025-05-01', reason: 'confirmation-overdue' } };
    expect(withStep(steps, 'a', 'done')).toEqual({ a: { status: 'done', deadline: '2025-05-01' } });
    expect(steps.a.status).toBe('late');
    expect(() => withStep(steps, 'nope', 'done')).toThrow('Unknown step "nope"');
  });

  it('activates only pending steps', () => {
    const steps = initialSteps(['a', 'b'], { b: { status: 'skipped' } });
    expect(activatePending(steps, ['a', 'b'])).toEqual({ a: { status: 'active' }, b: { status: 'skipped' } });
  });

  it('schedules reminders in the morning of a working day and skips those already due', () => {
    // Deadline Monday 29 December 2025: 7 days before is Monday 22nd, 2 days before is Saturday 27th.
    expect(reminderTimers('s', '2025-12-29', [7, 2], '2025-12-22T07:00:00Z')).toEqual([
      { type: 'timer.schedule', key: 'reminder:s:2d', dueAt: '2025-12-24T07:00:00.000Z', step: 's', purpose: 'reminder' },
    ]);
    expect(parseReminderKey('reminder:housing-benefit:7d')).toEqual({ step: 'housing-benefit', daysBefore: 7 });
    expect(parseReminderKey('watchdog:x')).toBeUndefined();
  });

  it('builds integration requests and matches their results by task', () => {
    expect(integrationTask('s', 'dar', 'validate-address', { addressId: 'a' })).toEqual({
      type: 'integration.request',
      step: 's',
      task: 'validate-address',
      system: 'dar',
      input: { addressId: 'a' },
    });
    // @ts-expect-error the catalogue has no such task
    integrationTask('s', 'cpr', 'no-such-task', {});
    const failed: EventObject = { type: 'integration.failed', step: 's', task: 't', code: 'X' } as EventObject;
    const timer: EventObject = { type: 'timer.fired', task: 't' } as EventObject;
    expect(isTask('t')({ event: failed })).toBe(true);
    expect(isTask('t')({ event: timer })).toBe(false);
    expect(isTask('t', 'integration.completed')({ event: failed })).toBe(false);
  });

  it('makes every object property required unless listed as optional', () => {
    expect(schema.object({ a: schema.yesNo('A'), b: schema.date('B') }, ['b'])).toMatchObject({
      required: ['a'],
      additionalProperties: false,
    });
  });

  it("reschedules a step's reminders from the day its deadline changed, never from before the journey started", () => {
    const context = {
      answers: {},
      facts: {},
      startedAt: '2025-03-10T09:00:00.000Z',
      reminderDays: [7, 2],
      steps: { s: { status: 'active' as const, deadline: '2025-03-20' } },
    };
    const cancels = [
      { type: 'timer.cancel', key: 'reminder:s:7d' },
      { type: 'timer.cancel', key: 'reminder:s:2d' },
    ];
    // Changed on 14 March: the 7-day reminder (13 March) has passed, only the 2-day one (18 March) is left.
    expect(rescheduledReminders(context, 's', '2025-03-14')).toEqual([
      ...cancels,
      { type: 'timer.schedule', key: 'reminder:s:2d', dueAt: '2025-03-18T07:00:00.000Z', step: 's', purpose: 'reminder' },
    ]);
    // A day before the start counts from the start: 7 a.m. on 10 March has passed by 9 a.m., 13 March has not.
    expect(
      rescheduledReminders(context, 's', '2025-03-01')
        .filter((c) => c.type === 'timer.schedule')
        .map((c) => c.key),
    ).toEqual(['reminder:s:7d', 'reminder:s:2d']);
    // A step without a deadline only loses its reminders.
    expect(rescheduledReminders({ ...context, steps: { s: { status: 'active' as const } } }, 's', '2025-03-14')).toEqual(cancels);
  });
});
