import { digitalCitizenV1 } from '../../journeys/digital-citizen';
import { decideBranches, fifteenthBirthday, watchdogDates } from '../../journeys/digital-citizen/digital-citizen.rules';
import type { DigitalCitizenFacts } from '../../journeys/digital-citizen/digital-citizen.start';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = digitalCitizenV1.machine;

const common: DigitalCitizenFacts = {
  birthDate: '2010-03-17',
  hasParents: true,
  parentsHaveDigitalPost: true,
  working: false,
  hasMitid: false,
  municipalityCode: '0751',
};

function input(facts: DigitalCitizenFacts, startedAt: string): JourneyInput {
  return { answers: {}, facts, startedAt, reminderDays: [7, 2] };
}

const booking = { step: 'get-mitid', task: 'book-appointment' };

describe('digital-citizen journey', () => {
  it('takes a young person with parents on Digital Post from the feed to their own mailbox', () => {
    const started = start(machine, input(common, '2025-02-10T06:00:00Z'));
    const { context } = started.snapshot;
    expect(context.anchorDate).toBe('2025-03-17');
    expect(context.steps).toEqual({
      'dp-parent-notice': { status: 'active', availableFrom: '2025-02-24' },
      'dp-mailbox-created': { status: 'active', availableFrom: '2025-03-17' },
      'frikort-created': { status: 'active', availableFrom: '2025-01-01' },
      'get-mitid': { status: 'active', deadline: '2025-03-17' },
      'dp-first-login': { status: 'pending' },
      'ungeydelse-switch': { status: 'active', availableFrom: '2025-04-01' },
      'own-gp-choice': { status: 'active', availableFrom: '2025-03-17', deadline: '2025-05-16' },
    });
    expect(started.commands).toEqual([
      // 2 days before Monday 17 March is Saturday: moved to Friday 14 March.
      { type: 'timer.schedule', key: 'reminder:get-mitid:7d', dueAt: '2025-03-10T07:00:00.000Z', step: 'get-mitid', purpose: 'reminder' },
      { type: 'timer.schedule', key: 'reminder:get-mitid:2d', dueAt: '2025-03-14T07:00:00.000Z', step: 'get-mitid', purpose: 'reminder' },
      {
        type: 'timer.schedule',
        key: 'reminder:own-gp-choice:7d',
        dueAt: '2025-05-09T07:00:00.000Z',
        step: 'own-gp-choice',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:own-gp-choice:2d',
        dueAt: '2025-05-14T07:00:00.000Z',
        step: 'own-gp-choice',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'watchdog:dp-mailbox-created',
        dueAt: '2025-03-19T07:00:00.000Z',
        step: 'dp-mailbox-created',
        purpose: 'watchdog',
      },
      {
        type: 'timer.schedule',
        key: 'watchdog:frikort-created',
        dueAt: '2025-03-31T07:00:00.000Z',
        step: 'frikort-created',
        purpose: 'watchdog',
      },
      // The first monthly youth benefit is for April: five working days after 30 April.
      {
        type: 'timer.schedule',
        key: 'watchdog:ungeydelse-switch',
        dueAt: '2025-05-07T07:00:00.000Z',
        step: 'ungeydelse-switch',
        purpose: 'watchdog',
      },
      // Three weeks before the birthday is 24 February; five working days later.
      {
        type: 'timer.schedule',
        key: 'watchdog:dp-parent-notice',
        dueAt: '2025-03-03T07:00:00.000Z',
        step: 'dp-parent-notice',
        purpose: 'watchdog',
      },
    ]);

    const booked = run(machine, started, [
      { type: 'parent-notice.sent', sentOn: '2025-02-24', channel: 'digital-post' },
      { type: 'mitid.appointment-requested', preferredDate: '2025-03-05' },
    ]);
    expect(booked.commands).toEqual([
      { type: 'timer.cancel', key: 'watchdog:dp-parent-notice' },
      {
        type: 'integration.request',
        step: 'get-mitid',
        task: 'book-appointment',
        system: 'municipality',
        input: { purpose: 'mitid', municipalityCode: '0751', preferredDate: '2025-03-05' },
      },
    ]);

    const withMitid = run(machine, booked, [
      { type: 'integration.completed', ...booking, output: {} },
      { type: 'mitid.obtained', obtainedOn: '2025-03-05', route: 'borgerservice' },
    ]);
    expect(withMitid.commands).toEqual([
      { type: 'citizen.notify', template: 'appointment-booked', step: 'get-mitid' },
      { type: 'timer.cancel', key: 'reminder:get-mitid:7d' },
      { type: 'timer.cancel', key: 'reminder:get-mitid:2d' },
    ]);
    // The first login waits for the mailbox.
    expect(statuses(withMitid.snapshot)['dp-first-login']).toBe('pending');

    const mailbox = send(machine, withMitid.snapshot, { type: 'mailbox.created', createdOn: '2025-03-17' });
    expect(statuses(mailbox.snapshot)['dp-first-login']).toBe('active');
    expect(mailbox.commands).toEqual([
      { type: 'timer.cancel', key: 'watchdog:dp-mailbox-created' },
      { type: 'citizen.notify', template: 'step-needs-you', step: 'dp-first-login' },
    ]);

    const finished = run(machine, mailbox, [
      { type: 'dp-first-login.completed', alertsSet: true, parentReadAccess: true },
      { type: 'frikort.created', createdOn: '2025-03-17' },
      { type: 'gp.kept' },
      { type: 'ungeydelse.switched', firstPaidOn: '2025-04-22' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['dp-first-login']).toEqual({ status: 'done', reason: 'parent-read-access-granted' });
    expect(statuses(finished.snapshot)).toEqual({
      'dp-parent-notice': 'done',
      'dp-mailbox-created': 'done',
      'frikort-created': 'done',
      'get-mitid': 'done',
      'dp-first-login': 'done',
      'ungeydelse-switch': 'done',
      'own-gp-choice': 'skipped',
    });
    expect(finished.commands).toContainEqual({ type: 'citizen.notify', template: 'journey-completed' });
  });

  it('keeps a deadline on Maundy Thursday and counts the mailbox watchdog in working days past Easter', () => {
    // Born 17 April 2010: the 15th birthday is Skærtorsdag 2025.
    const facts = { ...common, birthDate: '2010-04-17' };
    const started = start(machine, input(facts, '2025-03-20T08:00:00Z'));
    // MitID by the birthday: the date stands although it is a public holiday (practice, not law).
    expect(started.snapshot.context.steps['get-mitid'].deadline).toBe('2025-04-17');
    expect(started.commands).toContainEqual(expect.objectContaining({ key: 'reminder:get-mitid:2d', dueAt: '2025-04-15T07:00:00.000Z' }));
    // Langfredag, the weekend and 2. påskedag do not count: Tuesday 22 is day 1, Wednesday 23 day 2.
    expect(watchdogDates(facts)['dp-mailbox-created']).toBe('2025-04-23');
    expect(started.commands).toContainEqual(
      expect.objectContaining({ key: 'watchdog:dp-mailbox-created', dueAt: '2025-04-23T07:00:00.000Z' }),
    );

    const reminded = send(machine, started.snapshot, { type: 'timer.fired', key: 'reminder:get-mitid:2d' });
    expect(reminded.commands).toEqual([
      { type: 'citizen.notify', template: 'deadline-reminder', step: 'get-mitid', params: { deadline: '2025-04-17' } },
    ]);

    const late = send(machine, started.snapshot, { type: 'timer.fired', key: 'watchdog:dp-mailbox-created' });
    expect(late.snapshot.context.steps['dp-mailbox-created']).toEqual({
      status: 'late',
      availableFrom: '2025-04-17',
      reason: 'confirmation-overdue',
    });
    expect(late.commands).toEqual([{ type: 'citizen.notify', template: 'step-late', step: 'dp-mailbox-created' }]);
    // The watchdog fires once; a repeated delivery changes nothing.
    expect(send(machine, late.snapshot, { type: 'timer.fired', key: 'watchdog:dp-mailbox-created' }).commands).toEqual([]);

    const created = send(machine, late.snapshot, { type: 'mailbox.created', createdOn: '2025-04-24' });
    expect(created.snapshot.context.steps['dp-mailbox-created']).toEqual({ status: 'done', availableFrom: '2025-04-17' });
  });

  it('sends the parents a paper letter, skips MitID they already have, and waits for a working teenager’s income', () => {
    const facts: DigitalCitizenFacts = { ...common, birthDate: '2010-06-05', parentsHaveDigitalPost: false, working: true, hasMitid: true };
    expect(decideBranches(facts)).toEqual({ parentNotice: true, paperNotice: true, enterExpectedIncome: true, getMitid: false });
    const started = start(machine, input(facts, '2025-05-01T08:00:00Z'));
    expect(started.snapshot.context.steps['get-mitid']).toEqual({ status: 'skipped', reason: 'already-has-mitid' });
    // Letter due 15 May; a paper letter gets 5 + 5 working days, and Kristi himmelfartsdag (29 May) does not count.
    expect(started.commands).toContainEqual(
      expect.objectContaining({ key: 'watchdog:dp-parent-notice', dueAt: '2025-05-30T07:00:00.000Z' }),
    );
    // Birthday 5 June (Grundlovsdag counts as a working day); 2. pinsedag (9 June) does not.
    expect(started.commands).toContainEqual(
      expect.objectContaining({ key: 'watchdog:dp-mailbox-created', dueAt: '2025-06-10T07:00:00.000Z' }),
    );

    const lateCard = send(machine, started.snapshot, { type: 'timer.fired', key: 'watchdog:frikort-created' });
    expect(lateCard.snapshot.context.steps['frikort-created']).toMatchObject({ status: 'late' });

    const card = send(machine, lateCard.snapshot, { type: 'frikort.created', createdOn: '2025-06-20' });
    // Still open, no longer late: the young person must enter the expected income.
    expect(card.snapshot.context.steps['frikort-created']).toEqual({ status: 'active', availableFrom: '2025-01-01' });
    expect(card.commands).toEqual([
      { type: 'timer.cancel', key: 'watchdog:frikort-created' },
      { type: 'citizen.notify', template: 'step-needs-you', step: 'frikort-created' },
    ]);

    const finished = run(machine, card, [
      { type: 'expected-income.entered', enteredOn: '2025-06-22' },
      { type: 'parent-notice.sent', sentOn: '2025-05-15', channel: 'paper' },
      { type: 'mailbox.created', createdOn: '2025-06-05' },
      { type: 'dp-first-login.completed', alertsSet: true, parentReadAccess: false },
      { type: 'ungeydelse.switched', firstPaidOn: '2025-07-20' },
      // 5 June + 60 days = 4 August: a change on 1 December is after the free period.
      { type: 'gp.changed', changedOn: '2025-12-01' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['frikort-created']).toMatchObject({ status: 'done', reason: 'expected-income-entered' });
    expect(finished.snapshot.context.steps['dp-parent-notice']).toMatchObject({ status: 'done', reason: 'sent-on-paper' });
    expect(finished.snapshot.context.steps['own-gp-choice']).toEqual({
      status: 'done',
      availableFrom: '2025-06-05',
      deadline: '2025-08-04',
      reason: 'changed-after-free-period',
    });
  });

  it('skips the parent notice without parents, handles an exemption and a failed booking', () => {
    const facts: DigitalCitizenFacts = { ...common, birthDate: '2010-11-30', hasParents: false, municipalityCode: '0461' };
    const started = start(machine, input(facts, '2025-10-20T08:00:00Z'));
    expect(started.snapshot.context.steps['dp-parent-notice']).toEqual({ status: 'skipped', reason: 'no-parent-in-cpr' });
    expect(started.commands.some((c) => c.type === 'timer.schedule' && c.key === 'watchdog:dp-parent-notice')).toBe(false);

    const asked = send(machine, started.snapshot, { type: 'mitid.appointment-requested', preferredDate: '2025-11-03' });
    const failed = send(machine, asked.snapshot, { type: 'integration.failed', ...booking, code: 'MUNICIPALITY_UNAVAILABLE' });
    expect(failed.snapshot.context.steps['get-mitid']).toMatchObject({ status: 'failed', reason: 'MUNICIPALITY_UNAVAILABLE' });

    // The caseworker retries after the preferred day has passed: the booking asks for the retry day.
    const retried = send(machine, failed.snapshot, { type: 'integration.retry', ...booking, requestedAt: '2025-11-10T09:00:00Z' });
    expect(statuses(retried.snapshot)['get-mitid']).toBe('active');
    expect(retried.commands).toEqual([
      {
        type: 'integration.request',
        step: 'get-mitid',
        task: 'book-appointment',
        system: 'municipality',
        input: { purpose: 'mitid', municipalityCode: '0461', preferredDate: '2025-11-10' },
      },
    ]);

    // Exempt before the birthday: no mailbox, no first login.
    const exempt = send(machine, retried.snapshot, { type: 'dp-exemption.registered', registeredOn: '2025-11-12', reason: 'disability' });
    expect(exempt.snapshot.context.steps['dp-mailbox-created']).toEqual({
      status: 'skipped',
      availableFrom: '2025-11-30',
      reason: 'exempt',
    });
    expect(exempt.snapshot.context.steps['dp-first-login']).toEqual({ status: 'skipped', reason: 'exempt' });
    expect(exempt.commands).toEqual([{ type: 'timer.cancel', key: 'watchdog:dp-mailbox-created' }]);
    expect(exempt.snapshot.can({ type: 'mailbox.created', createdOn: '2025-11-30' })).toBe(false);

    const finished = run(machine, exempt, [
      { type: 'mitid.obtained', obtainedOn: '2025-11-10', route: 'borgerservice' },
      { type: 'frikort.created', createdOn: '2025-11-30' },
      { type: 'ungeydelse.switched', firstPaidOn: '2025-12-20' },
      { type: 'gp.changed', changedOn: '2025-12-15' },
    ]);
    expect(finished.snapshot.status).toBe('done');
  });

  it('computes the 15th birthday from the CPR birth date, also for leap-day births', () => {
    expect(fifteenthBirthday('2010-03-17')).toBe('2025-03-17');
    expect(fifteenthBirthday('2008-02-29')).toBe('2023-03-01');
  });
});
