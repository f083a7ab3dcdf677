import { randomBytes } from 'node:crypto';
import { RateLimitStorage } from '../../src/api/auth/rate-limit-storage';
import { loadConfig } from '../../src/platform/config/app.config';

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
