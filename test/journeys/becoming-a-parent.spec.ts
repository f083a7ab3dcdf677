import { becomingAParentV1 } from '../../journeys/becoming-a-parent';
import type { ParentAnswers, ParentFacts } from '../../journeys/becoming-a-parent/becoming-a-parent.start';
import { childBenefitFirstPaymentDate, resolveSituation } from '../../journeys/becoming-a-parent/becoming-a-parent.rules';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = becomingAParentV1.machine;

const expectingMother: ParentAnswers = { dueDate: '2025-09-20', married: true, parentRole: 'mother', employed: true, crossBorderEu: false };
/** What the engine adds to a citizen's own start. */
const ownFacts: ParentFacts = { birthDate: '1993-04-02' };

function input(answers: ParentAnswers, facts: ParentFacts, startedAt: string): JourneyInput {
  return { answers, facts, startedAt, reminderDays: [7, 2] };
}

const completed = (step: string, task: string, output: Record<string, unknown> = {}) => ({
  type: 'integration.completed',
  step,
  task,
  output,
});

describe('becoming-a-parent journey', () => {
  it('takes an employed, married mother from the pregnancy notice to a named child with benefits', () => {
    const started = start(machine, input(expectingMother, ownFacts, '2025-05-01T08:00:00Z'));
    // The mother tells the employer 3 months before the due date (Saturday 20 September).
    expect(started.snapshot.context.steps['notify-employer']).toEqual({ status: 'active', deadline: '2025-06-20' });
    expect(started.snapshot.context.anchorDate).toBe('2025-09-20');
    expect(statuses(started.snapshot)).toEqual({
      'notify-employer': 'active',
      'birth-registration': 'active',
      paternity: 'pending',
      naming: 'pending',
      'child-benefit': 'pending',
      'employer-leave-report': 'active',
      'apply-maternity-benefit': 'pending',
      'daycare-signup': 'pending',
      'update-preliminary-tax': 'pending',
    });
    expect(started.commands).toEqual([
      {
        type: 'timer.schedule',
        key: 'reminder:notify-employer:7d',
        dueAt: '2025-06-13T07:00:00.000Z',
        step: 'notify-employer',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:notify-employer:2d',
        dueAt: '2025-06-18T07:00:00.000Z',
        step: 'notify-employer',
        purpose: 'reminder',
      },
      // No birth registered three weeks after the due date is worth a look.
      {
        type: 'timer.schedule',
        key: 'watchdog:birth-registration',
        dueAt: '2025-10-11T07:00:00.000Z',
        step: 'birth-registration',
        purpose: 'watchdog',
      },
      { type: 'authority.await', step: 'birth-registration', system: 'parish-registrar', complete: 'birth.registered', expiresInDays: 223 },
      {
        type: 'authority.await',
        step: 'employer-leave-report',
        system: 'employer',
        complete: 'employer.leave-reported',
        expiresInDays: 230,
      },
    ]);

    const told = send(machine, started.snapshot, { type: 'employer.notified', notifiedOn: '2025-06-10' });
    // The next employer deadline (the leave plan) is counted from the birth, unknown until then.
    expect(told.snapshot.context.steps['notify-employer']).toEqual({ status: 'active' });
    expect(told.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:notify-employer:7d' },
      { type: 'timer.cancel', key: 'reminder:notify-employer:2d' },
    ]);

    // The leave starts four weeks before the due date and the salary stops with it.
    const leave = send(machine, told.snapshot, { type: 'employer.leave-reported', leaveStartDate: '2025-08-23', salaryDuringLeave: false });
    expect(leave.snapshot.context.steps['apply-maternity-benefit']).toEqual({ status: 'active', deadline: '2025-10-18' });
    // 18 October is a Saturday; 7 days before is also a Saturday, so the reminder moves to Friday.
    expect(leave.commands).toContainEqual(
      expect.objectContaining({ key: 'reminder:apply-maternity-benefit:7d', dueAt: '2025-10-10T07:00:00.000Z' }),
    );
    expect(leave.commands).toContainEqual(
      expect.objectContaining({ key: 'reminder:apply-maternity-benefit:2d', dueAt: '2025-10-16T07:00:00.000Z' }),
    );

    const born = send(machine, leave.snapshot, { type: 'birth.registered', birthDate: '2025-09-18' });
    expect(born.snapshot.context.anchorDate).toBe('2025-09-18');
    expect(born.snapshot.context.steps).toMatchObject({
      'birth-registration': { status: 'done' },
      // Married: no declaration, so no deadline; CPR confirms the spouse as parent.
      paternity: { status: 'active' },
      naming: { status: 'active', deadline: '2026-03-18' },
      'child-benefit': { status: 'active' },
      'daycare-signup': { status: 'active' },
      // The leave plan within 6 weeks of the birth.
      'notify-employer': { status: 'active', deadline: '2025-10-30' },
    });
    expect(born.snapshot.context.steps.paternity.deadline).toBeUndefined();
    expect(born.commands).toEqual(
      expect.arrayContaining([
        { type: 'timer.cancel', key: 'watchdog:birth-registration' },
        { type: 'integration.request', step: 'paternity', task: 'lookup-person', system: 'cpr', input: {} },
        // Ten working days after Thursday 18 September.
        { type: 'timer.schedule', key: 'watchdog:paternity', dueAt: '2025-10-02T07:00:00.000Z', step: 'paternity', purpose: 'watchdog' },
        { type: 'integration.request', step: 'child-benefit', task: 'child-benefit-status', system: 'udbetaling-danmark', input: {} },
        // Paid from the quarter after the birth: around 20 October, flagged 10 days later.
        {
          type: 'timer.schedule',
          key: 'watchdog:child-benefit',
          dueAt: '2025-10-30T07:00:00.000Z',
          step: 'child-benefit',
          purpose: 'watchdog',
        },
        { type: 'authority.await', step: 'naming', system: 'parish-registrar', complete: 'name.registered', expiresInDays: 241 },
        expect.objectContaining({ key: 'reminder:notify-employer:7d', dueAt: '2025-10-23T07:00:00.000Z' }),
        expect.objectContaining({ key: 'reminder:naming:7d', dueAt: '2026-03-11T07:00:00.000Z' }),
      ]),
    );
    // Paternity of a married mother has no declaration, so no deadline timer.
    expect(born.commands).not.toContainEqual(expect.objectContaining({ key: 'deadline:paternity' }));

    const finished = run(machine, born, [
      completed('paternity', 'lookup-person'),
      completed('child-benefit', 'child-benefit-status'),
      { type: 'leave-plan.sent', sentOn: '2025-10-20' },
      { type: 'maternity-benefit.applied', appliedOn: '2025-09-01' },
      { type: 'preliminary-tax.checked', changed: true },
      { type: 'name.registered', registeredOn: '2025-10-26' },
      { type: 'daycare.signed-up', signedUpOn: '2025-11-03' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(Object.values(statuses(finished.snapshot)).every((s) => s === 'done')).toBe(true);
    expect(finished.commands).toContainEqual({ type: 'timer.cancel', key: 'watchdog:paternity' });
    expect(finished.commands).toContainEqual({ type: 'citizen.notify', template: 'journey-completed' });
  });

  it(
    'starts from the CPR birth registration for an unmarried father, reminds before Christmas and sends a missed declaration to ' +
      'Familieretshuset',
    () => {
      const facts: ParentFacts = {
        birthDate: '1990-01-01',
        childBirthDate: '2025-12-01',
        married: false,
        parentRole: 'father',
        employed: true,
        crossBorderEu: true,
      };
      const started = start(machine, input({}, facts, '2025-12-02T06:00:00Z'));
      expect(started.snapshot.context.steps).toMatchObject({
        'birth-registration': { status: 'done' },
        // The declaration of care and responsibility within 4 weeks of the birth.
        paternity: { status: 'active', deadline: '2025-12-29' },
        naming: { status: 'active', deadline: '2026-06-01' },
        'notify-employer': { status: 'active', deadline: '2026-01-12' },
      });
      // Started after the birth: the pregnancy notice is past, the leave plan is what is due.
      expect(started.snapshot.value).toMatchObject({
        inProgress: { employer: 'leavePlan', paternity: 'declaration', childBenefit: 'application' },
      });
      // 2 days before 29 December is a Saturday; 26 and 25 December are public holidays, so Christmas Eve.
      expect(started.commands).toContainEqual(expect.objectContaining({ key: 'reminder:paternity:2d', dueAt: '2025-12-24T07:00:00.000Z' }));
      expect(started.commands).toContainEqual({
        type: 'timer.schedule',
        key: 'deadline:paternity',
        dueAt: '2025-12-30T07:00:00.000Z',
        step: 'paternity',
        purpose: 'deadline',
      });
      expect(started.commands).toContainEqual({
        type: 'authority.await',
        step: 'paternity',
        system: 'parish-registrar',
        complete: 'care-declaration.signed',
        expiresInDays: 87,
      });
      // Cross-border: no status to confirm, the family applies.
      expect(started.commands).not.toContainEqual(expect.objectContaining({ task: 'child-benefit-status' }));

      const missed = send(machine, started.snapshot, { type: 'timer.fired', key: 'deadline:paternity' });
      expect(missed.snapshot.context.steps.paternity).toEqual({
        status: 'active',
        deadline: '2025-12-29',
        reason: 'declaration-deadline-passed',
      });
      expect(missed.commands).toEqual([{ type: 'citizen.notify', template: 'step-needs-you', step: 'paternity' }]);
      // Too late for the declaration now.
      expect(missed.snapshot.can({ type: 'care-declaration.signed', signedOn: '2025-12-31' })).toBe(false);

      const finished = run(machine, missed, [
        { type: 'paternity.decided', decidedOn: '2026-02-10', parentage: 'established' },
        { type: 'child-benefit.applied', appliedOn: '2025-12-15' },
        { type: 'name.registered', registeredOn: '2026-01-05' },
        { type: 'leave-plan.sent', sentOn: '2026-01-13' },
        { type: 'employer.leave-reported', leaveStartDate: '2025-12-01', salaryDuringLeave: true },
        { type: 'daycare.not-needed' },
      ]);
      expect(finished.snapshot.status).toBe('done');
      expect(finished.snapshot.context.steps).toMatchObject({
        paternity: { status: 'done', reason: 'decided-by-familieretshuset' },
        'child-benefit': { status: 'done', reason: 'applied-cross-border' },
        'notify-employer': { status: 'done', reason: 'sent-after-deadline' },
        // Full salary during the leave: the employer claims the benefit, nothing changes in the tax assessment.
        'apply-maternity-benefit': { status: 'skipped', reason: 'salary-during-leave' },
        'update-preliminary-tax': { status: 'skipped', reason: 'salary-continues' },
        'daycare-signup': { status: 'skipped', reason: 'not-needed' },
      });
    },
  );

  it('keeps a leave-plan deadline on Easter Monday and reminds on the Wednesday before Easter', () => {
    const facts: ParentFacts = {
      childBirthDate: '2025-03-10',
      married: true,
      parentRole: 'co-mother',
      employed: true,
      crossBorderEu: false,
    };
    const started = start(machine, input({}, facts, '2025-03-11T09:00:00Z'));
    // Six weeks after Monday 10 March is 2. påskedag; the law is silent, so the date stands.
    expect(started.snapshot.context.steps['notify-employer']).toEqual({ status: 'active', deadline: '2025-04-21' });
    // 2 days before is Saturday; Langfredag and Skærtorsdag are closed, so Wednesday 16 April.
    expect(started.commands).toContainEqual(
      expect.objectContaining({ key: 'reminder:notify-employer:2d', dueAt: '2025-04-16T07:00:00.000Z' }),
    );
    expect(started.commands).toContainEqual(
      expect.objectContaining({ key: 'reminder:notify-employer:7d', dueAt: '2025-04-14T07:00:00.000Z' }),
    );
    // Started from the birth: the employer's report is flagged 4 weeks after it.
    expect(started.commands).toContainEqual(
      expect.objectContaining({ key: 'watchdog:employer-leave-report', dueAt: '2025-04-07T07:00:00.000Z' }),
    );
  });

  it('counts a mother’s benefit deadline from her leave four weeks before the due date when she has no employer', () => {
    const answers: ParentAnswers = { dueDate: '2025-06-20', married: false, parentRole: 'mother', employed: false, crossBorderEu: false };
    const started = start(machine, input(answers, ownFacts, '2025-02-03T08:00:00Z'));
    expect(statuses(started.snapshot)).toMatchObject({ 'notify-employer': 'skipped', 'employer-leave-report': 'skipped' });
    expect(started.snapshot.value).toMatchObject({ inProgress: { employer: 'notEmployed', leave: 'awaitingBirth' } });

    const born = send(machine, started.snapshot, { type: 'birth.registered', birthDate: '2025-06-25' });
    // Leave from 23 May (4 weeks before the due date) + 8 weeks.
    expect(born.snapshot.context.steps['apply-maternity-benefit']).toEqual({ status: 'active', deadline: '2025-07-18' });
    expect(born.snapshot.value).toMatchObject({ inProgress: { leave: 'benefitApplication', paternity: 'declaration' } });

    const notEntitled = send(machine, born.snapshot, { type: 'maternity-benefit.not-entitled' });
    expect(notEntitled.snapshot.context.steps).toMatchObject({
      'apply-maternity-benefit': { status: 'skipped', reason: 'not-entitled' },
      'update-preliminary-tax': { status: 'skipped', reason: 'no-benefit' },
    });
    // Reminders for the closed step are cancelled.
    expect(notEntitled.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:apply-maternity-benefit:7d' },
      { type: 'timer.cancel', key: 'reminder:apply-maternity-benefit:2d' },
    ]);
  });

  it('sends a declaration signed too late, or a disputed one, to Familieretshuset', () => {
    const facts: ParentFacts = {
      childBirthDate: '2025-03-10',
      married: false,
      parentRole: 'father',
      employed: false,
      crossBorderEu: false,
    };
    const started = start(machine, input({}, facts, '2025-03-10T12:00:00Z'));
    expect(started.snapshot.context.steps.paternity.deadline).toBe('2025-04-07');

    const inTime = send(machine, started.snapshot, { type: 'care-declaration.signed', signedOn: '2025-04-07' });
    expect(inTime.snapshot.context.steps.paternity).toEqual({ status: 'done', deadline: '2025-04-07' });
    expect(inTime.commands).toContainEqual({ type: 'timer.cancel', key: 'deadline:paternity' });

    const late = send(machine, started.snapshot, { type: 'care-declaration.signed', signedOn: '2025-04-08' });
    expect(late.snapshot.context.steps.paternity).toMatchObject({ status: 'active', reason: 'declaration-too-late' });

    const disputed = send(machine, started.snapshot, { type: 'paternity.disputed', disputedOn: '2025-03-20' });
    const decided = send(machine, disputed.snapshot, { type: 'paternity.decided', decidedOn: '2025-06-01', parentage: 'not-established' });
    expect(decided.snapshot.context.steps.paternity).toMatchObject({ status: 'done', reason: 'parentage-not-established' });
  });

  it('flags an overdue birth registration and a failed CPR lookup, and retries it for a caseworker', () => {
    const started = start(machine, input(expectingMother, ownFacts, '2025-05-01T08:00:00Z'));
    const overdue = send(machine, started.snapshot, { type: 'timer.fired', key: 'watchdog:birth-registration' });
    expect(overdue.snapshot.context.steps['birth-registration']).toEqual({ status: 'late', reason: 'registration-overdue' });
    expect(overdue.commands).toEqual([{ type: 'citizen.notify', template: 'step-late', step: 'birth-registration' }]);

    const born = send(machine, overdue.snapshot, { type: 'birth.registered', birthDate: '2025-10-02' });
    expect(born.snapshot.context.steps['birth-registration']).toEqual({ status: 'done' });
    const failed = send(machine, born.snapshot, {
      type: 'integration.failed',
      step: 'paternity',
      task: 'lookup-person',
      code: 'CPR_UNAVAILABLE',
    });
    expect(failed.snapshot.context.steps.paternity).toEqual({ status: 'failed', reason: 'CPR_UNAVAILABLE' });
    expect(failed.snapshot.can(completed('paternity', 'lookup-person'))).toBe(false);

    const retried = send(machine, failed.snapshot, {
      type: 'integration.retry',
      step: 'paternity',
      task: 'lookup-person',
      requestedAt: '2025-10-20T10:00:00Z',
    });
    expect(retried.snapshot.context.steps.paternity).toEqual({ status: 'active' });
    expect(retried.commands).toEqual([
      { type: 'integration.request', step: 'paternity', task: 'lookup-person', system: 'cpr', input: {} },
      // Ten working days from the retry, not from the birth.
      { type: 'timer.schedule', key: 'watchdog:paternity', dueAt: '2025-11-03T07:00:00.000Z', step: 'paternity', purpose: 'watchdog' },
    ]);
  });

  it(
    'takes the branches from the birth registration when it has them, else from the expecting parent, and refuses a start with ' +
      'neither',
    () => {
      const register: ParentFacts = {
        birthDate: '1991-09-14',
        childBirthDate: '2025-03-10',
        married: false,
        parentRole: 'father',
        employed: false,
        crossBorderEu: true,
      };
      expect(resolveSituation(expectingMother, register)).toMatchObject({
        source: 'register',
        married: false,
        parentRole: 'father',
        childBirthDate: '2025-03-10',
      });
      expect(resolveSituation(expectingMother, ownFacts)).toMatchObject({
        source: 'answers',
        married: true,
        parentRole: 'mother',
        dueDate: '2025-09-20',
      });

      const neither = start(machine, input({}, ownFacts, '2025-05-01T08:00:00Z'));
      expect(neither.snapshot.status).toBe('error');
      expect(String((neither.snapshot as { error?: unknown }).error)).toContain('dueDate, married, parentRole, employed, crossBorderEu');
    },
  );

  it('pays child benefit from the quarter after the birth', () => {
    expect(childBenefitFirstPaymentDate('2025-03-31')).toBe('2025-04-20');
    expect(childBenefitFirstPaymentDate('2025-04-01')).toBe('2025-07-20');
    expect(childBenefitFirstPaymentDate('2025-11-15')).toBe('2026-01-20');
  });
});
