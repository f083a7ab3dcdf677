import { DataSource } from 'typeorm';
import { PgListener } from '../../../src/platform/database/pg-listener';
import { createTestDatabase } from '../../support/database';
import { waitFor } from '../../support/private-redis';

/**
 * The LISTEN connection behind the citizen cache, the journey streams and the outbox relay: those who
 * listen hear every notification while it is up and are told whenever they may have missed one.
 */
describe('PostgreSQL listener', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: DataSource;
  const listeners: PgListener[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('pg_listener');
    sql = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  });
  afterEach(async () => {
    await Promise.all(listeners.splice(0).map((l) => l.close()));
  });
  afterAll(async () => {
    await sql?.destroy();
    await db?.drop();
  });

  function listener(name: string, options: { reopen?: () => boolean } = {}) {
    const heard: string[] = [];
    const events: string[] = [];
    const l = new PgListener(sql, {
      channel: 'test_channel',
      applicationName: `lf-test-${name}`,
      onNotification: (payload) => heard.push(payload),
      onUp: () => events.push('up'),
      onLost: () => events.push('lost'),
      ...options,
    });
    listeners.push(l);
    return { l, heard, events };
  }
  const terminate = (name: string) =>
    sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`lf-test-${name}`]);

  it('hears the payloads sent on its channel once LISTEN has taken effect, and keeps TCP keepalive on', async () => {
    const { l, heard, events } = listener('hears');
    expect(l.listening).toBe(false);
    expect(await l.listen()).toBe(true);
    expect(l.listening).toBe(true);
    expect(events).toEqual(['up']);
    await sql.query(`SELECT pg_notify('test_channel', 'a,b'), pg_notify('other_channel', 'c')`);
    await waitFor(() => heard.length > 0, 5000, 10);
    expect(heard).toEqual(['a,b']);
    // One connection however often it is asked.
    await Promise.all([l.listen(), l.listen()]);
    const [{ count }] = await sql.query(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'lf-test-hears'`);
    expect(count).toBe(1);
  });

  it('says when its connection is lost, waits before opening another, and then says it is up again', async () => {
    const { l, heard, events } = listener('lost');
    await l.listen();
    await terminate('lost');
    await waitFor(() => !l.listening, 5000, 10);
    expect(events).toEqual(['up', 'lost']);
    // Straight after a loss it does not hammer the database.
    expect(await l.listen()).toBe(false);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await l.listen()).toBe(true);
    expect(events).toEqual(['up', 'lost', 'up']);
    await sql.query(`SELECT pg_notify('test_channel', 'after')`);
    await waitFor(() => heard.length > 0, 5000, 10);
    expect(heard).toEqual(['after']);
  });

  it('opens a new connection by itself after a loss while someone still needs it', async () => {
    let needed = true;
    const { l, events } = listener('reopen', { reopen: () => needed });
    await l.listen();
    await terminate('reopen');
    await waitFor(() => events.length === 3, 5000, 20);
    expect(events).toEqual(['up', 'lost', 'up']);
    expect(l.listening).toBe(true);
    needed = false;
    await terminate('reopen');
    await waitFor(() => !l.listening, 5000, 10);
    await new Promise((r) => setTimeout(r, 1500));
    expect(l.listening).toBe(false);
    expect(events).toEqual(['up', 'lost', 'up', 'lost']);
  });

  it('reports nothing after it is closed', async () => {
    const { l, heard, events } = listener('closed');
    await l.listen();
    await l.close();
    await sql.query(`SELECT pg_notify('test_channel', 'late')`);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual([]);
    expect(events).toEqual(['up']);
    expect(await l.listen()).toBe(false);
  });
});
