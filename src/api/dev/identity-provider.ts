import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { Provider, type Grant, type OidcContext } from 'oidc-provider';
import { escape as escapeHtml } from '../pages/html';

/** A person the local provider can sign in, with the claims it releases about them. */
export interface ProviderAccount {
  id: string;
  /** Which client may sign this account in (a citizen provider shows only citizens). */
  clientId: string;
  label: string;
  /** Shown next to the button (e.g. a masked CPR number or the authority). */
  detail?: string;
  claims: Record<string, unknown>;
}

export interface ProviderClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export interface LocalProviderOptions {
  port: number;
  accounts: readonly ProviderAccount[];
  clients: readonly ProviderClient[];
  /** Every claim name an account may carry (the provider releases only claims it knows). */
  claimNames: readonly string[];
}

export interface LocalProvider {
  issuer: string;
  close(): Promise<void>;
}

/**
 * The provider's state (interactions, codes, sessions) in a map of this process: the local provider
 * lives and dies with its process. Given explicitly so the library does not warn about its own.
 */
interface AdapterPayload {
  uid?: string;
  userCode?: string;
  grantId?: string;
  consumed?: number;
  [key: string]: unknown;
}

function memoryAdapter() {
  const rows = new Map<string, { payload: AdapterPayload; expires: number }>();
  const live = (key: string) => {
    const row = rows.get(key);
    if (row && row.expires < Date.now()) rows.delete(key);
    return row && row.expires >= Date.now() ? row.payload : undefined;
  };
  return class {
    constructor(private readonly model: string) {}
    private key = (id: string) => `${this.model}:${id}`;
    // The provider expects promises from every method; the map answers at once.
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      rows.set(this.key(id), { payload, expires: Date.now() + expiresIn * 1000 });
      return Promise.resolve();
    }
    find(id: string): Promise<AdapterPayload | undefined> {
      return Promise.resolve(live(this.key(id)));
    }
    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return Promise.resolve(this.findBy((p) => p.uid === uid));
    }
    findByUserCode(code: string): Promise<AdapterPayload | undefined> {
      return Promise.resolve(this.findBy((p) => p.userCode === code));
    }
    consume(id: string): Promise<void> {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      return Promise.resolve();
    }
    destroy(id: string): Promise<void> {
      rows.delete(this.key(id));
      return Promise.resolve();
    }
    revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, row] of rows) if (row.payload.grantId === grantId) rows.delete(key);
      return Promise.resolve();
    }
    private findBy(matches: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
      for (const key of rows.keys()) {
        const payload = key.startsWith(`${this.model}:`) ? live(key) : undefined;
        if (payload && matches(payload)) return payload;
      }
      return undefined;
    }
  };
}

const TEXT = {
  da: {
    title: 'Udviklings-log-ind',
    intro: 'Vælg en testperson. Denne side findes kun i udviklingstilstand.',
    as: 'Log ind som',
    signOut: 'Log ud',
    signOutAsk: 'Log ud af udviklings-log-ind?',
  },
  en: {
    title: 'Development sign-in',
    intro: 'Choose a test persona. This page exists in development mode only.',
    as: 'Sign in as',
    signOut: 'Sign out',
    signOutAsk: 'Sign out of the development sign-in?',
  },
};
type Lang = keyof typeof TEXT;
const langOf = (uiLocales: unknown): Lang => (typeof uiLocales === 'string' && uiLocales.startsWith('en') ? 'en' : 'da');

const page = (lang: Lang, title: string, body: string) =>
  `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">` +
  `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
  `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 10_000) break;
  }
  return new URLSearchParams(raw);
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1: authorization-code flow with PKCE,
 * RS256 ID tokens from its own key, discovery, JWKS and RP-initiated logout. Its sign-in page lists
 * the accounts it was given instead of asking for a password: it stands in for NemLog-in and an
 * organisation's provider in development and in the tests, and is never started otherwise.
 */
export async function startLocalProvider(o: LocalProviderOptions): Promise<LocalProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
  const accounts = new Map(o.accounts.map((a) => [a.id, a]));

  const provider = new Provider(issuer, {
    clients: o.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      post_logout_redirect_uris: [c.postLogoutRedirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
    })),
    adapter: memoryAdapter(),
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub', ...o.claimNames] },
    // The claims go into the ID token itself, as NemLog-in's do (no userinfo round trip).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: OidcContext, form: string) => {
          const lang = langOf(ctx.oidc?.params?.ui_locales);
          const t = TEXT[lang];
          // Submits itself where scripts run; a button where they do not.
          ctx.body = page(
            lang,
            t.signOutAsk,
            `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">${t.signOut}</button>
            <script>document.getElementById('op.logoutForm').insertAdjacentHTML(` +
              `'beforeend','<input type="hidden" name="logout" value="yes">');` +
              `document.getElementById('op.logoutForm').submit()</script>`,
          );
        },
        postLogoutSuccessSource: (ctx: OidcContext) => {
          ctx.body = page('da', TEXT.da.signOut, '');
        },
      },
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, ...account.claims }) } : undefined;
    },
    // First-party clients: the person agreed by signing in; there is no consent screen.
    loadExistingGrant: async (ctx: OidcContext): Promise<Grant | undefined> => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid');
      grant.addOIDCClaims(['sub', ...o.claimNames]);
      await grant.save();
      return grant;
    },
    renderError: (ctx: OidcContext, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = page('en', out.error ?? 'error', `<p>${escapeHtml(out.error_description ?? '')}</p>`);
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600 },
  });

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action?: string): Promise<void> => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const clientId = String(details.params.client_id);
    if (action === 'login' && req.method === 'POST') {
      const account = accounts.get((await formBody(req)).get('account') ?? '');
      if (!account || account.clientId !== clientId) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('unknown account');
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
      return;
    }
    const lang = langOf(details.params.ui_locales);
    const t = TEXT[lang];
    const login = `/interaction/${escapeHtml(uid)}/login`;
    const items = o.accounts
      .filter((a) => a.clientId === clientId)
      .map(
        (a) =>
          `<li><form method="post" action="${login}"><input type="hidden" name="account" value="${escapeHtml(a.id)}">
          <button type="submit">${t.as} ${escapeHtml(a.label)}</button> <span>${escapeHtml(a.detail ?? '')}</span></form></li>`,
      )
      .join('');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(page(lang, t.title, `<p>${t.intro}</p><ul>${items}</ul>`));
  };

  const callback = provider.callback();
  server.on('request', (req, res) => {
    const m = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!m) return void callback(req, res);
    interaction(req, res, m[1], m[2]).catch(() => {
      if (!res.headersSent)
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('This sign-in has expired; start again.');
    });
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
