import { PortAuthorityGateway } from '../../src/authorities/authority-gateway';
import { errorFromException, errorFromResponse, MAX_RETRY_AFTER_MS, retryAfterMs } from '../../src/authorities/http/error-mapping';
import { AuthorityError } from '../../src/authorities/ports/authority-gateway.port';
import { bindPorts } from '../../src/authorities/ports/port-binding';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { CPR_LIKE, callFor, caught, httpAuthorities, spec } from './harness';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('authority error mapping', () => {
  describe('HTTP answers', () => {
    it.each([
      [400, { code: 'VALIDATION_FAILED' }, 'VALIDATION_FAILED'],
      [404, { code: 'PERSON_NOT_FOUND' }, 'PERSON_NOT_FOUND'],
      [409, { code: 'ALREADY_REGISTERED' }, 'ALREADY_REGISTERED'],
      [422, {}, 'HTTP_422'],
    ])('treats %i as final and keeps the authority code', async (status, body, code) => {
      await expect(errorFromResponse(json(status, body), 'cpr/register-move')).resolves.toMatchObject({ code, retryable: false });
    });

    it.each([
      [500, 'INTERNAL_ERROR'],
      [502, 'HTTP_502'],
      [503, 'UNAVAILABLE'],
      [504, 'HTTP_504'],
      [408, 'HTTP_408'],
    ])('treats %i as retryable', async (status, code) => {
      const body = code.startsWith('HTTP_') ? {} : { code };
      await expect(errorFromResponse(json(status, body), 'cpr/register-move')).resolves.toMatchObject({ code, retryable: true });
    });

    it('treats 429 as retryable and passes Retry-After on', async () => {
      const error = await errorFromResponse(json(429, { code: 'RATE_LIMITED' }, { 'retry-after': '2' }), 'dar/search-address');
      expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 2000 });
      expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
      expect(retryAfterMs('soon')).toBeUndefined();
    });

    it('bounds every "retry later" wait to five minutes, since such waits spend no attempt', async () => {
      expect(MAX_RETRY_AFTER_MS).toBe(5 * 60 * 1000);
      expect(retryAfterMs('86400')).toBe(MAX_RETRY_AFTER_MS);
      expect(retryAfterMs('9'.repeat(400))).toBe(MAX_RETRY_AFTER_MS);
      expect(retryAfterMs(new Date(Date.now() + 48 * 3600_000).toUTCString())).toBe(MAX_RETRY_AFTER_MS);
      expect(retryAfterMs(new Date(Date.now() - 60_000).toUTCString())).toBe(0);
      await expect(errorFromResponse(json(429, {}, { 'retry-after': '3600' }), 'dar/x')).resolves.toMatchObject({
        retryAfterMs: MAX_RETRY_AFTER_MS,
      });

      const patient = new AuthorityError('CIRCUIT_OPEN', true, 'cpr: circuit open', 24 * 3600_000);
      expect(errorFromException(patient, 'cpr/x', 100)).toMatchObject({
        code: 'CIRCUIT_OPEN',
        retryable: true,
        retryAfterMs: MAX_RETRY_AFTER_MS,
      });
      const modest = new AuthorityError('RATE_LIMITED', true, 'dar: slow down', 2000);
      expect(errorFromException(modest, 'dar/x', 100)).toBe(modest);
      // Whatever port answers, the gateway hands the engine a bounded wait.
      const gateway = new PortAuthorityGateway(bindPorts(async () => Promise.reject(patient)));
      await expect(caught(gateway.execute(callFor(spec('cpr', 'lookup-person'))))).resolves.toMatchObject({
        retryAfterMs: MAX_RETRY_AFTER_MS,
      });
    });

    it('never copies the authority message or an odd code into the error', async () => {
      const error = await errorFromResponse(
        json(400, { code: 'bad code 150390-1234', message: 'CPR 150390-1234 (Jens Hansen) is wrong' }),
        'cpr/x',
      );
      expect(error.code).toBe('HTTP_400');
      expect(error.message).not.toMatch(CPR_LIKE);
      expect(error.message).not.toContain('Jens');
    });
  });

  describe('failures before an answer', () => {
    it('maps our timeout to a retryable TIMEOUT', () => {
      expect(errorFromException(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'cpr/x', 100)).toMatchObject({
        code: 'TIMEOUT',
        retryable: true,
      });
    });

    it('maps a network failure to a retryable NETWORK_ERROR', () => {
      const error = new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
      expect(errorFromException(error, 'cpr/x', 100)).toMatchObject({
        code: 'NETWORK_ERROR',
        retryable: true,
        message: 'cpr/x: ECONNREFUSED',
      });
    });
  });

  describe('end to end through the gateway', () => {
    let sandbox: Sandbox;
    let authorities: ReturnType<typeof httpAuthorities>;

    beforeAll(async () => {
      sandbox = await startSandbox({ latencyScale: 0 });
      authorities = httpAuthorities(sandbox.url, { timeoutMs: 200 });
    });
    afterEach(() => sandbox.reset());
    afterAll(async () => {
      await authorities.adapter.close();
      await sandbox.close();
    });

    it('answers an unknown system or task with a final UNKNOWN_TASK, without calling anyone', async () => {
      const call = callFor(spec('cpr', 'lookup-person'));
      await expect(caught(authorities.gateway.execute({ ...call, task: 'teleport' }))).resolves.toMatchObject({
        code: 'UNKNOWN_TASK',
        retryable: false,
      });
      await expect(caught(authorities.gateway.execute({ ...call, system: 'nasa' as never }))).resolves.toMatchObject({
        code: 'UNKNOWN_TASK',
        retryable: false,
      });
      expect(sandbox.calls()).toEqual([]);
    });

    it('answers input the task does not accept with a final INVALID_INPUT, without calling anyone', async () => {
      const example = callFor(spec('cpr', 'register-move'));
      const call = { ...example, input: { ...example.input, cpr: '150390-1234' } };
      const error = await caught(authorities.gateway.execute(call));
      expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
      expect(error.message).toContain('(cpr)');
      expect(error.message).not.toMatch(CPR_LIKE);
      expect(sandbox.calls()).toEqual([]);
    });

    it('passes the authority refusals on as final errors with their codes', async () => {
      const notFound = callFor(spec('cpr', 'lookup-person'), { subject: { cpr: '150390-0000' } });
      await expect(caught(authorities.gateway.execute(notFound))).resolves.toMatchObject({ code: 'PERSON_NOT_FOUND', retryable: false });
      const tooEarly = callFor(spec('udbetaling-danmark-pension', 'apply-folkepension'), {
        input: { startDate: '2030-01-01', deferred: false },
        subject: { cpr: '010190-1231' },
      });
      await expect(caught(authorities.gateway.execute(tooEarly))).resolves.toMatchObject({ code: 'BELOW_PENSION_AGE', retryable: false });
      // Bypassing the gateway's own check: the sandbox validates too.
      const bad = await caught(
        authorities.adapter.send('cpr', 'register-move', { cpr: 'x' }, { idempotencyKey: 'k', journeyId: 'j', step: 's' }),
      );
      expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false });
      const unknown = await caught(authorities.adapter.send('cpr', 'teleport', {}, { idempotencyKey: 'k2', journeyId: 'j', step: 's' }));
      expect(unknown).toMatchObject({ code: 'UNKNOWN_TASK', retryable: false });
    });

    it('maps injected faults, slowness and a dead host to retryable errors', async () => {
      const call = () => callFor(spec('dar', 'validate-address'));
      sandbox.setFaults({ dar: { errorRate: 1 } });
      await expect(caught(authorities.gateway.execute(call()))).resolves.toMatchObject({ retryable: true });
      sandbox.setFaults({ dar: { latencyMs: 400 } });
      await expect(caught(authorities.gateway.execute(call()))).resolves.toMatchObject({ code: 'TIMEOUT', retryable: true });

      const dead = httpAuthorities('http://127.0.0.1:1');
      await expect(caught(dead.gateway.execute(call()))).resolves.toMatchObject({
        code: 'NETWORK_ERROR',
        retryable: true,
        message: 'dar/validate-address: ECONNREFUSED',
      });
      await dead.adapter.close();
    });

    it('turns an unexpected port failure into a retryable ADAPTER_ERROR without personal data', async () => {
      const gateway = new PortAuthorityGateway(bindPorts(() => Promise.reject(new Error('socket hung up while sending 150390-1234'))));
      const error = await caught(gateway.execute(callFor(spec('cpr', 'lookup-person'))));
      expect(error).toMatchObject({ code: 'ADAPTER_ERROR', retryable: true });
      expect(error.message).not.toMatch(CPR_LIKE);
    });

    it('refuses to start with a port that lacks an operation', () => {
      const ports = { ...bindPorts(() => Promise.resolve({})), cpr: {} as never };
      expect(() => new PortAuthorityGateway(ports)).toThrow(/cpr\/lookup-person, cpr\/lookup-name, cpr\/register-move/);
    });
  });
});
