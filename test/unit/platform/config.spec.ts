import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ConfigValidationError, envKeys, loadConfig } from '../../../src/platform/config/app.config';
import { devExposureWarning } from '../../../src/platform/http/listen-address';
import { SERVICE_NODE_FLAGS } from '../../../src/platform/node-flags';
import { parseDockerfile } from '../../support/dockerfile';

const ROOT = path.join(__dirname, '../../..');
/** docker-compose.yml as Compose reads it: `<<: *anchor` merges the shared environment. */
const readCompose = () => parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const oidc = {
  OIDC_ISSUER: 'https://idp.example',
  OIDC_AUDIENCE: 'lf',
  OIDC_JWKS_URL: 'https://idp.example/jwks',
  SECRETS_KEY: `a:${KEY_A}`,
};

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a configuration error');
}

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

  it('keeps idle PostgreSQL connections for 300 s unless DB_POOL_IDLE_SECONDS says otherwise, from 0 to a day', () => {
    expect(loadConfig({}).database.poolIdleSeconds).toBe(300);
    expect(loadConfig({ DB_POOL_IDLE_SECONDS: '0' }).database.poolIdleSeconds).toBe(0);
    expect(loadConfig({ DB_POOL_IDLE_SECONDS: '86400' }).database.poolIdleSeconds).toBe(86400);
    expect(problem({ DB_POOL_IDLE_SECONDS: '86401' })).toMatch(/DB_POOL_IDLE_SECONDS must not be greater than 86400/);
    expect(problem({ DB_POOL_IDLE_SECONDS: '-1' })).toMatch(/DB_POOL_IDLE_SECONDS must not be less than 0/);
    expect(problem({ DB_POOL_IDLE_SECONDS: 'soon' })).toMatch(/DB_POOL_IDLE_SECONDS/);
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
    ['QUIET_HOURS', '21-24', /QUIET_HOURS must be two hours 0–23 of the Danish day, from-until \(e.g. 21-7\), or none/],
    ['QUIET_HOURS', 'nights', /QUIET_HOURS must be two hours 0–23/],
    ['RATE_LIMIT_LOGIN', '0', /RATE_LIMIT_LOGIN must not be less than 1/],
    ['PROXY_LOOKUPS_PER_DAY', '0', /PROXY_LOOKUPS_PER_DAY must not be less than 1/],
    ['PROXY_LOOKUPS_PER_DAY', 'many', /PROXY_LOOKUPS_PER_DAY .*(integer|number)/],
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

  it('keeps letters for daytime by the engine default unless QUIET_HOURS sets other hours or none', () => {
    expect(loadConfig({}).engine.quietHours).toBeUndefined();
    expect(loadConfig({ QUIET_HOURS: '22-6' }).engine.quietHours).toEqual({ from: 22, until: 6 });
    expect(loadConfig({ QUIET_HOURS: 'none' }).engine.quietHours).toBeNull();
  });

  it('allows 20 CPR name lookups a day for powers of attorney unless PROXY_LOOKUPS_PER_DAY says otherwise', () => {
    expect(loadConfig({}).engine.proxyLookupsPerDay).toBe(20);
    expect(loadConfig({ PROXY_LOOKUPS_PER_DAY: '5' }).engine.proxyLookupsPerDay).toBe(5);
  });

  it('never echoes a URL value, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@x' })).toThrow(/^(?!.*secret).*$/);
  });

  it('listens on 127.0.0.1 in AUTH_MODE=dev unless HOST says otherwise, and on every address with OpenID Connect', () => {
    expect(loadConfig({}).app.host).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x', AUTH_MODE: 'dev' }).app.host).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x', ...oidc }).app.host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).app.host).toBe('0.0.0.0');
    expect(problem({ HOST: 'http://x' })).toBe(
      'Invalid configuration: HOST must be an IP address or host name to listen on, e.g. 127.0.0.1 or 0.0.0.0 (got "http://x")',
    );
  });

  it('warns when the development sign-in listens beyond this machine, and only then', () => {
    expect(devExposureWarning(loadConfig({}))).toBeUndefined();
    expect(devExposureWarning(loadConfig({ HOST: 'localhost' }))).toBeUndefined();
    expect(devExposureWarning(loadConfig({ HOST: '0.0.0.0' }))).toMatch(
      /^AUTH_MODE=dev and HOST=0\.0\.0\.0: the development sign-in .* open to every machine/,
    );
    expect(devExposureWarning(loadConfig({ DATABASE_URL: 'postgres://u@db/x', ...oidc }))).toBeUndefined();
  });

  it('refuses AUTH_MODE=dev when NODE_ENV=production, set or by default, naming the variables', () => {
    expect(problem({ NODE_ENV: 'production', AUTH_MODE: 'dev', DATABASE_URL: 'postgres://u@db/x' })).toMatch(
      /^Invalid configuration: AUTH_MODE=dev is not allowed when NODE_ENV=production: set AUTH_MODE=oidc/,
    );
    expect(problem({ NODE_ENV: 'production' })).toMatch(
      /^Invalid configuration: AUTH_MODE \(dev by default when DATABASE_URL is unset\) is not allowed when NODE_ENV=production/,
    );
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db/x', ...oidc }).app.authMode).toBe('oidc');
  });

  it('requires SECRETS_KEY outside AUTH_MODE=dev and reads a list of keys, newest first', () => {
    const { SECRETS_KEY: _, ...withoutKey } = oidc;
    expect(problem({ DATABASE_URL: 'postgres://u@db/x', ...withoutKey })).toMatch(
      /^Invalid configuration: SECRETS_KEY is required when AUTH_MODE is oidc/,
    );
    expect(loadConfig({}).secrets.keys).toEqual([]);
    const keys = loadConfig({ DATABASE_URL: 'postgres://u@db/x', ...oidc, SECRETS_KEY: `2026b:${KEY_B}, 2026a:${KEY_A}` }).secrets.keys;
    expect(keys.map((k) => [k.id, k.key.toString('base64')])).toEqual([
      ['2026b', KEY_B],
      ['2026a', KEY_A],
    ]);
  });

  it.each([
    ['no key id', KEY_A, /entry 1 is not/],
    ['a short key', `a:${Buffer.alloc(16).toString('base64')}`, /key "a" is 16 bytes, not 32/],
    ['a bad second entry', `a:${KEY_A},b`, /entry 2 is not/],
    ['a key id twice', `a:${KEY_A},a:${KEY_B}`, /names key id "a" twice/],
  ])('refuses a SECRETS_KEY with %s, without echoing the key', (_, value, message) => {
    const text = problem({ SECRETS_KEY: value });
    expect(text).toMatch(/^Invalid configuration: SECRETS_KEY /);
    expect(text).toMatch(message);
    expect(text).not.toContain(KEY_A.slice(0, 20));
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
    expect(
      compose.services.api.ports.some((p: string) => p.includes(String(loadConfig(compose.services.api.environment).metrics.port))),
    ).toBe(false);
  });

  it('runs the migrations once in docker-compose.yml, and starts the API and the workers only after they succeeded', () => {
    const { services } = readCompose();
    expect(services.migrate.command).toEqual(['node', 'dist/src/platform/database/migration.cli.js', 'run']);
    expect(services.migrate.restart).toBe('no');
    expect(services.migrate.build).toBe('.');
    for (const name of ['api', 'worker']) {
      expect({ name, image: services[name].image }).toEqual({ name, image: services.migrate.image });
      expect({ name, dependsOn: services[name].depends_on.migrate }).toEqual({
        name,
        dependsOn: { condition: 'service_completed_successfully' },
      });
    }
  });

  it('documents every variable it reads in the configuration reference of docs/operations.md, and no other', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../docs/operations.md'), 'utf8');
    const start = text.indexOf('## Configuration reference');
    const section = text.slice(start, text.indexOf('\n## ', start + 1));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    const documented = new Set(rows.flatMap((row) => [...row.split(' | ')[0].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])));
    expect([...documented].sort()).toEqual([...envKeys].sort());
  });

  it(
    'starts the service with the same V8 heap flags everywhere: npm start, start:dev, the Dockerfile, docker-compose and the ' +
      'test harnesses',
    () => {
      const scripts = (
        JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> }
      ).scripts;
      const flagsBeforeMain = (argv: string[]) =>
        argv.slice(argv.indexOf('node') + 1, argv.indexOf('dist/src/main.js')).filter((a) => a.startsWith('--max-'));
      for (const script of ['start', 'start:dev']) {
        const argv = scripts[script].split('&&').pop()!.trim().split(/\s+/);
        expect({ script, flags: flagsBeforeMain(argv) }).toEqual({ script, flags: [...SERVICE_NODE_FLAGS] });
      }
      const compose = readCompose();
      for (const [name, service] of Object.entries<{ command?: string[] }>(compose.services).filter(([, s]) =>
        s.command?.includes('dist/src/main.js'),
      )) {
        expect({ name, flags: flagsBeforeMain(service.command!) }).toEqual({ name, flags: [...SERVICE_NODE_FLAGS] });
      }
      const image = parseDockerfile(path.join(ROOT, 'Dockerfile')).at(-1)!;
      const cmd = image.instructions.filter((i) => i.keyword === 'CMD').at(-1)!.exec!;
      expect({ dockerfile: 'CMD', flags: flagsBeforeMain(cmd) }).toEqual({ dockerfile: 'CMD', flags: [...SERVICE_NODE_FLAGS] });
    },
  );
});
