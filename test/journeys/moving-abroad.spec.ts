import { movingAbroadV2 } from '../../journeys/moving-abroad';
import type { MovingAbroadAnswers } from '../../journeys/moving-abroad/moving-abroad.start';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = movingAbroadV2.machine;

const noBenefits = { childBenefit: false, housingBenefit: false, su: false, pension: false };

const familyToGermany: MovingAbroadAnswers = {
  departureDate: '2025-08-01',
  destination: 'eu-eea-switzerland',
  awayMoreThan6Months: true,
  keepsHomeWithFullUse: false,
  worksAbroad: true,
  homeMostWeekends: false,
  stillWorksInDenmark: false,
  benefits: { ...noBenefits, childBenefit: true, housingBenefit: true },
};

function input(answers: MovingAbroadAnswers, startedAt: string): JourneyInput {
  return { answers, facts: {}, startedAt, reminderDays: [7, 2] };
}

const cprConfirmed = { type: 'integration.completed', step: 'cpr-status-udrejst', task: 'confirm-emigration-registration', output: {} };

describe('moving-abroad journey', () => {
  it('guides a family moving to Germany for work to the end', () => {
    const started = start(machine, input(familyToGermany, '2025-07-10T08:00:00Z'));
    expect(started.snapshot.context.steps['report-emigration']).toEqual({
      status: 'active',
      availableFrom: '2025-07-04',
      deadline: '2025-08-06',
    });
    expect(statuses(started.snapshot)).toMatchObject({
      'cpr-status-udrejst': 'pending',
      'tax-liability': 'pending',
      'benefits-stop': 'active',
      'eu-social-security': 'active',
    });
    expect(started.commands).toEqual([
      {
        type: 'timer.schedule',
        key: 'reminder:report-emigration:7d',
        dueAt: '2025-07-30T07:00:00.000Z',
        step: 'report-emigration',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:report-emigration:2d',
        dueAt: '2025-08-04T07:00:00.000Z',
        step: 'report-emigration',
        purpose: 'reminder',
      },
      // Housing benefit: the stay is reported to Udbetaling Danmark before departure on Friday 1 August.
      {
        type: 'timer.schedule',
        key: 'reminder:benefits-stop:7d',
        dueAt: '2025-07-25T07:00:00.000Z',
        step: 'benefits-stop',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:benefits-stop:2d',
        dueAt: '2025-07-30T07:00:00.000Z',
        step: 'benefits-stop',
        purpose: 'reminder',
      },
    ]);

    const reported = send(machine, started.snapshot, { type: 'emigration.reported', reportedOn: '2025-07-20' });
    expect(reported.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:report-emigration:7d' },
      { type: 'timer.cancel', key: 'reminder:report-emigration:2d' },
      {
        type: 'integration.request',
        step: 'cpr-status-udrejst',
        task: 'confirm-emigration-registration',
        system: 'cpr',
        input: { departureDate: '2025-08-01', destination: 'other' },
      },
      // Five working days after the departure (the report came first).
      {
        type: 'timer.schedule',
        key: 'watchdog:cpr-status-udrejst',
        dueAt: '2025-08-08T07:00:00.000Z',
        step: 'cpr-status-udrejst',
        purpose: 'watchdog',
      },
    ]);

    const housing = send(machine, reported.snapshot, {
      type: 'benefit-change.reported',
      benefit: 'housing-benefit',
      reportedOn: '2025-07-21',
    });
    expect(statuses(housing.snapshot)['benefits-stop']).toBe('active');

    const registered = send(machine, housing.snapshot, cprConfirmed);
    // UDK stops child benefit from CPR; the tax call is due a week after deregistration.
    expect(statuses(registered.snapshot)).toMatchObject({ 'cpr-status-udrejst': 'done', 'benefits-stop': 'done' });
    expect(registered.snapshot.context.steps['tax-liability']).toEqual({ status: 'active', availableFrom: '2025-08-08' });
    expect(registered.commands).toEqual([
      { type: 'timer.cancel', key: 'watchdog:cpr-status-udrejst' },
      { type: 'timer.schedule', key: 'call:tax-liability', dueAt: '2025-08-08T07:00:00.000Z', step: 'tax-liability', purpose: 'reminder' },
      // The benefits step is done, so its reminders are taken back.
      { type: 'timer.cancel', key: 'reminder:benefits-stop:7d' },
      { type: 'timer.cancel', key: 'reminder:benefits-stop:2d' },
    ]);
    const call = send(machine, registered.snapshot, { type: 'timer.fired', key: 'call:tax-liability' });
    expect(call.commands).toEqual([{ type: 'citizen.notify', template: 'step-needs-you', step: 'tax-liability' }]);

    const finished = run(machine, registered, [
      { type: 'tax-liability.clarified', liability: 'limited' },
      { type: 'eu-social-security.clarified', outcome: 'certificate-obtained' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['tax-liability']).toEqual({
      status: 'done',
      availableFrom: '2025-08-08',
      reason: 'liability-limited',
    });
    expect(finished.commands).toEqual([
      { type: 'timer.cancel', key: 'call:tax-liability' },
      { type: 'citizen.notify', template: 'journey-completed' },
    ]);
  });

  it('waits for the Nordic country before CPR, with a report deadline on Whit Monday', () => {
    const toSweden: MovingAbroadAnswers = {
      ...familyToGermany,
      departureDate: '2025-06-04',
      destination: 'nordic',
      worksAbroad: false,
      stillWorksInDenmark: true,
    };
    const started = start(machine, input(toSweden, '2025-05-20T08:00:00Z'));
    // 4 June + 5 days is 2. pinsedag (9 June): the date stands as written.
    expect(started.snapshot.context.steps['report-emigration'].deadline).toBe('2025-06-09');
    // Two days before is Saturday 7 June: the reminder moves to Friday 6 June (Grundlovsdag, 5 June, is a working day).
    const reportReminders = started.commands.filter((c) => c.type === 'timer.schedule' && c.step === 'report-emigration');
    expect(reportReminders.map((c) => c.type === 'timer.schedule' && c.dueAt)).toEqual([
      '2025-06-02T07:00:00.000Z',
      '2025-06-06T07:00:00.000Z',
    ]);
    expect(statuses(started.snapshot)['eu-social-security']).toBe('skipped');

    const reported = send(machine, started.snapshot, { type: 'emigration.reported', reportedOn: '2025-06-02' });
    expect(statuses(reported.snapshot)['cpr-status-udrejst']).toBe('active');
    expect(reported.commands.filter((c) => c.type !== 'timer.cancel')).toEqual([
      // CPR reports the other country's confirmation through a task token.
      { type: 'authority.await', step: 'cpr-status-udrejst', system: 'cpr', complete: 'nordic-registration.confirmed', expiresInDays: 90 },
      // Six weeks after the departure.
      {
        type: 'timer.schedule',
        key: 'watchdog:cpr-status-udrejst',
        dueAt: '2025-07-16T07:00:00.000Z',
        step: 'cpr-status-udrejst',
        purpose: 'watchdog',
      },
    ]);

    const late = send(machine, reported.snapshot, { type: 'timer.fired', key: 'watchdog:cpr-status-udrejst' });
    expect(late.snapshot.context.steps['cpr-status-udrejst']).toEqual({ status: 'late', reason: 'nordic-confirmation-overdue' });

    const confirmed = send(machine, late.snapshot, { type: 'nordic-registration.confirmed', confirmedOn: '2025-07-18' });
    expect(statuses(confirmed.snapshot)['cpr-status-udrejst']).toBe('active');
    expect(confirmed.commands).toEqual([
      expect.objectContaining({ type: 'integration.request', input: { departureDate: '2025-06-04', destination: 'nordic' } }),
      {
        type: 'timer.schedule',
        key: 'watchdog:cpr-status-udrejst',
        dueAt: '2025-07-25T07:00:00.000Z',
        step: 'cpr-status-udrejst',
        purpose: 'watchdog',
      },
    ]);

    // Still working in Denmark: child benefit can continue, and UDK must be told.
    const registered = send(machine, confirmed.snapshot, cprConfirmed);
    expect(registered.snapshot.can({ type: 'benefit-change.reported', benefit: 'child-benefit', reportedOn: '2025-07-22' })).toBe(true);
    expect(registered.snapshot.context.steps['tax-liability'].availableFrom).toBe('2025-07-25');

    const finished = run(machine, registered, [
      { type: 'benefit-change.reported', benefit: 'child-benefit', reportedOn: '2025-07-22' },
      { type: 'benefit-change.reported', benefit: 'housing-benefit', reportedOn: '2025-07-22' },
      { type: 'tax-liability.clarified', liability: 'full' },
    ]);
    expect(finished.snapshot.status).toBe('done');
  });

  it('lets a citizen away at most 6 months with the home kept stay registered', () => {
    const semesterAbroad: MovingAbroadAnswers = {
      departureDate: '2025-01-31',
      destination: 'other-country',
      awayMoreThan6Months: false,
      keepsHomeWithFullUse: true,
      worksAbroad: false,
      homeMostWeekends: false,
      stillWorksInDenmark: false,
      benefits: { ...noBenefits, childBenefit: true, housingBenefit: true, su: true },
    };
    const started = start(machine, input(semesterAbroad, '2025-01-10T08:00:00Z'));
    const kept = send(machine, started.snapshot, { type: 'registration.kept' });
    expect(kept.snapshot.context.steps['report-emigration']).toEqual({
      status: 'skipped',
      availableFrom: '2025-01-03',
      deadline: '2025-02-05',
      reason: 'stays-registered',
    });
    expect(statuses(kept.snapshot)).toMatchObject({
      'cpr-status-udrejst': 'skipped',
      'tax-liability': 'skipped',
      'benefits-stop': 'active',
    });
    expect(kept.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:report-emigration:7d' },
      { type: 'timer.cancel', key: 'reminder:report-emigration:2d' },
    ]);
    // Child benefit continues and housing benefit is not affected; SU abroad still needs a notice.
    const finished = send(machine, kept.snapshot, { type: 'benefit-change.reported', benefit: 'su', reportedOn: '2025-01-15' });
    expect(finished.snapshot.status).toBe('done');

    // Reporting anyway takes the must-report path.
    const reportedAnyway = send(machine, started.snapshot, { type: 'emigration.reported', reportedOn: '2025-01-20' });
    expect(statuses(reportedAnyway.snapshot)).toMatchObject({ 'report-emigration': 'done', 'cpr-status-udrejst': 'active' });
    expect(reportedAnyway.commands).toContainEqual(
      expect.objectContaining({ type: 'integration.request', task: 'confirm-emigration-registration' }),
    );
  });

  it('gives a citizen working abroad and home most weekends the right to stay registered', () => {
    // CPR-loven § 24 / norden.org: more than 6 months abroad for work, but most weekends, days off
    // and holidays at the home in Denmark: the citizen has the right to stay registered.
    const commuter: MovingAbroadAnswers = {
      departureDate: '2025-03-03',
      destination: 'nordic',
      awayMoreThan6Months: true,
      keepsHomeWithFullUse: true,
      worksAbroad: true,
      homeMostWeekends: true,
      stillWorksInDenmark: false,
      benefits: noBenefits,
    };
    const started = start(machine, input(commuter, '2025-02-10T08:00:00Z'));
    // Nobody decides: the municipality's decision is no longer an event this journey accepts.
    expect(started.snapshot.can({ type: 'residence.decided', mustDeregister: true, decidedOn: '2025-02-20' })).toBe(false);
    expect(started.snapshot.can({ type: 'registration.kept' })).toBe(true);

    const stays = run(machine, started, [{ type: 'registration.kept' }, { type: 'eu-social-security.clarified', outcome: 'not-needed' }]);
    expect(stays.snapshot.status).toBe('done');
    expect(stays.snapshot.context.steps['report-emigration']).toMatchObject({ status: 'skipped', reason: 'stays-registered' });
    expect(statuses(stays.snapshot)).toMatchObject({ 'cpr-status-udrejst': 'skipped', 'tax-liability': 'skipped' });

    // Reporting anyway is still possible.
    const leaves = send(machine, started.snapshot, { type: 'emigration.reported', reportedOn: '2025-02-20' });
    expect(statuses(leaves.snapshot)).toMatchObject({ 'report-emigration': 'done', 'cpr-status-udrejst': 'active' });
  });

  it('asks for housing benefit to be reported before departure, even on a public holiday', () => {
    // borger.dk "Når du får boligstøtte": more than 6 months away within a year ends the right from
    // the day the stay began, so the stay is reported before leaving. Leaving on Christmas Day: the
    // self-service is open, so the date stands; the reminders come on working days before it.
    const winterAbroad: MovingAbroadAnswers = {
      departureDate: '2025-12-25',
      destination: 'other-country',
      awayMoreThan6Months: true,
      keepsHomeWithFullUse: true,
      worksAbroad: false,
      homeMostWeekends: false,
      stillWorksInDenmark: false,
      benefits: { ...noBenefits, housingBenefit: true },
    };
    const started = start(machine, input(winterAbroad, '2025-12-01T08:00:00Z'));
    expect(started.snapshot.context.steps['benefits-stop']).toEqual({ status: 'active', deadline: '2025-12-25' });
    expect(started.commands).toEqual(
      expect.arrayContaining([
        {
          type: 'timer.schedule',
          key: 'reminder:benefits-stop:7d',
          dueAt: '2025-12-18T07:00:00.000Z',
          step: 'benefits-stop',
          purpose: 'reminder',
        },
        {
          type: 'timer.schedule',
          key: 'reminder:benefits-stop:2d',
          dueAt: '2025-12-23T07:00:00.000Z',
          step: 'benefits-stop',
          purpose: 'reminder',
        },
      ]),
    );
    const guidance = movingAbroadV2.steps.find((s) => s.id === 'benefits-stop')!.guidance;
    expect(guidance.da).toContain('før du rejser');
    expect(guidance.en).toContain('from the day the stay began');

    // Away at most 6 months with the home kept: housing benefit is not affected, no date to keep.
    const shortStay = start(
      machine,
      input(
        { ...winterAbroad, awayMoreThan6Months: false, benefits: { ...noBenefits, housingBenefit: true, su: true } },
        '2025-12-01T08:00:00Z',
      ),
    );
    expect(shortStay.snapshot.context.steps['benefits-stop']).toEqual({ status: 'active' });
  });

  it('registers a move to Greenland there only, and retries a failed CPR check', () => {
    const toGreenland: MovingAbroadAnswers = {
      departureDate: '2025-09-15',
      destination: 'greenland',
      awayMoreThan6Months: true,
      keepsHomeWithFullUse: false,
      worksAbroad: false,
      homeMostWeekends: false,
      stillWorksInDenmark: false,
      benefits: { ...noBenefits, pension: true },
    };
    const started = start(machine, input(toGreenland, '2025-09-01T08:00:00Z'));
    // No Danish window: the registration happens in Greenland (its time limit is not researched).
    expect(started.snapshot.context.steps['report-emigration']).toEqual({ status: 'active' });
    expect(started.commands).toEqual([]);

    const reported = send(machine, started.snapshot, { type: 'emigration.reported', reportedOn: '2025-09-16' });
    expect(reported.commands).toContainEqual(expect.objectContaining({ input: { departureDate: '2025-09-15', destination: 'greenland' } }));
    const failed = send(machine, reported.snapshot, {
      type: 'integration.failed',
      step: 'cpr-status-udrejst',
      task: 'confirm-emigration-registration',
      code: 'CPR_UNAVAILABLE',
    });
    expect(failed.snapshot.context.steps['cpr-status-udrejst']).toEqual({ status: 'failed', reason: 'CPR_UNAVAILABLE' });
    const retried = send(machine, failed.snapshot, {
      type: 'integration.retry',
      step: 'cpr-status-udrejst',
      task: 'confirm-emigration-registration',
      requestedAt: '2025-10-06T09:00:00Z',
    });
    expect(retried.commands).toContainEqual(
      expect.objectContaining({ key: 'watchdog:cpr-status-udrejst', dueAt: '2025-10-13T07:00:00.000Z' }),
    );

    const finished = run(machine, retried, [
      cprConfirmed,
      { type: 'benefit-change.reported', benefit: 'pension', reportedOn: '2025-09-10' },
      { type: 'tax-liability.clarified', liability: 'none' },
    ]);
    expect(finished.snapshot.status).toBe('done');
  });
});
