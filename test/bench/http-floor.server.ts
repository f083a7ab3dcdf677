import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The floor for any Node HTTP service on this machine: a bare `node:http` handler with a `pg` pool
 * that runs one small write transaction per request (BEGIN, UPDATE, INSERT, COMMIT) and answers
 * with a few bytes of JSON. No framework, no validation, no state machine. The bench drives it like
 * the API to show how many commits per second an HTTP service can reach here at all.
 * Run by `http-floor.ts`: `DATABASE_URL=… PORT=… node dist/test/bench/http-floor.server.js`.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 20) });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      const { id } = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { id?: number };
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const r = await client.query<{ balance: number }>('UPDATE bench_acc SET balance = balance + 1 WHERE id = $1 RETURNING balance', [
          id,
        ]);
        await client.query('INSERT INTO bench_hist (acc, delta) VALUES ($1, 1)', [id]);
        await client.query('COMMIT');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ balance: r.rows[0]?.balance ?? null }));
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        res.writeHead(500).end((e as Error).message);
      } finally {
        client.release();
      }
    })();
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
