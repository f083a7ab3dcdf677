import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Tests run against DATABASE_URL when set (CI), otherwise against an embedded PostgreSQL started
 * here for the whole run. Each suite then creates its own database on that server.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.REDIS_URL) {
    process.stdout.write('\n[tests] REDIS_URL is not set: suites on the Redis queue backend are skipped (PostgreSQL backend only).\n');
  }
  if (process.env.DATABASE_URL) return;
  const { startEmbeddedPostgres } = await import('../../src/platform/database/embedded-postgres');
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), 'livsforloeb-test'), embeddedPort: 54339 }, (m) =>
    process.stdout.write(`[tests] ${m}\n`),
  );
  // Suites create a database each: they need the superuser, not the service's own role.
  process.env.DATABASE_URL = embedded.adminUrl;
  (globalThis as { __EMBEDDED_PG__?: { stop(): Promise<void> } }).__EMBEDDED_PG__ = embedded;
  process.stdout.write('[tests] DATABASE_URL is not set: using an embedded PostgreSQL on 127.0.0.1:54339\n');
}
