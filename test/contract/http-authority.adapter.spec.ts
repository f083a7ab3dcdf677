import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUTHORITY_TASKS } from '../../journeys/shared/authority-tasks';
import { HttpAuthorityAdapter } from '../../src/authorities/http/http-authority.adapter';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { callFor, caught, httpAuthorities, shapeOf, spec } from './harness';

describe(HttpAuthorityAdapter.name, () => {
  describe('against the sandbox, for every catalogue operation', () => {
    let sandbox: Sandbox;
    let authorities: ReturnType<typeof httpAuthorities>;

    beforeAll(async () => {
      sandbox = await startSandbox({ latencyScale: 0, seed: 7 });
      authorities = httpAuthorities(sandbox.url);
    });
    afterAll(async () => {
      authorities.adapter.close();
      await sandbox.close();
    });

    it.each(AUTHORITY_TASKS.map((t) => [`${t.system}/${t.task}`, t] as const))(
      'performs %s in a real HTTP round trip and answers with the catalogue output shape',
      async (_name, task) => {
        const call = callFor(task);
        const { output } = await authorities.gateway.execute(call);

        expect(shapeOf(output)).toEqual(shapeOf(task.output));
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
        withCredentials.adapter.close();
        without.adapter.close();
        await guarded.close();
      }
    });
  });

  describe('wire format', () => {
    let server: Server;
    let seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[];
    let reply: { status: number; body: string };
    let baseUrl: string;

    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          seen.push({ method: req.method, url: req.url, headers: req.headers, body });
          res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    beforeEach(() => {
      seen = [];
      reply = { status: 200, body: JSON.stringify({ output: { ok: true } }) };
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('POSTs { input, journeyRef, step } to {baseUrl}/systems/{system}/tasks/{task} with the idempotency key', async () => {
      const adapter = new HttpAuthorityAdapter({
        systems: { dar: { baseUrl: `${baseUrl}/dar-gateway/`, clientId: 'id', clientSecret: 'secret' } },
        defaultBaseUrl: 'http://127.0.0.1:1',
        timeoutMs: 1000,
      });
      const input = { addressId: '0a3f50a0-75e9-32b8-e044-0003ba298018' };
      await expect(adapter.send('dar', 'validate-address', input, { idempotencyKey: 'task-1', journeyId: 'j-1', step: 'report-move' })).resolves.toEqual({ ok: true });
      adapter.close();

      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/dar-gateway/systems/dar/tasks/validate-address' });
      expect(seen[0].headers).toMatchObject({
        'idempotency-key': 'task-1',
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from('id:secret').toString('base64')}`,
      });
      expect(JSON.parse(seen[0].body)).toEqual({ input, journeyRef: 'j-1', step: 'report-move' });
    });

    it('sends no Authorization header without credentials', async () => {
      const adapter = new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: baseUrl, timeoutMs: 1000 });
      await adapter.send('cpr', 'lookup-person', {}, { idempotencyKey: 'k', journeyId: 'j', step: 's' });
      adapter.close();
      expect(seen[0].headers.authorization).toBeUndefined();
    });

    it('treats a 200 without an output object as a final INVALID_RESPONSE', async () => {
      reply = { status: 200, body: '<html>login</html>' };
      const adapter = new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: baseUrl, timeoutMs: 1000 });
      const error = await caught(adapter.send('cpr', 'lookup-person', {}, { idempotencyKey: 'k', journeyId: 'j', step: 's' }));
      adapter.close();
      expect(error).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
    });

    it('refuses settings it cannot use, naming the setting but not the secret', () => {
      expect(() => new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: 'not a url', timeoutMs: 1000 })).toThrow(/defaultBaseUrl/);
      expect(() => new HttpAuthorityAdapter({ systems: { cpr: { clientSecret: 'hush' } }, defaultBaseUrl: baseUrl, timeoutMs: 1000 })).toThrow(
        /systems\.cpr needs both clientId and clientSecret/,
      );
      expect(() => new HttpAuthorityAdapter({ systems: {}, defaultBaseUrl: baseUrl, timeoutMs: 0 })).toThrow(/timeoutMs/);
    });
  });
});
