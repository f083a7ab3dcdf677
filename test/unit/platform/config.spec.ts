import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ConfigValidationError, loadConfig } from '../../../src/platform/config/app.config';
import { SERVICE_NODE_FLAGS } from '../../../src/platform/node-flags';
import { parseDockerfile } from '../../support/dockerfile';

const ROOT = path.join(__dirname, '../../..');
/** docker-compose.yml as Compose reads it: `<<: *anchor` merges the shared environment. */
const readCompose = () => parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });

const oidc = { OIDC_ISSUER: 'https://idp.example', OIDC_AUDIENCE: 'lf', OIDC_JWKS_URL: 'https://idp.example/jwks' };

describe('loadConfig', () => {
  it('defaults to the embedded mode: embedded PostgreSQL, PostgreSQL queue backend, port 3000, all roles', () => {
    const config = loadConfig({});
    expect(config.database.embedded).toBe(true);
    expect(config.queue.backend).toBe('postgres');
    expect(config.app).toMatchObject({ port: 3000, role: 'all', authMode: 'dev' });
    expect(config.engine.reminderDays).toEqual([7, 2]);
    expect(config.security).toEqual({ rateLimitWindowSeconds: 60, rateLimitLogin: 10, rateLimitWrites: 300, trustProxy: 0 });
    expect(config.retention).toEqual({ days: 365, schedule: '30 3 * * *' });
    expect(config.metrics).toEqual({ host: '127.0.0.1', port: 9464 });
  });

  it('binds the metrics listener where METRICS_HOST and METRICS_PORT say', () => {
    expect(loadConfig({ METRICS_HOST: '0.0.0.0', METRICS_PORT: '9100' }).metrics).toEqual({ host: '0.0.0.0', port: 9100 });
    expect(loadConfig({ METRICS_HOST: '::1' }).metrics.host).toBe('::1');
    expect(loadConfig({ METRICS_HOST: 'metrics.internal' }).metrics.host).toBe('metrics.internal');
  });

  it('uses external PostgreSQL and Redis when both URLs are given', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/x', REDIS_URL: 'redis://cache:6379', ...oidc });
    expect(config.database).toMatchObject({ embedded: false, url: 'postgres://u@db:5432/x' });
    expect(config.queue).toMatchObject({ backend: 'redis', redisUrl: 'redis://cache:6379' });
    expect(config.app.authMode).toBe('oidc');
  });

  it('runs BullMQ on PostgreSQL with an external database and no Redis', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x', AUTH_MODE: 'dev' }).queue.backend).toBe('postgres');
  });

  it('requires the OpenID Connect settings in production mode and names the missing ones', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/x', OIDC_ISSUER: 'https://idp' })).toThrow(
      /OIDC_AUDIENCE is required when AUTH_MODE is oidc.*OIDC_JWKS_URL is required/,
    );
  });

  it.each([
    ['PORT', 'abc', /PORT .*(integer|number)/],
    ['ROLE', 'boss', /ROLE must be one of the following values: api, worker, all/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
    ['REMINDER_DAYS', '7,two', /REMINDER_DAYS must be a comma-separated list/],
    ['RATE_LIMIT_LOGIN', '0', /RATE_LIMIT_LOGIN must not be less than 1/],
    ['RETENTION_DAYS', 'soon', /RETENTION_DAYS .*(integer|number)/],
    ['RETENTION_SCHEDULE', 'daily', /RETENTION_SCHEDULE must be a cron pattern of five fields/],
    ['WORKER_NICE', '20', /WORKER_NICE must not be greater than 19/],
    ['WORKER_NICE', '-5', /WORKER_NICE must not be less than 0/],
    ['OUTBOX_VACUUM_AFTER', '-1', /OUTBOX_VACUUM_AFTER must not be less than 0/],
    ['OUTBOX_VACUUM_AFTER', 'often', /OUTBOX_VACUUM_AFTER .*(integer|number)/],
    ['METRICS_PORT', '70000', /METRICS_PORT must not be greater than 65535/],
    ['METRICS_PORT', 'nine', /METRICS_PORT .*(integer|number)/],
    ['METRICS_PORT', '3000', /METRICS_PORT must differ from PORT \(both are 3000\)/],
    ['METRICS_HOST', 'http://0.0.0.0', /METRICS_HOST must be an IP address or host name to listen on/],
  ])('names %s when its value %s is bad', (name, value, message) => {
    const error = (() => {
      try {
        loadConfig({ [name]: value });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error!.message).toMatch(message);
    expect(error!.message.split('\n')).toHaveLength(1);
  });

  it('never echoes a URL value, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@x' })).toThrow(/^(?!.*secret).*$/);
  });

  it('accepts the environment of every service in docker-compose.yml', () => {
    const compose = readCompose();
    const apps = Object.entries<{ environment?: Record<string, string>; command?: string[] }>(compose.services).filter(([, s]) =>
      s.command?.join(' ').includes('dist/src/'),
    );
    expect(apps.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'worker']);
    for (const [, service] of apps) {
      const config = loadConfig(service.environment ?? {});
      expect(config.database.embedded).toBe(false);
      expect(config.queue.backend).toBe('redis');
      // Reachable by a scraper on the compose network, and published nowhere.
      expect(config.metrics.host).toBe('0.0.0.0');
    }
    expect(compose.services.api.ports.some((p: string) => p.includes(String(loadConfig(compose.services.api.environment).metrics.port)))).toBe(false);
  });

  it('runs the migrations once in docker-compose.yml, and starts the API and the workers only after they succeeded', () => {
    const { services } = readCompose();
    expect(services.migrate.command).toEqual(['node', 'dist/src/platform/database/migration.cli.js', 'run']);
    expect(services.migrate.restart).toBe('no');
    expect(services.migrate.build).toBe('.');
    for (const name of ['api', 'worker']) {
      expect({ name, image: services[name].image }).toEqual({ name, image: services.migrate.image });
      expect({ name, dependsOn: services[name].depends_on.migrate }).toEqual({ name, dependsOn: { condition: 'service_completed_successfully' } });
    }
  });

  it('starts the service with the same V8 heap flags everywhere: npm start, start:dev, the Dockerfile, docker-compose and the test harnesses', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const flagsBeforeMain = (argv: string[]) => argv.slice(argv.indexOf('node') + 1, argv.indexOf('dist/src/main.js')).filter((a) => a.startsWith('--max-'));
    for (const script of ['start', 'start:dev']) {
      const argv = scripts[script].split('&&').pop()!.trim().split(/\s+/);
      expect({ script, flags: flagsBeforeMain(argv) }).toEqual({ script, flags: [...SERVICE_NODE_FLAGS] });
    }
    const compose = readCompose();
    for (const [name, service] of Object.entries<{ command?: string[] }>(compose.services).filter(([, s]) => s.command?.includes('dist/src/main.js'))) {
      expect({ name, flags: flagsBeforeMain(service.command!) }).toEqual({ name, flags: [...SERVICE_NODE_FLAGS] });
    }
    const image = parseDockerfile(path.join(ROOT, 'Dockerfile')).at(-1)!;
    const cmd = image.instructions.filter((i) => i.keyword === 'CMD').at(-1)!.exec!;
    expect({ dockerfile: 'CMD', flags: flagsBeforeMain(cmd) }).toEqual({ dockerfile: 'CMD', flags: [...SERVICE_NODE_FLAGS] });
  });
});
