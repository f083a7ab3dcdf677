import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { callFor, caught, httpAuthorities, spec } from './harness';

describe('idempotency towards authorities', () => {
  let sandbox: Sandbox;
  let authorities: ReturnType<typeof httpAuthorities>;
  const registerMove = spec('cpr', 'register-move');

  beforeAll(async () => {
    sandbox = await startSandbox({ latencyScale: 0, seed: 3, hangMs: 5000 });
    // Well under the sandbox's hang (5 s), and far above an answer's time on a busy machine: a
    // concurrent call that waits for a core must not be taken for a lost one.
    authorities = httpAuthorities(sandbox.url, { timeoutMs: 1000 });
  });
  afterEach(() => sandbox.reset());
  afterAll(async () => {
    await authorities.adapter.close();
    await sandbox.close();
  });

  it('applies a write once when the same key is sent twice, and answers the first result again', async () => {
    const call = callFor(registerMove);
    const first = await authorities.gateway.execute(call);
    const second = await authorities.gateway.execute(call);

    expect(second).toEqual(first);
    expect(sandbox.sideEffects({ key: call.idempotencyKey })).toEqual([
      expect.objectContaining({ system: 'cpr', task: 'register-move', journeyRef: call.journeyId, count: 1, requests: 2 }),
    ]);
    expect(sandbox.calls({ key: call.idempotencyKey }).map((c) => [c.attempt, c.outcome])).toEqual([
      [1, 'applied'],
      [2, 'replayed'],
    ]);
  });

  it('applies a write once when duplicates arrive at the same time', async () => {
    const call = callFor(spec('udbetaling-danmark-housing', 'apply-housing-benefit'));
    const results = await Promise.all(Array.from({ length: 5 }, () => authorities.gateway.execute(call)));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(sandbox.sideEffects({ key: call.idempotencyKey })).toEqual([expect.objectContaining({ count: 1, requests: 5 })]);
  });

  it('counts a new key as a new side effect, so a caller that changes keys between attempts is caught', async () => {
    const call = callFor(registerMove);
    await authorities.gateway.execute(call);
    await authorities.gateway.execute({ ...call, idempotencyKey: `${call.idempotencyKey}-again` });
    const effects = sandbox.sideEffects({ journeyRef: call.journeyId });
    expect(effects).toHaveLength(2);
    expect(effects.every((e) => e.step === call.step && e.task === 'register-move')).toBe(true);
  });

  it('refuses a key reused for a different request', async () => {
    const call = callFor(registerMove);
    await authorities.gateway.execute(call);
    const error = await caught(authorities.gateway.execute({ ...call, input: { ...call.input, coName: 'Hansen' } }));
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', retryable: false });
    // The subject is part of the request too (the sandbox compares salted hashes, it keeps neither).
    const otherCitizen = await caught(authorities.gateway.execute({ ...call, subject: { cpr: '0202881234' } }));
    expect(otherCitizen).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', retryable: false });
    expect(sandbox.sideEffects()).toHaveLength(1);
  });

  it('keeps a write applied once when the answer was lost and the caller retried', async () => {
    sandbox.setFaults({ cpr: { timeoutRate: 1 } });
    const call = callFor(registerMove);
    const lost = await caught(authorities.gateway.execute(call));
    expect(lost).toMatchObject({ code: 'TIMEOUT', retryable: true });

    sandbox.setFaults({});
    const { output } = await authorities.gateway.execute(call);
    expect(output).toHaveProperty('registrationRef');
    expect(sandbox.calls({ key: call.idempotencyKey }).map((c) => c.outcome)).toEqual(['timeout', 'replayed']);
    expect(sandbox.sideEffects({ key: call.idempotencyKey })).toEqual([expect.objectContaining({ count: 1, requests: 2 })]);
  });

  it('records no side effect for reads, and answers the same question the same way', async () => {
    const lookup = spec('cpr', 'lookup-person');
    const a = await authorities.gateway.execute(callFor(lookup));
    const b = await authorities.gateway.execute(callFor(lookup));
    expect(b.output).toEqual(a.output);
    expect(sandbox.sideEffects()).toEqual([]);
    expect(sandbox.calls().map((c) => c.outcome)).toEqual(['answered', 'answered']);
  });
});
