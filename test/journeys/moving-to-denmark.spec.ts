import { movingToDenmarkV1 } from '../../journeys/moving-to-denmark';
import type { MovingToDenmarkAnswers } from '../../journeys/moving-to-denmark/moving-to-denmark.start';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = movingToDenmarkV1.machine;

const euWorker: MovingToDenmarkAnswers = {
  arrivalDate: '2025-03-03',
  birthDate: '1992-06-14',
  citizenship: 'PL',
  residence: { basis: 'eu-eea-swiss', jobSeeking: false },
  addressId: '0a3f50a0-75e9-32b8-e044-0003ba298018',
  job: { hasJob: true, startDate: '2025-04-01', employerCvr: '12345678' },
  childrenMoving: false,
  startingEducation: false,
};

const permitHolder: MovingToDenmarkAnswers = {
  arrivalDate: '2025-02-10',
  birthDate: '1995-11-02',
  citizenship: 'IN',
  residence: { basis: 'non-eu', permitIssuedOn: '2025-01-15' },
  addressId: '0a3f509e-2c5d-32b8-e044-0003ba298018',
  job: { hasJob: true, startDate: '2025-03-03' },
  childrenMoving: true,
  startingEducation: true,
};

function input(answers: MovingToDenmarkAnswers, startedAt: string): JourneyInput {
  return { answers, facts: {}, startedAt, reminderDays: [7, 2] };
}

const completed = (step: string, task: string) => ({ type: 'integration.completed', step, task, output: {} });
const registrationDone = completed('register-cpr', 'register-immigration');
const taxCardReady = completed('tax-card', 'confirm-tax-card');

