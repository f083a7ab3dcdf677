import { divorceV1 } from '../../journeys/divorce';
import { DIVORCE_FEES, decideBranches, lastDayOfQuarter } from '../../journeys/divorce/divorce.rules';
import type { DivorceAnswers, DivorceFacts } from '../../journeys/divorce/divorce.start';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = divorceV1.machine;

const marriedWithChildren: DivorceFacts = {
  civilStatus: 'married',
  childrenUnder18: [{ birthDate: '2015-04-20' }, { birthDate: '2019-09-02' }],
};
const married: DivorceFacts = { civilStatus: 'married', childrenUnder18: [] };

function input(answers: DivorceAnswers, facts: DivorceFacts, startedAt: string): JourneyInput {
  return { answers, facts, startedAt, reminderDays: [7, 2] };
}

const screening = { step: 'screening', task: 'screening-result' };
const negotiation = { step: 'agree-terms', task: 'request-terms-negotiation' };
const allowance = { step: 'family-benefits', task: 'apply-single-parent-allowance' };
const estateDivision = { step: 'estate-split', task: 'apply-estate-division' };

const move = {
  movingDate: '2025-03-01',
  newAddress: { darAddressId: '0a3f509e-2c5d-32b8-e044-0003ba298018', municipalityCode: '0101' },
  othersRegisteredAtNewAddress: false,
  renting: true,
  childrenMoving: true,
  childLeavesJointCustodyHome: true,
  wantsAddressProtection: false,
};

