import type { AuthoritySettings } from '../platform/config/app.config';
import { PortAuthorityGateway } from './authority-gateway';
import { HttpAuthorityAdapter } from './http/http-authority.adapter';
import type { HttpAuthoritySettings } from './http/http-settings';
import type { AuthorityGateway } from './ports/authority-gateway.port';
import { startSandbox, type Sandbox } from './sandbox/sandbox.server';

export interface Authorities {
  gateway: AuthorityGateway;
  adapter: HttpAuthorityAdapter;
  /** Set when no base URL was configured and an in-process sandbox answers instead. */
  sandbox?: Sandbox;
  close(): Promise<void>;
}

/** The engine's gateway over HTTP: catalogue lookup and input check, then the typed port, then the adapter. */
export function createHttpAuthorities(settings: HttpAuthoritySettings): { gateway: PortAuthorityGateway; adapter: HttpAuthorityAdapter } {
  const adapter = new HttpAuthorityAdapter(settings);
  return { gateway: new PortAuthorityGateway(adapter.ports()), adapter };
}

/**
 * What `main.ts` starts. Without a configured base URL the sandbox runs in-process, so a developer
 * gets working integrations with no setup; production sets the URL (and, later, per-system credentials).
 */
export async function startAuthorities(
  config: { authorities: AuthoritySettings },
  log: (message: string) => void = () => undefined,
  extra: Omit<HttpAuthoritySettings, 'defaultBaseUrl' | 'timeoutMs'> = { systems: {} },
): Promise<Authorities> {
  let sandbox: Sandbox | undefined;
  let baseUrl = config.authorities.baseUrl;
  if (!baseUrl) {
    sandbox = await startSandbox();
    baseUrl = sandbox.url;
    log(`authorities: no AUTHORITY_BASE_URL, using the in-process authority sandbox at ${sandbox.url}`);
  }
  const { gateway, adapter } = createHttpAuthorities({ ...extra, defaultBaseUrl: baseUrl, timeoutMs: config.authorities.timeoutMs });
  return {
    gateway,
    adapter,
    sandbox,
    close: async () => {
      await adapter.close();
      await sandbox?.close();
    },
  };
}
