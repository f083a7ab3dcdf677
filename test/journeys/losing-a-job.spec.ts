import { losingAJobV1 } from '../../journeys/losing-a-job';
import { monthlyClaimDeadline, socialAssistanceBenefit } from '../../journeys/losing-a-job/losing-a-job.rules';
import type { JobAnswers, JobFacts } from '../../journeys/losing-a-job/losing-a-job.start';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = losingAJobV1.machine;
const facts: JobFacts = { birthDate: '1998-02-11' };

const dismissedMember: JobAnswers = {
  firstDayUnemployed: '2025-03-01',
  aKasseMember: true,
  resigned: false,
  hasQualifyingEducation: true,
  residentNineOfLastTenYears: true,
};

function input(answers: JobAnswers, startedAt: string, jobFacts: JobFacts = facts): JourneyInput {
  return { answers, facts: jobFacts, startedAt, reminderDays: [7, 2] };
}

describe('losing-a-job journey', () => {
  it('schedules the next weekly job-log reminder from when the timer really fired, so downtime does not replay every missed week', () => {
    const started = start(machine, input(dismissedMember, '2025-02-24T10:00:00Z'));
    const jobLogKey = started.commands.find((c) => c.type === 'timer.schedule' && c.key.startsWith('job-log'));
    expect(jobLogKey).toBeDefined();
    const key = (jobLogKey as { key: string }).key;
    // The engine was down for months: the timer fires on 2 July instead of in early March.
    const fired = send(machine, started.snapshot, { type: 'timer.fired', key, firedAt: '2025-07-02T08:00:00Z' });
    const next = fired.commands.find((c) => c.type === 'timer.schedule' && c.key === key) as { dueAt: string } | undefined;
    expect(next?.dueAt.slice(0, 10)).toBe('2025-07-09');
    // Without firedAt (older engines) it steps one interval from the previous due date.
    const legacy = send(machine, started.snapshot, { type: 'timer.fired', key });
    const legacyNext = legacy.commands.find((c) => c.type === 'timer.schedule' && c.key === key) as { dueAt: string } | undefined;
    expect(legacyNext!.dueAt < next!.dueAt).toBe(true);
  });

  it('guides a dismissed a-kasse member from a Saturday first day through the weekly duties until a new job', () => {
    const started = start(machine, input(dismissedMember, '2025-02-24T10:00:00Z'));
    expect(started.snapshot.context.steps).toEqual({
      // The first day of unemployment is the deadline even on a Saturday: dagpenge start no earlier.
      'register-unemployed': { status: 'active', deadline: '2025-03-01' },
      'apply-dagpenge': { status: 'active' },
      'apply-social-assistance': { status: 'skipped', reason: 'a-kasse-member' },
      'cv-on-jobnet': { status: 'active', deadline: '2025-03-15' },
      'ongoing-duties': { status: 'active' },
      // The March claim form: one month and ten days after the month ends (uncertain for other a-kasser).
      'monthly-claim': { status: 'active', deadline: '2025-05-10' },
      'update-preliminary-tax': { status: 'active' },
      'holiday-pay': { status: 'active' },
    });
    expect(started.commands).toEqual(
      expect.arrayContaining([
        // Two days before Saturday 1 March is Thursday 27 February (7 days before is in the past).
        {
          type: 'timer.schedule',
          key: 'reminder:register-unemployed:2d',
          dueAt: '2025-02-27T07:00:00.000Z',
          step: 'register-unemployed',
          purpose: 'reminder',
        },
        // The CV deadline is a Saturday: 7 days before is a Saturday too, so Friday 7 March.
        {
          type: 'timer.schedule',
          key: 'reminder:cv-on-jobnet:7d',
          dueAt: '2025-03-07T07:00:00.000Z',
          step: 'cv-on-jobnet',
          purpose: 'reminder',
        },
        {
          type: 'timer.schedule',
          key: 'job-log:ongoing-duties',
          dueAt: '2025-03-08T07:00:00.000Z',
          step: 'ongoing-duties',
          purpose: 'reminder',
        },
        { type: 'authority.await', step: 'register-unemployed', system: 'jobnet', complete: 'jobnet.registered', expiresInDays: 65 },
        { type: 'authority.await', step: 'apply-dagpenge', system: 'a-kasse', complete: 'dagpenge.applied', expiresInDays: 65 },
        { type: 'authority.await', step: 'cv-on-jobnet', system: 'jobnet', complete: 'cv.published', expiresInDays: 79 },
        // The employer reports holiday pay by the end of February; flagged 10 days later.
        {
          type: 'timer.schedule',
          key: 'watchdog:holiday-pay',
          dueAt: '2025-03-10T07:00:00.000Z',
          step: 'holiday-pay',
          purpose: 'watchdog',
        },
        {
          type: 'authority.await',
          step: 'holiday-pay',
          system: 'udbetaling-danmark-pension',
          complete: 'holiday-pay.reported',
          expiresInDays: 74,
        },
      ]),
    );
    expect(started.commands).not.toContainEqual(expect.objectContaining({ step: 'apply-social-assistance' }));

    const week = send(machine, started.snapshot, { type: 'timer.fired', key: 'job-log:ongoing-duties' });
    expect(week.commands).toEqual([
      { type: 'citizen.notify', template: 'step-needs-you', step: 'ongoing-duties', params: { due: '2025-03-08' } },
      {
        type: 'timer.schedule',
        key: 'job-log:ongoing-duties',
        dueAt: '2025-03-15T07:00:00.000Z',
        step: 'ongoing-duties',
        purpose: 'reminder',
      },
    ]);
    // Checking the job log early moves the next reminder to 7 days after the check.
    const logged = send(machine, week.snapshot, { type: 'job-log.updated', updatedOn: '2025-03-12' });
    expect(logged.commands).toEqual([
      {
        type: 'timer.schedule',
        key: 'job-log:ongoing-duties',
        dueAt: '2025-03-19T07:00:00.000Z',
        step: 'ongoing-duties',
        purpose: 'reminder',
      },
    ]);

    const claimed = send(machine, logged.snapshot, { type: 'monthly-claim.submitted', month: '2025-03', submittedOn: '2025-04-02' });
    expect(claimed.snapshot.context.claimMonth).toBe('2025-04');
    expect(claimed.snapshot.context.steps['monthly-claim']).toEqual({ status: 'active', deadline: '2025-06-10' });
    expect(claimed.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:monthly-claim:7d' },
      { type: 'timer.cancel', key: 'reminder:monthly-claim:2d' },
      {
        type: 'timer.schedule',
        key: 'reminder:monthly-claim:7d',
        dueAt: '2025-06-03T07:00:00.000Z',
        step: 'monthly-claim',
        purpose: 'reminder',
      },
      // 8 June is Whit Sunday: Friday 6 June.
      {
        type: 'timer.schedule',
        key: 'reminder:monthly-claim:2d',
        dueAt: '2025-06-06T07:00:00.000Z',
        step: 'monthly-claim',
        purpose: 'reminder',
      },
    ]);

    const settled = run(machine, claimed, [
      { type: 'jobnet.registered', registeredOn: '2025-03-01' },
      { type: 'dagpenge.applied', appliedOn: '2025-03-03' },
      { type: 'cv.published', publishedOn: '2025-03-10' },
      { type: 'preliminary-tax.checked', changed: true },
      { type: 'holiday-pay.reported', reportedOn: '2025-02-28' },
    ]);
    // The duties last as long as the unemployment: the journey waits for a job.
    expect(settled.snapshot.status).toBe('active');
    expect(statuses(settled.snapshot)).toMatchObject({ 'ongoing-duties': 'active', 'monthly-claim': 'active' });

    const hired = send(machine, settled.snapshot, { type: 'job.found', firstWorkDay: '2025-05-01' });
    expect(hired.snapshot.status).toBe('done');
    expect(hired.snapshot.context.steps).toMatchObject({
      'ongoing-duties': { status: 'done', reason: 'unemployment-ended' },
      'monthly-claim': { status: 'done', reason: 'unemployment-ended' },
      'register-unemployed': { status: 'done' },
    });
    expect(hired.commands).toEqual([
      // The weekly reminder stops with the journey.
      { type: 'timer.cancel', key: 'job-log:ongoing-duties' },
      { type: 'timer.cancel', key: 'quarantine:apply-dagpenge' },
      { type: 'timer.cancel', key: 'watchdog:holiday-pay' },
      { type: 'timer.cancel', key: 'reminder:monthly-claim:7d' },
      { type: 'timer.cancel', key: 'reminder:monthly-claim:2d' },
      { type: 'citizen.notify', template: 'journey-completed' },
    ]);
  });

  it('holds back dagpenge for 3 weeks after resigning', () => {
    const resigned: JobAnswers = { ...dismissedMember, firstDayUnemployed: '2025-05-01', resigned: true };
    const started = start(machine, input(resigned, '2025-04-28T10:00:00Z'));
    const applied = send(machine, started.snapshot, { type: 'dagpenge.applied', appliedOn: '2025-05-02' });
    expect(applied.snapshot.context.steps['apply-dagpenge']).toEqual({ status: 'active', reason: 'quarantine' });
    expect(applied.commands).toEqual([
      {
        type: 'timer.schedule',
        key: 'quarantine:apply-dagpenge',
        dueAt: '2025-05-22T07:00:00.000Z',
        step: 'apply-dagpenge',
        purpose: 'deadline',
      },
    ]);
    const served = send(machine, applied.snapshot, { type: 'timer.fired', key: 'quarantine:apply-dagpenge' });
    expect(served.snapshot.context.steps['apply-dagpenge']).toEqual({ status: 'done', reason: 'quarantine-served' });
    expect(served.commands).toEqual([
      { type: 'citizen.notify', template: 'quarantine-ended', step: 'apply-dagpenge', params: { benefitFrom: '2025-05-22' } },
    ]);
    // Applying after the quarantine has run out needs no waiting.
    const later = send(machine, started.snapshot, { type: 'dagpenge.applied', appliedOn: '2025-06-02' });
    expect(later.snapshot.context.steps['apply-dagpenge']).toEqual({ status: 'done', reason: 'applied-after-quarantine' });
  });

  it('sends an uninsured 27-year-old without a qualification to uddannelseshjælp from Easter Monday', () => {
    const uninsured: JobAnswers = {
      firstDayUnemployed: '2025-04-21',
      aKasseMember: false,
      resigned: false,
      hasQualifyingEducation: false,
      residentNineOfLastTenYears: true,
    };
    const started = start(machine, input(uninsured, '2025-04-14T10:00:00Z'));
    expect(started.snapshot.context.socialAssistanceBenefit).toBe('uddannelseshjaelp');
    expect(started.snapshot.context.steps).toMatchObject({
      // 2. påskedag: register and apply that day all the same; help is never given for earlier days.
      'register-unemployed': { status: 'active', deadline: '2025-04-21' },
      'apply-social-assistance': { status: 'active', deadline: '2025-04-21' },
      'apply-dagpenge': { status: 'skipped', reason: 'not-insured' },
      'monthly-claim': { status: 'skipped', reason: 'not-insured' },
    });
    // 2 days before Easter Monday is Saturday; Langfredag and Skærtorsdag are closed: Wednesday 16 April.
    expect(started.commands).toContainEqual(
      expect.objectContaining({ key: 'reminder:apply-social-assistance:2d', dueAt: '2025-04-16T07:00:00.000Z' }),
    );
    expect(started.commands).toContainEqual({
      type: 'authority.await',
      step: 'apply-social-assistance',
      system: 'municipality',
      complete: 'social-assistance.applied',
      expiresInDays: 67,
    });
    const lateApplication = run(machine, started, [
      { type: 'jobnet.registered', registeredOn: '2025-04-22' },
      { type: 'social-assistance.applied', appliedOn: '2025-04-23' },
    ]);
    expect(lateApplication.snapshot.context.steps).toMatchObject({
      'register-unemployed': { status: 'done', reason: 'registered-after-first-day' },
      'apply-social-assistance': { status: 'done', reason: 'applied-after-first-day' },
    });
    // Found a job before the CV was up: what is still open is skipped.
    const hired = send(machine, lateApplication.snapshot, { type: 'job.found', firstWorkDay: '2025-05-01' });
    expect(hired.snapshot.context.steps).toMatchObject({
      'cv-on-jobnet': { status: 'skipped', reason: 'found-a-job' },
      'holiday-pay': { status: 'skipped', reason: 'found-a-job' },
      'ongoing-duties': { status: 'done', reason: 'unemployment-ended' },
    });
    expect(hired.snapshot.status).toBe('done');
  });

  it('decides the municipality’s benefit from age, qualification and residence', () => {
    const base: JobAnswers = {
      firstDayUnemployed: '2025-06-02',
      aKasseMember: false,
      resigned: false,
      hasQualifyingEducation: true,
      residentNineOfLastTenYears: true,
    };
    expect(socialAssistanceBenefit(base, facts)).toBe('kontanthjaelp');
    expect(socialAssistanceBenefit({ ...base, hasQualifyingEducation: false }, facts)).toBe('uddannelseshjaelp');
    // 30 on the first day: kontanthjælp even without a qualification.
    expect(socialAssistanceBenefit({ ...base, hasQualifyingEducation: false }, { birthDate: '1995-06-02' })).toBe('kontanthjaelp');
    expect(socialAssistanceBenefit({ ...base, residentNineOfLastTenYears: false }, facts)).toBe('selvforsoergelsesydelse');
    expect(monthlyClaimDeadline('2025-12')).toBe('2026-02-10');
  });

  it('flags holiday pay the employer has not reported', () => {
    const started = start(machine, input(dismissedMember, '2025-02-24T10:00:00Z'));
    const late = send(machine, started.snapshot, { type: 'timer.fired', key: 'watchdog:holiday-pay' });
    expect(late.snapshot.context.steps['holiday-pay']).toEqual({ status: 'late', reason: 'report-overdue' });
    expect(late.commands).toEqual([{ type: 'citizen.notify', template: 'step-late', step: 'holiday-pay' }]);
  });

  it('refuses a start without the CPR birth date', () => {
    const missing = start(machine, { answers: dismissedMember, facts: {}, startedAt: '2025-02-24T10:00:00Z', reminderDays: [7, 2] });
    expect(missing.snapshot.status).toBe('error');
  });
});
