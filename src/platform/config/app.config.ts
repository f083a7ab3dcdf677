import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import { registerAs } from '@nestjs/config';
import * as path from 'node:path';
import type { AuthoritySystemId } from '../../../journeys/shared/contract';
import { parseSelfServiceLinks } from './self-service-links.config';

/**
 * The environment, validated per concern. This folder is the only place that reads `process.env`:
 * everything else receives an `AppConfig`.
 */

export type Role = 'api' | 'worker' | 'all';
export type QueueBackendKind = 'redis' | 'postgres';
export type AuthMode = 'dev' | 'oidc';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const toIntList = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : String(value)
        .split(',')
        .map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN));

/** Variables as they appear in the environment. Property names are the variable names. */
class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsIn(['api', 'worker', 'all'])
  ROLE?: Role;

  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional() @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional() @IsString() @MinLength(1)
  DATA_DIR?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE?: number;

  @IsOptional() @Matches(/^[a-z][a-z0-9_]{0,30}$/, { message: 'must be a lowercase identifier (letters, digits, _)' })
  QUEUE_NAMESPACE?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(256)
  WORKER_CONCURRENCY?: number;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @Transform(toBool) @IsBoolean()
  LOG_PRETTY?: boolean;

  @IsOptional() @IsString() @MinLength(12, { message: 'must be at least 12 characters' })
  OPERATOR_PASSWORD?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) @Max(600000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional() @IsIn(['dev', 'oidc'])
  AUTH_MODE?: AuthMode;

  @IsOptional() @Transform(toIntList) @IsInt({ each: true, message: 'must be a comma-separated list of whole days, e.g. 7,2' }) @Min(0, { each: true }) @Max(365, { each: true })
  REMINDER_DAYS?: number[];

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(60000)
  OUTBOX_POLL_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(50)
  INTEGRATION_ATTEMPTS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(3600000)
  INTEGRATION_BACKOFF_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(500) @Max(600000)
  WORKER_LOCK_MS?: number;

  @IsOptional() @Matches(/^https?:\/\/.+/, { message: 'must be an http:// or https:// URL' })
  AUTHORITY_BASE_URL?: string;

  @IsOptional() @Matches(/^https?:\/\/.+/, { message: 'must be an http:// or https:// URL' })
  OIDC_ISSUER?: string;

  @IsOptional() @IsString() @MinLength(1)
  OIDC_AUDIENCE?: string;

  @IsOptional() @Matches(/^https?:\/\/.+/, { message: 'must be an http:// or https:// URL' })
  OIDC_JWKS_URL?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  DEV_AUTH_SECRET?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(120000)
  AUTHORITY_TIMEOUT_MS?: number;

  @IsOptional() @Matches(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/, { message: 'must be an http:// or https:// URL without query or fragment' })
  PUBLIC_BASE_URL?: string;

  @IsOptional() @IsString()
  SELF_SERVICE_LINKS?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  CLIENT_TOKEN_SECRET?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(60) @Max(3600)
  CLIENT_TOKEN_TTL_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(30)
  WEBHOOK_ATTEMPTS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(3600000)
  WEBHOOK_BACKOFF_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60000)
  WEBHOOK_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  RATE_LIMIT_LOGIN?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  RATE_LIMIT_WRITES?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(10)
  TRUST_PROXY?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(36500)
  RETENTION_DAYS?: number;

  @IsOptional() @Matches(/^\S+( \S+){4}$/, { message: 'must be a cron pattern of five fields, e.g. "30 3 * * *"' })
  RETENTION_SCHEDULE?: string;
}

