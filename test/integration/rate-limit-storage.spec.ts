import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { leaseSize, RateLimitStorage } from '../../src/api/auth/rate-limit-storage';
import { loadConfig } from '../../src/platform/config/app.config';
import { freePort } from '../support/ports';
import { PrivateRedis } from '../support/private-redis';

const redisOnly = process.env.REDIS_URL ? describe : describe.skip;

const storageOn = (redisUrl?: string) =>
  new RateLimitStorage(
    loadConfig({
      DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
      AUTH_MODE: 'dev',
      QUEUE_NAMESPACE: `rl_${randomBytes(3).toString('hex')}`,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    }),
  );

/** The throttler's storage in Redis: one budget however many processes count at once. */
redisOnly('rate-limit storage in Redis', () => {
  const storages: RateLimitStorage[] = [];
  afterAll(async () => {
    for (const s of storages) await s.onApplicationShutdown();
  });

  it('does allow exactly the limit when two storages (two processes) count the same caller at once', async () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
      AUTH_MODE: 'dev',
      QUEUE_NAMESPACE: `rl_${randomBytes(3).toString('hex')}`,
      REDIS_URL: process.env.REDIS_URL,
    });
    const a = new RateLimitStorage(config);
    const b = new RateLimitStorage(config);
    storages.push(a, b);
    await Promise.all([a.onModuleInit(), b.onModuleInit()]);
    expect(a.kind).toBe('redis');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).increment('caller-1', 60_000, 10, 60_000, 'sign-in')),
    );
    expect(results.filter((r) => !r.isBlocked)).toHaveLength(10);
    const blocked = results.filter((r) => r.isBlocked);
    expect(blocked).toHaveLength(30);
    for (const r of blocked) expect(r.timeToBlockExpire).toBeGreaterThanOrEqual(59);
    // Another caller and another throttler have budgets of their own.
    expect((await a.increment('caller-2', 60_000, 10, 60_000, 'sign-in')).isBlocked).toBe(false);
    expect((await a.increment('caller-1', 60_000, 10, 60_000, 'writes')).isBlocked).toBe(false);
  });

  /** Connections that read the counts in Redis, closed after the suite. */
  const readers: Redis[] = [];
  afterAll(() => {
    for (const r of readers) r.disconnect();
  });

  /** Two storages of one namespace, as two API processes, and what Redis counts for a caller. */
  async function twoProcesses(redisUrl = process.env.REDIS_URL!) {
    const namespace = `rl_${randomBytes(3).toString('hex')}`;
    const config = loadConfig({
      DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
      AUTH_MODE: 'dev',
      QUEUE_NAMESPACE: namespace,
      REDIS_URL: redisUrl,
    });
    const a = new RateLimitStorage(config);
    const b = new RateLimitStorage(config);
    storages.push(a, b);
    await Promise.all([a.onModuleInit(), b.onModuleInit()]);
    const reader = new Redis(redisUrl);
    readers.push(reader);
    const counted = async (caller: string, throttler: string) =>
      Number((await reader.get(`${namespace}:rate-limit:{${throttler}:${caller}}:hits`)) ?? 0);
    return { a, b, reader, counted };
  }

  it('does count a caller seen once alone, then lease hits and spend them in the process, counting each request in order', async () => {
    const { a, counted } = await twoProcesses();
    const limit = 320;
    const lease = leaseSize(limit);
    expect(lease).toBe(10);
    const totals = [(await a.increment('caller-4', 60_000, limit, 60_000, 'writes')).totalHits];
    // A caller seen once (a made-up token, say) is counted alone and leaves no lease behind.
    expect(await counted('caller-4', 'writes')).toBe(1);
    for (let i = 0; i < lease; i++) {
      totals.push((await a.increment('caller-4', 60_000, limit, 60_000, 'writes')).totalHits);
      // The second request leased the whole lease; the others were spent here without counting again.
      expect(await counted('caller-4', 'writes')).toBe(1 + lease);
    }
    expect(totals).toEqual(Array.from({ length: lease + 1 }, (_, i) => i + 1));
    const next = await a.increment('caller-4', 60_000, limit, 60_000, 'writes');
    expect(next.totalHits).toBe(lease + 2);
    expect(await counted('caller-4', 'writes')).toBe(1 + 2 * lease);
  });

  it('does let two processes with leases through no more than the limit, and no fewer than the leases they hold', async () => {
    const { a, b, counted } = await twoProcesses();
    const limit = 96;
    const lease = leaseSize(limit);
    expect(lease).toBe(3);
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) => (i % 2 ? a : b).increment('caller-5', 60_000, limit, 60_000, 'writes')),
    );
    const admitted = results.filter((r) => !r.isBlocked).length;
    expect(admitted).toBeLessThanOrEqual(limit);
    expect(admitted).toBeGreaterThanOrEqual(limit - 2 * (lease - 1));
    for (const r of results.filter((x) => !x.isBlocked)) expect(r.totalHits).toBeLessThanOrEqual(limit);
    // Over the limit the caller is blocked in Redis, for every process.
    expect((await a.increment('caller-5', 60_000, limit, 60_000, 'writes')).isBlocked).toBe(true);
    expect((await b.increment('caller-5', 60_000, limit, 60_000, 'writes')).isBlocked).toBe(true);
    expect(await counted('caller-5', 'writes')).toBeGreaterThan(limit);
  });

  it('does not spend a lease after its window: the next window counts afresh', async () => {
    const { a, counted } = await twoProcesses();
    const limit = 320;
    await a.increment('caller-6', 2000, limit, 0, 'writes');
    await a.increment('caller-6', 2000, limit, 0, 'writes');
    expect(await counted('caller-6', 'writes')).toBe(1 + leaseSize(limit));
    await new Promise((r) => setTimeout(r, 2200));
    expect(await counted('caller-6', 'writes')).toBe(0);
    const again = await a.increment('caller-6', 2000, limit, 0, 'writes');
    expect(again.totalHits).toBe(1);
    expect(await counted('caller-6', 'writes')).toBe(1);
  });

  it("does not queue a caller's requests one behind another while Redis does not answer: they wait for it together", async () => {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    try {
      const { a, reader } = await twoProcesses(redis.url);
      const limit = 320;
      await a.increment('caller-7', 60_000, limit, 60_000, 'writes');
      // Redis takes commands and answers none for a while: each hit gives up after the client's 1 s.
      await reader.call('CLIENT', 'PAUSE', '8000', 'ALL');
      const startedAt = Date.now();
      const results = await Promise.all(Array.from({ length: 6 }, () => a.increment('caller-7', 60_000, limit, 60_000, 'writes')));
      // Counted in memory meanwhile; one after another, six requests would have taken six seconds.
      expect(results.every((r) => !r.isBlocked)).toBe(true);
      expect(Date.now() - startedAt).toBeLessThan(4000);
    } finally {
      await redis.stop();
    }
  }, 20_000);

  it('does count in memory when Redis does not answer, instead of refusing or letting everyone through', async () => {
    const down = storageOn('redis://127.0.0.1:1');
    storages.push(down);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await down.increment('caller-3', 60_000, 3, 60_000, 'sign-in'));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, true]);
  });
});

describe('rate-limit storage without Redis', () => {
  it('does count in this process memory (the embedded default)', async () => {
    const memory = storageOn();
    expect(memory.kind).toBe('memory');
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await memory.increment('caller', 60_000, 2, 60_000, 'sign-in'));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, true]);
    await memory.onApplicationShutdown();
  });
});
