import dns, { type LookupAddress } from 'node:dns';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { allDefinitions } from '../../journeys';
import { SecretBox, sealContext } from '../../src/platform/crypto/secret-box';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { waitFor } from '../support/private-redis';
import { AcceptingGateway, selfServiceHelpers } from '../support/self-service';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const FAILURE_CLASSES = ['refused_address', 'unreachable', 'timeout', 'tls', 'bad_response', 'http_3xx', 'http_4xx', 'http_5xx'];
const ATTEMPTS = 4;

/**
 * A DNS that the test answers for a few names of its own, the way an attacker's name server
 * answers for theirs; every other name goes to the machine's resolver. The delivery code asks it
 * through node:dns exactly as it asks the real one, so the whole sending path is exercised.
 */
function scriptedDns(answers: Record<string, (call: number) => LookupAddress[]>) {
  const calls: Record<string, number> = {};
  const original = dns.lookup;
  const spy = jest.spyOn(dns, 'lookup').mockImplementation((hostname: string, options: unknown, callback?: unknown) => {
    const answer = answers[hostname];
    if (!answer) return (original as (...a: unknown[]) => void)(hostname, options, callback);
    const cb = (typeof options === 'function' ? options : callback) as (err: null, a: LookupAddress[] | string, f?: number) => void;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
    const addresses = answer((calls[hostname] = (calls[hostname] ?? 0) + 1));
    process.nextTick(() => (all ? cb(null, addresses) : cb(null, addresses[0].address, addresses[0].family)));
  });
  return { calls, restore: () => spy.mockRestore() };
}

