import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PERSONAS } from '../../src/api/dev/personas';
import { AppConfig } from '../../src/platform/config/app.config';

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
type Agent = ReturnType<typeof request.agent>;

/**
 * The provider's side of a sign-in, as a browser without JavaScript does it: follows redirects and
 * keeps the provider's cookies. Only the app's own callback is left for the caller to visit.
 */
export class ProviderBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  private cookieHeader(url: URL): string {
    return [...(this.jar.get(url.origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(url: URL, res: Response): void {
    const jar = this.jar.get(url.origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const i = pair.indexOf('=');
      const gone = attrs.some((a) => /^\s*max-age=0/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (gone) jar.delete(pair.slice(0, i).trim());
      else jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
    this.jar.set(url.origin, jar);
  }

  /** Requests `url` and follows redirects until a page answers or the next hop leaves for `stopAt`. */
  async visit(
    url: string,
    stopAt: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<{ url: string; status: number; text: string }> {
    let target = new URL(url);
    let method = init.method ?? 'GET';
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hop = 0; hop < 10; hop++) {
      if (target.href.startsWith(stopAt)) return { url: target.href, status: 0, text: '' };
      const res = await fetch(target, {
        method,
        redirect: 'manual',
        body,
        headers: { cookie: this.cookieHeader(target), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      });
      this.keep(target, res);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        target = new URL(location, target);
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url: target.href, status: res.status, text: await res.text() };
    }
    throw new Error('too many redirects');
  }

  /** On the provider's sign-in page at `url`: chooses the account, and answers the callback URL it redirects to. */
  async approve(url: string, account: string, callbackPrefix: string): Promise<string> {
    const page = await this.visit(url, callbackPrefix);
    if (page.status === 0) return page.url;
    const done = await this.choose(page, account, callbackPrefix);
    if (done.status !== 0)
      throw new Error(`the provider did not return to the callback (status ${done.status}): ${done.text.slice(0, 200)}`);
    return done.url;
  }

  /** The whole sign-in at the service at `base`, both sides; answers the Cookie header the service's pages then get. */
  async signIn(base: string, provider: string, account: string): Promise<string> {
    const login = await this.visit(`${base}/login`, NOWHERE);
    const page = await this.visit(`${base}/login`, NOWHERE, { method: 'POST', form: { _csrf: csrfOf(login.text), provider } });
    const landed = await this.choose(page, account, NOWHERE);
    if (landed.status !== 200) throw new Error(`sign-in ended with status ${landed.status}`);
    return this.cookieHeader(new URL(base));
  }

  private async choose(page: { url: string; status: number; text: string }, account: string, stopAt: string) {
    const action = new RegExp(`<form method="post" action="([^"]+)"><input type="hidden" name="account" value="${account}">`).exec(
      page.text,
    )?.[1];
    if (!action) throw new Error(`the provider offers no account ${account} (status ${page.status})`);
    return this.visit(new URL(action, page.url).href, stopAt, { method: 'POST', form: { account } });
  }
}

const NOWHERE = 'nowhere:';

/** The path and query of an absolute URL, for a supertest agent. */
export const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

export const callbackOf = (app: INestApplication) => `${app.get(AppConfig).selfService.publicBaseUrl}/login/callback`;

/** POST /login for a provider; answers the provider URL the app redirects to. */
export async function startSignIn(agent: Agent, provider: string): Promise<string> {
  const login = await agent.get('/login').expect(200);
  const started = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(login.text), provider })
    .expect(303);
  return started.headers.location;
}

/** A test persona signs in through the local provider (real redirects, real tokens); the agent holds the session. */
export async function signInAs(
  app: INestApplication,
  personaId: string,
  agent: Agent = request.agent(app.getHttpServer()),
): Promise<Agent> {
  const persona = PERSONAS.find((p) => p.id === personaId)!;
  const provider = persona.role === 'citizen' ? 'dev-citizen' : 'dev-caseworker';
  const account = persona.role === 'citizen' ? persona.id : persona.subject;
  const callback = await new ProviderBrowser().approve(await startSignIn(agent, provider), account, callbackOf(app));
  await agent.get(pathOf(callback)).expect(303);
  return agent;
}
