import type { INestApplication } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { createHttpAuthorities } from '../../../src/authorities/authorities.factory';
import { startSandbox, type Sandbox } from '../../../src/authorities/sandbox/sandbox.server';
import { nextDeliveryTime } from '../../../src/engine/notifications/quiet-hours';
import { SendEventUseCase } from '../../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import type { NotificationJobData } from '../../../src/platform/queue/queue-names';
import { NotificationProcessor } from '../../../src/workers/notification.processor';
import { createTestApp, ownerActor } from '../../support/app';
import { queueBackends } from '../../support/backends';
import { createTestDatabase } from '../../support/database';
import { errandV1 } from '../../support/fixtures/errand.journey';
import { waitFor } from '../../support/private-redis';

const engine = { kind: 'engine' as const, id: 'engine' };

/** A test app (own database, sandbox authorities) and a way to make a journey with one notification. */
function setup(name: string, backend: 'postgres' | 'redis', role: 'all' | 'api', vars: Record<string, string> = {}) {
  const env = {} as {
    db: Awaited<ReturnType<typeof createTestDatabase>>;
    sandbox: Sandbox;
    app: INestApplication;
    sql: DataSource;
    processor: NotificationProcessor;
  };
  let n = 0;
  beforeAll(async () => {
    env.db = await createTestDatabase(name);
    env.sandbox = await startSandbox({ latencyScale: 0, seed: 3 });
    const { gateway } = createHttpAuthorities({ systems: {}, defaultBaseUrl: env.sandbox.url, timeoutMs: 2000 });
    env.app = await createTestApp({
      databaseUrl: env.db.url,
      backend,
      definitions: [errandV1],
      gateway,
      role,
      namespace: `${name}_${process.pid}`,
      env: vars,
    });
    env.sql = env.app.get(DataSource);
    env.processor = env.app.get(NotificationProcessor);
  });
  afterAll(async () => {
    await env.app?.close();
    await env.sandbox?.close();
    await env.db?.drop();
  });
  /** A journey waiting for the citizen, with one `step-needs-you` notification (as its reminder timer fired). */
  const notified = async (): Promise<{ journeyId: string; notificationId: string }> => {
    const [c] = await env.sql.query(`INSERT INTO citizen (cpr) VALUES ($1) RETURNING id`, [`0202${String(++n).padStart(6, '0')}`]);
    const { journeyId } = await env.app
      .get(StartJourneyUseCase)
      .execute({ citizenId: c.id, type: 'moving', answers: { remindAfterMs: 3_600_000 }, actor: { kind: 'citizen', id: c.id } });
    const send = (type: string, data: Record<string, unknown>) =>
      env.app.get(SendEventUseCase).execute({ origin: 'engine', journeyId, type, data, actor: engine });
    await send('integration.completed', { step: 'ask', task: 'order-health-card', output: {} });
    await send('timer.fired', { key: 'remind' });
    const [row] = await env.sql.query(`SELECT id FROM notification WHERE journey_id = $1`, [journeyId]);
    return { journeyId, notificationId: row.id };
  };
  const status = async (id: string) =>
    (await env.sql.query(`SELECT delivery_status, delivery_note, delivery_ref FROM notification WHERE id = $1`, [id]))[0];
  return { env, notified, status };
}

const fakeJob = (data: NotificationJobData) => {
  const moved: number[] = [];
  const job = {
    data,
    attemptsMade: 0,
    opts: { attempts: 3 },
    moveToDelayed: (at: number) => {
      moved.push(at);
      return Promise.resolve();
    },
  } as unknown as Job<NotificationJobData>;
  return { job, moved };
};

/**
 * Reminders through Digital Post: relayed from the outbox to the queue and delivered once. With no
 * quiet hours (QUIET_HOURS=none), so the delivery itself is checked at any time of day; the night's
 * postponement is the processor's, checked below with its clock set.
 */