describe('moving-to-denmark journey', () => {
  it('takes an EU worker from the EU residence document through CPR to the end', () => {
    const started = start(machine, input(euWorker, '2025-03-03T08:00:00Z'));
    const { steps } = started.snapshot.context;
    // EU document needed 3 months after arrival; CPR waits for it.
    expect(steps['right-to-reside']).toEqual({ status: 'active', deadline: '2025-06-03' });
    expect(steps['register-cpr']).toEqual({ status: 'pending' });
    // No number yet: at the earliest 21 working days before the job (1 April), at the latest 14 days before.
    expect(steps['tax-card']).toEqual({ status: 'active', availableFrom: '2025-03-03', deadline: '2025-03-18' });
    expect(statuses(started.snapshot)).toMatchObject({ 'residence-card': 'skipped', 'family-benefits': 'skipped' });
    expect(started.commands).toEqual([
      {
        type: 'timer.schedule',
        key: 'reminder:right-to-reside:7d',
        dueAt: '2025-05-27T07:00:00.000Z',
        step: 'right-to-reside',
        purpose: 'reminder',
      },
      // Two days before 3 June is Sunday 1 June: the reminder moves to Friday 30 May.
      {
        type: 'timer.schedule',
        key: 'reminder:right-to-reside:2d',
        dueAt: '2025-05-30T07:00:00.000Z',
        step: 'right-to-reside',
        purpose: 'reminder',
      },
      { type: 'timer.schedule', key: 'reminder:tax-card:7d', dueAt: '2025-03-11T07:00:00.000Z', step: 'tax-card', purpose: 'reminder' },
      { type: 'timer.schedule', key: 'reminder:tax-card:2d', dueAt: '2025-03-14T07:00:00.000Z', step: 'tax-card', purpose: 'reminder' },
    ]);
    // An EU citizen must register; only Nordic short stays may decline.
    expect(started.snapshot.can({ type: 'cpr-registration.declined' })).toBe(false);

    const taxApplied = send(machine, started.snapshot, { type: 'tax-card.applied', appliedOn: '2025-03-05' });
    expect(taxApplied.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:tax-card:7d' },
      { type: 'timer.cancel', key: 'reminder:tax-card:2d' },
      {
        type: 'integration.request',
        step: 'tax-card',
        task: 'confirm-tax-card',
        system: 'skattestyrelsen',
        input: { year: 2025, payerCvr: '12345678' },
      },
      // About two weeks: ten working days after the application.
      { type: 'timer.schedule', key: 'watchdog:tax-card', dueAt: '2025-03-19T07:00:00.000Z', step: 'tax-card', purpose: 'watchdog' },
    ]);

    const applied = send(machine, taxApplied.snapshot, { type: 'eu-residence.applied', appliedOn: '2025-03-10' });
    // The deadline now is appearing in person within 14 days of the application.
    expect(applied.snapshot.context.steps['right-to-reside']).toEqual({ status: 'active', deadline: '2025-03-24' });
    expect(applied.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:right-to-reside:7d' },
      { type: 'timer.cancel', key: 'reminder:right-to-reside:2d' },
      {
        type: 'timer.schedule',
        key: 'reminder:right-to-reside:7d',
        dueAt: '2025-03-17T07:00:00.000Z',
        step: 'right-to-reside',
        purpose: 'reminder',
      },
      // 22 March is a Saturday.
      {
        type: 'timer.schedule',
        key: 'reminder:right-to-reside:2d',
        dueAt: '2025-03-21T07:00:00.000Z',
        step: 'right-to-reside',
        purpose: 'reminder',
      },
    ]);

    const appearedAtSiri = send(machine, applied.snapshot, { type: 'eu-residence.appeared', appearedOn: '2025-03-18' });
    // SIRI records its decision through a task token.
    expect(appearedAtSiri.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:right-to-reside:7d' },
      { type: 'timer.cancel', key: 'reminder:right-to-reside:2d' },
      { type: 'authority.await', step: 'right-to-reside', system: 'siri', complete: 'eu-residence.decided', expiresInDays: 90 },
    ]);
    const granted = send(machine, appearedAtSiri.snapshot, { type: 'eu-residence.decided', granted: true, decidedOn: '2025-03-24' });
    expect(statuses(granted.snapshot)).toMatchObject({ 'right-to-reside': 'done', 'register-cpr': 'active' });
    // Five days after the document is Saturday 29 March: the date stands (as written), and the 7-day
    // reminder would be before the decision, so only the 2-day one (Thursday 27 March) is scheduled.
    expect(granted.snapshot.context.steps['register-cpr']).toEqual({ status: 'active', deadline: '2025-03-29' });
    expect(granted.commands.filter((c) => c.type === 'timer.schedule')).toEqual([
      {
        type: 'timer.schedule',
        key: 'reminder:register-cpr:2d',
        dueAt: '2025-03-27T07:00:00.000Z',
        step: 'register-cpr',
        purpose: 'reminder',
      },
    ]);

    const appeared = send(machine, granted.snapshot, { type: 'cpr-registration.appeared', appearedOn: '2025-03-26' });
    expect(appeared.commands).toContainEqual({
      type: 'integration.request',
      step: 'register-cpr',
      task: 'register-immigration',
      system: 'cpr',
      input: {
        birthDate: '1992-06-14',
        citizenship: 'PL',
        residenceBasis: 'eu',
        addressId: '0a3f50a0-75e9-32b8-e044-0003ba298018',
        arrivalDate: '2025-03-03',
      },
    });

    const registered = send(machine, appeared.snapshot, registrationDone);
    expect(statuses(registered.snapshot)).toMatchObject({
      'register-cpr': 'done',
      'gp-and-health-card': 'active',
      'digital-post-mitid': 'active',
      'bank-nemkonto': 'active',
      'residence-card': 'skipped',
    });
    // With a CPR number the 21-working-day limit no longer applies.
    expect(registered.snapshot.context.steps['tax-card']).toEqual({ status: 'active', deadline: '2025-03-18' });

    const gp = send(machine, registered.snapshot, { type: 'gp.chosen', chosenOn: '2025-03-26' });
    expect(gp.commands).toEqual([
      {
        type: 'timer.schedule',
        key: 'watchdog:gp-and-health-card',
        dueAt: '2025-04-23T07:00:00.000Z',
        step: 'gp-and-health-card',
        purpose: 'watchdog',
      },
    ]);

    const finished = run(machine, gp, [
      taxCardReady,
      { type: 'health-card.received', receivedOn: '2025-04-10' },
      { type: 'mitid.obtained', via: 'app-with-chip-passport' },
      { type: 'nemkonto.nominated', foreignAccount: false },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.commands).toContainEqual({ type: 'timer.cancel', key: 'watchdog:tax-card' });
    expect(finished.commands).toContainEqual({ type: 'citizen.notify', template: 'journey-completed' });
  });

  it('registers a permit holder by the earlier of 5 days after arrival and 6 months after the permit', () => {
    // Arrival Monday 10 February 2025: day 5 is Saturday 15 February and stands as written.
    const started = start(machine, input(permitHolder, '2025-02-10T09:00:00Z'));
    expect(started.snapshot.context.steps['register-cpr']).toEqual({ status: 'active', deadline: '2025-02-15' });
    expect(started.snapshot.context.steps['right-to-reside']).toEqual({ status: 'done', reason: 'permit-before-arrival' });
    // Permit holders have an administrative CPR number, so no earliest date for the tax card.
    expect(started.snapshot.context.steps['tax-card']).toEqual({ status: 'active', deadline: '2025-02-17' });
    expect(statuses(started.snapshot)).toMatchObject({ 'residence-card': 'pending', 'family-benefits': 'pending' });
    // The 7-day reminder (8 February) is before the start; the 2-day one is Thursday 13 February.
    expect(started.commands.filter((c) => c.type === 'timer.schedule' && c.step === 'register-cpr')).toEqual([
      {
        type: 'timer.schedule',
        key: 'reminder:register-cpr:2d',
        dueAt: '2025-02-13T07:00:00.000Z',
        step: 'register-cpr',
        purpose: 'reminder',
      },
    ]);

    // A permit issued long before arrival limits the registration more than the 5 days.
    const oldPermit = start(
      machine,
      input(
        { ...permitHolder, arrivalDate: '2025-02-03', residence: { basis: 'non-eu', permitIssuedOn: '2024-08-06' } },
        '2025-02-03T09:00:00Z',
      ),
    );
    expect(oldPermit.snapshot.context.steps['register-cpr'].deadline).toBe('2025-02-06');

    const registered = run(machine, started, [{ type: 'cpr-registration.appeared', appearedOn: '2025-02-17' }, registrationDone]);
    expect(registered.snapshot.context.steps['register-cpr']).toEqual({
      status: 'done',
      deadline: '2025-02-15',
      reason: 'registered-after-deadline',
    });
    expect(registered.commands).toContainEqual(
      expect.objectContaining({
        type: 'integration.request',
        input: expect.objectContaining({ residenceBasis: 'permit', citizenship: 'IN' }),
      }),
    );
    // The residence card is ordered at registration: flagged if not here 3 weeks later.
    expect(registered.commands).toContainEqual({
      type: 'timer.schedule',
      key: 'watchdog:residence-card',
      dueAt: '2025-03-10T07:00:00.000Z',
      step: 'residence-card',
      purpose: 'watchdog',
    });
    expect(statuses(registered.snapshot)).toMatchObject({ 'residence-card': 'active', 'family-benefits': 'active' });

    const late = send(machine, registered.snapshot, { type: 'timer.fired', key: 'watchdog:residence-card' });
    expect(late.snapshot.context.steps['residence-card']).toEqual({ status: 'late', reason: 'residence-card-overdue' });
    expect(late.commands).toEqual([{ type: 'citizen.notify', template: 'step-late', step: 'residence-card' }]);

    const finished = run(machine, late, [
      { type: 'residence-card.received', receivedOn: '2025-03-12' },
      { type: 'gp.chosen', chosenOn: '2025-02-17' },
      { type: 'health-card.received', receivedOn: '2025-03-05' },
      { type: 'mitid.obtained', via: 'borgerservice' },
      { type: 'tax-card.applied', appliedOn: '2025-02-12' },
      taxCardReady,
      { type: 'nemkonto.nominated', foreignAccount: true },
      // Not an EU worker or returning Dane: UDK may start the benefit without an application.
      { type: 'child-benefit.settled', outcome: 'started-without-application' },
    ]);
    expect(statuses(finished.snapshot)['family-benefits']).toBe('active');
    const done = send(machine, finished.snapshot, { type: 'su-equal-status.applied', appliedOn: '2025-03-20' });
    expect(done.snapshot.status).toBe('done');
    expect(done.snapshot.context.steps['bank-nemkonto']).toEqual({ status: 'done', reason: 'foreign-account' });
  });

  it('lets a Nordic citizen staying 3–6 months decline CPR registration, keeping the tax card', () => {
    const swede: MovingToDenmarkAnswers = {
      arrivalDate: '2025-09-01',
      birthDate: '1999-07-07',
      citizenship: 'SE',
      residence: { basis: 'nordic', staysMoreThan6Months: false },
      addressId: '0a3f50a2-9b1c-32b8-e044-0003ba298018',
      job: { hasJob: true, startDate: '2025-09-15' },
      childrenMoving: false,
      startingEducation: false,
    };
    const started = start(machine, input(swede, '2025-08-01T08:00:00Z'));
    expect(started.snapshot.context.steps['right-to-reside']).toEqual({ status: 'skipped', reason: 'nordic-citizen-no-permit' });
    // Optional registration: no deadline.
    expect(started.snapshot.context.steps['register-cpr']).toEqual({ status: 'active' });
    expect(started.snapshot.context.steps['tax-card']).toEqual({ status: 'active', availableFrom: '2025-08-15', deadline: '2025-09-01' });

    const finished = run(machine, started, [
      { type: 'cpr-registration.declined' },
      { type: 'tax-card.applied', appliedOn: '2025-08-18' },
      taxCardReady,
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(statuses(finished.snapshot)).toEqual({
      'right-to-reside': 'skipped',
      'register-cpr': 'skipped',
      'gp-and-health-card': 'skipped',
      'residence-card': 'skipped',
      'digital-post-mitid': 'skipped',
      'tax-card': 'done',
      'bank-nemkonto': 'skipped',
      'family-benefits': 'skipped',
    });

    // A Swede staying longer must register within 5 days: 1 September + 5 is Saturday 6 September.
    const longStay = start(
      machine,
      input({ ...swede, residence: { basis: 'nordic', staysMoreThan6Months: true } }, '2025-08-01T08:00:00Z'),
    );
    expect(longStay.snapshot.context.steps['register-cpr']).toEqual({ status: 'active', deadline: '2025-09-06' });
    expect(longStay.snapshot.can({ type: 'cpr-registration.declined' })).toBe(false);
  });

  it('requires a returning Dane with children to apply for child benefit', () => {
    const dane: MovingToDenmarkAnswers = {
      arrivalDate: '2025-06-30',
      birthDate: '1984-02-11',
      citizenship: 'DK',
      residence: { basis: 'nordic', staysMoreThan6Months: false },
      addressId: '0a3f50a3-1a2b-32b8-e044-0003ba298018',
      job: { hasJob: false },
      childrenMoving: true,
      startingEducation: true,
    };
    const started = start(machine, input(dane, '2025-06-20T08:00:00Z'));
    // Danes always register, even for short stays: 30 June + 5 days is Saturday 5 July.
    expect(started.snapshot.context.steps['register-cpr']).toEqual({ status: 'active', deadline: '2025-07-05' });
    expect(statuses(started.snapshot)).toMatchObject({ 'tax-card': 'skipped', 'family-benefits': 'pending' });

    const registered = run(machine, started, [{ type: 'cpr-registration.appeared', appearedOn: '2025-07-02' }, registrationDone]);
    expect(registered.snapshot.context.steps['register-cpr']).toEqual({ status: 'done', deadline: '2025-07-05' });
    expect(registered.snapshot.can({ type: 'child-benefit.settled', outcome: 'started-without-application' })).toBe(false);
    // Danes need no equal status for SU: applying for child benefit finishes the step.
    const settled = send(machine, registered.snapshot, { type: 'child-benefit.settled', outcome: 'applied' });
    expect(statuses(settled.snapshot)['family-benefits']).toBe('done');
  });

  it('keeps a refused EU document failed until a new decision grants it', () => {
    const seeker: MovingToDenmarkAnswers = { ...euWorker, residence: { basis: 'eu-eea-swiss', jobSeeking: true }, job: { hasJob: false } };
    const started = start(machine, input(seeker, '2025-03-03T08:00:00Z'));
    // Job-seekers have 6 months.
    expect(started.snapshot.context.steps['right-to-reside'].deadline).toBe('2025-09-03');

    const refused = run(machine, started, [
      { type: 'eu-residence.applied', appliedOn: '2025-09-05' },
      { type: 'eu-residence.appeared', appearedOn: '2025-09-22' },
      { type: 'eu-residence.decided', granted: false, decidedOn: '2025-10-01' },
    ]);
    expect(refused.snapshot.context.steps['right-to-reside']).toEqual({
      status: 'failed',
      deadline: '2025-09-19',
      reason: 'eu-residence-refused',
    });
    expect(statuses(refused.snapshot)['register-cpr']).toBe('pending');

    const granted = send(machine, refused.snapshot, { type: 'eu-residence.decided', granted: true, decidedOn: '2025-11-03' });
    expect(granted.snapshot.context.steps['right-to-reside']).toEqual({
      status: 'done',
      deadline: '2025-09-19',
      reason: 'granted-after-refusal',
    });
    expect(granted.snapshot.context.steps['register-cpr']).toEqual({ status: 'active', deadline: '2025-11-08' });
  });

  it('fails the registration after the last attempt and retries it for a caseworker', () => {
    const started = start(machine, input(permitHolder, '2025-02-10T09:00:00Z'));
    const appeared = send(machine, started.snapshot, { type: 'cpr-registration.appeared', appearedOn: '2025-02-12' });
    const failed = send(machine, appeared.snapshot, {
      type: 'integration.failed',
      step: 'register-cpr',
      task: 'register-immigration',
      code: 'CPR_UNAVAILABLE',
    });
    expect(failed.snapshot.context.steps['register-cpr']).toEqual({ status: 'failed', deadline: '2025-02-15', reason: 'CPR_UNAVAILABLE' });
    expect(statuses(failed.snapshot)['gp-and-health-card']).toBe('pending');

    const retried = send(machine, failed.snapshot, { type: 'integration.retry', step: 'register-cpr', task: 'register-immigration' });
    expect(statuses(retried.snapshot)['register-cpr']).toBe('active');
    expect(retried.commands).toEqual([expect.objectContaining({ type: 'integration.request', task: 'register-immigration' })]);
    const registered = send(machine, retried.snapshot, registrationDone);
    expect(registered.snapshot.context.steps['register-cpr']).toEqual({ status: 'done', deadline: '2025-02-15' });
  });
});
