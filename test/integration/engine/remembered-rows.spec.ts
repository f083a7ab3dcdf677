import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assign, emit, setup } from 'xstate';
import type { JourneyDefinition } from '../../../journeys/shared/contract';
import { JourneyRepository } from '../../../src/engine/persistence/journey.repository';
import { SendEventUseCase } from '../../../src/engine/use-cases/send-event.use-case';
import { StartJourneyUseCase } from '../../../src/engine/use-cases/start-journey.use-case';
import { createTestApp, ownerActor } from '../../support/app';
import { createTestDatabase } from '../../support/database';
import { engineEvent } from '../../support/experience';
import { errandV1 } from '../../support/fixtures/errand.journey';
import { UnusedGateway } from '../../support/unused-gateway';

/**
 * A process remembers the rows of the journeys it wrote last (JourneyRowCache), so a citizen's next
 * event is one statement instead of a read and a write. Two API processes share one database here,
 * each with its own memory, to show that a remembered row is never taken for the journey's when
 * someone else has written it since.
 */
describe('events on the row a process remembered', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let one: INestApplication;
  let two: INestApplication;
  let sql: DataSource;
  let serial = 0;

  beforeAll(async () => {
    db = await createTestDatabase('remembered_rows');
    const options = { databaseUrl: db.url, backend: 'postgres' as const, definitions: [errandV1], role: 'api' as const };
    one = await createTestApp({ ...options, gateway: new UnusedGateway(), namespace: 'remembered_rows_one' });
    two = await createTestApp({ ...options, gateway: new UnusedGateway(), namespace: 'remembered_rows_two' });
    sql = one.get(DataSource);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  async function start(app = one): Promise<string> {
    const [c] = await sql.query(`INSERT INTO citizen (cpr) VALUES ($1) RETURNING id`, [`03039${String(++serial).padStart(5, '0')}`]);
    return (await app.get(StartJourneyUseCase).execute({ citizenId: c.id, type: 'moving', actor: { kind: 'citizen', id: c.id } }))
      .journeyId;
  }

  /** The citizen's event; `actor` given, it sends nothing but the event's own statements. */
  async function send(
    app: INestApplication,
    id: string,
    type: string,
    data: Record<string, unknown>,
    { clientKey, actor }: { clientKey?: string; actor?: { kind: 'citizen'; id: string } } = {},
  ) {
    return app
      .get(SendEventUseCase)
      .executeAndRead({ origin: 'client', journeyId: id, type, data, clientKey, actor: actor ?? (await ownerActor(app, id)) });
  }

  /** The statements `work` sends through the process's pool, counted on their way to PostgreSQL. */
  async function statements(app: INestApplication, work: () => Promise<unknown>): Promise<string[]> {
    const source = app.get(DataSource);
    const texts: string[] = [];
    const query = source.query.bind(source);
    const spy = jest
      .spyOn(source, 'query')
      .mockImplementation((text: string, params?: unknown[]) => (texts.push(text), query(text, params)));
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return texts;
  }

  const history = (id: string) =>
    sql.query<{ seq: number; event_type: string; event_data: Record<string, unknown> }[]>(
      'SELECT seq, event_type, event_data FROM journey_history WHERE journey_id = $1 ORDER BY seq',
      [id],
    );

  it("writes a citizen's next event in one statement, and the row it answers with is the one stored", async () => {
    const id = await start();
    const owner = await ownerActor(one, id);
    let answer: Awaited<ReturnType<typeof send>> | undefined;
    const sent = await statements(one, async () => {
      answer = await send(one, id, 'note', { n: 1 }, { actor: owner });
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^WITH j AS \(\s*UPDATE journey/);
    // And the next one too: the row the event wrote is remembered in its turn.
    expect(await statements(one, () => send(one, id, 'note', { n: 2 }, { actor: owner }))).toHaveLength(1);
    const [stored] = await sql.query('SELECT version, state, snapshot FROM journey WHERE id = $1', [id]);
    expect(answer!.journey).toMatchObject({ version: 2, state: 'requesting' });
    expect(stored.version).toBe(3);
    expect(stored.snapshot.context.notes).toEqual([1, 2]);
  });

  it('applies every event once, in order, when two processes take turns on one journey', async () => {
    const id = await start(one);
    // Each process's remembered row is out of date as soon as the other one wrote: its attempt writes
    // nothing, and the event is prepared again from a read.
    for (let n = 1; n <= 6; n++) await send(n % 2 ? two : one, id, 'note', { n });
    expect((await history(id)).map((h) => [h.seq, h.event_type, h.event_data.n ?? null])).toEqual([
      [1, 'journey.started', null],
      ...[1, 2, 3, 4, 5, 6].map((n) => [n + 1, 'note', n]),
    ]);
    const [stored] = await sql.query('SELECT version, snapshot FROM journey WHERE id = $1', [id]);
    expect(stored.version).toBe(7);
    expect(stored.snapshot.context.notes).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('judges an event on the journey as stored, not as remembered, when another process moved it on', async () => {
    const id = await start(one);
    // Another process applies the authority's answer: the journey now accepts the citizen's confirmation.
    await engineEvent(two, id, 'integration.completed', { step: 'ask', task: 'order-health-card', output: {} });
    // Process one still remembers the journey waiting for the authority, where a confirmation is refused.
    const { result } = await send(one, id, 'confirm', { answer: 'yes' });
    expect(result).toMatchObject({ state: 'done', duplicate: false });
    expect((await history(id)).map((h) => h.event_type)).toEqual(['journey.started', 'integration.completed', 'confirm']);
  });

  it("answers a repeated key with the first event's result, also when the state would take the event again", async () => {
    const id = await start();
    const first = await send(one, id, 'note', { n: 1 }, { clientKey: 'key-1' });
    // `note` is taken in every state, so only the stored key tells that this one was applied already.
    const again = await send(one, id, 'note', { n: 1 }, { clientKey: 'key-1' });
    expect(again.result).toEqual({ ...first.result, duplicate: true });
    expect((await history(id)).filter((h) => h.event_type === 'note')).toHaveLength(1);
    // The process carries on with the row as stored.
    await send(one, id, 'note', { n: 2 }, { clientKey: 'key-2' });
    expect((await history(id)).map((h) => h.event_data.n ?? null)).toEqual([null, 1, 2]);
  });

  it('remembers nothing of a write whose commit failed, so another process can write that version meanwhile', async () => {
    const id = await start();
    // PostgreSQL refuses the commit of one event here, after its statement ran (a deferred constraint trigger).
    await sql.query(`CREATE FUNCTION refuse_note_99() RETURNS trigger LANGUAGE plpgsql AS $$
                     BEGIN IF NEW.event_data->>'n' = '99' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NEW; END $$`);
    await sql.query(`CREATE CONSTRAINT TRIGGER refuse_note_99 AFTER INSERT ON journey_history DEFERRABLE INITIALLY DEFERRED
                     FOR EACH ROW EXECUTE FUNCTION refuse_note_99()`);
    try {
      // In a transaction of its own (as an event that consumes a task token is written), which the refusal rolls back.
      const refused = one.get(SendEventUseCase).executeAndRead({
        origin: 'client',
        journeyId: id,
        type: 'note',
        data: { n: 99 },
        actor: await ownerActor(one, id),
        inTransaction: () => Promise.resolve(),
      });
      await expect(refused).rejects.toThrow('refused at commit');
      // The version the refused event would have written is written by another process.
      await send(two, id, 'note', { n: 2 });
      await send(one, id, 'note', { n: 3 });
      const [stored] = await sql.query('SELECT version, snapshot FROM journey WHERE id = $1', [id]);
      expect(stored.snapshot.context.notes).toEqual([2, 3]);
      expect(stored.version).toBe(3);
    } finally {
      await sql.query('DROP TRIGGER refuse_note_99 ON journey_history');
      await sql.query('DROP FUNCTION refuse_note_99()');
    }
  });

  it('writes nothing on a journey marked broken since, which keeps its version', async () => {
    const id = await start();
    await send(one, id, 'note', { n: 1 });
    const repo = two.get(JourneyRepository);
    await repo.markBroken(repo.dataSource, id, 'snapshot does not fit its machine');
    await expect(send(one, id, 'note', { n: 2 })).rejects.toMatchObject({ code: 'JOURNEY_BROKEN' });
    const [stored] = await sql.query('SELECT status, version FROM journey WHERE id = $1', [id]);
    expect(stored).toEqual({ status: 'broken', version: 2 });
  });

  it("announces a step to a webhook subscription made after the process wrote the journey's row", async () => {
    const id = await start();
    await sql.query(`INSERT INTO system_client (client_id, authority, secret_hash) VALUES ('hi-hooks', 'health-insurance', 'x')`);
    const [subscription] = await sql.query(
      `INSERT INTO webhook_subscription (client_id, authority, url, events, secret)
       VALUES ('hi-hooks', 'health-insurance', 'https://hooks.example/lf', ARRAY['step.completed'], 'whsec_test') RETURNING id`,
    );
    // The authority's answer completes its step, on the row remembered from before the subscription.
    await engineEvent(one, id, 'integration.completed', { step: 'ask', task: 'order-health-card', output: {} });
    const deliveries = await sql.query('SELECT subscription_id, event FROM webhook_delivery WHERE journey_id = $1', [id]);
    expect(deliveries).toEqual([{ subscription_id: subscription.id, event: 'step.completed' }]);
  });

  describe('on a journey whose step waits for an authority with a task token', () => {
    let three: INestApplication;
    beforeAll(async () => {
      // The errand, with the authority's answer making the confirmation wait for a task token.
      three = await createTestApp({
        databaseUrl: db.url,
        backend: 'postgres',
        definitions: [{ ...errandV1, machine: awaitingConfirmation() }],
        role: 'api',
        gateway: new UnusedGateway(),
        namespace: 'remembered_rows_three',
      });
    });
    afterAll(async () => {
      await three?.close();
    });

    const answer = (id: string, idempotencyKey?: string) =>
      three.get(SendEventUseCase).execute({
        origin: 'engine',
        journeyId: id,
        type: 'integration.completed',
        data: { step: 'ask', task: 'order-health-card', output: {} },
        idempotencyKey,
        actor: { kind: 'engine', id: 'engine' },
      });
    const tokens = (id: string) =>
      sql.query<{ status: string }[]>('SELECT status FROM task_token WHERE journey_id = $1 ORDER BY created_at', [id]);

    it('knows a task token may be live after a transition that made one in its transaction, and closes it with the step', async () => {
      const id = await start(three);
      // On the row remembered from the start, which had no live token; the token is made in the event's transaction.
      await answer(id);
      expect(await tokens(id)).toEqual([{ status: 'awaiting' }]);
      // The confirmation is written on the row the answer's transaction left remembered, and settles the step's token.
      const owner = await ownerActor(three, id);
      const sent = await statements(three, () => send(three, id, 'confirm', { answer: 'yes' }, { actor: owner }));
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(/UPDATE task_token SET status/);
      expect(await tokens(id)).toEqual([{ status: 'closed' }]);
    });

    it("answers a repeated key with the first event's result when the event is written in a transaction", async () => {
      const id = await start(three);
      const first = await answer(id, 'answer-1');
      // The waiting journey takes the answer again (it awaits the authority anew), so only the stored key tells.
      const again = await answer(id, 'answer-1');
      expect(again).toEqual({ ...first, duplicate: true });
      expect((await history(id)).map((h) => h.event_type)).toEqual(['journey.started', 'integration.completed']);
      expect(await tokens(id)).toEqual([{ status: 'awaiting' }]);
    });
  });
});

/** The errand's machine, where the authority's answer makes the citizen's confirmation a step awaited with a task token. */
function awaitingConfirmation() {
  const awaitConfirmation = emit({
    type: 'authority.await',
    step: 'confirm',
    system: 'health-insurance',
    complete: 'confirm',
    expiresInDays: 7,
  });
  return setup({
    types: { context: {} as { steps: Record<string, { status: string }>; notes: number[] }, events: {} as { type: string } },
  }).createMachine({
    id: 'errand',
    initial: 'requesting',
    context: ({ input }: { input: { answers: object; facts: object; startedAt: string } }) => ({
      ...input,
      steps: { ask: { status: 'active' }, confirm: { status: 'pending' } },
      notes: [],
    }),
    states: {
      requesting: {
        entry: emit({ type: 'integration.request', step: 'ask', task: 'order-health-card', system: 'health-insurance', input: {} }),
        on: {
          'integration.completed': {
            target: 'waiting',
            actions: [assign({ steps: { ask: { status: 'done' }, confirm: { status: 'active' } } }), awaitConfirmation],
          },
        },
      },
      waiting: {
        on: {
          'integration.completed': { target: 'waiting', reenter: true, actions: awaitConfirmation },
          confirm: { target: 'done', actions: assign({ steps: { ask: { status: 'done' }, confirm: { status: 'done' } } }) },
        },
      },
      done: { type: 'final' },
    },
  }) as unknown as JourneyDefinition['machine'];
}
