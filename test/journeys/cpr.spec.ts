import { ageOn, parseCpr, pensionAge } from '../../journeys/shared/cpr';

describe('parseCpr', () => {
  it.each([
    ['150536-0004', '1936-05-15'],
    ['150536-3004', '1936-05-15'],
    ['150536-4004', '2036-05-15'],
    ['150537-4004', '1937-05-15'],
    ['150500-9004', '2000-05-15'],
    ['150599-9004', '1999-05-15'],
    ['150557-5004', '2057-05-15'],
    ['150558-5004', '1858-05-15'],
    ['150500-8004', '2000-05-15'],
    ['150599-6004', '1899-05-15'],
    ['150536-7004', '2036-05-15'],
  ])('reads %s as born %s', (cpr, birthDate) => {
    expect(parseCpr(cpr)).toMatchObject({ ok: true, birthDate });
  });

  it('accepts both spellings and reads the sex from the last digit', () => {
    expect(parseCpr('0707611006')).toEqual({ ok: true, birthDate: '1961-07-07', sex: 'female', passesModulus11: true });
    expect(parseCpr(' 070761-1014 ')).toMatchObject({ ok: true, sex: 'female' });
    expect(parseCpr('070761-1013')).toMatchObject({ ok: true, sex: 'male' });
  });

  it('accepts a valid number that fails modulus 11 and only reports it', () => {
    expect(parseCpr('010165-1234')).toEqual({ ok: true, birthDate: '1965-01-01', sex: 'female', passesModulus11: false });
    expect(parseCpr('070761-1234')).toMatchObject({ ok: true, passesModulus11: false });
  });

  it.each(['310290-1234', '290201-1234', '290200-1234', '001090-1234', '011390-1234'])(
    'rejects the impossible date in %s without echoing the number',
    (cpr) => {
      const result = parseCpr(cpr);
      expect(result).toEqual({ ok: false, reason: 'invalid-date' });
      expect(JSON.stringify(result)).not.toMatch(/\d{4}/);
    },
  );

  it('knows 29 February 2000 from 29 February 1900', () => {
    expect(parseCpr('290200-4234')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it.each(['1234', '010190 1234', '010190-12345', '01019O-1234', ''])('rejects the format of "%s"', (cpr) => {
    expect(parseCpr(cpr)).toEqual({ ok: false, reason: 'invalid-format' });
  });

  it('rejects what is not a string', () => {
    expect(parseCpr(101901234)).toEqual({ ok: false, reason: 'not-a-string' });
  });
});

describe('ageOn', () => {
  it('counts whole years up to the birthday', () => {
    expect(ageOn('1990-05-10', '2025-05-09')).toBe(34);
    expect(ageOn('1990-05-10', '2025-05-10')).toBe(35);
  });

  it('lets someone born on 29 February turn a year older on 1 March', () => {
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1);
    expect(ageOn('2000-02-29', '2004-02-29')).toBe(4);
  });
});

describe('pensionAge', () => {
  it.each([
    ['1953-12-31', 65, 0, '2018-12-31'],
    ['1954-01-01', 65, 6, '2019-07-01'],
    ['1954-06-30', 65, 6, '2019-12-30'],
    ['1954-07-01', 66, 0, '2020-07-01'],
    ['1955-01-01', 66, 6, '2021-07-01'],
    ['1955-07-01', 67, 0, '2022-07-01'],
    ['1962-12-31', 67, 0, '2029-12-31'],
    ['1963-01-01', 68, 0, '2031-01-01'],
    ['1966-12-31', 68, 0, '2034-12-31'],
    ['1967-01-01', 69, 0, '2036-01-01'],
    // Lov om social pension § 1 a as changed in May 2025: 69 up to 31 December 1970, 70 after.
    ['1970-12-31', 69, 0, '2039-12-31'],
    ['1971-01-02', 70, 0, '2041-01-02'],
    ['1980-05-05', 70, 0, '2050-05-05'],
  ])('gives someone born %s the age %i years %i months, reached %s', (birthDate, years, months, date) => {
    expect(pensionAge(birthDate)).toEqual({ years, months, date });
  });

  it('accepts a newer table when the law changes', () => {
    const table = [
      { bornFrom: '0001-01-01', years: 65, months: 0 },
      { bornFrom: '1976-01-01', years: 71, months: 0 },
    ];
    expect(pensionAge('1976-03-01', table)).toEqual({ years: 71, months: 0, date: '2047-03-01' });
  });
});