describe('divorce journey', () => {
  it('takes a married couple with children through an agreed divorce, benefits and a linked move', () => {
    const answers: DivorceAnswers = { separationDate: '2025-03-01', movingOut: true, receivesHousingBenefit: false };
    const started = start(machine, input(answers, marriedWithChildren, '2025-02-20T08:00:00Z'));
    expect(started.snapshot.context.steps).toEqual({
      'apply-separation-divorce': { status: 'active' },
      'agree-terms': { status: 'active' },
      screening: { status: 'pending' },
      'children-arrangements': { status: 'active' },
      'move-out': { status: 'active' },
      // Børnetilskud from the next quarter only if applied for before 31 March.
      'family-benefits': { status: 'pending', deadline: '2025-03-31' },
      'child-support': { status: 'pending' },
      'estate-split': { status: 'pending' },
      'update-tax-and-housing': { status: 'active' },
    });
    expect(started.commands).toEqual([
      {
        type: 'timer.schedule',
        key: 'reminder:family-benefits:7d',
        dueAt: '2025-03-24T07:00:00.000Z',
        step: 'family-benefits',
        purpose: 'reminder',
      },
      // 29 March is a Saturday.
      {
        type: 'timer.schedule',
        key: 'reminder:family-benefits:2d',
        dueAt: '2025-03-28T07:00:00.000Z',
        step: 'family-benefits',
        purpose: 'reminder',
      },
    ]);

    const applied = send(machine, started.snapshot, {
      type: 'divorce.applied',
      appliedOn: '2025-02-24',
      caseRef: 'FRH-2025-123456',
      applicationType: 'divorce',
      agreement: 'both-agree',
      termsInDispute: [],
    });
    expect(applied.snapshot.context.steps['apply-separation-divorce']).toEqual({ status: 'done', reason: 'divorce' });
    expect(applied.commands).toEqual([
      {
        type: 'integration.request',
        step: 'screening',
        task: 'screening-result',
        system: 'familieretshuset',
        input: { caseRef: 'FRH-2025-123456' },
      },
      { type: 'timer.schedule', key: 'watchdog:screening', dueAt: '2025-03-10T07:00:00.000Z', step: 'screening', purpose: 'watchdog' },
    ]);

    // Familieretshuset's result drives the screening step.
    const screened = send(machine, applied.snapshot, {
      type: 'integration.completed',
      ...screening,
      output: { caseRef: 'FRH-2025-123456', track: 'paragraph-5', screenedOn: '2025-03-04' },
    });
    expect(screened.snapshot.context.steps.screening).toEqual({ status: 'done', reason: 'paragraph-5' });
    expect(screened.snapshot.context.track).toBe('paragraph-5');
    expect(screened.commands).toEqual([{ type: 'timer.cancel', key: 'watchdog:screening' }]);

    const arranged = send(machine, screened.snapshot, { type: 'children-arrangements.agreed', agreedOn: '2025-03-05' });
    expect(statuses(arranged.snapshot)).toMatchObject({
      'children-arrangements': 'done',
      'child-support': 'active',
      'family-benefits': 'active',
    });

    const chosen = send(machine, arranged.snapshot, {
      type: 'family-benefits.chosen',
      chosenOn: '2025-03-12',
      childBenefitRecipient: 'self',
      singleProvider: true,
    });
    // Children by birth date only; never a CPR number.
    expect(chosen.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:family-benefits:7d' },
      { type: 'timer.cancel', key: 'reminder:family-benefits:2d' },
      {
        type: 'integration.request',
        step: 'family-benefits',
        task: 'apply-single-parent-allowance',
        system: 'udbetaling-danmark',
        input: { children: [{ birthDate: '2015-04-20' }, { birthDate: '2019-09-02' }], singleSince: '2025-03-01' },
      },
    ]);

    const linked = run(machine, chosen, [
      { type: 'integration.completed', ...allowance, output: {} },
      { type: 'move-out.planned', move },
    ]);
    expect(linked.snapshot.context.steps['family-benefits']).toMatchObject({ status: 'done', reason: 'allowance-applied' });
    expect(linked.commands).toContainEqual({ type: 'journey.link', journeyType: 'moving', step: 'move-out', answers: move });

    const decided = run(machine, linked, [
      { type: 'child-support.applied', appliedOn: '2025-03-06' },
      { type: 'child-support.decided', decidedOn: '2025-04-10' },
      { type: 'divorce.decided', decidedOn: '2025-03-20', decidedBy: 'familieretshuset' },
    ]);
    expect(decided.snapshot.context.steps['agree-terms']).toEqual({ status: 'done', reason: 'decided-by-familieretshuset' });
    // The estate is divided once the divorce is granted.
    expect(statuses(decided.snapshot)['estate-split']).toBe('active');

    const finished = run(machine, decided, [
      { type: 'estate.divided', dividedOn: '2025-05-01' },
      { type: 'tax-and-housing.updated', updatedOn: '2025-03-25', housingBenefitReported: false },
      { type: 'journey.linked-completed', step: 'move-out', journeyType: 'moving' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(statuses(finished.snapshot)).toEqual({
      'apply-separation-divorce': 'done',
      'agree-terms': 'done',
      screening: 'done',
      'children-arrangements': 'done',
      'move-out': 'done',
      'family-benefits': 'done',
      'child-support': 'done',
      'estate-split': 'done',
      'update-tax-and-housing': 'done',
    });
    expect(finished.commands).toContainEqual({ type: 'citizen.notify', template: 'journey-completed' });
  });

  it('negotiates disputed terms for a fee after a failed screening request, and divides the estate at the probate court', () => {
    const answers: DivorceAnswers = { separationDate: '2025-05-15', movingOut: false, receivesHousingBenefit: true };
    const started = start(machine, input(answers, married, '2025-05-02T08:00:00Z'));
    // Housing benefit: report "at once" when one of them moves out.
    expect(started.snapshot.context.steps['update-tax-and-housing']).toEqual({ status: 'active', deadline: '2025-05-15' });
    expect(started.snapshot.context.steps['move-out']).toEqual({ status: 'skipped', reason: 'not-moving' });

    const applied = send(machine, started.snapshot, {
      type: 'divorce.applied',
      appliedOn: '2025-05-05',
      caseRef: 'FRH-2025-123457',
      applicationType: 'separation',
      agreement: 'one-disagrees',
      termsInDispute: ['home'],
    });
    const failed = send(machine, applied.snapshot, { type: 'integration.failed', ...screening, code: 'FRH_UNAVAILABLE' });
    expect(failed.snapshot.context.steps.screening).toEqual({ status: 'failed', reason: 'FRH_UNAVAILABLE' });

    const retried = send(machine, failed.snapshot, { type: 'integration.retry', ...screening, requestedAt: '2025-05-20T09:00:00Z' });
    // Ten working days from the retry; Kristi himmelfartsdag (29 May) does not count.
    expect(retried.commands).toEqual([
      expect.objectContaining({ type: 'integration.request', task: 'screening-result' }),
      expect.objectContaining({ key: 'watchdog:screening', dueAt: '2025-06-04T07:00:00.000Z' }),
    ]);

    // A result without a track cannot steer the case: the caseworker records it.
    const noTrack = send(machine, retried.snapshot, { type: 'integration.completed', ...screening, output: {} });
    expect(noTrack.snapshot.context.steps.screening).toEqual({ status: 'failed', reason: 'no-track-in-result' });

    const recorded = send(machine, noTrack.snapshot, { type: 'screening.recorded', track: 'paragraph-6', screenedOn: '2025-06-02' });
    expect(recorded.commands).toEqual([
      {
        type: 'citizen.notify',
        template: 'fee-due',
        step: 'agree-terms',
        params: { amount: DIVORCE_FEES.termsNegotiation, feeYear: 2024 },
      },
      {
        type: 'integration.request',
        step: 'agree-terms',
        task: 'request-terms-negotiation',
        system: 'familieretshuset',
        input: { caseRef: 'FRH-2025-123457', topics: ['home'] },
      },
    ]);

    const agreed = run(machine, recorded, [
      { type: 'integration.completed', ...negotiation, output: {} },
      { type: 'terms-negotiation.concluded', agreed: true, concludedOn: '2025-06-20' },
    ]);
    // "About a week later": five working days.
    expect(agreed.commands).toContainEqual({
      type: 'timer.schedule',
      key: 'watchdog:agree-terms',
      dueAt: '2025-06-27T07:00:00.000Z',
      step: 'agree-terms',
      purpose: 'watchdog',
    });

    const late = send(machine, agreed.snapshot, { type: 'timer.fired', key: 'watchdog:agree-terms' });
    expect(late.snapshot.context.steps['agree-terms']).toEqual({ status: 'late', reason: 'decree-overdue' });

    const decreed = send(machine, late.snapshot, { type: 'divorce.decided', decidedOn: '2025-07-01', decidedBy: 'familieretshuset' });
    expect(decreed.snapshot.context.steps['agree-terms']).toEqual({ status: 'done', reason: 'decided-by-familieretshuset' });

    const requested = send(machine, decreed.snapshot, { type: 'estate-division.requested', requestedOn: '2025-07-10' });
    expect(requested.commands).toEqual([
      {
        type: 'integration.request',
        step: 'estate-split',
        task: 'apply-estate-division',
        system: 'probate-court',
        input: { divorceCaseRef: 'FRH-2025-123457' },
      },
    ]);

    const atCourt = send(machine, requested.snapshot, { type: 'integration.completed', ...estateDivision, output: {} });
    // With housing benefit, the update is done only once Payment Denmark has been told.
    expect(atCourt.snapshot.can({ type: 'tax-and-housing.updated', updatedOn: '2025-05-16', housingBenefitReported: false })).toBe(false);

    const finished = run(machine, atCourt, [
      { type: 'estate.divided', dividedOn: '2025-10-01' },
      { type: 'tax-and-housing.updated', updatedOn: '2025-05-16', housingBenefitReported: true },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['estate-split']).toEqual({ status: 'done', reason: 'probate-court' });
    expect(finished.snapshot.context.steps['update-tax-and-housing']).toEqual({
      status: 'done',
      deadline: '2025-05-15',
      reason: 'housing-benefit-reported-late',
    });
  });

  it('sends a § 7 case to the court, and lets separated spouses apply only for divorce', () => {
    const separated: DivorceFacts = { civilStatus: 'separated', childrenUnder18: [] };
    const started = start(
      machine,
      input({ separationDate: '2024-11-01', movingOut: false, receivesHousingBenefit: false }, separated, '2025-03-03T08:00:00Z'),
    );
    const base = { appliedOn: '2025-03-03', caseRef: 'FRH-2025-200001', termsInDispute: [] };
    expect(started.snapshot.can({ type: 'divorce.applied', ...base, applicationType: 'separation', agreement: 'both-agree' })).toBe(false);
    // A divorce one spouse does not agree to needs grounds.
    expect(started.snapshot.can({ type: 'divorce.applied', ...base, applicationType: 'divorce', agreement: 'one-disagrees' })).toBe(false);

    const court = run(machine, started, [
      { type: 'divorce.applied', ...base, applicationType: 'divorce', agreement: 'one-disagrees', grounds: 'separated' },
      { type: 'screening.recorded', track: 'paragraph-7', screenedOn: '2025-03-14' },
    ]);
    expect(court.snapshot.value).toMatchObject({ inProgress: { terms: 'court' } });
    expect(court.snapshot.can({ type: 'terms-negotiation.concluded', agreed: true, concludedOn: '2025-04-01' })).toBe(false);

    const finished = run(machine, court, [
      { type: 'divorce.decided', decidedOn: '2025-09-15', decidedBy: 'court' },
      { type: 'estate.divided', dividedOn: '2025-10-01' },
      { type: 'tax-and-housing.updated', updatedOn: '2025-09-20', housingBenefitReported: false },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(finished.snapshot.context.steps['agree-terms']).toEqual({ status: 'done', reason: 'decided-by-court' });
  });

  it('skips the case for a cohabiting couple and keeps the quarter deadline on Easter Sunday', () => {
    const cohabiting: DivorceFacts = { civilStatus: 'unmarried', childrenUnder18: [{ birthDate: '2021-01-11' }] };
    expect(decideBranches({ separationDate: '2024-03-10', movingOut: true, receivesHousingBenefit: false }, cohabiting)).toEqual({
      married: false,
      children: true,
      movingOut: true,
      housingBenefit: false,
    });
    const started = start(
      machine,
      input({ separationDate: '2024-03-10', movingOut: true, receivesHousingBenefit: false }, cohabiting, '2024-03-01T08:00:00Z'),
    );
    expect(started.snapshot.context.steps).toMatchObject({
      'apply-separation-divorce': { status: 'skipped', reason: 'not-married' },
      'agree-terms': { status: 'skipped', reason: 'not-married' },
      screening: { status: 'skipped', reason: 'not-married' },
      // Cohabitants divide what they own together at once; there is no marital estate.
      'estate-split': { status: 'active' },
      // 31 March 2024 is Easter Sunday: the quarter still ends that day.
      'family-benefits': { status: 'pending', deadline: '2024-03-31' },
    });
    // 24 March is a Sunday (→ Friday 22); 29 March is Langfredag and 28 Skærtorsdag (→ Wednesday 27).
    expect(started.commands.map((c) => c.type === 'timer.schedule' && c.dueAt)).toEqual([
      '2024-03-22T07:00:00.000Z',
      '2024-03-27T07:00:00.000Z',
    ]);
    expect(started.snapshot.can({ type: 'estate-division.requested', requestedOn: '2024-03-15' })).toBe(false);

    const decided = run(machine, started, [
      { type: 'children-arrangements.applied', appliedOn: '2024-03-11' },
      { type: 'children-arrangements.decided', decidedOn: '2024-03-28', decidedBy: 'familieretshuset' },
    ]);
    expect(decided.snapshot.context.steps['children-arrangements']).toEqual({ status: 'done', reason: 'decided-by-familieretshuset' });

    // Applied on 5 April: too late for the next quarter (not retroactive).
    const chosen = run(machine, decided, [
      { type: 'family-benefits.chosen', chosenOn: '2024-04-05', childBenefitRecipient: 'self', singleProvider: true },
      { type: 'integration.completed', ...allowance, output: {} },
    ]);
    expect(chosen.snapshot.context.steps['family-benefits']).toEqual({
      status: 'done',
      deadline: '2024-03-31',
      reason: 'allowance-applied-after-deadline',
    });

    const finished = run(machine, chosen, [
      { type: 'child-support.agreed', agreedOn: '2024-04-10' },
      { type: 'move-out.cancelled' },
      { type: 'estate.divided', dividedOn: '2024-04-15' },
      { type: 'tax-and-housing.updated', updatedOn: '2024-04-15', housingBenefitReported: false },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(statuses(finished.snapshot)).toMatchObject({ 'move-out': 'skipped', 'child-support': 'done', 'estate-split': 'done' });
  });

  it('keeps the 50/50 split without an application, and knows the quarters', () => {
    expect(lastDayOfQuarter('2025-02-14')).toBe('2025-03-31');
    expect(lastDayOfQuarter('2025-12-01')).toBe('2025-12-31');
    const started = start(
      machine,
      input({ separationDate: '2025-08-01', movingOut: false, receivesHousingBenefit: false }, marriedWithChildren, '2025-07-01T08:00:00Z'),
    );
    expect(started.snapshot.context.steps['family-benefits']).toMatchObject({ deadline: '2025-09-30' });
    const split = run(machine, started, [
      { type: 'children-arrangements.agreed', agreedOn: '2025-07-05' },
      { type: 'family-benefits.chosen', chosenOn: '2025-07-06', childBenefitRecipient: 'split', singleProvider: false },
    ]);
    expect(split.snapshot.context.steps['family-benefits']).toEqual({
      status: 'done',
      deadline: '2025-09-30',
      reason: 'child-benefit-split',
    });
    expect(split.commands.some((c) => c.type === 'integration.request')).toBe(false);
  });
});
