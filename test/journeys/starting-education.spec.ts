import { startingEducationV1 } from '../../journeys/starting-education';
import { firstDayOfNextQuarter, suPlan } from '../../journeys/starting-education/starting-education.rules';
import type { StartingEducationAnswers, StartingEducationFacts } from '../../journeys/starting-education/starting-education.start';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = startingEducationV1.machine;

const university: StartingEducationAnswers = {
  application: 'higher-quota-2',
  educationStartDate: '2025-09-01',
  livesWithParents: false,
  movingOut: true,
};
const dane: StartingEducationFacts = { birthDate: '2006-05-10', citizenship: 'DK' };

function input(answers: StartingEducationAnswers, facts: StartingEducationFacts, startedAt: string): JourneyInput {
  return { answers, facts, startedAt, reminderDays: [7, 2] };
}

const accept = { step: 'accept-place', task: 'accept-place' };
const taxCard = { step: 'set-tax-card', task: 'set-tax-card-type' };

const move = {
  movingDate: '2025-08-15',
  newAddress: { darAddressId: '0a3f5081-7e8c-32b8-e044-0003ba298018', municipalityCode: '0751' },
  othersRegisteredAtNewAddress: false,
  renting: true,
  childrenMoving: false,
  childLeavesJointCustodyHome: false,
  wantsAddressProtection: false,
};

