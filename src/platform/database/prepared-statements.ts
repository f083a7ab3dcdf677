import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/** A statement text run this many times is prepared from then on. */
export const PREPARE_AFTER_RUNS = 3;
/** At most this many texts are prepared (on each connection that runs them). */
export const MAX_PREPARED = 256;
/** At most this many texts are counted: SQL built with values in it is never the same twice. */
const MAX_COUNTED = 4096;
const WRAPPED = Symbol('livsforloeb.prepared');

/** Which statements the process prepares: text → name once prepared, or how often it has run. */
export class PreparedStatements {
  private readonly names = new Map<string, string>();
  private readonly runs = new Map<string, number>();

  /** The name to run `text` under, or undefined while it is not (yet) worth preparing. */
  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name || this.names.size >= MAX_PREPARED) return name;
    const runs = (this.runs.get(text) ?? 0) + 1;
    if (runs < PREPARE_AFTER_RUNS) {
      if (this.runs.has(text) || this.runs.size < MAX_COUNTED) this.runs.set(text, runs);
      return undefined;
    }
    this.runs.delete(text);
    const named = `lf_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    this.names.set(text, named);
    return named;
  }

  /**
   * Never prepares `text` again: its prepared plan no longer fits the tables (a migration changed
   * the columns of a `SELECT *` while this process ran), so it runs unnamed from now on.
   */
  forget(text: string): void {
    if (this.names.delete(text)) this.runs.set(text, -Infinity);
  }

  get size(): number {
    return this.names.size;
  }
}

/**
 * Sends the statements a process runs again and again as named prepared statements. PostgreSQL then
 * parses each once per connection and, after a few runs, reuses a generic plan instead of planning
 * it every time: for the short hot-path statements planning costs about as much as running them
 * (the journey lock takes longer to plan than to execute). TypeORM's `query()` cannot name a
 * statement, so the pool's clients are wrapped as the pool hands them out; call sites and TypeORM's
 * errors and logging stay as they are. Only texts with parameters are prepared, after
 * `PREPARE_AFTER_RUNS` runs, and no more than `MAX_PREPARED` of them, so SQL built on the fly
 * (the caseworker search) cannot grow the statements a connection keeps without bound.
 */
export function usePreparedStatements(dataSource: DataSource, statements = new PreparedStatements()): PreparedStatements {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  pool?.on('acquire', (client: PoolClient) => wrap(client, statements));
  return statements;
}

function wrap(client: PoolClient & { [WRAPPED]?: true }, statements: PreparedStatements): void {
  if (client[WRAPPED]) return;
  client[WRAPPED] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown): unknown => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statements.nameFor(config);
      if (name && callback) return query({ name, text: config, values }, callback);
      if (name) {
        return (query({ name, text: config, values }) as Promise<unknown>).catch((e: { code?: string }) => {
          // "cached plan must not change result type": the statement fails once, then runs unnamed.
          if (e?.code === '0A000') statements.forget(config);
          throw e;
        });
      }
    }
    return callback ? query(config, values, callback) : query(config, values);
  };
}