export interface AppSettings {
  env: 'development' | 'production' | 'test';
  port: number;
  role: Role;
  logLevel: string;
  logPretty: boolean;
  shutdownTimeoutMs: number;
  authMode: AuthMode;
}
export interface DatabaseSettings {
  /** Undefined until the embedded server has started (embedded mode). */
  url?: string;
  embedded: boolean;
  dataDir: string;
  embeddedPort: number;
  poolSize: number;
}
export interface QueueSettings {
  backend: QueueBackendKind;
  redisUrl?: string;
  namespace: string;
  concurrency: number;
  /** How long a worker holds a job before another may take it over (a crashed worker's jobs return after this). */
  lockMs: number;
}
export interface OperatorSettings {
  /** Generated at start when not configured (embedded mode), so the dashboard is never open. */
  password?: string;
}
export interface AuthoritySettings {
  /** Where the authorities' systems answer; unset = an in-process sandbox is started. */
  baseUrl?: string;
  timeoutMs: number;
}
export interface AuthSettings {
  mode: AuthMode;
  issuer?: string;
  audience?: string;
  jwksUrl?: string;
  /** HS256 key of the development identity provider (AUTH_MODE=dev); generated when unset. */
  devSecret?: string;
}
export interface SelfServiceSettings {
  /** Where citizens reach the service (return URLs of deep links, hook URLs in webhooks), without a trailing slash. */
  publicBaseUrl: string;
  /** Base URL of each authority system's self-service solution, for deep links from citizen steps. */
  links: Partial<Record<AuthoritySystemId, string>>;
  /** HS256 key of the client-credentials token issuer; unset = derived from the dev key, or random per process. */
  clientTokenSecret?: string;
  clientTokenTtlSeconds: number;
  webhookAttempts: number;
  /** First retry delay of a webhook delivery; each retry doubles it, with jitter. */
  webhookBackoffMs: number;
  webhookTimeoutMs: number;
  /** Webhook targets may be http://127.0.0.1 / http://localhost (AUTH_MODE=dev only). */
  allowLocalHttpTargets: boolean;
}
export interface EngineSettings {
  reminderDays: number[];
  outboxPollMs: number;
  /** Default retry policy of integration tasks (per-task overrides in src/workers/retry-policy.ts). */
  integrationAttempts: number;
  integrationBackoffMs: number;
}

export interface SecuritySettings {
  /** Rate limits count requests in windows of this length. */
  rateLimitWindowSeconds: number;
  /** Sign-ins (dev token, page login, client credentials) per client address and window. */
  rateLimitLogin: number;
  /** Writes (POST, PUT, PATCH, DELETE) per session token, or per client address without one, and window. */
  rateLimitWrites: number;
  /** Reverse-proxy hops to trust for the client address (X-Forwarded-For); 0 = use the socket's address. */
  trustProxy: number;
}
export interface RetentionSettings {
  /** Personal data of journeys finished longer ago than this is pseudonymised. */
  days: number;
  /** Cron pattern (Europe/Copenhagen) of the retention job. */
  schedule: string;
}

