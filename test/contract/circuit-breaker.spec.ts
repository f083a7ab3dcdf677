import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { MAX_RETRY_AFTER_MS } from '../../src/authorities/http/error-mapping';
import { callFor, caught, httpAuthorities, sleep, spec } from './harness';

const RESET_MS = 300;
const lookup = spec('cpr', 'lookup-person');
const outageNow = () => ({
  cpr: { outage: { from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() } },
});

describe('circuit breaker per authority system', () => {
  let sandbox: Sandbox;
  let authorities: ReturnType<typeof httpAuthorities>;

  beforeEach(async () => {
    sandbox = await startSandbox({ latencyScale: 0 });
    authorities = httpAuthorities(sandbox.url, {
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: RESET_MS, rollingWindowMs: 10_000 },
    });
  });
  afterEach(async () => {
    await authorities.adapter.close();
    await sandbox.close();
  });

  async function failThreeTimes(): Promise<void> {
    sandbox.setFaults(outageNow());
    for (let i = 0; i < 3; i++) {
      await expect(caught(authorities.gateway.execute(callFor(lookup)))).resolves.toMatchObject({ code: 'OUTAGE', retryable: true });
    }
  }

  it('opens after repeated failures and then fails fast with CIRCUIT_OPEN and a retry time', async () => {
    await failThreeTimes();
    expect(authorities.adapter.breakerState('cpr')).toBe('open');

    const error = await caught(authorities.gateway.execute(callFor(lookup)));
    expect(error).toMatchObject({ code: 'CIRCUIT_OPEN', retryable: true });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(RESET_MS);
    expect(sandbox.calls({ system: 'cpr' })).toHaveLength(3); // the fourth call never left the engine
  });

  it('asks for at most five minutes of patience, however long the breaker stays open', async () => {
    await authorities.adapter.close();
    authorities = httpAuthorities(sandbox.url, {
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 6 * 3600_000, rollingWindowMs: 10_000 },
    });
    await failThreeTimes();
    const error = await caught(authorities.gateway.execute(callFor(lookup)));
    expect(error).toMatchObject({ code: 'CIRCUIT_OPEN', retryable: true, retryAfterMs: MAX_RETRY_AFTER_MS });
  });

  it('keeps other systems going while one is open', async () => {
    await failThreeTimes();
    await expect(authorities.gateway.execute(callFor(spec('dar', 'validate-address')))).resolves.toHaveProperty('output');
    expect(authorities.adapter.breakerState('dar')).toBe('closed');
  });

  it('closes again after the reset timeout when the trial call succeeds', async () => {
    await failThreeTimes();
    const open = await caught(authorities.gateway.execute(callFor(lookup)));
    sandbox.setFaults({});
    await sleep(open.retryAfterMs! + 20);

    await expect(authorities.gateway.execute(callFor(lookup))).resolves.toHaveProperty('output');
    expect(authorities.adapter.breakerState('cpr')).toBe('closed');
    await expect(authorities.gateway.execute(callFor(lookup))).resolves.toHaveProperty('output');
  });

  it('opens again when the trial call after the reset timeout fails', async () => {
    await failThreeTimes();
    await sleep(RESET_MS + 20);
    expect(authorities.adapter.breakerState('cpr')).toBe('half-open');
    await expect(caught(authorities.gateway.execute(callFor(lookup)))).resolves.toMatchObject({ code: 'OUTAGE' });
    await expect(caught(authorities.gateway.execute(callFor(lookup)))).resolves.toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect(sandbox.calls({ system: 'cpr' })).toHaveLength(4);
  });

  it('is not opened by final answers: an authority that says no is up', async () => {
    for (let i = 0; i < 6; i++) {
      const call = callFor(lookup, { subject: { cpr: '010190-0000' } });
      await expect(caught(authorities.gateway.execute(call))).resolves.toMatchObject({ code: 'PERSON_NOT_FOUND', retryable: false });
    }
    expect(authorities.adapter.breakerState('cpr')).toBe('closed');
  });
});
