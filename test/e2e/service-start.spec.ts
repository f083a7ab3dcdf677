import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connect } from 'node:net';
import { Client } from 'pg';
import { freePort } from '../support/ports';
import { ServiceProcess } from '../support/service-process';

/** Whether a TCP connection to the address is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function pgQuery(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The two-command promise: `npm start` with nothing configured serves on an embedded PostgreSQL. */
describe('the service started with nothing configured', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lf-embedded-'));
  fs.chmodSync(dataDir, 0o755);
  let port: string;
  let pgPort: string;
  let service: ServiceProcess;
  const api = (p: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${p}`, init);

  beforeAll(async () => {
    port = String(await freePort());
    pgPort = String(await freePort());
    service = new ServiceProcess({ PORT: port, DATA_DIR: dataDir, EMBEDDED_PG_PORT: pgPort, LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    if (service?.exitCode === null) {
      service.signal('SIGTERM');
      await service.exited().catch(() => undefined);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('becomes ready, keeps its data across a restart, and stops cleanly on SIGTERM', async () => {
    service.start();
    await service.ready(90_000);
    // ROLE=all serves citizens itself: it keeps the priority it was started with.
    expect(os.getPriority(service.pid)).toBe(os.getPriority());
    expect(service.stdout).toContain(path.join(dataDir, 'postgres'));
    expect(service.stdout).toContain('set DATABASE_URL');

    // The development sign-in listens on this machine only.
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) expect(await reachable(external.address, Number(port))).toBe(false);
    expect(await reachable('127.0.0.1', Number(port))).toBe(true);

    // The embedded PostgreSQL: passwords generated for this data directory, readable by its owner only,
    // the old constant opens nothing, and the service connects as a role that owns its database and no more.
    for (const file of ['postgres-superuser-password', 'postgres-password'])
      expect(fs.statSync(path.join(dataDir, file)).mode & 0o777).toBe(0o600);
    await expect(pgQuery(`postgres://postgres:livsforloeb-embedded@127.0.0.1:${pgPort}/postgres`, 'SELECT 1')).rejects.toThrow(
      /password authentication failed/,
    );
    const superuserPassword = fs.readFileSync(path.join(dataDir, 'postgres-superuser-password'), 'utf8').trim();
    const superuser = `postgres://postgres:${superuserPassword}@127.0.0.1:${pgPort}/livsforloeb`;
    const sessions = await pgQuery(
      superuser,
      `SELECT DISTINCT a.usename, r.rolsuper, r.rolcreatedb, r.rolcreaterole
        FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
        WHERE a.datname = 'livsforloeb' AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()`,
    );
    expect(sessions).toEqual([{ usename: 'livsforloeb', rolsuper: false, rolcreatedb: false, rolcreaterole: false }]);
    expect(
      await pgQuery(
        superuser,
        `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r'`,
      ),
    ).toEqual([{ owner: 'livsforloeb' }]);

    const { token } = await (
      await api('/api/dev/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'citizen', subject: '0101901234' }),
      })
    ).json();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const types = await (await api('/api/journey-types')).json();
    const type = types.find((t: { id: string }) => t.id === 'moving');
    const created = await api('/api/journeys', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: type.id, answers: type.startExample }),
    });
    expect(created.status).toBe(201);
    const journey = await created.json();

    service.signal('SIGTERM');
    expect(await service.exited()).toBe(0);
    expect(service.stdout).toContain('stopped');

    service.start();
    await service.ready(90_000);
    const again = await api(`/api/journeys/${journey.id}`, { headers: auth });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(journey.id);
    // No CPR number reached the log.
    expect(service.stdout + service.stderr).not.toContain('0101901234');
  }, 240_000);

  it('refuses a bad configuration value with one line naming the variable', async () => {
    const bad = new ServiceProcess({ PORT: 'abc', DATA_DIR: dataDir });
    bad.start();
    expect(await bad.exited()).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual(['Invalid configuration: PORT must be an integer number (got "abc")']);
  });
});
