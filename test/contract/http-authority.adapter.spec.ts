import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUTHORITY_TASKS } from '../../journeys/shared/authority-tasks';
import { PortAuthorityGateway } from '../../src/authorities/authority-gateway';
import { HttpAuthorityAdapter } from '../../src/authorities/http/http-authority.adapter';
import { bindPorts } from '../../src/authorities/ports/port-binding';
import type { AuthorityCallContext } from '../../src/authorities/ports/port-types';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { PERSONAS } from '../../src/api/dev/personas';
import { CPR_VALUE, SUBJECT, callFor, caught, expectedShape, httpAuthorities, shapeOf, spec } from './harness';

describe(HttpAuthorityAdapter.name, () => {
  describe('against the sandbox, for every catalogue operation', () => {
    let sandbox: Sandbox;
    let authorities: ReturnType<typeof httpAuthorities>;

    beforeAll(async () => {
      sandbox = await startSandbox({ latencyScale: 0, seed: 7 });
      authorities = httpAuthorities(sandbox.url);
    });
    afterAll(async () => {
      await authorities.adapter.close();
      await sandbox.close();
    });

    it.each(AUTHORITY_TASKS.map((t) => [`${t.system}/${t.task}`, t] as const))(
      'performs %s in a real HTTP round trip and answers with the catalogue output shape',
      async (_name, task) => {
        const call = callFor(task);
        const { output } = await authorities.gateway.execute(call);

        expect(shapeOf(output)).toEqual(expectedShape(task.output, output));
        expect(JSON.stringify(output)).not.toMatch(CPR_VALUE);
        expect(sandbox.calls({ key: call.idempotencyKey })).toEqual([
          expect.objectContaining({
            system: task.system,
            task: task.task,
            attempt: 1,
            status: 200,
            outcome: task.effect === 'write' ? 'applied' : 'answered',
            journeyRef: call.journeyId,
            step: call.step,
          }),
        ]);
        expect(sandbox.sideEffects({ key: call.idempotencyKey })).toHaveLength(task.effect === 'write' ? 1 : 0);
      },
    );

    it('answers with realistic values: input echoed, dates of today, fresh references', async () => {
      const task = spec('cpr', 'register-move');
      const call = callFor(task);
      const { output } = await authorities.gateway.execute(call);
      expect(output.effectiveDate).toBe(call.input.moveDate);
      expect(output.registrationRef).toMatch(new RegExp(`^FLY-${new Date().getUTCFullYear()}-\\d{6}$`));
      const again = await authorities.gateway.execute(callFor(task));
      expect(again.output.registrationRef).not.toBe(output.registrationRef);
    });

    it('sends the subject beside the input; the sandbox reads it there and keeps no trace of it', async () => {
      const lookup = spec('cpr', 'lookup-person');
      // The sandbox derives the birth date from the subject's CPR number...
      const { output } = await authorities.gateway.execute(callFor(lookup, { subject: { cpr: '150390-1234' } }));
      expect(output.birthDate).toBe('1990-03-15');
      // ...and does not know a subject with serial 0000.
      const notFound = callFor(lookup, { subject: { cpr: '0101900000' } });
      await expect(caught(authorities.gateway.execute(notFound))).resolves.toMatchObject({ code: 'PERSON_NOT_FOUND', retryable: false });
      const recorded = JSON.stringify([sandbox.calls(), sandbox.sideEffects()]);
      expect(recorded).not.toContain('1503901234');
      expect(recorded).not.toContain('150390-1234');
      expect(recorded).not.toContain('0101900000');
    });

    it('looks up a name: the test personas by their names, anyone else by a steady made-up one, serial 0000 not at all', async () => {
      const lookup = spec('cpr', 'lookup-name');
      const named = async (cpr: string) => (await authorities.gateway.execute(callFor(lookup, { subject: { cpr } }))).output;
      for (const persona of PERSONAS.filter((p) => p.role === 'citizen')) expect((await named(persona.subject)).name).toBe(persona.name);
      await expect(named('0202802345')).resolves.toEqual({ name: 'Bo Nielsen', birthDate: '1980-02-02' });
      const stranger = await named('0606901234');
      expect(stranger).toEqual({ name: expect.stringMatching(/^\p{L}+ \p{L}+$/u), birthDate: '1990-06-06' });
      expect(await named('060690-1234')).toEqual(stranger);
      const nobody = callFor(lookup, { subject: { cpr: '0606900000' } });
      await expect(caught(authorities.gateway.execute(nobody))).resolves.toMatchObject({ code: 'PERSON_NOT_FOUND', retryable: false });
    });

    it('refuses a malformed subject without echoing it', async () => {
      const call = callFor(spec('cpr', 'lookup-person'), { subject: { cpr: 'Jens 15039' } });
      const error = await caught(authorities.gateway.execute(call));
      expect(error).toMatchObject({ code: 'INVALID_SUBJECT', retryable: false });
      expect(error.message).not.toContain('Jens');
      expect(sandbox.calls({ key: call.idempotencyKey })).toEqual([]);
      // The sandbox checks too, when the gateway is bypassed.
      const ctx = { idempotencyKey: 'bad-subject', journeyId: 'j', step: 's', subject: { cpr: 'Jens 15039' } };
      const bypassed = await caught(authorities.adapter.send('cpr', 'lookup-person', {}, ctx));
      expect(bypassed).toMatchObject({ code: 'BAD_REQUEST', retryable: false });
    });

    it('sends Basic credentials to a system that demands them', async () => {
      const guarded = await startSandbox({ latencyScale: 0, credentials: { cpr: { clientId: 'engine', clientSecret: 's3cret' } } });
      const withCredentials = httpAuthorities(guarded.url, { systems: { cpr: { clientId: 'engine', clientSecret: 's3cret' } } });
      const without = httpAuthorities(guarded.url);
      try {
        const call = callFor(spec('cpr', 'lookup-person'));
        await expect(withCredentials.gateway.execute(call)).resolves.toHaveProperty('output');
        const error = await caught(without.gateway.execute({ ...call, idempotencyKey: 'other-key' }));
        expect(error).toMatchObject({ code: 'UNAUTHORIZED', retryable: false });
      } finally {
        await withCredentials.adapter.close();
        await without.adapter.close();
        await guarded.close();
      }
    });
  });

  describe('wire format', () => {
    let server: Server;
    let seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[];
    let reply: { status: number; body: string; headers?: Record<string, string>; stall?: boolean };
    let baseUrl: string;

    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          seen.push({ method: req.method, url: req.url, headers: req.headers, body });
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          // A stalled answer sends its headers and the start of its body, then nothing.
          if (reply.stall) res.write(reply.body.slice(0, 5));
          else res.end(reply.body);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    beforeEach(() => {
      seen = [];
      reply = { status: 200, body: JSON.stringify({ output: { ok: true } }) };
    });
    afterAll(() => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('POSTs { input, journeyRef, step } to {baseUrl}/systems/{system}/tasks/{task} with the idempotency key', async () => {
      const adapter = new HttpAuthorityAdapter({
        systems: { dar: { baseUrl: `${baseUrl}/dar-gateway/`, clientId: 'id', clientSecret: 'secret' } },
        defaultBaseUrl: 'http://127.0.0.1:1',
        timeoutMs: 1000,
      });
      const input = { addressId: '0a3f50a0-75e9-32b8-e044-0003ba298018' };
      await expect(
        adapter.send('dar', 'validate-address', input, { idempotencyKey: 'task-1', journeyId: 'j-1', step: 'report-move' }),
      ).resolves.toEqual({ ok: true });
      await adapter.close();

      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/dar-gateway/systems/dar/tasks/validate-address' });
      expect(seen[0].headers).toMatchObject({
        'idempotency-key': 'task-1',
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from('id:secret').toString('base64')}`,
      });
      expect(JSON.parse(seen[0].body)).toEqual({ input, journeyRef: 'j-1', step: 'report-move' });
    });

    it('sends the call subject as { subject: { cpr } } beside the input, from the gateway to the wire', async () => {
      const adapter = new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: baseUrl, timeoutMs: 1000 });
      const contexts: AuthorityCallContext[] = [];
      const gateway = new PortAuthorityGateway(
        bindPorts((system, task, input, ctx) => (contexts.push(ctx), adapter.send(system, task, input, ctx))),
        { validateInput: false },
      );
      const input = { movingDate: '2025-03-15', darAddressId: '0a3f50a0-75e9-32b8-e044-0003ba298018', municipalityCode: '0751' };
      await gateway.execute({
        system: 'cpr',
        task: 'confirm-move-registration',
        input,
        idempotencyKey: 'task-2',
        journeyId: 'j-2',
        step: 'cpr-propagation',
        subject: SUBJECT,
      });
      await adapter.close();

      expect(contexts).toEqual([{ idempotencyKey: 'task-2', journeyId: 'j-2', step: 'cpr-propagation', subject: SUBJECT }]);
      expect(seen).toHaveLength(1);
      expect(seen[0].url).toBe('/systems/cpr/tasks/confirm-move-registration');
      expect(JSON.parse(seen[0].body)).toEqual({ input, subject: { cpr: SUBJECT.cpr }, journeyRef: 'j-2', step: 'cpr-propagation' });
      expect(JSON.stringify(JSON.parse(seen[0].body).input)).not.toMatch(CPR_VALUE);
      expect(seen[0].headers['idempotency-key']).toBe('task-2');
    });

    it('sends no Authorization header without credentials', async () => {
      const adapter = new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: baseUrl, timeoutMs: 1000 });
      await adapter.send('cpr', 'lookup-person', {}, { idempotencyKey: 'k', journeyId: 'j', step: 's' });
      await adapter.close();
      expect(seen[0].headers.authorization).toBeUndefined();
    });

    it('treats a 200 without an output object as a final INVALID_RESPONSE', async () => {
      reply = { status: 200, body: '<html>login</html>' };
      const adapter = new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: baseUrl, timeoutMs: 1000 });
      const error = await caught(adapter.send('cpr', 'lookup-person', {}, { idempotencyKey: 'k', journeyId: 'j', step: 's' }));
      await adapter.close();
      expect(error).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
    });

    it('does not follow a redirect: the call and its subject go only to the configured address', async () => {
      const other = createServer((_req, res) => res.writeHead(200).end(JSON.stringify({ output: { hijacked: true } })));
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      let reached = 0;
      other.on('request', () => reached++);
      reply = { status: 307, body: '{}', headers: { location: `http://127.0.0.1:${(other.address() as AddressInfo).port}/steal` } };
      const adapter = new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: baseUrl, timeoutMs: 1000 });
      const error = await caught(
        adapter.send('cpr', 'lookup-person', {}, { idempotencyKey: 'k', journeyId: 'j', step: 's', subject: SUBJECT }),
      );
      await adapter.close();
      await new Promise<void>((resolve) => other.close(() => resolve()));
      expect(error).toMatchObject({ code: 'HTTP_307', retryable: false });
      expect(seen).toHaveLength(1);
      expect(reached).toBe(0);
    });

    it('times out an answer whose body stops arriving, as a retryable TIMEOUT', async () => {
      reply = { status: 200, body: JSON.stringify({ output: { ok: true } }), stall: true };
      const adapter = new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: baseUrl, timeoutMs: 300 });
      const started = Date.now();
      const error = await caught(adapter.send('cpr', 'lookup-person', {}, { idempotencyKey: 'k', journeyId: 'j', step: 's' }));
      await adapter.close();
      expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, message: 'cpr/lookup-person: no answer within 300 ms' });
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('refuses settings it cannot use, naming the setting but not the secret', () => {
      expect(() => new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: 'not a url', timeoutMs: 1000 })).toThrow(/defaultBaseUrl/);
      expect(
        () => new HttpAuthorityAdapter({ systems: { cpr: { clientSecret: 'hush' } }, defaultBaseUrl: baseUrl, timeoutMs: 1000 }),
      ).toThrow(/systems\.cpr needs both clientId and clientSecret/);
      expect(() => new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: baseUrl, timeoutMs: 0 })).toThrow(/timeoutMs/);
    });
  });
});
