import { AUTHORITY_TASKS } from '../../journeys/shared/authority-tasks';
import { AuthorityError } from '../../src/authorities/ports/authority-gateway.port';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { callFor, caught, httpAuthorities, withRetries } from './harness';

const WRITES = AUTHORITY_TASKS.filter((t) => t.effect === 'write');
const RETRYABLE_CODES = ['UNAVAILABLE', 'INTERNAL_ERROR', 'RATE_LIMITED', 'CIRCUIT_OPEN', 'TIMEOUT'];

describe('fault injection', () => {
  let sandbox: Sandbox;
  let authorities: ReturnType<typeof httpAuthorities>;

  afterEach(async () => {
    await authorities.adapter.close();
    await sandbox.close();
  });

  async function start(faults: NonNullable<Parameters<typeof startSandbox>[0]>['faults'], seed = 42, breaker = {}, timeoutMs = 150) {
    sandbox = await startSandbox({ latencyScale: 0, seed, faults, hangMs: 5000 });
    authorities = httpAuthorities(sandbox.url, { timeoutMs, breaker: { resetTimeoutMs: 100, ...breaker } });
  }

  it('with errorRate 0.3 the adapter surfaces retryable errors; with retries every call succeeds, each applied once', async () => {
    // A generous timeout: ~65 concurrent first calls into an in-process sandbox can take longer than
    // 150 ms on a busy machine, and this test is about injected errors, not lost answers (see below).
    await start({ '*': { errorRate: 0.3 } }, 42, {}, 2000);
    const calls = WRITES.map((t) => callFor(t));

    const firstTry = await Promise.all(
      calls.map((c) =>
        authorities.gateway.execute(c).then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    const errors = firstTry.filter((e): e is AuthorityError => e !== undefined);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(calls.length);
    for (const e of errors) {
      expect(e).toBeInstanceOf(AuthorityError);
      expect(e.retryable).toBe(true);
      expect(RETRYABLE_CODES).toContain(e.code);
    }

    const outcomes = await Promise.all(calls.map((c) => withRetries(() => authorities.gateway.execute(c))));
    expect(outcomes.every((o) => Object.keys(o.result.output).length > 0)).toBe(true);

    const effects = sandbox.sideEffects();
    expect(effects.map((e) => e.idempotencyKey).sort()).toEqual(calls.map((c) => c.idempotencyKey).sort());
    expect(effects.every((e) => e.count === 1)).toBe(true);
    expect(sandbox.calls().filter((c) => c.outcome === 'fault').length).toBeGreaterThan(0);
  });

  it('with lost answers (timeoutRate 0.5) retries still apply every write exactly once', async () => {
    await start({ '*': { timeoutRate: 0.5 } }, 7, { volumeThreshold: 1000 }, 80);
    const calls = WRITES.slice(0, 12).map((t) => callFor(t));
    for (const call of calls) await withRetries(() => authorities.gateway.execute(call));

    const effects = sandbox.sideEffects();
    expect(effects).toHaveLength(calls.length);
    expect(effects.every((e) => e.count === 1)).toBe(true);
    const lostThenReplayed = calls.filter((c) => {
      const outcomes = sandbox.calls({ key: c.idempotencyKey }).map((x) => x.outcome);
      return outcomes[0] === 'timeout' && outcomes.at(-1) === 'replayed';
    });
    expect(lostThenReplayed.length).toBeGreaterThan(0);
  });

  it('is reproducible: the same seed gives the same faults in the same order', async () => {
    const run = async (seed: number) => {
      await start({ '*': { errorRate: 0.3 } }, seed, { volumeThreshold: 1000 });
      const statuses: number[] = [];
      for (const task of WRITES.slice(0, 30)) {
        await authorities.gateway.execute(callFor(task)).catch(() => undefined);
      }
      statuses.push(...sandbox.calls().map((c) => c.status));
      await authorities.adapter.close();
      await sandbox.close();
      return statuses;
    };
    const a = await run(11);
    const b = await run(11);
    const c = await run(12);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    await start({}); // for afterEach
  });

  it('applies per-system faults over the "*" defaults', async () => {
    await start({ '*': { errorRate: 1 }, dar: { errorRate: 0 } }, 1, { volumeThreshold: 1000 });
    const dar = AUTHORITY_TASKS.find((t) => t.system === 'dar')!;
    const cpr = AUTHORITY_TASKS.find((t) => t.system === 'cpr')!;
    await expect(authorities.gateway.execute(callFor(dar))).resolves.toHaveProperty('output');
    await expect(caught(authorities.gateway.execute(callFor(cpr)))).resolves.toMatchObject({ retryable: true });
  });

  it('answers an outage with 503 and Retry-After until it is over', async () => {
    const to = new Date(Date.now() + 3000).toISOString();
    await start({ jobnet: { outage: { from: new Date(Date.now() - 1000).toISOString(), to } } });
    const res = await fetch(`${sandbox.url}/systems/jobnet/tasks/cv-status`, {
      method: 'POST',
      headers: { 'idempotency-key': 'k-1' },
      body: JSON.stringify({ input: {}, subject: { cpr: '1503901234' } }),
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await expect(res.json()).resolves.toMatchObject({ code: 'OUTAGE' });
  });
});
