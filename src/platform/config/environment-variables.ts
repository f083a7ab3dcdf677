import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { IsSecretsKey } from './secrets-key.config';
import type { AuthMode, Role } from './settings';

/**
 * How each variable is checked when the service starts (class-validator); `loadConfig` turns them into settings.
 * The environment holds strings: anything else is left for the validators to refuse.
 */

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === 'true' || value === '1'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value;
const toIntList = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : typeof value === 'string'
      ? value.split(',').map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN))
      : value;

/** Variables as they appear in the environment. Property names are the variable names. */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsIn(['api', 'worker', 'all'])
  ROLE?: Role;

  @IsOptional()
  @Matches(/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)$/, {
    message: 'must be an IP address or host name to listen on, e.g. 127.0.0.1 or 0.0.0.0',
  })
  HOST?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  @IsOptional()
  @Matches(/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]*|[a-zA-Z0-9]([a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?)$/, {
    message: 'must be an IP address or host name to listen on, e.g. 127.0.0.1 or 0.0.0.0',
  })
  METRICS_HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  DB_POOL_IDLE_SECONDS?: number;

  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,30}$/, { message: 'must be a lowercase identifier (letters, digits, _)' })
  QUEUE_NAMESPACE?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(19)
  WORKER_NICE?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  LOG_PRETTY?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  OPERATOR_PASSWORD?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional()
  @IsIn(['dev', 'oidc'])
  AUTH_MODE?: AuthMode;

  @IsOptional()
  @Transform(toIntList)
  @IsInt({ each: true, message: 'must be a comma-separated list of whole days, e.g. 7,2' })
  @Min(0, { each: true })
  @Max(365, { each: true })
  REMINDER_DAYS?: number[];

  @IsOptional()
  @Matches(/^(none|([01]?\d|2[0-3])-([01]?\d|2[0-3]))$/, {
    message: 'must be two hours 0–23 of the Danish day, from-until (e.g. 21-7), or none',
  })
  QUIET_HOURS?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  PROXY_LOOKUPS_PER_DAY?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60000)
  OUTBOX_POLL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60000)
  TIMER_POLL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  OUTBOX_VACUUM_AFTER?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  INTEGRATION_ATTEMPTS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3600000)
  INTEGRATION_BACKOFF_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600000)
  WORKER_LOCK_MS?: number;

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'must be an http:// or https:// URL' })
  AUTHORITY_BASE_URL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'must be an http:// or https:// URL' })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  OIDC_AUDIENCE?: string;

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'must be an http:// or https:// URL' })
  OIDC_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  DEV_AUTH_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120000)
  AUTHORITY_TIMEOUT_MS?: number;

  @IsOptional()
  @Matches(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/, { message: 'must be an http:// or https:// URL without query or fragment' })
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @IsString()
  SELF_SERVICE_LINKS?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  CLIENT_TOKEN_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  CLIENT_TOKEN_TTL_SECONDS?: number;

  @IsOptional()
  @IsSecretsKey()
  SECRETS_KEY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  WEBHOOK_ATTEMPTS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3600000)
  WEBHOOK_BACKOFF_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60000)
  WEBHOOK_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_LOGIN?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_WRITES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY?: number;

  @IsOptional()
  @IsString()
  SIGNIN_PROVIDERS?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  SESSION_IDLE_MINUTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24)
  SESSION_ABSOLUTE_HOURS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  DEV_IDP_PORT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36500)
  RETENTION_DAYS?: number;

  @IsOptional()
  @Matches(/^\S+( \S+){4}$/, { message: 'must be a cron pattern of five fields, e.g. "30 3 * * *"' })
  RETENTION_SCHEDULE?: string;
}

/** The variables `loadConfig` reads (documented in docs/operations.md, "Configuration reference"). */
export const envKeys = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'ROLE',
  'METRICS_PORT',
  'METRICS_HOST',
  'DATABASE_URL',
  'REDIS_URL',
  'DATA_DIR',
  'EMBEDDED_PG_PORT',
  'DB_POOL_SIZE',
  'DB_POOL_IDLE_SECONDS',
  'QUEUE_NAMESPACE',
  'WORKER_CONCURRENCY',
  'WORKER_NICE',
  'LOG_LEVEL',
  'LOG_PRETTY',
  'OPERATOR_PASSWORD',
  'SHUTDOWN_TIMEOUT_MS',
  'AUTH_MODE',
  'REMINDER_DAYS',
  'QUIET_HOURS',
  'PROXY_LOOKUPS_PER_DAY',
  'OUTBOX_POLL_MS',
  'TIMER_POLL_MS',
  'OUTBOX_VACUUM_AFTER',
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
  'SECRETS_KEY',
  'WEBHOOK_ATTEMPTS',
  'WEBHOOK_BACKOFF_MS',
  'WEBHOOK_TIMEOUT_MS',
  'RATE_LIMIT_WINDOW_SECONDS',
  'RATE_LIMIT_LOGIN',
  'RATE_LIMIT_WRITES',
  'TRUST_PROXY',
  'RETENTION_DAYS',
  'RETENTION_SCHEDULE',
  'SIGNIN_PROVIDERS',
  'SESSION_IDLE_MINUTES',
  'SESSION_ABSOLUTE_HOURS',
  'DEV_IDP_PORT',
] as const;
