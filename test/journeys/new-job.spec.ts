import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SCHEMA_TEXT_KEYWORDS } from '../../journeys/shared/kit';
import { movingToDenmarkV1 } from '../../journeys/moving-to-denmark';
import { newJobV1 } from '../../journeys/new-job';
import type { NewJobAnswers } from '../../journeys/new-job/new-job.start';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = newJobV1.machine;

const fromDagpenge: NewJobAnswers = {
  firstWorkingDay: '2025-04-01',
  employerCvr: '12345678',
  unemployment: 'dagpenge',
  earnedHolidayPay: true,
  receivesHousingBenefit: true,
  receivesSu: false,
  newcomer: { newToDenmark: false },
};

function input(answers: NewJobAnswers, startedAt: string): JourneyInput {
  return { answers, facts: {}, startedAt, reminderDays: [7, 2] };
}

const taxCardFetched = { type: 'integration.completed', step: 'tax-card', task: 'confirm-tax-card', output: {} };
const payrollReported = { type: 'integration.completed', step: 'pension-atp', task: 'confirm-payroll-reported', output: {} };

describe('new-job journey', () => {
  it('takes a citizen from dagpenge into the job, with housing benefit and holiday pay', () => {
    const started = start(machine, input(fromDagpenge, '2025-03-20T08:00:00Z'));
    expect(started.snapshot.context.steps['tax-card']).toEqual({ status: 'active', deadline: '2025-04-01' });
    expect(started.snapshot.context.steps['leave-unemployment']).toEqual({ status: 'active', deadline: '2025-04-01' });
    expect(statuses(started.snapshot)).toMatchObject({
      'update-preliminary-tax': 'active',
      'pension-atp': 'active',
      'holiday-pay': 'active',
      'income-linked-benefits': 'active',
      'move-to-denmark': 'skipped',
    });
    expect(started.commands).toEqual([
      { type: 'timer.schedule', key: 'reminder:tax-card:7d', dueAt: '2025-03-25T07:00:00.000Z', step: 'tax-card', purpose: 'reminder' },
      // Two days before Tuesday 1 April is Sunday 30 March: the reminder moves to Friday 28 March.
      { type: 'timer.schedule', key: 'reminder:tax-card:2d', dueAt: '2025-03-28T07:00:00.000Z', step: 'tax-card', purpose: 'reminder' },
      {
        type: 'timer.schedule',
        key: 'reminder:leave-unemployment:7d',
        dueAt: '2025-03-25T07:00:00.000Z',
        step: 'leave-unemployment',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:leave-unemployment:2d',
        dueAt: '2025-03-28T07:00:00.000Z',
        step: 'leave-unemployment',
        purpose: 'reminder',
      },
      {
        type: 'integration.request',
        step: 'pension-atp',
        task: 'confirm-payroll-reported',
        system: 'skattestyrelsen',
        input: { fromMonth: '2025-04', payerCvr: '12345678' },
      },
      // April pay is reported by 10 May (a Saturday); five working days later is Friday 16 May.
      { type: 'timer.schedule', key: 'watchdog:pension-atp', dueAt: '2025-05-16T07:00:00.000Z', step: 'pension-atp', purpose: 'watchdog' },
    ]);

    const chosen = send(machine, started.snapshot, { type: 'tax-card.chosen', cardType: 'hovedkort', chosenOn: '2025-03-27' });
    expect(chosen.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:tax-card:7d' },
      { type: 'timer.cancel', key: 'reminder:tax-card:2d' },
      {
        type: 'integration.request',
        step: 'tax-card',
        task: 'confirm-tax-card',
        system: 'skattestyrelsen',
        input: { year: 2025, payerCvr: '12345678', cardType: 'hovedkort' },
      },
      // Five working days after the first working day.
      { type: 'timer.schedule', key: 'watchdog:tax-card', dueAt: '2025-04-08T07:00:00.000Z', step: 'tax-card', purpose: 'watchdog' },
    ]);

    const deregistered = send(machine, chosen.snapshot, { type: 'jobnet.deregistered', deregisteredOn: '2025-03-31' });
    // The last claim covers March: one a-kasse's limit is 1 month and 10 days after 31 March, Saturday 10 May.
    expect(deregistered.snapshot.context.steps['leave-unemployment']).toEqual({
      status: 'active',
      availableFrom: '2025-04-01',
      deadline: '2025-05-10',
    });
    expect(deregistered.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:leave-unemployment:7d' },
      { type: 'timer.cancel', key: 'reminder:leave-unemployment:2d' },
      // 3 May is a Saturday: the reminder moves to Friday 2 May.
      {
        type: 'timer.schedule',
        key: 'reminder:leave-unemployment:7d',
        dueAt: '2025-05-02T07:00:00.000Z',
        step: 'leave-unemployment',
        purpose: 'reminder',
      },
      {
        type: 'timer.schedule',
        key: 'reminder:leave-unemployment:2d',
        dueAt: '2025-05-08T07:00:00.000Z',
        step: 'leave-unemployment',
        purpose: 'reminder',
      },
    ]);

    const finished = run(machine, deregistered, [
      { type: 'final-claim.submitted', submittedOn: '2025-04-02' },
      { type: 'preliminary-tax.checked', changed: true },
      { type: 'housing-benefit.income-reported', reportedOn: '2025-04-02' },
      taxCardFetched,
      { type: 'holiday-pay.requested', requestedOn: '2025-07-01' },
      payrollReported,
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(statuses(finished.snapshot)).toEqual({
      'tax-card': 'done',
      'update-preliminary-tax': 'done',
      'leave-unemployment': 'done',
      'pension-atp': 'done',
      'holiday-pay': 'done',
      'income-linked-benefits': 'done',
      'move-to-denmark': 'skipped',
    });
    expect(finished.commands).toEqual(
      expect.arrayContaining([
        { type: 'timer.cancel', key: 'watchdog:tax-card' },
        { type: 'timer.cancel', key: 'watchdog:pension-atp' },
        { type: 'citizen.notify', template: 'journey-completed' },
      ]),
    );
  });

  it('tells the job centre when leaving social assistance, and flags pay that is not reported over Easter', () => {
    const answers: NewJobAnswers = {
      firstWorkingDay: '2025-03-17',
      unemployment: 'social-assistance',
      earnedHolidayPay: false,
      receivesHousingBenefit: false,
      receivesSu: false,
      newcomer: { newToDenmark: false },
    };
    const started = start(machine, input(answers, '2025-03-10T08:00:00Z'));
    expect(statuses(started.snapshot)).toMatchObject({ 'holiday-pay': 'skipped', 'income-linked-benefits': 'skipped' });
    // March pay is due in eIndkomst by Thursday 10 April; five working days later skips Easter (17, 18 and 21 April).
    expect(started.commands).toContainEqual({
      type: 'timer.schedule',
      key: 'watchdog:pension-atp',
      dueAt: '2025-04-22T07:00:00.000Z',
      step: 'pension-atp',
      purpose: 'watchdog',
    });
    // Without a CVR number the payroll check asks about any payer.
    expect(started.commands).toContainEqual(expect.objectContaining({ task: 'confirm-payroll-reported', input: { fromMonth: '2025-03' } }));
    expect(started.snapshot.can({ type: 'jobnet.deregistered', deregisteredOn: '2025-03-17' })).toBe(false);

    const notified = send(machine, started.snapshot, { type: 'jobcenter.notified', notifiedOn: '2025-03-18' });
    expect(notified.snapshot.context.steps['leave-unemployment']).toEqual({
      status: 'done',
      deadline: '2025-03-17',
      reason: 'notified-after-first-working-day',
    });

    const late = send(machine, notified.snapshot, { type: 'timer.fired', key: 'watchdog:pension-atp' });
    expect(late.snapshot.context.steps['pension-atp']).toEqual({ status: 'late', reason: 'first-pay-not-reported' });
    expect(late.commands).toEqual([{ type: 'citizen.notify', template: 'step-late', step: 'pension-atp' }]);

    const failed = send(machine, late.snapshot, {
      type: 'integration.failed',
      step: 'pension-atp',
      task: 'confirm-payroll-reported',
      code: 'EINDKOMST_UNAVAILABLE',
    });
    expect(failed.snapshot.context.steps['pension-atp']).toEqual({ status: 'failed', reason: 'EINDKOMST_UNAVAILABLE' });
    const retried = send(machine, failed.snapshot, {
      type: 'integration.retry',
      step: 'pension-atp',
      task: 'confirm-payroll-reported',
      requestedAt: '2025-04-28T10:00:00Z',
    });
    // The watchdog now counts from the retry: 10 May + 5 working days.
    expect(retried.commands).toEqual([
      expect.objectContaining({ type: 'integration.request', task: 'confirm-payroll-reported' }),
      expect.objectContaining({ key: 'watchdog:pension-atp', dueAt: '2025-05-16T07:00:00.000Z' }),
    ]);

    const finished = run(machine, retried, [
      payrollReported,
      { type: 'tax-card.chosen', cardType: 'hovedkort', chosenOn: '2025-03-19' },
      taxCardFetched,
      { type: 'preliminary-tax.checked', changed: false },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['tax-card']).toEqual({
      status: 'done',
      deadline: '2025-03-17',
      reason: 'chosen-after-first-working-day',
    });
    expect(finished.snapshot.context.steps['update-preliminary-tax']).toEqual({ status: 'skipped', reason: 'no-change' });
  });

  it('reminds a student with SU and housing benefit of the duty to report, and flags an unfetched card', () => {
    const answers: NewJobAnswers = {
      firstWorkingDay: '2025-09-01',
      unemployment: 'none',
      earnedHolidayPay: false,
      receivesHousingBenefit: true,
      receivesSu: true,
      newcomer: { newToDenmark: false },
    };
    const started = start(machine, input(answers, '2025-08-15T08:00:00Z'));
    expect(started.snapshot.context.steps['leave-unemployment']).toEqual({ status: 'skipped', reason: 'was-not-unemployed' });

    const chosen = send(machine, started.snapshot, { type: 'tax-card.chosen', cardType: 'bikort', chosenOn: '2025-08-20' });
    expect(chosen.commands).toContainEqual(
      expect.objectContaining({ task: 'confirm-tax-card', input: { year: 2025, cardType: 'bikort' } }),
    );
    const notFetched = send(machine, chosen.snapshot, { type: 'timer.fired', key: 'watchdog:tax-card' });
    expect(notFetched.snapshot.context.steps['tax-card']).toEqual({
      status: 'late',
      deadline: '2025-09-01',
      reason: 'tax-card-not-fetched',
    });

    const suChecked = send(machine, notFetched.snapshot, { type: 'su.income-checked', optedOutOfMonths: true });
    expect(statuses(suChecked.snapshot)['income-linked-benefits']).toBe('active');
    const reported = send(machine, suChecked.snapshot, { type: 'housing-benefit.income-reported', reportedOn: '2025-09-03' });
    expect(statuses(reported.snapshot)['income-linked-benefits']).toBe('done');

    const finished = run(machine, reported, [taxCardFetched, payrollReported, { type: 'preliminary-tax.checked', changed: true }]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['tax-card']).toEqual({ status: 'done', deadline: '2025-09-01' });
  });

  it('starts moving-to-denmark for a newcomer and finishes the step when it completes', () => {
    const arrival = {
      arrivalDate: '2025-03-03',
      birthDate: '1992-06-14',
      citizenship: 'PL',
      residence: { basis: 'eu-eea-swiss' as const, jobSeeking: false },
      addressId: '0a3f50a0-75e9-32b8-e044-0003ba298018',
      childrenMoving: false,
      startingEducation: false,
    };
    const answers: NewJobAnswers = {
      firstWorkingDay: '2025-04-01',
      employerCvr: '12345678',
      unemployment: 'none',
      earnedHolidayPay: true,
      receivesHousingBenefit: false,
      receivesSu: false,
      newcomer: { newToDenmark: true, arrival },
    };
    const started = start(machine, input(answers, '2025-03-03T08:00:00Z'));
    const link = started.commands.find((c) => c.type === 'journey.link');
    expect(link).toEqual({
      type: 'journey.link',
      journeyType: 'moving-to-denmark',
      step: 'move-to-denmark',
      answers: {
        ...arrival,
        job: { hasJob: true, startDate: '2025-04-01', employerCvr: '12345678' },
      },
    });
    // The engine starts the linked journey with these answers, so they must pass its start schema.
    const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
    ajv.addVocabulary([...SCHEMA_TEXT_KEYWORDS]);
    expect(ajv.validate(movingToDenmarkV1.startSchema, link?.type === 'journey.link' ? link.answers : undefined)).toBe(true);
    expect(newJobV1.links).toEqual(['moving-to-denmark']);

    expect(started.snapshot.can({ type: 'journey.linked-completed', step: 'tax-card', journeyType: 'moving-to-denmark' })).toBe(false);
    const arrived = send(machine, started.snapshot, {
      type: 'journey.linked-completed',
      step: 'move-to-denmark',
      journeyType: 'moving-to-denmark',
    });
    expect(statuses(arrived.snapshot)['move-to-denmark']).toBe('done');

    const finished = run(machine, arrived, [
      { type: 'tax-card.chosen', cardType: 'hovedkort', chosenOn: '2025-03-25' },
      taxCardFetched,
      payrollReported,
      { type: 'preliminary-tax.checked', changed: true },
      { type: 'holiday-pay.not-needed' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['holiday-pay']).toEqual({ status: 'skipped', reason: 'not-needed' });
  });
});
