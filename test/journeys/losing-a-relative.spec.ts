import { losingARelativeV2 } from '../../journeys/losing-a-relative';
import { deceasedRelation, postponementAllowed } from '../../journeys/losing-a-relative/losing-a-relative.rules';
import type { RelativeFacts } from '../../journeys/losing-a-relative/losing-a-relative.start';
import type { JourneyInput } from '../../journeys/shared/contract';
import { run, send, start, statuses } from './harness';

const machine = losingARelativeV2.machine;

function input(facts: RelativeFacts, startedAt: string): JourneyInput {
  return { answers: {}, facts, startedAt, reminderDays: [7, 2] };
}

const completed = (step: string, task: string, output: Record<string, unknown> = {}) => ({
  type: 'integration.completed',
  step,
  task,
  output,
});

const widow: RelativeFacts = {
  birthDate: '1948-05-20',
  dateOfDeath: '2025-03-06',
  relation: 'spouse',
  bothReceivedPublicPension: true,
  deceasedHadHealthCover: true,
};

describe('losing-a-relative journey', () => {
  it('guides a pensioner’s widow from the death to the probate certificate', () => {
    const started = start(machine, input(widow, '2025-03-06T15:00:00Z'));
    expect(started.snapshot.context.anchorDate).toBe('2025-03-06');
    expect(started.snapshot.context.steps).toMatchObject({
      // Thursday + 2 working days: Friday 7 and Monday 10 March.
      'report-death-request-burial': { status: 'active', deadline: '2025-03-10' },
      // Styrelsen for Patientsikkerhed: 8 days with the day of death counted, so 6 March → 13 March.
      burial: { status: 'pending', deadline: '2025-03-13' },
      'funeral-grant': { status: 'active' },
      // Both pensioners: the pension continues for 3 months without an application.
      'spouse-survivor': { status: 'active' },
    });
    expect(started.commands).toEqual([
      // The 7-day reminder for the report would be in the past; 2 days before (Saturday 8 March) moves to Friday.
      {
        type: 'timer.schedule',
        key: 'reminder:report-death-request-burial:2d',
        dueAt: '2025-03-07T07:00:00.000Z',
        step: 'report-death-request-burial',
        purpose: 'reminder',
      },
      // 7 days before the burial deadline is the morning of the death itself, already past; 2 days before is Tuesday 11 March.
      { type: 'timer.schedule', key: 'reminder:burial:2d', dueAt: '2025-03-11T07:00:00.000Z', step: 'burial', purpose: 'reminder' },
      // CPR names the deceased as the citizen's spouse, so Sundhedsdatastyrelsen can be asked directly.
      {
        type: 'integration.request',
        step: 'death-certificate',
        task: 'death-certificate-status',
        system: 'sundhedsdatastyrelsen',
        input: { deceasedRelation: 'spouse' },
      },
      {
        type: 'timer.schedule',
        key: 'watchdog:death-certificate',
        dueAt: '2025-03-10T07:00:00.000Z',
        step: 'death-certificate',
        purpose: 'watchdog',
      },
      {
        type: 'timer.schedule',
        key: 'watchdog:spouse-survivor',
        dueAt: '2025-03-16T07:00:00.000Z',
        step: 'spouse-survivor',
        purpose: 'watchdog',
      },
      {
        type: 'authority.await',
        step: 'spouse-survivor',
        system: 'udbetaling-danmark-pension',
        complete: 'survivor-pension.confirmed',
        expiresInDays: 30,
      },
    ]);

    const certified = send(
      machine,
      started.snapshot,
      completed('death-certificate', 'death-certificate-status', { issuedAt: '2025-03-06T16:20:00Z' }),
    );
    expect(statuses(certified.snapshot)).toMatchObject({ 'death-certificate': 'done', 'automatic-effects': 'active' });
    expect(certified.commands).toEqual([
      { type: 'timer.cancel', key: 'watchdog:death-certificate' },
      {
        type: 'integration.request',
        step: 'automatic-effects',
        task: 'close-mailbox',
        system: 'digital-post',
        input: { deceasedRelation: 'spouse', dateOfDeath: '2025-03-06' },
      },
      // Five working days after the certificate.
      {
        type: 'timer.schedule',
        key: 'watchdog:automatic-effects',
        dueAt: '2025-03-13T07:00:00.000Z',
        step: 'automatic-effects',
        purpose: 'watchdog',
      },
    ]);

    const reported = send(machine, certified.snapshot, { type: 'death.reported', reportedOn: '2025-03-07', reportedBy: 'undertaker' });
    expect(reported.snapshot.context.steps).toMatchObject({
      'report-death-request-burial': { status: 'done', deadline: '2025-03-10' },
      burial: { status: 'active', deadline: '2025-03-13' },
      'notify-authorities': { status: 'active' },
    });
    expect(reported.commands).toEqual(
      expect.arrayContaining([
        {
          type: 'timer.schedule',
          key: 'watchdog:notify-authorities',
          dueAt: '2025-03-14T07:00:00.000Z',
          step: 'notify-authorities',
          purpose: 'watchdog',
        },
        {
          type: 'authority.await',
          step: 'notify-authorities',
          system: 'parish-registrar',
          complete: 'authorities.notified',
          expiresInDays: 30,
        },
      ]),
    );

    const court = run(machine, reported, [
      { type: 'authorities.notified', notifiedOn: '2025-03-11' },
      { type: 'probate.court-contacted', contactedOn: '2025-03-28', caseRef: 'BS-2025-3-001122' },
    ]);
    expect(court.commands).toEqual(
      expect.arrayContaining([
        { type: 'timer.schedule', key: 'watchdog:probate', dueAt: '2025-04-08T07:00:00.000Z', step: 'probate', purpose: 'watchdog' },
        { type: 'authority.await', step: 'probate', system: 'probate-court', complete: 'probate.court-contacted', expiresInDays: 90 },
        { type: 'timer.cancel', key: 'watchdog:probate' },
        { type: 'citizen.notify', template: 'step-needs-you', step: 'probate' },
      ]),
    );

    // Only a spouse may keep the estate undivided.
    const undivided = send(machine, court.snapshot, { type: 'probate.settlement-chosen', settlement: 'uskiftet-bo' });
    expect(undivided.commands).toEqual([
      {
        type: 'integration.request',
        step: 'probate',
        task: 'choose-settlement',
        system: 'probate-court',
        input: { caseRef: 'BS-2025-3-001122', settlement: 'uskiftet-bo' },
      },
    ]);
    const settled = send(machine, undivided.snapshot, completed('probate', 'choose-settlement'));
    expect(settled.commands).toEqual([
      {
        type: 'integration.request',
        step: 'probate',
        task: 'request-probate-certificate',
        system: 'probate-court',
        input: { caseRef: 'BS-2025-3-001122' },
      },
    ]);
    const certificate = send(
      machine,
      settled.snapshot,
      completed('probate', 'request-probate-certificate', { certificateRef: 'SKA-2025-000419', issuedOn: '2025-04-10' }),
    );
    expect(certificate.snapshot.context.probateCertificateRef).toBe('SKA-2025-000419');
    expect(statuses(certificate.snapshot)).toMatchObject({ probate: 'done', 'digital-post-access': 'active' });

    const finished = run(machine, certificate, [
      completed('automatic-effects', 'close-mailbox'),
      { type: 'burial.held', heldOn: '2025-03-13' },
      { type: 'survivor-pension.confirmed', letterOn: '2025-03-12' },
      { type: 'funeral-grant.applied', appliedOn: '2025-03-20' },
      { type: 'digital-post-access.applied', appliedOn: '2025-04-14' },
    ]);
    expect(finished.snapshot.status).toBe('done');
    expect(Object.values(statuses(finished.snapshot)).every((s) => s === 'done')).toBe(true);
    expect(finished.commands).toContainEqual({ type: 'citizen.notify', template: 'journey-completed' });
  });

  it('counts the report deadline over Easter and keeps the undivided estate for spouses', () => {
    const son: RelativeFacts = {
      birthDate: '1975-10-30',
      dateOfDeath: '2025-04-15',
      relation: 'child',
      bothReceivedPublicPension: false,
      deceasedHadHealthCover: true,
    };
    const started = start(machine, input(son, '2025-04-15T18:00:00Z'));
    // Tuesday 15 April: Wednesday is the first working day; Skærtorsdag to 2. påskedag are closed; Tuesday 22 April the second.
    expect(started.snapshot.context.steps['report-death-request-burial']).toEqual({ status: 'active', deadline: '2025-04-22' });
    // The 8 burial days count the day of death: 15 → 22 April, past the Easter holidays.
    expect(started.snapshot.context.steps.burial.deadline).toBe('2025-04-22');
    expect(started.snapshot.context.steps['spouse-survivor']).toEqual({ status: 'skipped', reason: 'not-spouse-or-cohabitant' });
    // The deceased is the citizen's parent in CPR.
    expect(started.commands).toContainEqual(
      expect.objectContaining({ task: 'death-certificate-status', input: { deceasedRelation: 'parent' } }),
    );
    // 2 days before Tuesday 22 April is Easter Sunday; back over the holidays to Wednesday 16 April.
    expect(started.commands).toContainEqual(
      expect.objectContaining({ key: 'reminder:report-death-request-burial:2d', dueAt: '2025-04-16T07:00:00.000Z' }),
    );

    const atCourt = run(machine, started, [
      { type: 'death.reported', reportedOn: '2025-04-25', reportedBy: 'self' },
      { type: 'probate.court-contacted', contactedOn: '2025-05-09', caseRef: 'BS-2025-3-004455' },
    ]);
    expect(atCourt.snapshot.context.steps['report-death-request-burial']).toMatchObject({
      status: 'done',
      reason: 'reported-after-deadline',
    });
    // The court's letter also shows that the parish informed it.
    expect(atCourt.snapshot.context.steps['notify-authorities']).toEqual({ status: 'done' });
    expect(atCourt.snapshot.can({ type: 'probate.settlement-chosen', settlement: 'uskiftet-bo' })).toBe(false);
    expect(atCourt.snapshot.can({ type: 'probate.settlement-chosen', settlement: 'aegtefaelleudlaeg' })).toBe(false);
    expect(atCourt.snapshot.can({ type: 'probate.settlement-chosen', settlement: 'privat-skifte' })).toBe(true);
  });

  it('gives a cohabitant 6 months to apply for the survivor’s grant and skips the funeral grant without Danish health cover', () => {
    const cohabitant: RelativeFacts = {
      dateOfDeath: '2025-03-07',
      relation: 'cohabitant',
      bothReceivedPublicPension: false,
      deceasedHadHealthCover: false,
    };
    const started = start(machine, input(cohabitant, '2025-03-08T10:00:00Z'));
    expect(started.snapshot.context.steps).toMatchObject({
      // Friday 7 March: Monday 10 and Tuesday 11.
      'report-death-request-burial': { status: 'active', deadline: '2025-03-11' },
      'funeral-grant': { status: 'skipped', reason: 'no-danish-health-cover' },
      // 7 September 2025 is a Sunday; the date stands.
      'spouse-survivor': { status: 'active', deadline: '2025-09-07' },
    });
    expect(started.commands).toContainEqual(
      expect.objectContaining({ task: 'death-certificate-status', input: { deceasedRelation: 'partner' } }),
    );
    // Both reminders fall on a weekend or are due on one: Friday 29 August and Friday 5 September.
    expect(started.commands).toContainEqual(
      expect.objectContaining({ key: 'reminder:spouse-survivor:7d', dueAt: '2025-08-29T07:00:00.000Z' }),
    );
    expect(started.commands).toContainEqual(
      expect.objectContaining({ key: 'reminder:spouse-survivor:2d', dueAt: '2025-09-05T07:00:00.000Z' }),
    );
    expect(started.commands).not.toContainEqual(expect.objectContaining({ key: 'watchdog:spouse-survivor' }));

    const late = send(machine, started.snapshot, { type: 'survivor-grant.applied', appliedOn: '2025-09-08' });
    expect(late.snapshot.context.steps['spouse-survivor']).toEqual({
      status: 'done',
      deadline: '2025-09-07',
      reason: 'applied-after-deadline',
    });
    const declined = send(machine, started.snapshot, { type: 'survivor-grant.not-applying' });
    expect(declined.snapshot.context.steps['spouse-survivor']).toMatchObject({ status: 'skipped', reason: 'not-applying' });
  });

  it('lets the authorities’ own solutions confirm when CPR cannot name the deceased (a friend), over Christmas', () => {
    const friend: RelativeFacts = {
      dateOfDeath: '2025-12-23',
      relation: 'other',
      bothReceivedPublicPension: false,
      deceasedHadHealthCover: true,
    };
    const started = start(machine, input(friend, '2025-12-23T20:00:00Z'));
    // 24 December is a working day in law; 25–28 are closed; Monday 29 December is the second.
    expect(started.snapshot.context.steps['report-death-request-burial'].deadline).toBe('2025-12-29');
    expect(started.commands).not.toContainEqual(expect.objectContaining({ type: 'integration.request' }));
    expect(started.commands).toContainEqual({
      type: 'authority.await',
      step: 'death-certificate',
      system: 'sundhedsdatastyrelsen',
      complete: 'death-certificate.issued',
      expiresInDays: 14,
    });
    const certified = send(machine, started.snapshot, { type: 'death-certificate.issued', issuedOn: '2025-12-24' });
    expect(certified.commands).toEqual([
      { type: 'timer.cancel', key: 'watchdog:death-certificate' },
      {
        type: 'authority.await',
        step: 'automatic-effects',
        system: 'digital-post',
        complete: 'automatic-effects.confirmed',
        expiresInDays: 30,
      },
      // Five working days after 24 December: 29, 30, 31 December, 2 and 5 January.
      {
        type: 'timer.schedule',
        key: 'watchdog:automatic-effects',
        dueAt: '2026-01-05T07:00:00.000Z',
        step: 'automatic-effects',
        purpose: 'watchdog',
      },
    ]);
    const reportedByOther = send(machine, certified.snapshot, {
      type: 'death.reported',
      reportedOn: '2025-12-24',
      reportedBy: 'other-next-of-kin',
    });
    expect(reportedByOther.snapshot.context.steps['report-death-request-burial']).toMatchObject({
      status: 'done',
      reason: 'reported-by-other',
    });
    expect(deceasedRelation('other')).toBeUndefined();
  });

  it('moves the burial deadline only as far as the approver may allow', () => {
    // The cemetery's 14 days count the day of death too: 6 March → 19 March.
    expect(postponementAllowed('2025-03-06', '2025-03-19', 'cemetery')).toBe(true);
    expect(postponementAllowed('2025-03-06', '2025-03-20', 'cemetery')).toBe(false);
    expect(postponementAllowed('2025-03-06', '2025-04-15', 'styrelsen-for-patientsikkerhed')).toBe(true);
    expect(postponementAllowed('2025-03-06', '2025-03-13', 'cemetery')).toBe(false);

    const reported = run(machine, start(machine, input(widow, '2025-03-06T15:00:00Z')), [
      { type: 'death.reported', reportedOn: '2025-03-07', reportedBy: 'self' },
    ]);
    expect(
      reported.snapshot.can({ type: 'burial.postponed', approvedOn: '2025-03-10', newDeadline: '2025-03-20', approvedBy: 'cemetery' }),
    ).toBe(false);
    const postponed = send(machine, reported.snapshot, {
      type: 'burial.postponed',
      approvedOn: '2025-03-10',
      newDeadline: '2025-03-19',
      approvedBy: 'cemetery',
    });
    expect(postponed.snapshot.context.steps.burial).toEqual({ status: 'active', deadline: '2025-03-19' });
    expect(postponed.commands).toEqual([
      { type: 'timer.cancel', key: 'reminder:burial:7d' },
      { type: 'timer.cancel', key: 'reminder:burial:2d' },
      { type: 'timer.schedule', key: 'reminder:burial:7d', dueAt: '2025-03-12T07:00:00.000Z', step: 'burial', purpose: 'reminder' },
      { type: 'timer.schedule', key: 'reminder:burial:2d', dueAt: '2025-03-17T07:00:00.000Z', step: 'burial', purpose: 'reminder' },
    ]);
  });

  it('fails the settlement when the court’s system fails, and retries it for a caseworker', () => {
    const atCourt = run(machine, start(machine, input(widow, '2025-03-06T15:00:00Z')), [
      { type: 'death.reported', reportedOn: '2025-03-07', reportedBy: 'self' },
      { type: 'authorities.notified', notifiedOn: '2025-03-11' },
      { type: 'timer.fired', key: 'watchdog:probate' },
    ]);
    expect(atCourt.snapshot.context.steps.probate).toEqual({ status: 'late', reason: 'court-contact-overdue' });
    const chosen = run(machine, atCourt, [
      { type: 'probate.court-contacted', contactedOn: '2025-04-10', caseRef: 'BS-2025-3-001122' },
      { type: 'probate.settlement-chosen', settlement: 'privat-skifte' },
    ]);
    expect(chosen.snapshot.context.steps.probate).toEqual({ status: 'active' });
    const failed = send(machine, chosen.snapshot, {
      type: 'integration.failed',
      step: 'probate',
      task: 'choose-settlement',
      code: 'COURT_UNAVAILABLE',
    });
    expect(failed.snapshot.context.steps.probate).toEqual({ status: 'failed', reason: 'COURT_UNAVAILABLE' });
    const retried = send(machine, failed.snapshot, {
      type: 'integration.retry',
      step: 'probate',
      task: 'choose-settlement',
      requestedAt: '2025-04-14T09:00:00Z',
    });
    expect(retried.snapshot.context.steps.probate).toEqual({ status: 'active' });
    expect(retried.commands).toEqual([
      {
        type: 'integration.request',
        step: 'probate',
        task: 'choose-settlement',
        system: 'probate-court',
        input: { caseRef: 'BS-2025-3-001122', settlement: 'privat-skifte' },
      },
    ]);
  });

  it('refuses a start without the death registration’s facts', () => {
    const missing = start(machine, {
      answers: {},
      facts: { birthDate: '1970-01-01' },
      startedAt: '2025-03-06T15:00:00Z',
      reminderDays: [7, 2],
    });
    expect(missing.snapshot.status).toBe('error');
    expect(String((missing.snapshot as { error?: unknown }).error)).toContain(
      'dateOfDeath, relation, bothReceivedPublicPension, deceasedHadHealthCover',
    );
  });

  it('keeps a burial deadline that falls on a public holiday, and reminds on the working days before it', () => {
    // Death on Thursday 18 December 2025: day 8, the day of death counted, is Christmas Day. The law
    // gives no extension for holidays (only the cemetery's), so the date stands.
    const daughter: RelativeFacts = {
      dateOfDeath: '2025-12-18',
      relation: 'child',
      bothReceivedPublicPension: false,
      deceasedHadHealthCover: true,
    };
    const started = start(machine, input(daughter, '2025-12-18T12:00:00Z'));
    expect(started.snapshot.context.steps.burial.deadline).toBe('2025-12-25');
    // 2 days before is Tuesday 23 December, a working day; 7 days before is the day of death itself (past: none).
    expect(started.commands.filter((c) => c.type === 'timer.schedule' && c.step === 'burial')).toEqual([
      { type: 'timer.schedule', key: 'reminder:burial:2d', dueAt: '2025-12-23T07:00:00.000Z', step: 'burial', purpose: 'reminder' },
    ]);
  });

  it('routes the report and the notice of the authorities to the municipality when the deceased lived in South Jutland', () => {
    // Bekendtgørelse om anmeldelse af dødsfald § 1, stk. 2: in the South Jutland municipalities the
    // death goes to the municipality's registrar, not the parish.
    const aabenraa: RelativeFacts = { ...widow, deceasedMunicipalityCode: '0580' };
    const started = start(machine, input(aabenraa, '2025-03-06T15:00:00Z'));
    expect(started.snapshot.context.steps['report-death-request-burial']).toEqual({
      status: 'active',
      deadline: '2025-03-10',
      system: 'municipality',
    });
    const reported = run(machine, started, [{ type: 'death.reported', reportedOn: '2025-03-07', reportedBy: 'undertaker' }]);
    expect(reported.snapshot.context.steps['report-death-request-burial']).toMatchObject({ status: 'done', system: 'municipality' });
    expect(reported.commands).toContainEqual({
      type: 'authority.await',
      step: 'notify-authorities',
      system: 'municipality',
      complete: 'authorities.notified',
      expiresInDays: 30,
    });

    // Copenhagen (0101), or a journey whose register facts do not name the municipality: the parish.
    for (const facts of [{ ...widow, deceasedMunicipalityCode: '0101' }, widow]) {
      const elsewhere = run(machine, start(machine, input(facts, '2025-03-06T15:00:00Z')), [
        { type: 'death.reported', reportedOn: '2025-03-07', reportedBy: 'undertaker' },
      ]);
      expect(elsewhere.snapshot.context.steps['report-death-request-burial'].system).toBeUndefined();
      expect(elsewhere.commands).toContainEqual(
        expect.objectContaining({ type: 'authority.await', step: 'notify-authorities', system: 'parish-registrar' }),
      );
    }
    const step = losingARelativeV2.steps.find((s) => s.id === 'report-death-request-burial')!;
    expect(step.guidance.da).toContain('Haderslev, Aabenraa, Sønderborg eller Tønder');
  });
});
