import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addWorkingDays,
  daysBetween,
  easterSunday,
  firstOfNextMonth,
  isPublicHoliday,
  isWorkingDay,
  lastDayOfMonth,
  legalDeadline,
  nextWorkingDayOnOrAfter,
  publicHolidays,
  weekday,
} from '../../journeys/shared/calendar';

const easterBased = (year: number) => Object.fromEntries(publicHolidays(year).map((h) => [h.name.da, h.date]));

describe('Danish public holidays', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
    [2008, '2008-03-23'],
  ])('finds Easter Sunday %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each([
    [
      2019,
      {
        Skærtorsdag: '2019-04-18',
        Langfredag: '2019-04-19',
        '2. påskedag': '2019-04-22',
        'Store Bededag': '2019-05-17',
        'Kristi himmelfartsdag': '2019-05-30',
        Pinsedag: '2019-06-09',
        '2. pinsedag': '2019-06-10',
      },
    ],
    [
      2024,
      {
        Skærtorsdag: '2024-03-28',
        Langfredag: '2024-03-29',
        '2. påskedag': '2024-04-01',
        'Kristi himmelfartsdag': '2024-05-09',
        Pinsedag: '2024-05-19',
        '2. pinsedag': '2024-05-20',
      },
    ],
    [
      2025,
      {
        Skærtorsdag: '2025-04-17',
        Langfredag: '2025-04-18',
        '2. påskedag': '2025-04-21',
        'Kristi himmelfartsdag': '2025-05-29',
        Pinsedag: '2025-06-08',
        '2. pinsedag': '2025-06-09',
      },
    ],
    [
      2026,
      {
        Skærtorsdag: '2026-04-02',
        Langfredag: '2026-04-03',
        '2. påskedag': '2026-04-06',
        'Kristi himmelfartsdag': '2026-05-14',
        Pinsedag: '2026-05-24',
        '2. pinsedag': '2026-05-25',
      },
    ],
    [
      2030,
      {
        Skærtorsdag: '2030-04-18',
        Langfredag: '2030-04-19',
        '2. påskedag': '2030-04-22',
        'Kristi himmelfartsdag': '2030-05-30',
        Pinsedag: '2030-06-09',
        '2. pinsedag': '2030-06-10',
      },
    ],
  ])('places the Easter-based holidays of %i', (year, expected) => {
    expect(easterBased(year)).toMatchObject(expected);
  });

  it('lists eleven holidays up to 2023 and ten from 2024', () => {
    expect(publicHolidays(2023)).toHaveLength(11);
    expect(publicHolidays(2024)).toHaveLength(10);
  });

  it('treats Store Bededag as a holiday in 2023 but not in 2024', () => {
    expect(isPublicHoliday('2023-05-05')).toBe(true);
    expect(isPublicHoliday('2024-04-26')).toBe(false);
    expect(isWorkingDay('2024-04-26')).toBe(true);
  });

  it('knows the fixed holidays and that Grundlovsdag and Christmas Eve are not among them', () => {
    expect(['2025-01-01', '2025-12-25', '2025-12-26'].every(isPublicHoliday)).toBe(true);
    expect(['2025-06-05', '2025-12-24', '2025-12-31'].some(isPublicHoliday)).toBe(false);
  });

  it("keeps a year's holidays as they are, whatever a caller does with the list it was given", () => {
    const list = publicHolidays(2026) as { date: string; name: { da: string } }[];
    expect(() => list.push({ date: '2026-06-05', name: { da: 'Grundlovsdag' } })).toThrow(TypeError);
    expect(() => {
      list[0].date = '2026-06-05';
    }).toThrow(TypeError);
    expect(isPublicHoliday('2026-06-05')).toBe(false);
    expect(isPublicHoliday('2026-01-01')).toBe(true);
    expect(publicHolidays(2026)).toHaveLength(10);
  });
});

describe('working-day arithmetic', () => {
  it('steps over Easter in both directions', () => {
    expect(addWorkingDays('2025-04-16', 1)).toBe('2025-04-22');
    expect(addWorkingDays('2025-04-22', -1)).toBe('2025-04-16');
    expect(addWorkingDays('2024-03-27', 2)).toBe('2024-04-03');
  });

  it('steps over Christmas and New Year', () => {
    expect(addWorkingDays('2025-12-23', 2)).toBe('2025-12-29');
    expect(addWorkingDays('2026-01-02', -3)).toBe('2025-12-29');
    expect(nextWorkingDayOnOrAfter('2025-12-25')).toBe('2025-12-29');
    expect(nextWorkingDayOnOrAfter('2025-12-23')).toBe('2025-12-23');
  });

  it('returns the same day for zero working days', () => {
    expect(addWorkingDays('2025-04-19', 0)).toBe('2025-04-19');
  });

  it('undoes itself when started on a working day', () => {
    const workingDay = fc
      .integer({ min: 0, max: 40000 })
      .map((n) => addDays('1990-01-01', n))
      .filter(isWorkingDay);
    fc.assert(
      fc.property(workingDay, fc.integer({ min: -60, max: 60 }), (day, n) => {
        const moved = addWorkingDays(day, n);
        return isWorkingDay(moved) && addWorkingDays(moved, -n) === day;
      }),
    );
  });
});

describe('legal deadlines', () => {
  it('moves a deadline only when the rule says so', () => {
    expect(legalDeadline('2025-04-19', 'as-written')).toBe('2025-04-19');
    expect(legalDeadline('2025-04-19', 'next-working-day')).toBe('2025-04-22');
    expect(legalDeadline('2025-12-24', 'next-working-day')).toBe('2025-12-24');
    expect(legalDeadline('2025-12-24', 'next-working-day-incl-closing-days')).toBe('2025-12-29');
    expect(legalDeadline('2025-06-05', 'next-working-day-incl-closing-days')).toBe('2025-06-06');
  });
});

describe('date arithmetic', () => {
  it('clamps months to their last day', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
  });

  it('finds month boundaries', () => {
    expect(firstOfNextMonth('2024-12-31')).toBe('2025-01-01');
    expect(firstOfNextMonth('2025-02-14')).toBe('2025-03-01');
    expect(lastDayOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(lastDayOfMonth('1900-02-01')).toBe('1900-02-28');
    expect(lastDayOfMonth('2000-02-01')).toBe('2000-02-29');
  });

  it('counts signed days between dates', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('agrees with the UTC calendar of the JavaScript runtime', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200000, max: 200000 }), (n) => {
        const expected = new Date(Date.UTC(2000, 0, 1) + n * 86400000);
        const iso = addDays('2000-01-01', n);
        return iso === expected.toISOString().slice(0, 10) && weekday(iso) === expected.getUTCDay();
      }),
    );
  });

  it('rejects dates that do not exist', () => {
    expect(() => addDays('2025-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2025-4-1', 1)).toThrow(RangeError);
  });
});
