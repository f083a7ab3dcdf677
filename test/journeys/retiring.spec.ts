import { retiringV2 } from '../../journeys/retiring';
import { applicationTiming, pensionAgeDateOf, pensionDates } from '../../journeys/retiring/retiring.rules';
import type { RetiringFacts } from '../../journeys/retiring/retiring.start';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = retiringV2.machine;

function input(facts: RetiringFacts, startedAt: string): JourneyInput {
  return { answers: {}, facts, startedAt, reminderDays: [7, 2] };
}

/** Born 30 August 1958: 67 on Saturday 30 August 2025; the month ends on a Sunday. */
const workingTenant: RetiringFacts = {
  birthDate: '1958-08-30',
  pensionAgeDate: '2025-08-30',
  disabilityPensioner: false,
  stillWorking: true,
  livesAbroad: false,
  receivesHousingBenefit: true,
};

describe('retiring journey', () => {
  it('computes the pension age and its deadlines from the CPR birth date', () => {
    expect(pensionDates('2025-08-30')).toEqual({
      pensionAgeDate: '2025-08-30',
      pensionStartDate: '2025-09-01',
      applyFrom: '2025-02-28',
      applyBy: '2025-08-31',
      // The 10th of the 5th month after August (source example: reached in September 2017, applied 10 February 2018).
      backPayBy: '2026-01-10',
      atpFirstPayment: '2025-08-29',
      atpDeferFrom: '2024-09-30',
      atpDeferUntil: '2026-01-30',
    });
    // The banks close on 31 December: ATP's last banking day of December 2025 is the 30th.
    expect(pensionDates('2025-12-15').atpFirstPayment).toBe('2025-12-30');
    expect(pensionDates('2017-09-12').backPayBy).toBe('2018-02-10');
    const dates = pensionDates('2025-08-30');
    expect(applicationTiming(dates, '2025-08-31')).toBe('on-time');
    expect(applicationTiming(dates, '2026-01-10')).toBe('with-back-pay');
    expect(applicationTiming(dates, '2026-01-11')).toBe('after-back-pay-deadline');
  });

  it('starts six months ahead for a working tenant, reminds before a Sunday deadline and follows the application to a decision', () => {
    const started = start(machine, input(workingTenant, '2025-02-28T07:30:00Z'));
    expect(started.snapshot.context.anchorDate).toBe('2025-08-30');
    expect(started.snapshot.context.steps).toEqual({
      'compute-pension-age': { status: 'done' },
      'apply-folkepension': { status: 'active', availableFrom: '2025-02-28', deadline: '2025-08-31' },
      'atp-payout': { status: 'active' },
      'private-pensions': { status: 'active' },
      'housing-benefit-recalc': { status: 'active' },
      'holiday-pay': { status: 'active' },
    });
    expect(started.commands).toEqual([
      // 7 days before Sunday 31 August is a Sunday too: Friday 22 August. 2 days before: Friday 29 August.
      {
        type: 'timer.schedule',
        key: 'reminder:apply-folkepension:7d',
        dueAt: '2025-08-22T07:00:00.000Z',
        step: 'apply-folkepension',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:apply-folkepension:2d',
        dueAt: '2025-08-29T07:00:00.000Z',
        step: 'apply-folkepension',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'deadline:apply-folkepension',
        dueAt: '2025-09-01T07:00:00.000Z',
        step: 'apply-folkepension',
        purpose: 'deadline',
      },
      {
        type: 'timer.schedule',
        key: 'watchdog:housing-benefit-recalc',
        dueAt: '2025-10-13T07:00:00.000Z',
        step: 'housing-benefit-recalc',
        purpose: 'watchdog',
      },
      {
        type: 'authority.await',
        step: 'housing-benefit-recalc',
        system: 'udbetaling-danmark-housing',
        complete: 'housing-benefit.recalculated',
        expiresInDays: 287,
      },
      { type: 'integration.request', step: 'atp-payout', task: 'payout-status', system: 'atp', input: {} },
      // Last banking day of August (Friday 29) + 5 working days.
      { type: 'timer.schedule', key: 'watchdog:atp-payout', dueAt: '2025-09-05T07:00:00.000Z', step: 'atp-payout', purpose: 'watchdog' },
    ]);
    // Udbetaling Danmark does not take applications more than 6 months ahead.
    expect(started.snapshot.can({ type: 'folkepension.applied', appliedOn: '2025-02-27' })).toBe(false);

    const applied = send(machine, started.snapshot, { type: 'folkepension.applied', appliedOn: '2025-06-02' });
    expect(applied.snapshot.context.steps['apply-folkepension']).toEqual({ status: 'active', availableFrom: '2025-02-28' });
    expect(applied.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:apply-folkepension:7d' },
      { type: 'timer.cancel', key: 'reminder:apply-folkepension:2d' },
      { type: 'timer.cancel', key: 'deadline:apply-folkepension' },
      // An answer in 3–6 weeks.
      {
        type: 'timer.schedule',
        key: 'watchdog:apply-folkepension',
        dueAt: '2025-07-14T07:00:00.000Z',
        step: 'apply-folkepension',
        purpose: 'watchdog',
      },
      {
        type: 'authority.await',
        step: 'apply-folkepension',
        system: 'udbetaling-danmark-pension',
        complete: 'folkepension.decided',
        expiresInDays: 102,
      },
    ]);
    const overdue = send(machine, applied.snapshot, { type: 'timer.fired', key: 'watchdog:apply-folkepension' });
    expect(overdue.snapshot.context.steps['apply-folkepension']).toMatchObject({ status: 'late', reason: 'decision-overdue' });

    const finished = run(machine, overdue, [
      { type: 'folkepension.decided', decidedOn: '2025-07-20', granted: true },
      {
        type: 'integration.completed',
        step: 'atp-payout',
        task: 'payout-status',
        output: { status: 'scheduled', firstPaymentDate: '2025-08-29' },
      },
      { type: 'private-pensions.checked', checkedOn: '2025-05-15' },
      { type: 'housing-benefit.recalculated', recalculatedOn: '2025-09-20' },
      { type: 'holiday-pay.not-relevant' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['apply-folkepension']).toEqual({ status: 'done', availableFrom: '2025-02-28' });
    expect(statuses(finished.snapshot)).toMatchObject({ 'holiday-pay': 'skipped', 'atp-payout': 'done' });
  });

  it('moves the reminder to the back-pay deadline (a Saturday) when the first deadline passes, and records the timing', () => {
    const started = start(machine, input(workingTenant, '2025-02-28T07:30:00Z'));
    const passed = send(machine, started.snapshot, { type: 'timer.fired', key: 'deadline:apply-folkepension' });
    expect(passed.snapshot.context.steps['apply-folkepension']).toEqual({
      status: 'active',
      availableFrom: '2025-02-28',
      deadline: '2026-01-10',
    });
    expect(passed.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:apply-folkepension:7d' },
      { type: 'timer.cancel', key: 'reminder:apply-folkepension:2d' },
      // 7 days before Saturday 10 January is a Saturday: Friday 2 January. 2 days before: Thursday 8 January.
      {
        type: 'timer.schedule',
        key: 'reminder:apply-folkepension:7d',
        dueAt: '2026-01-02T07:00:00.000Z',
        step: 'apply-folkepension',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:apply-folkepension:2d',
        dueAt: '2026-01-08T07:00:00.000Z',
        step: 'apply-folkepension',
        purpose: 'reminder',
      },
      { type: 'citizen.notify', template: 'step-needs-you', step: 'apply-folkepension', params: { deadline: '2026-01-10' } },
    ]);

    const withBackPay = run(machine, passed, [
      { type: 'folkepension.applied', appliedOn: '2025-12-01' },
      { type: 'folkepension.decided', decidedOn: '2026-01-05', granted: true },
    ]);
    expect(withBackPay.snapshot.context.steps['apply-folkepension']).toMatchObject({ status: 'done', reason: 'applied-with-back-pay' });

    const tooLate = run(machine, passed, [
      { type: 'folkepension.applied', appliedOn: '2026-02-02' },
      { type: 'folkepension.decided', decidedOn: '2026-03-05', granted: true },
    ]);
    expect(tooLate.snapshot.context.steps['apply-folkepension']).toMatchObject({
      status: 'done',
      reason: 'applied-after-back-pay-deadline',
    });

    const refused = run(machine, started, [
      { type: 'folkepension.applied', appliedOn: '2025-06-02' },
      { type: 'folkepension.decided', decidedOn: '2025-07-01', granted: false },
    ]);
    expect(refused.snapshot.context.steps['apply-folkepension']).toMatchObject({ status: 'done', reason: 'refused' });
  });

  it('lets someone still working defer the pension and ATP, but not someone who has stopped', () => {
    const started = start(machine, input(workingTenant, '2025-02-28T07:30:00Z'));
    const deferred = run(machine, started, [
      { type: 'folkepension.deferred', decidedOn: '2025-07-01' },
      { type: 'atp.payout-deferred', decidedOn: '2025-07-01' },
    ]);
    expect(deferred.snapshot.context.steps).toMatchObject({
      'apply-folkepension': { status: 'done', reason: 'deferred' },
      'atp-payout': { status: 'done', reason: 'deferred' },
    });
    expect(deferred.commands).toEqual(
      expect.arrayContaining([
        { type: 'timer.cancel', key: 'deadline:apply-folkepension' },
        { type: 'timer.cancel', key: 'reminder:apply-folkepension:7d' },
        { type: 'timer.cancel', key: 'watchdog:atp-payout' },
      ]),
    );
    // ATP can be deferred from 11 months before until 5 months after the start.
    expect(started.snapshot.can({ type: 'atp.payout-deferred', decidedOn: '2026-01-31' })).toBe(false);

    const stopped = start(machine, input({ ...workingTenant, stillWorking: false }, '2025-02-28T07:30:00Z'));
    expect(stopped.snapshot.can({ type: 'folkepension.deferred', decidedOn: '2025-07-01' })).toBe(false);
  });

  it('switches a disability pensioner abroad automatically and leaves ATP to its self-service', () => {
    const abroad: RetiringFacts = {
      birthDate: '1958-12-15',
      pensionAgeDate: '2025-12-15',
      disabilityPensioner: true,
      stillWorking: false,
      livesAbroad: true,
      receivesHousingBenefit: false,
    };
    const started = start(machine, input(abroad, '2025-06-15T07:30:00Z'));
    expect(started.snapshot.context.steps).toMatchObject({
      'apply-folkepension': { status: 'active' },
      'housing-benefit-recalc': { status: 'skipped', reason: 'no-housing-benefit' },
    });
    expect(started.snapshot.context.steps['apply-folkepension'].deadline).toBeUndefined();
    expect(started.snapshot.value).toMatchObject({ inProgress: { folkepension: 'automaticSwitch', atp: 'abroad' } });
    expect(started.commands).toEqual([
      // From 1 January 2026, flagged two weeks later.
      {
        type: 'timer.schedule',
        key: 'watchdog:apply-folkepension',
        dueAt: '2026-01-15T07:00:00.000Z',
        step: 'apply-folkepension',
        purpose: 'watchdog',
      },
      {
        type: 'authority.await',
        step: 'apply-folkepension',
        system: 'udbetaling-danmark-pension',
        complete: 'folkepension.switch-confirmed',
        expiresInDays: 274,
      },
    ]);
    const late = send(machine, started.snapshot, { type: 'timer.fired', key: 'watchdog:apply-folkepension' });
    expect(late.snapshot.context.steps['apply-folkepension']).toEqual({ status: 'late', reason: 'switch-not-confirmed' });

    const finished = run(machine, late, [
      { type: 'folkepension.switch-confirmed', confirmedOn: '2026-01-20' },
      { type: 'atp.payout-started', requestedOn: '2025-10-01' },
      { type: 'private-pensions.checked', checkedOn: '2025-09-01' },
      { type: 'holiday-pay.requested', requestedOn: '2026-01-05' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps).toMatchObject({
      'apply-folkepension': { status: 'done', reason: 'switched-from-disability-pension' },
      'atp-payout': { status: 'done', reason: 'started-from-abroad' },
    });
  });

  it('fails the ATP status check and retries it for a caseworker', () => {
    const started = start(machine, input(workingTenant, '2025-02-28T07:30:00Z'));
    const failed = send(machine, started.snapshot, {
      type: 'integration.failed',
      step: 'atp-payout',
      task: 'payout-status',
      code: 'ATP_UNAVAILABLE',
    });
    expect(failed.snapshot.context.steps['atp-payout']).toEqual({ status: 'failed', reason: 'ATP_UNAVAILABLE' });
    const retried = send(machine, failed.snapshot, {
      type: 'integration.retry',
      step: 'atp-payout',
      task: 'payout-status',
      requestedAt: '2025-09-10T08:00:00Z',
    });
    expect(retried.snapshot.context.steps['atp-payout']).toEqual({ status: 'active' });
    expect(retried.commands).toEqual([
      { type: 'integration.request', step: 'atp-payout', task: 'payout-status', system: 'atp', input: {} },
      // Five working days from the retry.
      { type: 'timer.schedule', key: 'watchdog:atp-payout', dueAt: '2025-09-17T07:00:00.000Z', step: 'atp-payout', purpose: 'watchdog' },
    ]);
  });

  it('takes the feed’s pension age date only without a birth date, and refuses a start without facts', () => {
    const { birthDate: _unknown, ...withoutBirthDate } = workingTenant;
    const feedOnly = start(machine, input({ ...withoutBirthDate, pensionAgeDate: '2026-03-02' }, '2025-09-02T07:00:00Z'));
    expect(feedOnly.snapshot.context.anchorDate).toBe('2026-03-02');
    const computed = start(machine, input({ ...workingTenant, pensionAgeDate: '2026-03-02' }, '2025-02-28T07:30:00Z'));
    expect(computed.snapshot.context.anchorDate).toBe('2025-08-30');

    const citizenOnly = start(machine, input({ birthDate: '1958-08-30' } as RetiringFacts, '2025-02-28T07:30:00Z'));
    expect(citizenOnly.snapshot.status).toBe('error');
    expect(String((citizenOnly.snapshot as { error?: unknown }).error)).toContain(
      'disabilityPensioner, stillWorking, livesAbroad, receivesHousingBenefit',
    );
  });

  it('gives people born after 31 December 1970 the pension age 70, and 69 to those born in 1967–1970', () => {
    // Lov om social pension § 1 a as changed in May 2025: born 2 January 1971 → 70 on 2 January 2041,
    // even when the feed's own date says 69.
    const born1971: RetiringFacts = { ...workingTenant, birthDate: '1971-01-02', pensionAgeDate: '2040-01-02' };
    const started = start(machine, input(born1971, '2040-07-02T07:00:00Z'));
    expect(started.snapshot.context.anchorDate).toBe('2041-01-02');
    expect(started.snapshot.context.steps['apply-folkepension']).toEqual({
      status: 'active',
      availableFrom: '2040-07-02',
      deadline: '2041-01-31',
    });
    expect(started.snapshot.context.dates).toMatchObject({ pensionStartDate: '2041-02-01', backPayBy: '2041-06-10' });

    // Born 31 December 1970: 69 on Saturday 31 December 2039. The application deadline stands on the
    // Saturday; ATP pays on Friday 30 December (the banks close on the 31st); the back-pay deadline,
    // 10 May 2040, is Ascension Day and stands too (Udbetaling Danmark counts the day of receipt).
    expect(pensionDates(pensionAgeDateOf({ ...workingTenant, birthDate: '1970-12-31' }))).toMatchObject({
      pensionAgeDate: '2039-12-31',
      applyBy: '2039-12-31',
      atpFirstPayment: '2039-12-30',
      backPayBy: '2040-05-10',
    });
    const guidance = retiringV2.steps.find((s) => s.id === 'compute-pension-age')!.guidance;
    expect(guidance.da).toContain('70 år (født fra 1. januar 1971)');
  });
});
