import 'reflect-metadata';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { allDefinitions } from '../journeys';
import { AppModule } from './app.module';
import { startAuthorities } from './authorities/authorities.factory';
import { ConfigValidationError, loadConfig, type AppConfig } from './platform/config/app.config';
import { localSecret, useLocalDevSecret } from './platform/config/local-secret';
import { startEmbeddedPostgres } from './platform/database/embedded-postgres';
import { configureHttp } from './api/configure-http';
import { devExposureWarning } from './platform/http/listen-address';
import { listenForMetrics, MetricsEndpoint, type MetricsListener } from './platform/metrics/metrics-endpoint';
import { mountQueueDashboard } from './platform/operator/queue-dashboard';
import { Queues } from './platform/queue/queues';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigValidationError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const log = pino({ level: config.app.logLevel, base: { service: 'livsforloeb', role: config.app.role } });
  const cleanups: (() => Promise<void>)[] = [];

  if (config.database.embedded) {
    const embedded = await startEmbeddedPostgres(config.database, (m) => log.info(m));
    config.database.url = embedded.url;
    cleanups.push(() => embedded.stop());
    log.info(
      { dataDir: embedded.dataDir },
      `embedded PostgreSQL: data lives in ${embedded.dataDir}; set DATABASE_URL (and REDIS_URL) to use external services`,
    );
  }
  if (!config.operator.password && config.database.embedded) {
    // Never an open dashboard: a generated password, kept next to the data, not in the log.
    config.operator.password = localSecret(config.database.dataDir, 'operator-password');
    log.info(`operator dashboard password is in ${path.join(config.database.dataDir, 'operator-password')} (user "operator")`);
  }
  useLocalDevSecret(config);

  if (config.app.role === 'worker' && config.app.workerNice > 0) {
    // Jobs wait durably; a citizen's request on the same host should not wait behind them.
    try {
      os.setPriority(Math.min(19, os.getPriority() + config.app.workerNice));
    } catch (e) {
      log.warn(`could not lower the worker's CPU priority: ${(e as Error).message}`);
    }
  }

  const authorities = await startAuthorities(config, (m) => log.info(m));
  cleanups.unshift(() => authorities.close());

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, { definitions: allDefinitions(), gateway: authorities.gateway }),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  configureHttp(app);
  if (config.operator.password) mountQueueDashboard(app, app.get(Queues).all(), config.operator.password);
  else log.warn('OPERATOR_PASSWORD is not set: the queue dashboard at /operator/queues is disabled');

  // eslint-disable-next-line prefer-const -- declared before the shutdown handler, which may run before the listener exists
  let metrics: MetricsListener | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping (no new jobs, finishing the ones in flight)`);
    setTimeout(() => {
      log.error('shutdown took too long, exiting');
      process.exit(1);
    }, config.app.shutdownTimeoutMs).unref();
    // Before the app: a scrape during shutdown must not query a pool that is closing.
    await metrics?.close();
    await app.close();
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  metrics = await listenForMetrics(app.get(MetricsEndpoint), config.metrics);
  await app.listen(config.app.port, config.app.host);
  log.info(
    { metricsHost: config.metrics.host, metricsPort: metrics.port },
    `metrics at http://${config.metrics.host}:${metrics.port}/metrics`,
  );
  log.info(
    { host: config.app.host, port: config.app.port, role: config.app.role, queue: config.queue.backend },
    `Livsforløb listening on ${config.app.host}:${config.app.port}: http://localhost:${config.app.port} ` +
      '(API docs at /api/docs, health at /health/ready)',
  );
  const exposed = devExposureWarning(config);
  if (exposed) {
    const rule = '!'.repeat(100);
    log.warn(rule);
    log.warn(`WARNING: ${exposed}`);
    log.warn(rule);
  }
}

bootstrap().catch((e: unknown) => {
  process.stderr.write(`Livsforløb could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
