import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CommandWriter } from '../../../src/engine/persistence/command-writer';
import { JourneyRepository } from '../../../src/engine/persistence/journey.repository';
import { SendEventUseCase } from '../../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import { OutboxRelay } from '../../../src/outbox/outbox-relay';
import { OutboxSignal } from '../../../src/outbox/outbox-signal';
import { GATHER_MS, PostCommitNotifier, SPACING_MS } from '../../../src/platform/database/post-commit-notifier';
import { Queues } from '../../../src/platform/queue/queues';
import { createTestApp } from '../../support/app';
import { createTestDatabase } from '../../support/database';
import { errandV1 } from '../../support/fixtures/errand.journey';
import { waitFor } from '../../support/private-redis';
import { UnusedGateway } from '../../support/unused-gateway';

const citizen = { kind: 'citizen' as const, id: 'c' };

/**
 * The relay is woken after a commit that queued work, by a NOTIFY sent outside the transition's
 * transaction (see src/outbox/outbox-signal.ts), not by its poll.
 */
describe(OutboxSignal.name, () => {
  let app: INestApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let listener: Client;
  const notifications: number[] = [];
  let serial = 0;

  const startJourney = async (): Promise<string> => {
    const [c] = await app
      .get(DataSource)
      .query(`INSERT INTO citizen (cpr) VALUES ($1) RETURNING id`, [`0202${String(++serial).padStart(6, '0')}`]);
    return (await app.get(StartJourneyUseCase).execute({ citizenId: c.id, type: 'moving', actor: citizen })).journeyId;
  };

  /** A connection listening as the journey streams do, and the payloads it hears. */
  const listenToJourneyChanges = async (): Promise<{ heard: string[]; streams: Client }> => {
    const streams = new Client({ connectionString: db.url });
    await streams.connect();
    const heard: string[] = [];
    streams.on('notification', (n) => heard.push(n.payload ?? ''));
    await streams.query('LISTEN journey_changed');
    return { heard, streams };
  };

  beforeAll(async () => {
    db = await createTestDatabase('outbox_signal');
    // A poll of a minute: within a test, only a notification can wake the relay.
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'redis',
      definitions: [errandV1],
      gateway: new UnusedGateway(),
      role: 'api',
      namespace: `outbox_signal_${process.pid}`,
      env: { OUTBOX_POLL_MS: '60000' },
    });
    listener = new Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', () => notifications.push(Date.now()));
    await listener.query('LISTEN outbox');
  });
  afterAll(async () => {
    await listener?.end();
    await app?.get(OutboxRelay).stop();
    await app?.close();
    await db?.drop();
  });

  it('a transition that queued work wakes a sleeping relay at once, though its poll is a minute away', async () => {
    const relay = app.get(OutboxRelay);
    await relay.start();
    // Let the relay's first (empty) batch run and the relay fall asleep on its one-minute poll.
    await new Promise((r) => setTimeout(r, 300));
    const journeyId = await startJourney();
    const [row] = await app.get(DataSource).query('SELECT id FROM outbox WHERE journey_id = $1', [journeyId]);
    const queue = app.get(Queues).get('integration');
    await waitFor(async () => (await queue.getJob(row.id)) !== undefined, 5000);
    await relay.stop();
  });

  it('a commit that queued work and changed a journey wakes relays and journey streams in one statement', async () => {
    const notifier = app.get(PostCommitNotifier);
    const { heard: changed, streams } = await listenToJourneyChanges();
    try {
      const journeyId = await startJourney();
      const send = app.get(SendEventUseCase);
      const engine = { origin: 'engine' as const, journeyId, actor: { kind: 'engine' as const, id: 'test' } };
      await send.execute({ ...engine, type: 'integration.completed', data: { step: 'ask', task: 'order-health-card', output: {} } });
      await waitFor(() => changed.includes(journeyId), 5000);
      changed.length = 0;
      const before = { statements: notifier.statements, outbox: notifier.sent('outbox'), heard: notifications.length };
      // The reminder: a notification to deliver (an outbox row) and a journey that changed.
      await send.execute({ ...engine, type: 'timer.fired', data: { key: 'remind' } });
      await waitFor(() => changed.includes(journeyId) && notifications.length > before.heard, 5000);
      expect({ statements: notifier.statements - before.statements, outbox: notifier.sent('outbox') - before.outbox }).toEqual({
        statements: 1,
        outbox: 1,
      });
    } finally {
      await streams.end();
    }
  });

  it('journeys that change within a moment of each other wake the streams with one notification naming them all', async () => {
    const notifier = app.get(PostCommitNotifier);
    const { heard, streams } = await listenToJourneyChanges();
    try {
      const before = notifier.statements;
      notifier.notify('journey_changed', ['j-1']);
      await new Promise((r) => setImmediate(r));
      notifier.notify('journey_changed', ['j-2']);
      notifier.notify('journey_changed', ['j-3', 'j-1']);
      await waitFor(() => heard.length > 0, 5000);
      await new Promise((r) => setTimeout(r, 100));
      expect({ statements: notifier.statements - before, heard }).toEqual({ statements: 1, heard: ['j-1,j-2,j-3'] });
    } finally {
      await streams.end();
    }
  });

  it('under a steady stream of commits, notifications go at most one per spacing and name every journey', async () => {
    const notifier = app.get(PostCommitNotifier);
    const { heard, streams } = await listenToJourneyChanges();
    try {
      await new Promise((r) => setTimeout(r, SPACING_MS));
      const before = notifier.statements;
      const asked: string[] = [];
      const t0 = performance.now();
      // Commits for ten spacings, on every turn of the event loop, and more than one statement's
      // worth of journeys in a single turn: sent as they come, they would be hundreds of statements.
      for (let i = 0; i < 400; i++) asked.push(`burst-${i}`);
      notifier.notify('journey_changed', asked.slice());
      while (performance.now() - t0 < 10 * SPACING_MS) {
        asked.push(`s-${asked.length}`);
        notifier.notify('journey_changed', [asked[asked.length - 1]]);
        await new Promise((r) => setImmediate(r));
      }
      const elapsed = performance.now() - t0;
      await waitFor(() => heard.flatMap((p) => p.split(',')).includes(asked[asked.length - 1]), 5000);
      await new Promise((r) => setTimeout(r, 2 * SPACING_MS));
      // A late timer only makes fewer statements; one more for the statement under way at the end.
      expect(notifier.statements - before).toBeLessThanOrEqual(Math.ceil(elapsed / SPACING_MS) + 2);
      expect(heard.flatMap((p) => p.split(',')).sort()).toEqual([...asked].sort());
    } finally {
      await streams.end();
    }
  });

  it('the commit itself sends no notification: the trigger that did is gone', async () => {
    const triggers = await app
      .get(DataSource)
      .query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'outbox'::regclass AND NOT tgisinternal`);
    expect(triggers).toEqual([]);
  });

  it('a rolled-back transaction wakes nobody, and a transaction that queued nothing neither', async () => {
    const signal = app.get(OutboxSignal);
    const sent = signal.sent;
    const heard = notifications.length;
    const repo = app.get(JourneyRepository);
    const journeyId = await startJourney();
    await waitFor(() => signal.sent > sent && notifications.length > heard, 5000);
    const afterStart = { sent: signal.sent, heard: notifications.length };
    const nothing = { notificationId: 'nothing', journeyId };

    await expect(
      repo.transaction(async (tx) => {
        await app
          .get(CommandWriter)
          .outbox(
            tx,
            { journeyId, citizenId: 'x', seq: 1 },
            { op: 'add', queue: 'notifications', name: 'notification.deliver', data: nothing },
          );
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await repo.transaction(async (tx) => tx.query('SELECT 1'));
    await new Promise((r) => setTimeout(r, 300));
    expect({ sent: signal.sent, heard: notifications.length }).toEqual(afterStart);
    expect(
      await app.get(DataSource).query(`SELECT count(*)::int AS n FROM outbox WHERE payload->'data'->>'notificationId' = 'nothing'`),
    ).toEqual([{ n: 0 }]);
  });

  it('pokes that arrive together fold into one, those arriving while it is on its way into one more, the last never dropped', async () => {
    const signal = app.get(OutboxSignal);
    const sent = signal.sent;
    const heard = notifications.length;
    for (let i = 0; i < 10; i++) signal.poke();
    // Past the gathering moment: the first ten have gone (or are on their way), the next ten wait for the next statement.
    await new Promise((r) => setTimeout(r, GATHER_MS + 1));
    for (let i = 0; i < 10; i++) signal.poke();
    await waitFor(() => notifications.length - heard >= 2, 5000);
    await new Promise((r) => setTimeout(r, 200));
    expect({ sent: signal.sent - sent, heard: notifications.length - heard }).toEqual({ sent: 2, heard: 2 });
  });
});