describe.each(queueBackends())('notification delivery through the queue on %s', (backend) => {
  const { env, notified, status } = setup(`notify_queue_${backend}`, backend, 'all', { QUIET_HOURS: 'none' });

  it('does deliver each notification as one letter', async () => {
    const { journeyId, notificationId } = await notified();
    const [row] = await env.sql.query(`SELECT created_at, deliver_after FROM notification WHERE id = $1`, [notificationId]);
    expect(Math.abs(new Date(row.deliver_after).getTime() - new Date(row.created_at).getTime())).toBeLessThan(1000);
    await waitFor(async () => (await status(notificationId)).delivery_status === 'sent', 10_000);
    expect((await status(notificationId)).delivery_ref).toMatch(/^DP-/);
    // Running the job again sends nothing more.
    expect(await env.processor.handle(fakeJob({ notificationId, journeyId }).job)).toBe('skipped');
    expect(env.sandbox.sideEffects({ key: notificationId })).toEqual([
      expect.objectContaining({ system: 'digital-post', task: 'send-letter', count: 1 }),
    ]);
  });
});

/** The processor's decisions at delivery time (no workers running, so the test drives each job). */
describe(NotificationProcessor.name, () => {
  const { env, notified, status } = setup('notify_processor', 'postgres', 'api');

  it('does postpone a delivery that falls in the night to 07:00 Danish time', async () => {
    const { journeyId, notificationId } = await notified();
    // The letter was made due when the quiet hours allow (at once in daytime, else at 07:00).
    const [row] = await env.sql.query(`SELECT created_at, deliver_after FROM notification WHERE id = $1`, [notificationId]);
    const due = nextDeliveryTime(new Date(row.created_at)).getTime();
    expect(Math.abs(new Date(row.deliver_after).getTime() - due)).toBeLessThan(1000);
    env.processor.now = () => new Date('2026-01-15T22:30:00Z');
    const { job, moved } = fakeJob({ notificationId, journeyId });
    await expect(env.processor.handle(job, 'token')).rejects.toBeInstanceOf(DelayedError);
    expect(moved).toEqual([Date.parse('2026-01-16T06:00:00Z')]);
    expect((await status(notificationId)).delivery_status).toBe('pending');
    env.processor.now = () => new Date();
  });

  it('does not send a reminder for a step that is done by delivery time', async () => {
    const { journeyId, notificationId } = await notified();
    await env.app
      .get(SendEventUseCase)
      .execute({ origin: 'client', journeyId, type: 'confirm', data: { answer: 'yes' }, actor: await ownerActor(env.app, journeyId) });
    expect(await env.processor.handle(fakeJob({ notificationId, journeyId }).job)).toBe('step-closed');
    expect(await status(notificationId)).toMatchObject({ delivery_status: 'skipped', delivery_note: 'step-closed' });
    expect(env.sandbox.sideEffects({ key: notificationId })).toEqual([]);
  });

  it('does not make a second notification for the same reminder on the same day', async () => {
    const { journeyId } = await notified();
    await env.app
      .get(SendEventUseCase)
      .execute({ origin: 'engine', journeyId, type: 'timer.fired', data: { key: 'remind' }, actor: engine });
    expect(await env.sql.query(`SELECT id FROM notification WHERE journey_id = $1`, [journeyId])).toHaveLength(1);
    expect(
      await env.sql.query(`SELECT id FROM outbox WHERE journey_id = $1 AND payload->>'queue' = 'notifications'`, [journeyId]),
    ).toHaveLength(1);
  });
});

/** Quiet hours a deployment set (QUIET_HOURS=22-6): the letter's due time and the processor keep them. */
describe(`${NotificationProcessor.name} with QUIET_HOURS=22-6`, () => {
  const { env, notified, status } = setup('notify_processor_hours', 'postgres', 'api', { QUIET_HOURS: '22-6' });
  afterEach(() => (env.processor.now = () => new Date()));

  it('does send at 21:30 Danish time and postpone at 22:30 to 06:00, and makes letters due by those hours', async () => {
    const first = await notified();
    const [row] = await env.sql.query(`SELECT created_at, deliver_after FROM notification WHERE id = $1`, [first.notificationId]);
    const due = nextDeliveryTime(new Date(row.created_at), { from: 22, until: 6 }).getTime();
    expect(Math.abs(new Date(row.deliver_after).getTime() - due)).toBeLessThan(1000);

    env.processor.now = () => new Date('2026-01-15T21:30:00Z');
    const late = fakeJob(first);
    await expect(env.processor.handle(late.job, 'token')).rejects.toBeInstanceOf(DelayedError);
    expect(late.moved).toEqual([Date.parse('2026-01-16T05:00:00Z')]);

    env.processor.now = () => new Date('2026-01-15T20:30:00Z');
    expect(await env.processor.handle(fakeJob(first).job, 'token')).toBe('sent');
    expect((await status(first.notificationId)).delivery_status).toBe('sent');
  });
});
