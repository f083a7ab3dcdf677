import { Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from '../../platform/config/app.config';

/**
 * One hit in a fixed window, in one round trip and atomically (several API processes count the
 * same key at once). KEYS: the window's hit count, the block marker. ARGV: window ms, limit, block
 * ms. Returns hits, ms left in the window, blocked (0/1), ms left of the block.
 * A caller over the limit is blocked for the block duration; its count ends with the block, so the
 * next window starts afresh, as in @nestjs/throttler's memory storage.
 */
const HIT = `
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local block = tonumber(ARGV[3])
local blockedFor = redis.call('PTTL', KEYS[2])
if blockedFor > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or limit + 1), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockedFor }
end
local hits = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  left = window
end
if hits <= limit then
  return { hits, left, 0, 0 }
end
if block > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', block)
  redis.call('PEXPIRE', KEYS[1], block)
  return { hits, block, 1, block }
end
return { hits, left, 1, left }
`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
type HitCommand = (
  hitsKey: string,
  blockKey: string,
  windowMs: number,
  limit: number,
  blockMs: number,
) => Promise<[number, number, number, number]>;

/**
 * Where @nestjs/throttler counts. With REDIS_URL, in Redis, so every API process spends from one
 * budget per caller; without it (the embedded default, one process), in memory.
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
    try {
      const [hits, leftMs, blocked, blockedMs] = await this.redis.lfRateLimitHit(
        `${base}:hits`,
        `${base}:blocked`,
        ttl,
        limit,
        Math.max(0, blockDuration),
      );
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(leftMs / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockedMs / 1000),
      };
    } catch (error) {
      if (Date.now() - this.warnedAt > 60_000) {
        this.warnedAt = Date.now();
        this.logger.warn(`rate limits counted per process while Redis does not answer: ${(error as Error).message}`);
      }
      return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
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
