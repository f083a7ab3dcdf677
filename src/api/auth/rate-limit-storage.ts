import { Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../../platform/config/app.config';

/**
 * One request's hit in a fixed window, in one round trip and atomically (several API processes
 * count the same key at once), and from the caller's second hit in the window on, up to `want`
 * hits at once: the hit itself and a lease of spare hits the calling process spends without asking
 * again (a caller seen once, such as a made-up token, gets no lease). KEYS: the window's hit count,
 * the block marker. ARGV: window ms, limit, block ms, want. Returns hits counted (the lease
 * included), ms left in the window, blocked (0/1), ms left of the block, hits granted. The grant
 * never takes the count past the limit; at or over it, the one hit is counted and the caller is
 * blocked for the block duration. Its count ends with the block, or with the window if that ends
 * later (a lease of the window may be spent until then), so the next window starts afresh, as in
 * @nestjs/throttler's memory storage.
 */
const HIT = `
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local block = tonumber(ARGV[3])
local want = tonumber(ARGV[4])
local blockedFor = redis.call('PTTL', KEYS[2])
if blockedFor > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or limit + 1), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockedFor, 0 }
end
local counted = tonumber(redis.call('GET', KEYS[1]) or 0)
local grant = 1
if counted > 0 then
  grant = math.max(1, math.min(want, limit - counted))
end
local hits = redis.call('INCRBY', KEYS[1], grant)
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  left = window
end
if hits <= limit then
  return { hits, left, 0, 0, grant }
end
if block > 0 then
  local keep = math.max(left, block)
  redis.call('SET', KEYS[2], '1', 'PX', block)
  redis.call('PEXPIRE', KEYS[1], keep)
  return { hits, keep, 1, block, 0 }
end
return { hits, left, 1, left, 0 }
`;

/**
 * Hits a process takes from Redis at once for a limit: a thirty-second of it, 1 to 16. A caller
 * whose requests all reach one process costs two round trips per window and lease instead of one
 * per request. What a process leased and did not spend is lost (with its window, a restart, or
 * when the process lets the lease go to keep its memory bounded): with P processes a caller may be
 * refused up to P × (lease − 1) hits before its limit (8 per process for 300 writes), never after.
 * A process may still spend its lease while the caller is blocked on another, within the limit.
 * Limits below 64 (sign-ins) lease nothing and stay exact.
 */
export function leaseSize(limit: number): number {
  return Math.min(16, Math.max(1, Math.floor(limit / 32)));
}

/** Hits this process leased for a caller and has not spent yet, within the window that counted them. */
interface Lease {
  spare: number;
  /** The caller's count in Redis when leased (the lease included). */
  counted: number;
  /** When the window ends, on the monotonic clock (`performance.now()`). */
  windowEndsAt: number;
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
/** A hit's answer, and whether another lease could still bring spare hits in this window. */
interface Hit {
  record: ThrottlerStorageRecord;
  more: boolean;
}
type HitCommand = (
  hitsKey: string,
  blockKey: string,
  windowMs: number,
  limit: number,
  blockMs: number,
  want: number,
) => Promise<[number, number, number, number, number]>;

/**
 * Where @nestjs/throttler counts. With REDIS_URL, in Redis, so every API process spends from one
 * budget per caller, a lease of a few hits at a time (`leaseSize`); without it (the embedded
 * default, one process), in memory.
 *
 * Written here rather than taken from a package: the maintained Redis storage for throttler v6
 * (@nest-lab/throttler-storage-redis 1.2) declares peers up to NestJS 11 only.
 *
 * Redis unreachable: requests are counted in this process's memory meanwhile (per-process limits,
 * as without Redis) rather than refused or let through uncounted; a warning says so once a minute.
 */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly memory = new ThrottlerStorageService();
  /** Per throttler and caller seen twice in a window; an entry is about two hundred bytes. */
  private readonly leases = new LRUCache<string, Lease>({ max: 50_000 });
  /** The lease each caller is waiting for from Redis, if any. */
  private readonly leasing = new Map<string, Promise<Hit>>();
  private readonly redis?: Redis & { lfRateLimitHit: HitCommand };
  private readonly prefix: string;
  private warnedAt = 0;

  constructor(config: AppConfig) {
    this.prefix = `${config.queue.namespace}:rate-limit:`;
    if (!config.queue.redisUrl) return;
    const redis = new Redis(config.queue.redisUrl, {
      // Fail at once while disconnected: a sign-in must not wait for Redis to come back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      connectionName: `livsforloeb-${config.app.role}-rate-limits`,
    });
    redis.on('error', () => undefined);
    redis.defineCommand('lfRateLimitHit', { numberOfKeys: 2, lua: HIT });
    this.redis = redis as Redis & { lfRateLimitHit: HitCommand };
  }

  /** Where hits are counted: `redis` (shared by every process) or `memory` (this process). */
  get kind(): 'redis' | 'memory' {
    return this.redis ? 'redis' : 'memory';
  }

  /** The first requests count in Redis too: wait (briefly) for the connection before the app serves. */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 5000);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) this.logger.warn('Redis did not answer within 5 s: rate limits are counted per process until it does');
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (!this.redis) return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
    // One hash slot for both keys (Redis Cluster), named by throttler and the hashed caller.
    const base = `${this.prefix}{${throttlerName}:${key}}`;
    const want = leaseSize(limit);
    const ask = () => this.hit(base, key, ttl, limit, blockDuration, throttlerName, want);
    if (want === 1) return (await ask()).record;
    // A caller's requests that arrive together wait for the lease in flight and spend it, rather
    // than each leasing (and leaving) hits of its own. Once a lease can bring no more (the caller
    // is blocked or at its limit, or Redis does not answer), each request asks on its own, so
    // nothing queues behind a caller that floods.
    for (;;) {
      const spent = this.spend(base);
      if (spent) return spent;
      const inFlight = this.leasing.get(base);
      if (!inFlight) break;
      if (!(await inFlight).more) return (await ask()).record;
    }
    const leased = ask();
    this.leasing.set(base, leased);
    try {
      return (await leased).record;
    } finally {
      if (this.leasing.get(base) === leased) this.leasing.delete(base);
    }
  }

  /** A hit from this process's lease for the caller, while it has spare hits in its window. */
  private spend(base: string): ThrottlerStorageRecord | undefined {
    const lease = this.leases.get(base);
    const now = performance.now();
    if (!lease || lease.spare === 0 || now >= lease.windowEndsAt) return undefined;
    lease.spare--;
    return {
      totalHits: lease.counted - lease.spare,
      timeToExpire: Math.ceil((lease.windowEndsAt - now) / 1000),
      isBlocked: false,
      timeToBlockExpire: 0,
    };
  }

  private async hit(
    base: string,
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
    want: number,
  ): Promise<Hit> {
    const startedAt = performance.now();
    try {
      const [hits, leftMs, blocked, blockedMs, granted] = await this.redis!.lfRateLimitHit(
        `${base}:hits`,
        `${base}:blocked`,
        ttl,
        limit,
        Math.max(0, blockDuration),
        want,
      );
      const spare = Math.max(0, granted - 1);
      if (spare > 0) this.leases.set(base, { spare, counted: hits, windowEndsAt: startedAt + leftMs });
      else this.leases.delete(base);
      const record = {
        totalHits: hits - spare,
        timeToExpire: Math.ceil(leftMs / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockedMs / 1000),
      };
      return { record, more: blocked === 0 && hits < limit };
    } catch (error) {
      if (Date.now() - this.warnedAt > 60_000) {
        this.warnedAt = Date.now();
        this.logger.warn(`rate limits counted per process while Redis does not answer: ${(error as Error).message}`);
      }
      return { record: await this.memory.increment(key, ttl, limit, blockDuration, throttlerName), more: false };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.memory.onApplicationShutdown();
    if (!this.redis) return;
    // QUIT waits for a connection that may never come; a client that is not connected just stops trying.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis?.disconnect());
    else this.redis.disconnect();
  }
}

/** Gives the throttler's options factory its storage (and Nest the storage's shutdown hook). */
@Module({ providers: [RateLimitStorage], exports: [RateLimitStorage] })
export class RateLimitStorageModule {}
