import { execFileSync, spawnSync } from 'node:child_process';
import { Client } from 'pg';

export interface MachineLimit {
  method: 'pgbench -N' | 'raw pg loop (UPDATE + INSERT per commit)';
  clients: number;
  commitsPerSecond: number;
}

function hasPgbench(): boolean {
  return spawnSync('pgbench', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * The machine's own limit for small write transactions, measured in the same run: `pgbench -N`
 * (simple update) with the same number of clients, or an equivalent loop with `pg`.
 */
export async function measureMachineLimit(adminUrl: string, database: string, clients: number, seconds = 10): Promise<MachineLimit> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  if (hasPgbench()) {
    const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
    const conn = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username) || 'postgres'];
    execFileSync('pgbench', [...conn, '-i', '-q', '-s', '1', database], { env, stdio: 'ignore' });
    const out = execFileSync(
      'pgbench',
      [...conn, '-N', '-c', String(clients), '-j', String(Math.min(clients, 4)), '-T', String(seconds), database],
      { env },
    ).toString();
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
    return { method: 'pgbench -N', clients, commitsPerSecond: Math.round(tps) };
  }
  await prepareRawTables(url.toString());
  let commits = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new Client({ connectionString: url.toString() });
      await c.connect();
      while (Date.now() < until) {
        const id = 1 + Math.floor(Math.random() * 100000);
        await c.query('BEGIN');
        await c.query('UPDATE bench_acc SET balance = balance + 1 WHERE id = $1', [id]);
        await c.query('INSERT INTO bench_hist (acc, delta) VALUES ($1, 1)', [id]);
        await c.query('COMMIT');
        commits++;
      }
      await c.end();
    }),
  );
  return { method: 'raw pg loop (UPDATE + INSERT per commit)', clients, commitsPerSecond: Math.round(commits / seconds) };
}

/** The raw loop's tables: 100,000 accounts and a history (also what the HTTP floor writes to). */
export async function prepareRawTables(databaseUrl: string): Promise<void> {
  const setup = new Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query('CREATE TABLE IF NOT EXISTS bench_acc (id int PRIMARY KEY, balance int NOT NULL)');
  await setup.query('CREATE TABLE IF NOT EXISTS bench_hist (id bigserial PRIMARY KEY, acc int, delta int, at timestamptz DEFAULT now())');
  await setup.query('INSERT INTO bench_acc SELECT g, 0 FROM generate_series(1, 100000) g ON CONFLICT DO NOTHING');
  await setup.end();
}