/** A TCP port that does something other than answer HTTP, and counts who connected. */
async function tcpPort(onConnection: (socket: Socket) => void): Promise<{ port: number; connections: number; close(): Promise<void> }> {
  const state = { port: 0, connections: 0, close: () => Promise.resolve() };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.close = () => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

const moving = allDefinitions().filter((d) => d.id === 'moving');
const v4 = (address: string): LookupAddress[] => [{ address, family: 4 }];

describe('webhook delivery to checked addresses only', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let receiver: WebhookReceiver;
  let h: ReturnType<typeof selfServiceHelpers>;
  let sql: DataSource;
  let token: string;
  let resolver: ReturnType<typeof scriptedDns>;
  let probe: Awaited<ReturnType<typeof tcpPort>>;
  let silent: Awaited<ReturnType<typeof tcpPort>>;
  let garbage: Awaited<ReturnType<typeof tcpPort>>;
  let closedPort: number;

  beforeAll(async () => {
    db = await createTestDatabase('webhook_delivery_targets');
    receiver = await startWebhookReceiver();
    // Accepts and hangs up at once: a port where a TLS handshake cannot succeed.
    probe = await tcpPort((s) => s.end());
    silent = await tcpPort(() => undefined);
    garbage = await tcpPort((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const gone = await tcpPort(() => undefined);
    closedPort = gone.port;
    await gone.close();
    resolver = scriptedDns({
      'private.solution.example.dk': () => v4('10.20.30.40'),
      'mixed.solution.example.dk': () => [
        { address: '93.184.215.14', family: 4 },
        { address: '192.168.0.10', family: 4 },
      ],
      'v6.solution.example.dk': () => [
        { address: '2a00:1450:4001:80e::200e', family: 6 },
        { address: '::ffff:169.254.169.254', family: 6 },
      ],
      // Rebinding: this machine (allowed in development) and the cloud metadata address in turn.
      'rebind.solution.example.dk': (call) => v4(call % 2 === 1 ? '127.0.0.1' : '169.254.169.254'),
    });
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: moving,
      gateway: new AcceptingGateway(),
      namespace: `webhook_delivery_targets_${process.pid}`,
      env: { WEBHOOK_BACKOFF_MS: '50', WEBHOOK_ATTEMPTS: String(ATTEMPTS), WEBHOOK_TIMEOUT_MS: '400' },
    });
    h = selfServiceHelpers(app);
    sql = app.get(DataSource);
    token = await h.clientToken(await h.createClient('municipality'));
  });
  afterAll(async () => {
    await app?.close();
    resolver?.restore();
    await Promise.all([receiver?.close(), probe?.close(), silent?.close(), garbage?.close()]);
    await db?.drop();
  });

  const subscribe = async (url: string): Promise<string> =>
    (
      await h
        .http()
        .post('/api/self-service/webhooks')
        .set('Authorization', `Bearer ${token}`)
        .send({ url, events: ['step.awaiting'] })
        .expect(201)
    ).body.id;

  it(
    'refuses at delivery what the name resolves to, connects only to the address it checked, and logs a class, not the socket ' + 'error',
    async () => {
      const targets = {
        private: await subscribe('https://private.solution.example.dk/hooks'),
        mixed: await subscribe('https://mixed.solution.example.dk/hooks'),
        v6: await subscribe('https://v6.solution.example.dk/hooks'),
        rebind: await subscribe(`https://rebind.solution.example.dk:${probe.port}/hooks`),
        closed: await subscribe(`http://127.0.0.1:${closedPort}/hooks`),
        wrongProtocol: await subscribe(`https://127.0.0.1:${receiver.url.split(':')[2]}`),
        silent: await subscribe(`http://127.0.0.1:${silent.port}/hooks`),
        garbage: await subscribe(`http://127.0.0.1:${garbage.port}/hooks`),
        byName: await subscribe(receiver.url.replace('127.0.0.1', 'localhost')),
      };
      // A target stored before the current rules: the delivery checks it again.
      const [{ id: legacy }] = await sql.query(
        `INSERT INTO webhook_subscription (client_id, authority, url, events, secret)
       SELECT client_id, authority, 'https://10.0.0.7/hooks', events, 'whsec_legacy' FROM webhook_subscription WHERE id = $1 RETURNING id`,
        [targets.byName],
      );
      // Sealed for its own row, as the service keeps every signing secret.
      await sql.query('UPDATE webhook_subscription SET secret = NULL, secret_sealed = $2 WHERE id = $1', [
        legacy,
        app.get(SecretBox).seal('whsec_legacy', sealContext.webhookSecret(legacy)),
      ]);

      const { journeyId } = await h.reportedMove('0101901234');
      const rows = async (): Promise<Record<string, any>[]> =>
        sql.query(`SELECT subscription_id, status, attempts, last_status_code, last_error FROM webhook_delivery WHERE journey_id = $1`, [
          journeyId,
        ]);
      await waitFor(async () => {
        const all = await rows();
        return all.length === 10 && all.every((r) => r.status !== 'pending');
      }, 30_000);
      const bySubscription = new Map((await rows()).map((r) => [r.subscription_id, r]));
      const outcome = (id: string) => {
        const r = bySubscription.get(id)!;
        return { status: r.status, attempts: r.attempts, lastError: r.last_error };
      };
      const failed = (lastError: string) => ({ status: 'failed', attempts: ATTEMPTS, lastError });

      expect(outcome(targets.private)).toEqual(failed('refused_address'));
      expect(outcome(targets.mixed)).toEqual(failed('refused_address'));
      expect(outcome(targets.v6)).toEqual(failed('refused_address'));
      expect(outcome(legacy)).toEqual(failed('refused_address'));
      expect(outcome(targets.closed)).toEqual(failed('unreachable'));
      expect(outcome(targets.wrongProtocol)).toEqual(failed('tls'));
      expect(outcome(targets.silent)).toEqual(failed('timeout'));
      expect(outcome(targets.garbage)).toEqual(failed('bad_response'));
      expect(outcome(targets.byName)).toEqual({ status: 'delivered', attempts: 1, lastError: null });

      // One resolution per attempt, and a connection exactly when that answer was allowed: the
      // two answers of this machine reached the port, the two metadata answers never did.
      expect(resolver.calls['rebind.solution.example.dk']).toBe(ATTEMPTS);
      expect(probe.connections).toBe(ATTEMPTS / 2);
      expect(outcome(targets.rebind)).toEqual(failed('refused_address'));
      expect(resolver.calls['private.solution.example.dk']).toBe(ATTEMPTS);

      // What the solution's operators read: a class, never what the socket said.
      const log = await h
        .http()
        .get(`/api/self-service/webhooks/${targets.closed}/deliveries`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(log.body[0]).toMatchObject({ status: 'failed', attempts: ATTEMPTS, lastStatusCode: null, lastError: 'unreachable' });
      const errors: { last_error: string | null }[] = await sql.query('SELECT DISTINCT last_error FROM webhook_delivery');
      for (const { last_error } of errors) if (last_error !== null) expect(FAILURE_CLASSES).toContain(last_error);
    },
  );

  it('delivered only what the published AsyncAPI document describes (/api/asyncapi.json)', () => {
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.contractProblems).toEqual([]);
  });
});