describe('starting-education journey', () => {
  it('takes a quota 2 applicant from optagelse.dk through SU, tax card and a linked move', () => {
    const started = start(machine, input(university, dane, '2025-01-15T08:00:00Z'));
    expect(started.snapshot.context.steps).toEqual({
      'readiness-assessment': { status: 'skipped', reason: 'higher-education-track' },
      'apply-youth-education': { status: 'skipped', reason: 'higher-education-track' },
      // Quota 2 closes on Saturday 15 March at noon: the date stands.
      'apply-higher-education': { status: 'active', availableFrom: '2025-02-01', deadline: '2025-03-15' },
      'accept-place': { status: 'pending' },
      // SU from September at the earliest if applied for in September: apply 1 August – 30 September.
      'apply-su': { status: 'pending', availableFrom: '2025-08-01', deadline: '2025-09-30' },
      'set-tax-card': { status: 'pending' },
      'move-out': { status: 'pending' },
      ungdomskort: { status: 'pending', deadline: '2025-08-18' },
    });
    expect(started.snapshot.context.su).toMatchObject({
      entitlementDate: '2025-09-01',
      ageAtEntitlement: 19,
      expectedRate: 'udeboende',
      parentalIncomeCounts: true,
    });
    expect(started.commands.map((c) => c.type === 'timer.schedule' && [c.key, c.dueAt])).toEqual([
      // 7 days before is Saturday 8 March: moved to Friday 7 March.
      ['reminder:apply-higher-education:7d', '2025-03-07T07:00:00.000Z'],
      ['reminder:apply-higher-education:2d', '2025-03-13T07:00:00.000Z'],
      ['reminder:apply-su:7d', '2025-09-23T07:00:00.000Z'],
      // 28 September is a Sunday.
      ['reminder:apply-su:2d', '2025-09-26T07:00:00.000Z'],
      ['reminder:ungdomskort:7d', '2025-08-11T07:00:00.000Z'],
      ['reminder:ungdomskort:2d', '2025-08-15T07:00:00.000Z'],
    ]);

    const submitted = send(machine, started.snapshot, {
      type: 'higher-application.submitted',
      submittedOn: '2025-03-10',
      applicationRef: 'OPT-2025-K-090311',
    });
    expect(statuses(submitted.snapshot)).toMatchObject({ 'apply-higher-education': 'done', 'accept-place': 'active' });
    expect(submitted.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:apply-higher-education:7d' },
      { type: 'timer.cancel', key: 'reminder:apply-higher-education:2d' },
      // The answer is expected on 28 July (uncertain): flagged three working days later.
      {
        type: 'timer.schedule',
        key: 'watchdog:accept-place',
        dueAt: '2025-07-31T07:00:00.000Z',
        step: 'accept-place',
        purpose: 'watchdog',
      },
    ]);

    const answered = run(machine, submitted, [
      { type: 'place.offered', offeredOn: '2025-07-28', programme: 'Datalogi' },
      { type: 'place.answered', accept: true },
    ]);
    expect(answered.commands).toEqual([
      { type: 'timer.cancel', key: 'watchdog:accept-place' },
      { type: 'citizen.notify', template: 'step-needs-you', step: 'accept-place' },
      {
        type: 'integration.request',
        step: 'accept-place',
        task: 'accept-place',
        system: 'optagelse-dk',
        input: { applicationRef: 'OPT-2025-K-090311', accept: true },
      },
    ]);

    const accepted = send(machine, answered.snapshot, { type: 'integration.completed', ...accept, output: {} });
    expect(statuses(accepted.snapshot)).toMatchObject({
      'accept-place': 'done',
      'apply-su': 'active',
      'move-out': 'active',
      ungdomskort: 'active',
    });

    const linked = send(machine, accepted.snapshot, { type: 'move-out.planned', move });
    expect(linked.commands).toEqual([{ type: 'journey.link', journeyType: 'moving', step: 'move-out', answers: move }]);

    const applied = send(machine, linked.snapshot, { type: 'su.applied', appliedOn: '2025-08-15' });
    expect(applied.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:apply-su:7d' },
      { type: 'timer.cancel', key: 'reminder:apply-su:2d' },
      // About 2–4 weeks (uncertain): 20 working days.
      { type: 'timer.schedule', key: 'watchdog:apply-su', dueAt: '2025-09-12T07:00:00.000Z', step: 'apply-su', purpose: 'watchdog' },
    ]);

    const granted = send(machine, applied.snapshot, { type: 'su.decided', granted: true, rate: 'udeboende', decidedOn: '2025-09-05' });
    expect(granted.snapshot.context.steps['apply-su']).toMatchObject({ status: 'done', reason: 'rate-udeboende' });
    expect(statuses(granted.snapshot)['set-tax-card']).toBe('active');

    const choice = send(machine, granted.snapshot, { type: 'tax-card.chosen', mainCard: 'job', employerCvr: '12345678' });
    expect(choice.commands).toEqual([
      {
        type: 'integration.request',
        step: 'set-tax-card',
        task: 'set-tax-card-type',
        system: 'skattestyrelsen',
        input: { payer: 'employer', payerCvr: '12345678', cardType: 'hovedkort' },
      },
    ]);

    const finished = run(machine, choice, [
      { type: 'integration.completed', ...taxCard, output: {} },
      { type: 'ungdomskort.applied', appliedOn: '2025-08-10' },
      { type: 'journey.linked-completed', step: 'move-out', journeyType: 'moving' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['set-tax-card']).toEqual({ status: 'done', reason: 'main-card-job' });
    expect(finished.commands).toContainEqual({ type: 'citizen.notify', template: 'journey-completed' });
  });

  it('keeps the youth deadline on Saturday 1 March and closes the rest when no place is offered', () => {
    const answers: StartingEducationAnswers = {
      application: 'youth-upper-secondary',
      educationStartDate: '2025-08-11',
      livesWithParents: true,
      movingOut: false,
    };
    const facts: StartingEducationFacts = { birthDate: '2009-05-10', citizenship: 'DK' };
    const started = start(machine, input(answers, facts, '2025-01-06T08:00:00Z'));
    expect(started.snapshot.context.steps['apply-youth-education']).toEqual({ status: 'active', deadline: '2025-03-01' });
    expect(started.snapshot.context.steps['move-out']).toEqual({ status: 'skipped', reason: 'not-moving' });
    // 16 at the start: SU on a youth education from the quarter after the 18th birthday (10 May 2027).
    expect(started.snapshot.context.su).toMatchObject({
      entitlementDate: '2027-07-01',
      availableFrom: '2027-06-01',
      deadline: '2027-07-31',
      expectedRate: 'hjemmeboende',
    });
    expect(started.commands).toEqual(
      expect.arrayContaining([
        // 22 February is a Saturday: the reminder moves to Friday 21 February.
        expect.objectContaining({ key: 'reminder:apply-youth-education:7d', dueAt: '2025-02-21T07:00:00.000Z' }),
        expect.objectContaining({ key: 'reminder:apply-youth-education:2d', dueAt: '2025-02-27T07:00:00.000Z' }),
        expect.objectContaining({ key: 'watchdog:readiness-assessment', dueAt: '2025-06-10T07:00:00.000Z' }),
      ]),
    );

    const late = send(machine, started.snapshot, {
      type: 'youth-application.submitted',
      submittedOn: '2025-03-04',
      applicationRef: 'OPT-2025-U-044999',
    });
    expect(late.snapshot.context.steps['apply-youth-education']).toEqual({
      status: 'done',
      deadline: '2025-03-01',
      reason: 'submitted-after-deadline',
    });
    // Upper secondary places are announced around 8 May: flagged after 13 May.
    expect(late.commands).toContainEqual(expect.objectContaining({ key: 'watchdog:accept-place', dueAt: '2025-05-13T07:00:00.000Z' }));

    const overdue = send(machine, late.snapshot, { type: 'timer.fired', key: 'watchdog:accept-place' });
    expect(overdue.snapshot.context.steps['accept-place']).toEqual({ status: 'late', reason: 'answer-overdue' });

    const noPlace = send(machine, overdue.snapshot, { type: 'place.not-offered', answeredOn: '2025-05-20' });
    expect(noPlace.snapshot.context.steps).toMatchObject({
      'accept-place': { status: 'skipped', reason: 'no-offer' },
      'apply-su': { status: 'skipped', reason: 'no-place' },
      'set-tax-card': { status: 'skipped', reason: 'no-su' },
      'move-out': { status: 'skipped', reason: 'not-moving' },
      ungdomskort: { status: 'skipped', reason: 'no-place' },
    });
    // The readiness assessment still comes in June.
    expect(noPlace.snapshot.status).toBe('active');

    const assessed = send(machine, noPlace.snapshot, { type: 'readiness.assessed', ready: false, assessedOn: '2025-06-05' });
    expect(assessed.snapshot.context.steps['readiness-assessment']).toEqual({ status: 'done', reason: 'assessed-not-ready' });
    expect(assessed.snapshot.status).toBe('done');
  });

  it('asks a foreign citizen for equal status first, and retries a failed answer to optagelse.dk', () => {
    const answers: StartingEducationAnswers = { ...university, application: 'higher-quota-1' };
    const facts: StartingEducationFacts = { birthDate: '2005-10-02', citizenship: 'PL' };
    const started = start(machine, input(answers, facts, '2025-04-01T08:00:00Z'));
    // Quota 1 closes on Saturday 5 July; foreign citizens may apply three months ahead.
    expect(started.snapshot.context.steps['apply-higher-education']).toMatchObject({ deadline: '2025-07-05' });
    expect(started.snapshot.context.steps['apply-su']).toMatchObject({ availableFrom: '2025-06-01', deadline: '2025-09-30' });

    const failed = run(machine, started, [
      { type: 'higher-application.submitted', submittedOn: '2025-07-01', applicationRef: 'OPT-2025-K-090400' },
      { type: 'place.offered', offeredOn: '2025-07-28', programme: 'Medicin' },
      { type: 'place.answered', accept: true },
      { type: 'integration.failed', ...accept, code: 'OPTAGELSE_TIMEOUT' },
    ]);
    expect(failed.snapshot.context.steps['accept-place']).toEqual({ status: 'failed', reason: 'OPTAGELSE_TIMEOUT' });

    const retried = send(machine, failed.snapshot, { type: 'integration.retry', ...accept, requestedAt: '2025-07-30T10:00:00Z' });
    expect(retried.commands).toEqual([
      expect.objectContaining({
        type: 'integration.request',
        task: 'accept-place',
        input: { applicationRef: 'OPT-2025-K-090400', accept: true },
      }),
    ]);

    const accepted = send(machine, retried.snapshot, { type: 'integration.completed', ...accept, output: {} });
    expect(accepted.commands).toContainEqual({ type: 'citizen.notify', template: 'step-needs-you', step: 'apply-su' });
    expect(accepted.snapshot.can({ type: 'su.applied', appliedOn: '2025-08-01' })).toBe(false);

    const refused = run(machine, accepted, [
      { type: 'equal-status.applied', appliedOn: '2025-08-01' },
      { type: 'equal-status.decided', granted: false, decidedOn: '2025-08-20' },
    ]);
    expect(refused.snapshot.context.steps['apply-su']).toMatchObject({ status: 'skipped', reason: 'no-equal-status' });
    expect(refused.snapshot.context.steps['set-tax-card']).toEqual({ status: 'skipped', reason: 'no-su' });

    const finished = run(machine, refused, [{ type: 'move-out.cancelled' }, { type: 'ungdomskort.declined' }]);
    expect(finished.snapshot.status).toBe('done');
    expect(statuses(finished.snapshot)).toMatchObject({ 'move-out': 'skipped', ungdomskort: 'skipped' });
  });

  it('sends a declined offer to optagelse.dk and closes the study-start steps', () => {
    const started = start(machine, input({ ...university, movingOut: false }, dane, '2025-01-15T08:00:00Z'));
    const declined = run(machine, started, [
      { type: 'higher-application.submitted', submittedOn: '2025-03-01', applicationRef: 'OPT-2025-K-090311' },
      { type: 'place.offered', offeredOn: '2025-07-28', programme: 'Jura' },
      { type: 'place.answered', accept: false },
    ]);
    expect(declined.commands).toContainEqual(
      expect.objectContaining({
        type: 'integration.request',
        task: 'accept-place',
        input: { applicationRef: 'OPT-2025-K-090311', accept: false },
      }),
    );
    const done = send(machine, declined.snapshot, { type: 'integration.completed', ...accept, output: {} });
    expect(done.snapshot.status).toBe('done');
    expect(done.snapshot.context.steps['accept-place']).toEqual({ status: 'skipped', reason: 'declined' });
    // Closing the SU and travel-card steps cancels their reminders.
    expect(done.commands).toEqual(
      expect.arrayContaining([
        { type: 'timer.cancel', key: 'reminder:apply-su:7d' },
        { type: 'timer.cancel', key: 'reminder:ungdomskort:2d' },
      ]),
    );
  });

  it('follows su.dk on the SU entitlement and the rate for 18–19-year-olds', () => {
    // su.dk: 18 in July–September → SU from October; in October–December → from January.
    expect(firstDayOfNextQuarter('2027-08-10')).toBe('2027-10-01');
    expect(firstDayOfNextQuarter('2027-10-01')).toBe('2028-01-01');
    const youth = (livesWithParents: boolean): StartingEducationAnswers => ({
      application: 'youth-vocational-or-tenth',
      educationStartDate: '2025-08-04',
      livesWithParents,
      movingOut: !livesWithParents,
    });
    // 19 on a youth education and living away: the living-away rate only if the conditions are met.
    expect(suPlan(youth(false), dane)).toMatchObject({
      entitlementDate: '2025-08-01',
      expectedRate: 'udeboende-if-conditions-met',
      parentalIncomeCounts: true,
    });
    expect(suPlan(youth(true), dane).expectedRate).toBe('hjemmeboende');
    // 21 on higher education, living away.
    expect(suPlan(university, { birthDate: '2004-01-15', citizenship: 'DK' })).toMatchObject({
      ageAtEntitlement: 21,
      expectedRate: 'udeboende',
      parentalIncomeCounts: false,
      needsEqualStatus: false,
    });
  });
});
