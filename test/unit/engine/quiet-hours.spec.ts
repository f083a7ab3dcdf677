import { copenhagenDate, isQuietHour, nextDeliveryTime } from '../../../src/engine/notifications/quiet-hours';

describe('quiet hours (Europe/Copenhagen 21:00–07:00)', () => {
  it.each([
    // winter (UTC+1)
    ['2026-01-15T12:00:00Z', '2026-01-15T12:00:00.000Z'],
    ['2026-01-15T19:59:00Z', '2026-01-15T19:59:00.000Z'],
    ['2026-01-15T20:00:00Z', '2026-01-16T06:00:00.000Z'],
    ['2026-01-15T23:30:00Z', '2026-01-16T06:00:00.000Z'],
    ['2026-01-16T05:59:00Z', '2026-01-16T06:00:00.000Z'],
    // summer (UTC+2)
    ['2026-07-01T18:59:00Z', '2026-07-01T18:59:00.000Z'],
    ['2026-07-01T19:00:00Z', '2026-07-02T05:00:00.000Z'],
    ['2026-07-01T22:00:00Z', '2026-07-02T05:00:00.000Z'],
    // the nights the clocks change: 07:00 is 06:00Z in winter, 05:00Z in summer
    ['2026-03-28T21:00:00Z', '2026-03-29T05:00:00.000Z'],
    ['2026-10-24T21:00:00Z', '2026-10-25T06:00:00.000Z'],
  ])('postpones %s to %s', (at, expected) => {
    expect(nextDeliveryTime(new Date(at)).toISOString()).toBe(expected);
  });

  it('does say which hours are quiet and which Danish day it is', () => {
    expect(isQuietHour(new Date('2026-01-15T20:00:00Z'))).toBe(true);
    expect(isQuietHour(new Date('2026-01-15T06:00:00Z'))).toBe(false);
    expect(copenhagenDate(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-16');
  });
});
