import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttp } from '../../src/api/configure-http';
import type { JourneyDefinition } from '../../journeys/shared/contract';
import { AppModule } from '../../src/app.module';
import type { AuthorityGateway } from '../../src/authorities/ports/authority-gateway.port';
import { DataSource } from 'typeorm';
import type { ContractCheck } from './openapi-contract';
import { loadConfig, type AppConfig, type QueueBackendKind, type Role } from '../../src/platform/config/app.config';

export interface TestAppOptions {
  databaseUrl: string;
  backend: QueueBackendKind;
  definitions: JourneyDefinition[];
  gateway: AuthorityGateway;
  role?: Role;
  /** Queue namespace: unique per suite so Redis keys of suites never meet. */
  namespace: string;
  env?: Record<string, string>;
  /** Every JSON answer of the API is appended here (to check against the OpenAPI document, test/support/openapi-contract.ts). */
  captureResponses?: CapturedResponse[];
  /** Records every answer of the API, with the document the app serves, to check after the suite (`contractCheck()`). */
  contract?: ContractCheck;
}

export interface CapturedResponse {
  method: string;
  path: string;
  status: number;
  /** The JSON body; undefined for an answer without one (204, a calendar, an event stream). */
  body: unknown;
  /** The headers as sent, names in lower case. */
  headers?: Record<string, unknown>;
}

export function testConfig(o: Pick<TestAppOptions, 'databaseUrl' | 'backend' | 'role' | 'namespace' | 'env'>): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: o.databaseUrl,
    ...(o.backend === 'redis' ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ROLE: o.role ?? 'all',
    QUEUE_NAMESPACE: o.namespace,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OUTBOX_POLL_MS: '50',
    // A timer a test schedules a moment ahead fires soon after it falls due.
    TIMER_POLL_MS: '100',
    WORKER_CONCURRENCY: '8',
    AUTH_MODE: 'dev',
    DEV_AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    // The local identity provider of AUTH_MODE=dev, on a free port of its own per app.
    DEV_IDP_PORT: '0',
    // Suites sign in and write far faster than people do; the rate-limit spec sets its own limits.
    RATE_LIMIT_LOGIN: '100000',
    RATE_LIMIT_WRITES: '100000',
    ...o.env,
  });
}

export async function createTestApp(o: TestAppOptions): Promise<NestExpressApplication> {
  const config = testConfig(o);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, { definitions: o.definitions, gateway: o.gateway }),
    {
      logger: false,
      bodyParser: false,
      abortOnError: false,
    },
  );
  const captured = o.captureResponses;
  const contract = o.contract;
  if (captured || contract) {
    type Req = { method: string; path: string };
    type Res = {
      statusCode: number;
      json: (body: unknown) => unknown;
      getHeaders: () => Record<string, unknown>;
      on: (event: 'finish', listener: () => void) => void;
    };
    app.use((req: Req, res: Res, next: () => void) => {
      if (!req.path.startsWith('/api/')) return next();
      let answered = false;
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        answered = true;
        const answer = {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          body: body === undefined ? body : JSON.parse(JSON.stringify(body)),
          headers: { ...res.getHeaders() },
        };
        captured?.push(answer);
        contract?.record(answer);
        return json(body);
      };
      // Answers without a JSON body still need a documented status.
      res.on('finish', () => {
        if (!answered)
          contract?.record({
            method: req.method,
            path: req.path,
            status: res.statusCode,
            body: undefined,
            headers: { ...res.getHeaders() },
          });
      });
      next();
    });
  }
  const document = configureHttp(app);
  contract?.useDocument(document);
  await app.init();
  return app;
}

/** The citizen who owns a journey, as the actor of their own events (the event policy checks ownership). */
export async function ownerActor(app: INestApplication, journeyId: string): Promise<{ kind: 'citizen'; id: string }> {
  const [row] = await app.get(DataSource).query('SELECT citizen_id FROM journey WHERE id = $1', [journeyId]);
  return { kind: 'citizen', id: row.citizen_id };
}
