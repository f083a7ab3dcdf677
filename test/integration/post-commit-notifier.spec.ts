import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { ANSWER_WITHIN_MS, PostCommitNotifier } from '../../src/platform/database/post-commit-notifier';
import { createTestDatabase } from '../support/database';
import { waitFor } from '../support/private-redis';

/** What the notifier reads of its data source: where to connect, and the list it joins as a subscriber. */
const sourceAt = (url: string) => ({ options: { url }, subscribers: [] }) as unknown as DataSource;

/**
 * The notifications after commits go on a connection of the notifier's own. A server that takes the
 * connection and never answers (a network that swallows packets) must not hold them for ever.
 */
describe(PostCommitNotifier.name, () => {
  let silent: Server;
  const connections: { socket: Socket; closed: boolean }[] = [];

  beforeAll(async () => {
    silent = createServer((socket) => {
      const entry = { socket, closed: false };
      connections.push(entry);
      socket.on('close', () => (entry.closed = true));
      socket.on('error', () => undefined);
      // Reads (and drops) what the client sends, so its closing the connection is seen here.
      socket.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const { socket } of connections) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('does give up a connection that gets no answer, and connects afresh for the notifications after it', async () => {
    const { port } = silent.address() as AddressInfo;
    const notifier = new PostCommitNotifier(sourceAt(`postgres://nobody@127.0.0.1:${port}/none`));
    notifier.notify('outbox', ['']);
    await waitFor(() => connections.length === 1, 2000);
    // Given up after ANSWER_WITHIN_MS: the notifier closes the connection that never answered.
    await waitFor(() => connections[0].closed, ANSWER_WITHIN_MS + 2000);
    expect(notifier.statements).toBe(0);
    // A later commit's notification is not queued behind the lost connection: it opens a new one.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    notifier.notify('outbox', ['']);
    await waitFor(() => connections.length === 2, 2000);
    await notifier.beforeApplicationShutdown();
  }, 20_000);

  it('does send on a server that answers: one statement, heard by a listener', async () => {
    const db = await createTestDatabase('post_commit_notifier');
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(`${n.channel}:${n.payload}`));
    await listener.query('LISTEN journey_changed');
    const notifier = new PostCommitNotifier(sourceAt(db.url));
    notifier.notify('journey_changed', ['a', 'b']);
    await waitFor(() => heard.length === 1, 5000);
    expect(heard).toEqual(['journey_changed:a,b']);
    expect(notifier.statements).toBe(1);
    await notifier.beforeApplicationShutdown();
    await listener.end();
    await db.drop();
  });
});
