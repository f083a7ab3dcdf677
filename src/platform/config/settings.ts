import type { AuthoritySystemId } from '../../../journeys/shared/contract';

/** The typed configuration every part of the service receives, one group per concern (built by `loadConfig`). */

export type Role = 'api' | 'worker' | 'all';
export type QueueBackendKind = 'redis' | 'postgres';
export type AuthMode = 'dev' | 'oidc';

export interface AppSettings {
  env: 'development' | 'production' | 'test';
  port: number;
  role: Role;
  /**
   * Niceness a `ROLE=worker` process adds to its own (0 = unchanged): on a host it shares with an
   * API process, citizens' requests get the CPU first and jobs, which wait durably, after.
   */
  workerNice: number;
  logLevel: string;
  logPretty: boolean;
  shutdownTimeoutMs: number;
  authMode: AuthMode;
}
/** The listener of `GET /metrics`, apart from the public port. */
export interface MetricsSettings {
  /** Loopback by default: only a scraper on the same host (or a sidecar) reads the metrics. */
  host: string;
  /** 0: a port the OS chooses (several processes on one host in tests); the bound port is logged. */
  port: number;
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
  /** Rows a relay moves between two `VACUUM` of the outbox (0: leave it to autovacuum). */
  outboxVacuumAfter: number;
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
  metrics!: MetricsSettings;
}
