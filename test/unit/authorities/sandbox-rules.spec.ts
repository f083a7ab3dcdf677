import { applyRules, Rejection, type RuleContext } from '../../../src/authorities/sandbox/rules';

/** The sandbox answers like the authorities, with the journeys' own rules (one source for each). */
function answer(system: string, task: string, input: Record<string, unknown>, cpr?: string): Record<string, unknown> {
  const ctx: RuleContext = { input, output: {}, today: '2026-12-06', ...(cpr ? { subject: { cpr } } : {}) };
  applyRules(system, task, ctx);
  return ctx.output;
}

describe('authority sandbox rules', () => {
  it('approves a burial by the 8th day with the day of death counted', () => {
    // Styrelsen for Patientsikkerhed: "dødsdagen medregnet": a death on 6 March → 13 March.
    expect(answer('parish-registrar', 'request-burial', { dateOfDeath: '2025-03-06' })).toEqual({ burialDeadline: '2025-03-13' });
  });

  it('refuses a state pension before 70 for someone born after 31 December 1970', () => {
    // Born 2 January 1971 (CPR serial digit 7 = 1: the 1900s): 70 on 2 January 2041, paid from 1 February.
    const born1971 = '0201711231';
    expect(() =>
      answer('udbetaling-danmark-pension', 'apply-folkepension', { startDate: '2040-02-01', deferred: false }, born1971),
    ).toThrow(Rejection);
    expect(answer('udbetaling-danmark-pension', 'apply-folkepension', { startDate: '2041-02-01', deferred: false }, born1971)).toEqual({});
  });
});
