import type { NestExpressApplication } from '@nestjs/platform-express';
import { grantProxy } from '../support/experience';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { EventStream } from '../support/event-stream';
import { errandV1 } from '../support/fixtures/errand.journey';
import { AcceptingGateway } from '../support/self-service';
import { waitFor } from '../support/private-redis';
import { JourneyChanges } from '../../src/platform/database/journey-changes';

/**
 * A journey's view as server-sent events: the API process that streams it hears of a change made
 * by a worker process (LISTEN/NOTIFY), and the stream keeps the same doors as the journey itself.
 */
describe('journey event stream', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: NestExpressApplication;
  let worker: NestExpressApplication | undefined;
  let base: string;
  const streams: EventStream[] = [];
  const namespace = `journey_stream_${process.pid}`;

  const http = () => request(api.getHttpServer());
  const tokenFor = async (cpr: string) =>
    (await http().post('/api/dev/token').send({ role: 'citizen', subject: cpr }).expect(201)).body.token;
  const open = async (path: string, token?: string, headers: Record<string, string> = {}) => {
    const stream = await EventStream.open(`${base}${path}`, { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers });
    streams.push(stream);
    return stream;
  };
  const view = (e: { data: string }) => JSON.parse(e.data) as { id: string; state: string; status: string };

  beforeAll(async () => {
    db = await createTestDatabase('journey_stream');
    // The API alone: no worker runs until a test starts one, so nothing changes a journey behind its back.
    api = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new AcceptingGateway(),
      role: 'api',
      namespace,
    });
    await api.listen(0, '127.0.0.1');
    base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  it("sends the journey's view when it opens, and again when a worker process has applied an authority's answer", async () => {
    const anna = await tokenFor('0101901234');
    const { body: started } = await http()
      .post('/api/journeys')
      .set('Authorization', `Bearer ${anna}`)
      .send({ type: 'moving' })
      .expect(201);
    const stream = await open(`/api/journeys/${started.id}/events/stream`, anna);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await stream.next((e) => e.event === 'journey');
    expect({ id: first.id, state: view(first).state }).toEqual({ id: '1', state: 'requesting' });

    // Another process (a worker) runs the integration task and applies its result; the API process hears of it.
    let heard = 0;
    const unwatch = api.get(JourneyChanges).watch(started.id, () => heard++);
    expect(await api.get(JourneyChanges).listening()).toBe(true);
    heard = 0; // a watcher added while the listener connected is called once, to catch up
    worker = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: [errandV1],
      gateway: new AcceptingGateway(),
      role: 'worker',
      namespace,
    });
    const update = await stream.next((e) => e.event === 'journey');
    expect({ id: update.id, state: view(update).state }).toEqual({ id: '2', state: 'waiting' });
    // Told by a notification from the worker, not found by the stream's own look every 15 s.
    await waitFor(() => heard > 0, 10_000);
    unwatch();

    // An event that writes the journey row alone (one statement, no transaction) is heard at once too.
    await http()
      .post(`/api/journeys/${started.id}/events`)
      .set('Authorization', `Bearer ${anna}`)
      .send({ type: 'note', data: { n: 7 } })
      .expect(200);
    const noted = await stream.next((e) => e.event === 'journey', 3000);
    expect(noted.id).toBe('3');

    // The citizen finishes the journey: the stream sends the final view and ends.
    await http()
      .post(`/api/journeys/${started.id}/events`)
      .set('Authorization', `Bearer ${anna}`)
      .send({ type: 'confirm', data: { answer: 'yes' } })
      .expect(200);
    const last = await stream.next((e) => e.event === 'journey');
    expect(view(last).status).toBe('completed');
    await stream.next((e) => e.event === 'end');
  });

  it("does not stream another citizen's journey, nor to a client that did not ask for a stream", async () => {
    const anna = await tokenFor('0202902345');
    const { body: started } = await http()
      .post('/api/journeys')
      .set('Authorization', `Bearer ${anna}`)
      .send({ type: 'moving' })
      .expect(201);
    const path = `/api/journeys/${started.id}/events/stream`;
    const bo = await open(path, await tokenFor('0303903456'));
    expect(bo.status).toBe(404);
    expect((await open(path)).status).toBe(401);
    // Without Accept: text/event-stream, a 406 instead of an answer that never ends.
    await http().get(path).set('Authorization', `Bearer ${anna}`).expect(406);
  });

  it("streams a journey to a proxy with a power of attorney, in the citizen's access log, and refuses it to one without", async () => {
    const anna = await tokenFor('0404904567');
    const { body: started } = await http()
      .post('/api/journeys')
      .set('Authorization', `Bearer ${anna}`)
      .send({ type: 'moving' })
      .expect(201);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    await grantProxy(http(), anna, { proxyCpr: '0505905678', access: 'read', expiresAt });
    const path = `/api/me/represented/journeys/${started.id}/events/stream`;

    const outsider = await open(path, await tokenFor('0606906789'));
    expect(outsider.status).toBe(404);
    const proxy = await open(path, await tokenFor('0505905678'));
    expect(proxy.status).toBe(200);
    expect(view(await proxy.next((e) => e.event === 'journey')).id).toBe(started.id);

    const log = await http().get('/api/me/access-log').set('Authorization', `Bearer ${anna}`).expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        viewer: expect.objectContaining({ kind: 'proxy' }),
        journey: { id: started.id, type: 'moving' },
        action: 'stream',
      }),
    ]);
  });
});
