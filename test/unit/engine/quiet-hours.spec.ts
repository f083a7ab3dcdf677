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

  it('agrees with the time zone database on the Danish day and quiet hours for every quarter hour around both clock changes', () => {
    const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', hourCycle: 'h23' });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
    const wrong: string[] = [];
    for (const start of ['2026-03-28T12:00:00Z', '2026-10-24T12:00:00Z']) {
      for (let i = 0; i < 4 * 36; i++) {
        // Back and forth in time, so an answer kept from one instant is asked for at another.
        const at = new Date(Date.parse(start) + (i % 2 ? i : 4 * 36 - i) * 15 * 60_000);
        const hour = Number(zone.format(at));
        if (copenhagenDate(at) !== day.format(at) || isQuietHour(at) !== (hour >= 21 || hour < 7)) wrong.push(at.toISOString());
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the hours a deployment sets (QUIET_HOURS), across midnight or within a day, or none', () => {
    const night = { from: 22, until: 6 };
    // Winter, UTC+1: 21:30 in Denmark is not quiet from 22, 22:30 is and waits for 06:00 (05:00Z).
    expect(nextDeliveryTime(new Date('2026-01-15T20:30:00Z'), night).toISOString()).toBe('2026-01-15T20:30:00.000Z');
    expect(nextDeliveryTime(new Date('2026-01-15T21:30:00Z'), night).toISOString()).toBe('2026-01-16T05:00:00.000Z');
    expect(nextDeliveryTime(new Date('2026-01-16T03:00:00Z'), night).toISOString()).toBe('2026-01-16T05:00:00.000Z');
    const afternoon = { from: 12, until: 14 };
    expect(isQuietHour(new Date('2026-01-15T11:30:00Z'), afternoon)).toBe(true);
    expect(nextDeliveryTime(new Date('2026-01-15T11:30:00Z'), afternoon).toISOString()).toBe('2026-01-15T13:00:00.000Z');
    expect(isQuietHour(new Date('2026-01-15T13:00:00Z'), afternoon)).toBe(false);
    // Quiet until 02:00: on the night the clocks go forward there is no 02:00, and the letter goes
    // at the jump (03:00 summer time, 01:00Z); on the night they go back, at the first 02:00.
    expect(nextDeliveryTime(new Date('2026-03-28T21:30:00Z'), { from: 22, until: 2 }).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(nextDeliveryTime(new Date('2026-03-28T23:30:00Z'), { from: 0, until: 2 }).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(nextDeliveryTime(new Date('2026-10-24T21:30:00Z'), { from: 22, until: 2 }).toISOString()).toBe('2026-10-25T00:00:00.000Z');
    // Equal hours are none.
    expect(isQuietHour(new Date('2026-01-15T06:30:00Z'), { from: 7, until: 7 })).toBe(false);
    // None: a letter at 23:30 goes at once.
    expect(isQuietHour(new Date('2026-01-15T22:30:00Z'), null)).toBe(false);
    expect(nextDeliveryTime(new Date('2026-01-15T22:30:00Z'), null).toISOString()).toBe('2026-01-15T22:30:00.000Z');
  });
});
