import type { AuthoritySystemId } from '../../../journeys/shared/contract';

export interface AuthorityEndpoint {
  /** Falls back to `defaultBaseUrl`. */
  baseUrl?: string;
  /** Sent as `Authorization: Basic` when both are set. */
  clientId?: string;
  clientSecret?: string;
  /** Overrides the adapter-wide `timeoutMs` for this system. */
  timeoutMs?: number;
}

export interface BreakerSettings {
  /** Open when more than this share of calls in the window failed (retryable failures only). */
  errorThresholdPercentage: number;
  /** Calls in the window before the breaker may open at all. */
  volumeThreshold: number;
  rollingWindowMs: number;
  /** How long an open breaker fails fast before one trial call is let through. */
  resetTimeoutMs: number;
}

export interface HttpAuthoritySettings {
  systems: Partial<Record<AuthoritySystemId, AuthorityEndpoint>>;
  defaultBaseUrl: string;
  timeoutMs: number;
  breaker?: Partial<BreakerSettings>;
}

export const DEFAULT_BREAKER: BreakerSettings = {
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  rollingWindowMs: 30_000,
  resetTimeoutMs: 30_000,
};

/** Throws an Error naming the bad setting (never the secret). */
export function checkSettings(settings: HttpAuthoritySettings): void {
  const problems: string[] = [];
  const url = (value: string | undefined, name: string) => {
    if (value === undefined) return;
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) problems.push(`${name} must be an http(s) URL`);
  };
  url(settings.defaultBaseUrl, 'defaultBaseUrl');
  if (!(settings.timeoutMs > 0)) problems.push('timeoutMs must be positive');
  for (const [system, endpoint] of Object.entries(settings.systems ?? {})) {
    url(endpoint?.baseUrl, `systems.${system}.baseUrl`);
    if (Boolean(endpoint?.clientId) !== Boolean(endpoint?.clientSecret)) {
      problems.push(`systems.${system} needs both clientId and clientSecret, or neither`);
    }
    if (endpoint?.timeoutMs !== undefined && !(endpoint.timeoutMs > 0)) problems.push(`systems.${system}.timeoutMs must be positive`);
  }
  if (problems.length > 0) throw new Error(`Invalid authority adapter settings: ${problems.join('; ')}`);
}