export class AppConfig {
  app!: AppSettings;
  database!: DatabaseSettings;
  queue!: QueueSettings;
  operator!: OperatorSettings;
  engine!: EngineSettings;
  authorities!: AuthoritySettings;
  auth!: AuthSettings;
  selfService!: SelfServiceSettings;
  security!: SecuritySettings;
  retention!: RetentionSettings;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

function describe(errors: ValidationError[], raw: Record<string, unknown>): string[] {
  return errors.map((e) => {
    const constraints = e.constraints ?? {};
    // A value of the wrong kind also breaks its range checks; say only what matters first.
    const primary = ['isIn', 'matches', 'isInt', 'isBoolean'].find((k) => k in constraints);
    const reasons = primary ? [constraints[primary]] : Object.values(constraints);
    const shown = raw[e.property] === undefined ? '' : ` (got "${String(raw[e.property]).slice(0, 60)}")`;
    // Keep only the reason text: class-validator prefixes the property name itself.
    const reason = reasons.map((r) => r.replace(new RegExp(`^${e.property}\\s*`), '')).join(', ');
    return `${e.property} ${reason}${e.property.endsWith('_URL') || /PASSWORD|SECRET/.test(e.property) ? '' : shown}`;
  });
}

/**
 * Builds the typed configuration from an environment. Throws `ConfigValidationError` naming every
 * bad variable; `main.ts` prints its message as one line and exits.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of envKeys) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigValidationError(describe(errors, raw));

  const embedded = !vars.DATABASE_URL;
  const authMode = vars.AUTH_MODE ?? (embedded ? 'dev' : 'oidc');
  if (authMode === 'oidc') {
    const missing = (['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'] as const).filter((k) => !vars[k]);
    if (missing.length) throw new ConfigValidationError(missing.map((k) => `${k} is required when AUTH_MODE is oidc (the default with DATABASE_URL); set AUTH_MODE=dev for the development identity provider`));
  }
  const links = parseSelfServiceLinks(vars.SELF_SERVICE_LINKS);
  if (typeof links === 'string') throw new ConfigValidationError([`SELF_SERVICE_LINKS ${links}`]);
  return {
    app: {
      env: (vars.NODE_ENV as AppSettings['env']) ?? 'development',
      port: vars.PORT ?? 3000,
      role: vars.ROLE ?? 'all',
      logLevel: vars.LOG_LEVEL ?? 'info',
      logPretty: vars.LOG_PRETTY ?? false,
      shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS ?? 25_000,
      authMode,
    },
    database: {
      url: vars.DATABASE_URL,
      embedded,
      dataDir: path.resolve(vars.DATA_DIR ?? '.data'),
      embeddedPort: vars.EMBEDDED_PG_PORT ?? 54329,
      poolSize: vars.DB_POOL_SIZE ?? 10,
    },
    queue: {
      backend: vars.REDIS_URL ? 'redis' : 'postgres',
      redisUrl: vars.REDIS_URL,
      namespace: vars.QUEUE_NAMESPACE ?? 'livsforloeb',
      concurrency: vars.WORKER_CONCURRENCY ?? 16,
      lockMs: vars.WORKER_LOCK_MS ?? 30_000,
    },
    operator: { password: vars.OPERATOR_PASSWORD },
    engine: {
      reminderDays: vars.REMINDER_DAYS ?? [7, 2],
      outboxPollMs: vars.OUTBOX_POLL_MS ?? 250,
      integrationAttempts: vars.INTEGRATION_ATTEMPTS ?? 6,
      integrationBackoffMs: vars.INTEGRATION_BACKOFF_MS ?? 2000,
    },
    authorities: { baseUrl: vars.AUTHORITY_BASE_URL, timeoutMs: vars.AUTHORITY_TIMEOUT_MS ?? 10_000 },
    auth: { mode: authMode, issuer: vars.OIDC_ISSUER, audience: vars.OIDC_AUDIENCE, jwksUrl: vars.OIDC_JWKS_URL, devSecret: vars.DEV_AUTH_SECRET },
    selfService: {
      publicBaseUrl: (vars.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
      links,
      clientTokenSecret: vars.CLIENT_TOKEN_SECRET,
      clientTokenTtlSeconds: vars.CLIENT_TOKEN_TTL_SECONDS ?? 600,
      webhookAttempts: vars.WEBHOOK_ATTEMPTS ?? 12,
      webhookBackoffMs: vars.WEBHOOK_BACKOFF_MS ?? 30_000,
      webhookTimeoutMs: vars.WEBHOOK_TIMEOUT_MS ?? 10_000,
      allowLocalHttpTargets: authMode === 'dev',
    },
    security: {
      rateLimitWindowSeconds: vars.RATE_LIMIT_WINDOW_SECONDS ?? 60,
      rateLimitLogin: vars.RATE_LIMIT_LOGIN ?? 10,
      rateLimitWrites: vars.RATE_LIMIT_WRITES ?? 300,
      trustProxy: vars.TRUST_PROXY ?? 0,
    },
    retention: { days: vars.RETENTION_DAYS ?? 365, schedule: vars.RETENTION_SCHEDULE ?? '30 3 * * *' },
  };
}

/** The variables `loadConfig` reads (documented in the README's configuration table). */
export const envKeys = [
  'NODE_ENV',
  'PORT',
  'ROLE',
  'DATABASE_URL',
  'REDIS_URL',
  'DATA_DIR',
  'EMBEDDED_PG_PORT',
  'DB_POOL_SIZE',
  'QUEUE_NAMESPACE',
  'WORKER_CONCURRENCY',
  'LOG_LEVEL',
  'LOG_PRETTY',
  'OPERATOR_PASSWORD',
  'SHUTDOWN_TIMEOUT_MS',
  'AUTH_MODE',
  'REMINDER_DAYS',
  'OUTBOX_POLL_MS',
  'INTEGRATION_ATTEMPTS',
  'INTEGRATION_BACKOFF_MS',
  'WORKER_LOCK_MS',
  'AUTHORITY_BASE_URL',
  'AUTHORITY_TIMEOUT_MS',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'OIDC_JWKS_URL',
  'DEV_AUTH_SECRET',
  'PUBLIC_BASE_URL',
  'SELF_SERVICE_LINKS',
  'CLIENT_TOKEN_SECRET',
  'CLIENT_TOKEN_TTL_SECONDS',
  'WEBHOOK_ATTEMPTS',
  'WEBHOOK_BACKOFF_MS',
  'WEBHOOK_TIMEOUT_MS',
  'RATE_LIMIT_WINDOW_SECONDS',
  'RATE_LIMIT_LOGIN',
  'RATE_LIMIT_WRITES',
  'TRUST_PROXY',
  'RETENTION_DAYS',
  'RETENTION_SCHEDULE',
] as const;

/** Namespaced views for `ConfigService` users (`config.get('database')`). */
export const configNamespaces = (config: AppConfig) => [
  registerAs('app', () => config.app),
  registerAs('database', () => config.database),
  registerAs('queue', () => config.queue),
  registerAs('engine', () => config.engine),
];
