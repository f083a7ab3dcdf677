import { movingV1 } from '../../journeys/moving';
import type { MovingAnswers } from '../../journeys/moving/moving.start';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = movingV1.machine;

const simpleMove: MovingAnswers = {
  movingDate: '2025-06-02',
  newAddress: { darAddressId: '0a3f50a0-4b7c-32b8-e044-0003ba298018', municipalityCode: '0101' },
  othersRegisteredAtNewAddress: false,
  renting: false,
  childrenMoving: false,
  childLeavesJointCustodyHome: false,
  wantsAddressProtection: false,
};

function input(answers: MovingAnswers, startedAt: string, facts: Record<string, unknown> = { municipalityCode: '0101' }): JourneyInput {
  return { answers, facts, startedAt, reminderDays: [7, 2] };
}

const cprCompleted = { type: 'integration.completed', step: 'cpr-propagation', task: 'confirm-move-registration', output: {} };

describe('moving journey', () => {
  it('guides a renting family moving to another municipality with children to the end', () => {
    const answers: MovingAnswers = {
      ...simpleMove,
      movingDate: '2025-08-01',
      newAddress: { darAddressId: '0a3f5081-7e8c-32b8-e044-0003ba298018', municipalityCode: '0751' },
      renting: true,
      childrenMoving: true,
    };
    const started = start(machine, input(answers, '2025-07-10T08:00:00Z'));

    expect(started.snapshot.context.steps['report-move']).toEqual({
      status: 'active',
      availableFrom: '2025-07-04',
      deadline: '2025-08-06',
    });
    expect(started.snapshot.context.steps['housing-benefit']).toEqual({ status: 'pending', deadline: '2025-08-31' });
    expect(statuses(started.snapshot)).toMatchObject({
      'logivaert-check': 'skipped',
      'child-move-hearing': 'skipped',
      'address-protection': 'skipped',
      'children-services': 'pending',
    });
    // 31 August 2025 is a Sunday: the 7-day reminder (24 Aug, also a Sunday) moves to Friday 22 August.
    expect(started.commands).toEqual([
      {
        type: 'timer.schedule',
        key: 'reminder:report-move:7d',
        dueAt: '2025-07-30T07:00:00.000Z',
        step: 'report-move',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:report-move:2d',
        dueAt: '2025-08-04T07:00:00.000Z',
        step: 'report-move',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:housing-benefit:7d',
        dueAt: '2025-08-22T07:00:00.000Z',
        step: 'housing-benefit',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:housing-benefit:2d',
        dueAt: '2025-08-29T07:00:00.000Z',
        step: 'housing-benefit',
        purpose: 'reminder',
      },
    ]);

    const reported = send(machine, started.snapshot, { type: 'move.reported', reportedOn: '2025-07-28' });
    expect(statuses(reported.snapshot)).toMatchObject({
      'report-move': 'done',
      'cpr-propagation': 'active',
      'housing-benefit': 'active',
      'children-services': 'pending',
    });
    expect(reported.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:report-move:7d' },
      { type: 'timer.cancel', key: 'reminder:report-move:2d' },
      {
        type: 'integration.request',
        step: 'cpr-propagation',
        task: 'confirm-move-registration',
        system: 'cpr',
        input: { movingDate: '2025-08-01', darAddressId: '0a3f5081-7e8c-32b8-e044-0003ba298018', municipalityCode: '0751' },
      },
      // Ten working days after Friday 1 August.
      {
        type: 'timer.schedule',
        key: 'watchdog:cpr-propagation',
        dueAt: '2025-08-15T07:00:00.000Z',
        step: 'cpr-propagation',
        purpose: 'watchdog',
      },
    ]);

    const registered = send(machine, reported.snapshot, cprCompleted);
    expect(statuses(registered.snapshot)['children-services']).toBe('active');
    expect(registered.commands).toContainEqual({ type: 'timer.cancel', key: 'watchdog:cpr-propagation' });

    const finished = run(machine, registered, [
      { type: 'gp-choice.made', choice: 'new-doctor' },
      { type: 'preliminary-tax.checked', changed: true },
      { type: 'housing-benefit.applied', appliedOn: '2025-08-12' },
      { type: 'children-services.arranged', daycare: 'join-new-waiting-list', school: 'enrol-at-new-district-school' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['housing-benefit']).toEqual({ status: 'done', deadline: '2025-08-31' });
    expect(finished.commands).toContainEqual({ type: 'citizen.notify', template: 'journey-completed' });
  });

  it('finishes a simple move with only the steps that apply', () => {
    const started = start(machine, input(simpleMove, '2025-05-26T10:00:00+02:00'));
    const finished = run(machine, started, [
      { type: 'gp-choice.made', choice: 'keep-current' },
      { type: 'move.reported', reportedOn: '2025-05-27' },
      cprCompleted,
      { type: 'preliminary-tax.checked', changed: false },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(statuses(finished.snapshot)).toEqual({
      'report-move': 'done',
      'gp-choice': 'done',
      'logivaert-check': 'skipped',
      'child-move-hearing': 'skipped',
      'cpr-propagation': 'done',
      'address-protection': 'skipped',
      'housing-benefit': 'skipped',
      'update-preliminary-tax': 'skipped',
      'children-services': 'skipped',
    });
  });

  it('keeps a deadline on a public holiday and reminds on the working day before', () => {
    // Moving Wednesday 16 April 2025: the 5-day limit ends on 2. påskedag (21 April).
    const started = start(machine, input({ ...simpleMove, movingDate: '2025-04-16' }, '2025-04-01T08:00:00Z'));
    expect(started.snapshot.context.steps['report-move'].deadline).toBe('2025-04-21');
    // Two days before is Saturday 19 April; Friday and Thursday are Langfredag and Skærtorsdag.
    expect(started.commands.map((c) => c.type === 'timer.schedule' && c.dueAt)).toEqual([
      '2025-04-14T07:00:00.000Z',
      '2025-04-16T07:00:00.000Z',
    ]);

    const reminded = send(machine, started.snapshot, { type: 'timer.fired', key: 'reminder:report-move:2d' });
    expect(reminded.commands).toEqual([
      { type: 'citizen.notify', template: 'deadline-reminder', step: 'report-move', params: { deadline: '2025-04-21' } },
    ]);

    const reported = send(machine, started.snapshot, { type: 'move.reported', reportedOn: '2025-04-22' });
    expect(reported.snapshot.context.steps['report-move']).toMatchObject({ status: 'done', reason: 'reported-after-deadline' });
    const lateReminder = send(machine, reported.snapshot, { type: 'timer.fired', key: 'reminder:report-move:2d' });
    expect(lateReminder.commands).toEqual([]);
  });

  it('skips reminders that are already due when the journey starts', () => {
    const started = start(machine, input(simpleMove, '2025-06-05T12:00:00Z'));
    expect(started.commands).toEqual([]);
  });

  it('fails the CPR step after the last attempt, retries it for a caseworker, and completes', () => {
    const started = start(machine, input(simpleMove, '2025-05-26T08:00:00Z'));
    const reported = send(machine, started.snapshot, { type: 'move.reported', reportedOn: '2025-05-27' });

    const late = send(machine, reported.snapshot, { type: 'timer.fired', key: 'watchdog:cpr-propagation' });
    expect(late.snapshot.context.steps['cpr-propagation']).toEqual({ status: 'late', reason: 'confirmation-overdue' });
    expect(late.commands).toEqual([{ type: 'citizen.notify', template: 'step-late', step: 'cpr-propagation' }]);

    const failed = send(machine, late.snapshot, {
      type: 'integration.failed',
      step: 'cpr-propagation',
      task: 'confirm-move-registration',
      code: 'CPR_UNAVAILABLE',
    });
    expect(failed.snapshot.context.steps['cpr-propagation']).toEqual({ status: 'failed', reason: 'CPR_UNAVAILABLE' });
    expect(failed.snapshot.can(cprCompleted)).toBe(false);

    const retried = send(machine, failed.snapshot, {
      type: 'integration.retry',
      step: 'cpr-propagation',
      task: 'confirm-move-registration',
      requestedAt: '2025-06-20T09:30:00Z',
    });
    expect(statuses(retried.snapshot)['cpr-propagation']).toBe('active');
    expect(retried.commands).toEqual([
      expect.objectContaining({ type: 'integration.request', task: 'confirm-move-registration', system: 'cpr' }),
      // Ten working days from the retry, not from the move.
      expect.objectContaining({ type: 'timer.schedule', key: 'watchdog:cpr-propagation', dueAt: '2025-07-04T07:00:00.000Z' }),
    ]);

    const done = run(machine, retried, [
      cprCompleted,
      { type: 'gp-choice.made', choice: 'keep-current' },
      { type: 'preliminary-tax.checked', changed: true },
    ]);
    expect(done.snapshot.status).toBe('done');
    expect(statuses(done.snapshot)['cpr-propagation']).toBe('done');
  });

  it('waits for the host and the other parent before asking CPR', () => {
    const answers: MovingAnswers = {
      ...simpleMove,
      newAddress: { ...simpleMove.newAddress, careOf: 'Jensen' },
      childLeavesJointCustodyHome: true,
    };
    const started = start(machine, input(answers, '2025-05-20T08:00:00Z'));
    expect(started.snapshot.can({ type: 'logivaert.decided', confirmed: true, decidedOn: '2025-05-21' })).toBe(false);

    const reported = send(machine, started.snapshot, { type: 'move.reported', reportedOn: '2025-05-21' });
    expect(statuses(reported.snapshot)).toMatchObject({ 'logivaert-check': 'active', 'child-move-hearing': 'active' });
    // Both decisions are the municipality's: its self-service solution gets a task token for each.
    expect(reported.commands.filter((c) => c.type === 'authority.await')).toEqual([
      { type: 'authority.await', step: 'logivaert-check', system: 'municipality', complete: 'logivaert.decided', expiresInDays: 30 },
      {
        type: 'authority.await',
        step: 'child-move-hearing',
        system: 'municipality',
        complete: 'child-move-hearing.decided',
        expiresInDays: 30,
      },
    ]);

    const refused = send(machine, reported.snapshot, { type: 'logivaert.decided', confirmed: false, decidedOn: '2025-05-26' });
    expect(refused.snapshot.context.steps['logivaert-check']).toEqual({ status: 'failed', reason: 'host-did-not-confirm' });

    const heard = run(machine, refused, [
      { type: 'child-move-hearing.decided', registrationMayProceed: false, decidedOn: '2025-06-03' },
      { type: 'logivaert.decided', confirmed: true, decidedOn: '2025-06-05' },
    ]);
    expect(heard.snapshot.context.steps['child-move-hearing']).toEqual({ status: 'done', reason: 'child-move-refused' });
    // Ten working days from the last municipal decision (5 June); 2. pinsedag (9 June) does not count.
    expect(heard.commands).toContainEqual(expect.objectContaining({ key: 'watchdog:cpr-propagation', dueAt: '2025-06-20T07:00:00.000Z' }));
  });
});
