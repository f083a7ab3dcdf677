import { createHash } from 'node:crypto';
import { Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import ipaddr from 'ipaddr.js';
import type { AppConfig } from '../../platform/config/app.config';
import { rateLimited } from '../../platform/errors/domain-error';

const SIGN_IN = 'rate-limit:sign-in';
/** A route that hands out a session or access token: limited per client address (guessing secrets, minting tokens). */
export const SignIn = () => SetMetadata(SIGN_IN, true);

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const isSignIn = (ctx: ExecutionContext) => Reflect.getMetadata(SIGN_IN, ctx.getHandler()) === true;
const method = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Request>().method;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** What the limits read of a request (Express's, as the throttler hands it over). */
interface TrackedRequest {
  ip?: string;
  socket?: { remoteAddress?: string };
  headers?: { authorization?: string; cookie?: string };
}

/**
 * The client's address (behind TRUST_PROXY hops of reverse proxies, the forwarded one). An IPv6
 * client is counted by its /64: one subscriber usually holds a whole /64 and could otherwise take a
 * fresh budget with every address in it.
 */
export function clientAddress(req: TrackedRequest): string {
  const raw = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
  if (!ipaddr.isValid(raw)) return `ip:${raw}`;
  const parsed = ipaddr.process(raw);
  if (parsed.kind() === 'ipv4') return `ip:${parsed.toString()}`;
  return `ip6:${(parsed as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}

/**
 * Writes are counted per session: the bearer token or the pages' session cookie, hashed (never
 * kept). Per address alone, every citizen behind one NAT or proxy would share a budget. A made-up
 * token gets its own budget but is refused by the auth guard, so it writes nothing.
 */
function sessionOrAddress(req: TrackedRequest): string {
  const header = req.headers?.authorization;
  const bearer = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
  const cookie = /(?:^|;\s*)lf_session=([^;]+)/.exec(req.headers?.cookie ?? '')?.[1];
  const token = bearer ?? cookie;
  return token ? `session:${sha256(token).slice(0, 32)}` : clientAddress(req);
}

/**
 * Rate limits from the configuration: sign-ins per address, writes per session, in fixed windows,
 * counted in `storage` (Redis shared by every API process when REDIS_URL is set).
 */
export function rateLimits(config: AppConfig, storage?: ThrottlerStorage): ThrottlerModuleOptions {
  const { rateLimitWindowSeconds, rateLimitLogin, rateLimitWrites } = config.security;
  const ttl = rateLimitWindowSeconds * 1000;
  return {
    // Retry-After comes with our error answer: the library would name it Retry-After-<throttler>.
    setHeaders: false,
    storage,
    // One budget per caller across routes (the library's default key is per route).
    generateKey: (_ctx, tracker, name) => sha256(`${name}:${tracker}`),
    throttlers: [
      { name: 'sign-in', ttl, limit: rateLimitLogin, skipIf: (ctx) => !isSignIn(ctx), getTracker: clientAddress },
      {
        name: 'writes',
        ttl,
        limit: rateLimitWrites,
        skipIf: (ctx) => isSignIn(ctx) || READS.has(method(ctx)),
        getTracker: sessionOrAddress,
      },
    ],
  };
}

/** @nestjs/throttler's guard, answering with our error vocabulary (429 RATE_LIMITED, with Retry-After). */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    return Promise.reject(rateLimited(`Too many requests: try again in ${seconds} seconds`, seconds));
  }
}
