import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { registerAs } from '@nestjs/config';
import * as path from 'node:path';
import { envKeys, EnvironmentVariables } from './environment-variables';
import { parseSecretsKey, type SecretKey } from './secrets-key.config';
import { parseSelfServiceLinks } from './self-service-links.config';
import { parseSignInProviders } from './sign-in-providers.config';
import type { AppConfig, AppSettings, QuietHours } from './settings';

/** How long a PostgreSQL connection may sit idle in a pool before it is closed, unless DB_POOL_IDLE_SECONDS says otherwise. */
export const DEFAULT_POOL_IDLE_SECONDS = 300;

/**
 * The environment, validated per concern. This folder is the only place that reads `process.env`:
 * everything else receives an `AppConfig`. The variables and their checks are in
 * `environment-variables.ts`, the settings they become in `settings.ts`.
 */

export * from './settings';
export { envKeys } from './environment-variables';

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
    const primary = ['isIn', 'matches', 'isInt', 'isBoolean', 'isSecretsKey'].find((k) => k in constraints);
    const reasons = primary ? [constraints[primary]] : Object.values(constraints);
    const shown = raw[e.property] === undefined ? '' : ` (got "${String(raw[e.property]).slice(0, 60)}")`;
    // Keep only the reason text: class-validator prefixes the property name itself.
    const reason = reasons.map((r) => r.replace(new RegExp(`^${e.property}\\s*`), '')).join(', ');
    return `${e.property} ${reason}${e.property.endsWith('_URL') || /PASSWORD|SECRET/.test(e.property) ? '' : shown}`;
  });
}

/** `21-7` → quiet from 21:00 until 07:00; `none` → never; unset → the engine's default. Validated by EnvironmentVariables. */
function parseQuietHours(raw: string | undefined): QuietHours | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'none') return null;
  const [from, until] = raw.split('-').map(Number);
  return { from, until };
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
  if (authMode === 'dev' && vars.NODE_ENV === 'production') {
    // The development sign-in hands out caseworker and system tokens to anyone who asks.
    const why = vars.AUTH_MODE ? 'AUTH_MODE=dev' : 'AUTH_MODE (dev by default when DATABASE_URL is unset)';
    throw new ConfigValidationError([
      `${why} is not allowed when NODE_ENV=production: ` +
        'set AUTH_MODE=oidc with OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL, or leave NODE_ENV unset for local development',
    ]);
  }
  if (authMode === 'oidc') {
    const missing = (['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'] as const).filter((k) => !vars[k]);
    if (missing.length)
      throw new ConfigValidationError(
        missing.map(
          (k) =>
            `${k} is required when AUTH_MODE is oidc (the default with DATABASE_URL); ` +
            'set AUTH_MODE=dev for the development identity provider',
        ),
      );
  }
  const secretKeys: SecretKey[] = vars.SECRETS_KEY ? (parseSecretsKey(vars.SECRETS_KEY) as SecretKey[]) : [];
  if (authMode !== 'dev' && secretKeys.length === 0) {
    throw new ConfigValidationError([
      'SECRETS_KEY is required when AUTH_MODE is oidc: it encrypts the secrets the service keeps ' +
        '(webhook signing secrets, task tokens waiting for delivery); <key id>:<base64 of 32 random bytes>',
    ]);
  }
  const port = vars.PORT ?? 3000;
  const metricsPort = vars.METRICS_PORT ?? 9464;
  if (metricsPort !== 0 && metricsPort === port)
    throw new ConfigValidationError([`METRICS_PORT must differ from PORT (both are ${port}): metrics are not served on the public port`]);
  const links = parseSelfServiceLinks(vars.SELF_SERVICE_LINKS);
  if (typeof links === 'string') throw new ConfigValidationError([`SELF_SERVICE_LINKS ${links}`]);
  const providers = parseSignInProviders(vars.SIGNIN_PROVIDERS, env);
  if (typeof providers === 'string') throw new ConfigValidationError([`SIGNIN_PROVIDERS ${providers}`]);
  return {
    app: {
      env: (vars.NODE_ENV as AppSettings['env']) ?? 'development',
      port,
      // The development sign-in must not be reachable from the network unless someone says so.
      host: vars.HOST ?? (authMode === 'dev' ? '127.0.0.1' : '0.0.0.0'),
      role: vars.ROLE ?? 'all',
      workerNice: vars.WORKER_NICE ?? 10,
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
      poolIdleSeconds: vars.DB_POOL_IDLE_SECONDS ?? DEFAULT_POOL_IDLE_SECONDS,
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
      quietHours: parseQuietHours(vars.QUIET_HOURS),
      outboxPollMs: vars.OUTBOX_POLL_MS ?? 250,
      timerPollMs: vars.TIMER_POLL_MS ?? 1000,
      outboxVacuumAfter: vars.OUTBOX_VACUUM_AFTER ?? 5000,
      integrationAttempts: vars.INTEGRATION_ATTEMPTS ?? 6,
      integrationBackoffMs: vars.INTEGRATION_BACKOFF_MS ?? 2000,
      proxyLookupsPerDay: vars.PROXY_LOOKUPS_PER_DAY ?? 20,
    },
    authorities: { baseUrl: vars.AUTHORITY_BASE_URL, timeoutMs: vars.AUTHORITY_TIMEOUT_MS ?? 10_000 },
    auth: {
      mode: authMode,
      issuer: vars.OIDC_ISSUER,
      audience: vars.OIDC_AUDIENCE,
      jwksUrl: vars.OIDC_JWKS_URL,
      devSecret: vars.DEV_AUTH_SECRET,
    },
    selfService: {
      // Unset, it is this machine on PORT: the local provider sends the browser back there.
      publicBaseUrl: (vars.PUBLIC_BASE_URL ?? `http://localhost:${vars.PORT ?? 3000}`).replace(/\/+$/, ''),
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
    secrets: { keys: secretKeys },
    retention: { days: vars.RETENTION_DAYS ?? 365, schedule: vars.RETENTION_SCHEDULE ?? '30 3 * * *' },
    signIn: {
      providers,
      idleSeconds: (vars.SESSION_IDLE_MINUTES ?? 30) * 60,
      absoluteSeconds: (vars.SESSION_ABSOLUTE_HOURS ?? 8) * 3600,
      devProviderPort: vars.DEV_IDP_PORT,
    },
    metrics: { host: vars.METRICS_HOST ?? '127.0.0.1', port: metricsPort },
  };
}

/** Namespaced views for `ConfigService` users (`config.get('database')`). */
export const configNamespaces = (config: AppConfig) => [
  registerAs('app', () => config.app),
  registerAs('database', () => config.database),
  registerAs('queue', () => config.queue),
  registerAs('engine', () => config.engine),
];
