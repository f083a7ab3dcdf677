import { createTestDatabase } from '../support/database';
import { freePort } from '../support/ports';
import { ServiceProcess } from '../support/service-process';

/**
 * `/metrics` is served on its own listener (METRICS_HOST:METRICS_PORT, loopback by default) and not
 * on the public port; the queue dashboard on the public port stays behind its password.
 */
describe('the metrics listener', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ServiceProcess;
  let publicBase: string;
  let metricsBase: string;
  const password = 'operator-password-for-metrics-test';

  beforeAll(async () => {
    db = await createTestDatabase('metrics_listener');
    const port = await freePort();
    const metricsPort = await freePort();
    publicBase = `http://127.0.0.1:${port}`;
    metricsBase = `http://127.0.0.1:${metricsPort}`;
    service = new ServiceProcess({
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      DATABASE_URL: db.url,
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'info',
      QUEUE_NAMESPACE: `metrics_${process.pid}`,
      OPERATOR_PASSWORD: password,
    });
    service.start();
    await service.ready(60_000);
  }, 90_000);
  afterAll(async () => {
    if (service?.exitCode === null) {
      service.signal('SIGTERM');
      await service.exited().catch(() => undefined);
    }
    await db?.drop();
  });

  it('does answer 404 for /metrics on the public port and serves the metrics on the metrics port', async () => {
    // A request on the public port, so its timing shows in the histogram.
    expect((await fetch(`${publicBase}/api/journey-types`)).status).toBe(200);
    expect((await fetch(`${publicBase}/metrics`)).status).toBe(404);

    const scraped = await fetch(`${metricsBase}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await scraped.text();
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/api\/journey-types",status="200"\} [1-9]/m);
    expect(text).toMatch(/^outbox_backlog \d+$/m);
    expect(text).toContain('process_cpu_seconds_total');

    // The metrics listener serves the metrics and nothing else: no API, no health, no pages.
    expect((await fetch(`${metricsBase}/api/journey-types`)).status).toBe(404);
    expect((await fetch(`${metricsBase}/metrics`, { method: 'POST' })).status).toBe(404);
    expect(service.stdout).toContain(`metrics at ${metricsBase}/metrics`);
  });

  it('does keep the queue dashboard on the public port behind the operator password', async () => {
    const anonymous = await fetch(`${publicBase}/operator/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await fetch(`${publicBase}/operator/queues`, {
      headers: { authorization: `Basic ${Buffer.from('operator:guess-guess-guess').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    const operator = await fetch(`${publicBase}/operator/queues`, {
      headers: { authorization: `Basic ${Buffer.from(`operator:${password}`).toString('base64')}` },
    });
    expect(operator.status).toBe(200);
  });

  it('does refuse to start when the metrics port is taken, naming the address', async () => {
    const port = await freePort();
    const taken = new URL(metricsBase).port;
    const second = new ServiceProcess({
      PORT: String(port),
      METRICS_PORT: taken,
      DATABASE_URL: db.url,
      AUTH_MODE: 'dev',
      QUEUE_NAMESPACE: `metrics_${process.pid}`,
    });
    second.start();
    expect(await second.exited(60_000)).toBe(1);
    expect(second.stderr).toContain(`EADDRINUSE`);
    expect(second.stderr).toContain(`127.0.0.1:${taken}`);
    // It never served on the public port.
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  }, 90_000);
});
