import type { AuthoritySystemId } from '../../../journeys/shared/contract';
import type { SecretKey } from './secrets-key.config';

/** The typed configuration every part of the service receives, one group per concern (built by `loadConfig`). */

export type Role = 'api' | 'worker' | 'all';
export type QueueBackendKind = 'redis' | 'postgres';
export type AuthMode = 'dev' | 'oidc';

export interface AppSettings {
  env: 'development' | 'production' | 'test';
  port: number;
  /** Address the HTTP server listens on: 127.0.0.1 in AUTH_MODE=dev unless HOST says otherwise, else 0.0.0.0. */
  host: string;
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
  /** How long a connection may sit idle in the pool before it is closed (0: never). */
  poolIdleSeconds: number;
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
  /** Webhook targets may be loopback addresses, over http too (AUTH_MODE=dev only). */
  allowLocalHttpTargets: boolean;
}
/** Whole hours of the Danish day: quiet from `from`:00 until `until`:00 (across midnight when from > until). */
export interface QuietHours {
  from: number;
  until: number;
}

export interface EngineSettings {
  reminderDays: number[];
  /**
   * When letters and reminders wait for daytime (QUIET_HOURS): Danish hours from–until, null for
   * never, undefined for the engine's default (src/engine/notifications/quiet-hours.ts).
   */
  quietHours?: QuietHours | null;
  outboxPollMs: number;
  /** How often a worker looks for due timers when none is known to fall due sooner. */
  timerPollMs: number;
  /** Rows a relay moves between two `VACUUM` of the outbox (0: leave it to autovacuum). */
  outboxVacuumAfter: number;
  /** Default retry policy of integration tasks (per-task overrides in src/platform/queue/retry-policy.ts). */
  integrationAttempts: number;
  integrationBackoffMs: number;
  /** CPR name lookups a citizen may make in a day when giving powers of attorney. */
  proxyLookupsPerDay: number;
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
/** One OpenID Connect provider people sign in to the pages with (see docs/security.md, "Signing in"). */
export interface SignInProviderSettings {
  /** Lowercase id, used in the sign-in form and in the name of its secret variable. */
  id: string;
  role: 'citizen' | 'caseworker';
  /** Issuer URL; its `/.well-known/openid-configuration` is read at the first sign-in. */
  issuer: string;
  clientId: string;
  /** From `SIGNIN_<ID>_CLIENT_SECRET`; without it the client is public (PKCE only). */
  clientSecret?: string;
  scope: string;
  /** Sent as `acr_values` when set, e.g. to ask NemLog-in for NSIS substantial. */
  acrValues?: string;
  /** The only algorithm an ID token of this provider may be signed with. */
  idTokenAlg: string;
  claims: { cpr: string; name: string; authority: string; loa: string };
  /** Accepted values of the assurance-level claim; empty = not checked. */
  acceptedLoa: string[];
  /** Caseworkers: the one authority this provider signs in for (else read from the authority claim). */
  authority?: AuthoritySystemId;
  /** Caseworkers: the authorities the authority claim may name (default: all known). */
  authorities?: AuthoritySystemId[];
  label: { da: string; en: string };
}
export interface SignInSettings {
  /** Configured providers (SIGNIN_PROVIDERS); with AUTH_MODE=dev the local provider's two are added at start. */
  providers: SignInProviderSettings[];
  idleSeconds: number;
  absoluteSeconds: number;
  /**
   * Port of the local development provider on 127.0.0.1 (AUTH_MODE=dev; 0 = any free port; unset = 3001, or any free
   * port when 3001 is taken).
   */
  devProviderPort?: number;
}
export interface SecretsSettings {
  /**
   * Keys of the secret box (AES-256-GCM), newest first: the first seals, any of them opens. Empty
   * only in AUTH_MODE=dev, where a key derived from the development key is used.
   */
  keys: SecretKey[];
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
  secrets!: SecretsSettings;
  retention!: RetentionSettings;
  signIn!: SignInSettings;
  metrics!: MetricsSettings;
}
