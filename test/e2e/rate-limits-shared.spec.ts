import { createTestDatabase } from '../support/database';
import { freePort } from '../support/ports';
import { ServiceProcess } from '../support/service-process';

const redisOnly = process.env.REDIS_URL ? describe : describe.skip;

/** Two API processes behind one load balancer: with REDIS_URL a caller has one budget, not one per process. */
redisOnly('rate limits across API processes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const services: ServiceProcess[] = [];
  const bases: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('rate_limits_shared');
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: process.env.REDIS_URL!,
      ROLE: 'api',
      AUTH_MODE: 'dev',
      QUEUE_NAMESPACE: `rl_shared_${process.pid}`,
      DEV_AUTH_SECRET: 'rate-limits-shared-secret-0123456789abcdef',
      RATE_LIMIT_LOGIN: '3',
      RATE_LIMIT_WRITES: '4',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      LOG_LEVEL: 'warn',
      // One trusted proxy hop: each test plays clients at addresses of its own.
      TRUST_PROXY: '1',
    };
    for (let i = 0; i < 2; i++) {
      const port = String(await freePort());
      const service = new ServiceProcess({ ...env, PORT: port });
      service.start();
      await service.ready(60_000);
      services.push(service);
      bases.push(`http://127.0.0.1:${port}`);
    }
  }, 150_000);
  afterAll(async () => {
    for (const service of services) {
      if (service.exitCode === null) {
        service.signal('SIGTERM');
        await service.exited().catch(() => undefined);
      }
    }
    await db?.drop();
  });

  const signIn = (base: string, address: string) =>
    fetch(`${base}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ role: 'citizen', subject: '0101901234' }),
    });

  it('does allow three sign-ins from one address across both processes, then refuses on each with Retry-After', async () => {
    const [a, b] = bases;
    expect((await signIn(a, '203.0.113.1')).status).toBe(201);
    expect((await signIn(b, '203.0.113.1')).status).toBe(201);
    expect((await signIn(a, '203.0.113.1')).status).toBe(201);
    for (const base of [b, a]) {
      const refused = await signIn(base, '203.0.113.1');
      expect(refused.status).toBe(429);
      expect((await refused.json()).code).toBe('RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    // Another address has a budget of its own.
    expect((await signIn(b, '203.0.113.2')).status).toBe(201);
  });

  it('does count a session writes on both processes together', async () => {
    const [a, b] = bases;
    const { token } = await (await signIn(a, '203.0.113.10')).json();
    const write = (base: string) =>
      fetch(`${base}/api/journeys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.10' },
        body: JSON.stringify({ type: 'no-such-journey' }),
      });
    const statuses = [];
    for (const base of [a, b, a, b, a, b]) statuses.push((await write(base)).status);
    expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });
});
