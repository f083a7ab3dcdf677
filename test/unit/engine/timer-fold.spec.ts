import type { JourneyCommand } from '../../../journeys/shared/contract';
import { foldTimers } from '../../../src/engine/persistence/timer-fold';

const schedule = (key: string, dueAt = '2027-01-01T07:00:00.000Z'): JourneyCommand => ({
  type: 'timer.schedule',
  key,
  dueAt,
  purpose: 'reminder',
});
const cancel = (key: string): JourneyCommand => ({ type: 'timer.cancel', key });
const notify: JourneyCommand = { type: 'citizen.notify', template: 'step-needs-you' };

describe(foldTimers.name, () => {
  it('lets the journey write schedule and cancel keys the transition touches once', () => {
    expect(foldTimers([schedule('a'), notify, cancel('b'), cancel('b')])).toEqual({
      schedule: [{ key: 'a', dueAt: '2027-01-01T07:00:00.000Z', step: null, purpose: 'reminder' }],
      cancel: ['b'],
      rest: [notify],
    });
  });

  it('keeps a key scheduled and cancelled in one transition as commands, in their order', () => {
    expect(foldTimers([cancel('a'), schedule('a'), notify])).toEqual({
      schedule: [],
      cancel: [],
      rest: [cancel('a'), schedule('a'), notify],
    });
    expect(foldTimers([schedule('a'), cancel('a')])).toEqual({ schedule: [], cancel: [], rest: [schedule('a'), cancel('a')] });
  });

  it('keeps a key scheduled twice in one transition as commands, so the last one wins', () => {
    const twice = [schedule('a', '2027-01-01T07:00:00.000Z'), schedule('a', '2027-02-01T07:00:00.000Z')];
    expect(foldTimers(twice)).toEqual({ schedule: [], cancel: [], rest: twice });
  });
});
