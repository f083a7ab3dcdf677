import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MetricsSettings } from '../config/app.config';
import { MetricsService } from './metrics.service';

/** The Prometheus text of this process, with the outbox and timer gauges read at scrape time. */
@Injectable()
export class MetricsEndpoint {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
  ) {}

  async scrape(): Promise<string> {
    const [row]: { backlog: number; age: number; overdue: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS backlog, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age,
              (SELECT count(*) FROM journey_timer WHERE status = 'scheduled' AND due_at <= now())::int AS overdue
         FROM outbox WHERE relayed_at IS NULL`,
    );
    this.metrics.outboxBacklog.set(row.backlog);
    this.metrics.outboxOldestAge.set(row.age);
    this.metrics.timersOverdue.set(row.overdue);
    return this.metrics.registry.metrics();
  }
}

export interface MetricsListener {
  /** The port bound (the configured one, or the one the OS chose for METRICS_PORT=0). */
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on a listener of its own (METRICS_HOST:METRICS_PORT, loopback by default), never on
 * the public port: the metrics tell queue depths, route timings and process internals to whoever
 * reads them, so only the scraper's network should reach them.
 */
export async function listenForMetrics(endpoint: MetricsEndpoint, settings: MetricsSettings): Promise<MetricsListener> {
  const logger = new Logger('Metrics');
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: metrics are at GET /metrics\n');
      return;
    }
    endpoint.scrape().then(
      (text) =>
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : text),
      (error: unknown) => {
        logger.warn(`metrics scrape failed: ${(error as Error).message}`);
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Metrics are unavailable: the database did not answer\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection would hold the close open until it times out.
        server.closeAllConnections();
      }),
  };
}
