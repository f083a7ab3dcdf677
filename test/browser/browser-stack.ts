import * as fs from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, Page, ViewportSize } from 'playwright-core';
import request from 'supertest';
import type { JourneyDefinition } from '../../journeys/shared/contract';
import { createHttpAuthorities } from '../../src/authorities/authorities.factory';
import type { AuthorityGateway } from '../../src/authorities/ports/authority-gateway.port';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { createTestApp, type TestAppOptions } from '../support/app';
import { createTestDatabase } from '../support/database';
import { freePort } from '../support/ports';
import { CHROMIUM, launchChromium } from './page-checks';

if (!fs.existsSync(CHROMIUM))
  process.stdout.write(`\n[tests] ${CHROMIUM} is missing: browser tests are skipped (apt-get install -y chromium).\n`);

/** A browser suite runs where Debian's Chromium is installed, and says it was skipped elsewhere. */
export const describeInBrowser = fs.existsSync(CHROMIUM) ? describe : describe.skip;

/** A phone's screen, as most browser suites see the pages. */
export const PHONE: ViewportSize = { width: 390, height: 844 };
/** A desktop browser's window. */
export const DESKTOP: ViewportSize = { width: 1280, height: 900 };

/** The citizen's sign-in service on the local provider's page. */
export const CITIZEN_SIGN_IN = 'MitID (testpersoner)';
/** The caseworker's sign-in service on the local provider's page. */
export const CASEWORKER_SIGN_IN = 'medarbejder-log-ind (testpersoner)';

export interface BrowserStackOptions {
  /** Names the suite's database and its queue namespace. */
  name: string;
  definitions: JourneyDefinition[];
  role: NonNullable<TestAppOptions['role']>;
  /** The authority sandbox's seed: the app reaches the sandbox over HTTP. Without it, `gateway` answers. */
  seed?: number;
  gateway?: AuthorityGateway;
  env?: Record<string, string>;
}

export interface NewPageOptions {
  /** Playwright's default window when left out. */
  viewport?: ViewportSize;
  /** The pages' own CSP applies; by default it is bypassed, since axe-core comes in as an inline script the CSP forbids. */
  underCsp?: boolean;
}

export interface BrowserStack {
  app: NestExpressApplication;
  /** Where the app listens, as the identity provider sends the browser back to it (PUBLIC_BASE_URL). */
  base: string;
  http: ReturnType<typeof request>;
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  sandbox?: Sandbox;
  namespace: string;
  browser: Browser;
  /** A page in a fresh browser context, in Danish. */
  newPage(o?: NewPageOptions): Promise<Page>;
  /** Another process's worth of the app (a worker, say) on the same database, queues and authorities. */
  startApp(role: BrowserStackOptions['role']): Promise<NestExpressApplication>;
  /** The sign-in page at `path`, through the provider as `name`, and back with a session. */
  signInAs(page: Page, name: string, o?: { service?: string; path?: string }): Promise<void>;
  /** On the sign-in page: the service's button, to the provider's page. */
  toProvider(page: Page, service?: string): Promise<void>;
  /** On the provider's page: the person's button, back to the app with a session. */
  backAs(page: Page, name: string): Promise<void>;
  /** "Log ud", here and at the provider, ending on the sign-in page (`landing`, a glob after the base). */
  signOut(page: Page, landing?: string): Promise<void>;
  /** Everything above, stopped and dropped: browser, apps, sandbox, database. */
  close(): Promise<void>;
}

/**
 * A suite's own stack for the pages in a real browser: a fresh database, the authority sandbox
 * behind the HTTP authorities (or the given gateway), the app listening on a port chosen beforehand
 * (the provider sends the browser back to PUBLIC_BASE_URL), and Chromium. What has started is
 * stopped again if a later part fails to start.
 */
export async function startBrowserStack(o: BrowserStackOptions): Promise<BrowserStack> {
  const started: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const stop of started.splice(0).reverse()) await stop();
  };
  try {
    const db = await createTestDatabase(o.name);
    started.push(() => db.drop());
    let gateway = o.gateway;
    let sandbox: Sandbox | undefined;
    if (o.seed !== undefined) {
      const running = await startSandbox({ latencyScale: 0, seed: o.seed });
      started.push(() => running.close());
      sandbox = running;
      gateway = createHttpAuthorities({ systems: {}, defaultBaseUrl: running.url, timeoutMs: 5000 }).gateway;
    }
    if (!gateway) throw new Error(`${o.name}: give the sandbox a seed or the app a gateway`);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const namespace = `${o.name}_${process.pid}`;
    const appOptions: TestAppOptions = {
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: o.definitions,
      gateway,
      role: o.role,
      namespace,
      env: { PUBLIC_BASE_URL: base, ...o.env },
    };
    const startApp = async (role: BrowserStackOptions['role']) => {
      const app = await createTestApp({ ...appOptions, role });
      started.push(() => app.close());
      return app;
    };
    const app = await startApp(o.role);
    await app.listen(port, '127.0.0.1');
    const browser = await launchChromium();
    started.push(() => browser.close());

    const toProvider = async (page: Page, service = CITIZEN_SIGN_IN) => {
      await Promise.all([page.waitForURL(/\/interaction\//), page.getByRole('button', { name: `Log ind med ${service}` }).click()]);
    };
    const backAs = async (page: Page, name: string) => {
      await Promise.all([page.waitForURL(`${base}/**`), page.getByRole('button', { name: `Log ind som ${name}` }).click()]);
      await page.waitForLoadState();
    };
    return {
      app,
      base,
      http: request(app.getHttpServer()),
      db,
      sandbox,
      namespace,
      browser,
      async newPage({ viewport, underCsp = false } = {}) {
        const context = await browser.newContext({ locale: 'da-DK', bypassCSP: !underCsp, ...(viewport ? { viewport } : {}) });
        return context.newPage();
      },
      startApp,
      async signInAs(page, name, { service, path = '/login' } = {}) {
        await page.goto(`${base}${path}`);
        await toProvider(page, service);
        await backAs(page, name);
      },
      toProvider,
      backAs,
      async signOut(page, landing = '/login') {
        await Promise.all([page.waitForURL(`${base}${landing}`), page.getByRole('button', { name: 'Log ud' }).click()]);
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
