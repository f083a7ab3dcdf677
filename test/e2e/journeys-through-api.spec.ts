import type { NestExpressApplication } from '@nestjs/platform-express';
import { getShortestPaths } from '@xstate/graph';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { AnyMachineSnapshot } from 'xstate';
import { allDefinitions } from '../../journeys';
import type { JourneyDefinition, JourneyEvent } from '../../journeys/shared/contract';
import { createHttpAuthorities } from '../../src/authorities/authorities.factory';
import { startSandbox, type Sandbox } from '../../src/authorities/sandbox/sandbox.server';
import { CitizenRepository } from '../../src/engine/persistence/citizen.repository';
import { CreateClientUseCase } from '../../src/engine/self-service/create-client.use-case';
import { StartJourneyUseCase } from '../../src/engine/use-cases/start-journey.use-case';
import { createTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { scopeDrift } from '../support/journey-scope';
import { exampleInputs, explore, serializeJourneySnapshot, type Exploration } from '../journeys/journey-graph';

/** Engine events the driver never sends: they come from the workers (or from the clock). */
const FROM_ENGINE = new Set([
  'integration.completed',
  'integration.failed',
  'integration.retry',
  'timer.fired',
  'journey.linked-completed',
]);
const AVOID = new Set(['timer.fired', 'integration.failed', 'integration.retry', 'journey.linked-completed']);

/**
 * Every journey, driven from its start to a final state through the HTTP API: citizen events as the
 * citizen, caseworker events as a caseworker of the journey's authority, self-service events as that
 * authority's system client; integrations are answered by the authority sandbox through real
 * workers. At each step the driver asks the pure machine for a shortest way to a final state from
 * where the journey really is (timers may fire meanwhile), and takes its first step.
 */
describe('every journey through the API', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sandbox: Sandbox;
  let http: ReturnType<typeof request>;
  let sql: DataSource;
  let serial = 0;
  const clients = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase('through_api');
    sandbox = await startSandbox({ latencyScale: 0 });
    const { gateway } = createHttpAuthorities({ systems: {}, defaultBaseUrl: sandbox.url, timeoutMs: 5000 });
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: allDefinitions(),
      gateway,
      role: 'all',
      namespace: 'through_api',
    });
    http = request(app.getHttpServer());
    sql = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.drop();
  });

  const devToken = async (body: object) => (await http.post('/api/dev/token').send(body).expect(201)).body.token as string;
  async function systemToken(authority: string): Promise<string> {
    if (!clients.has(authority)) {
      const client = await app.get(CreateClientUseCase).execute({ authority });
      const res = await http
        .post('/api/oauth/token')
        .auth(client.clientId, client.clientSecret)
        .type('form')
        .send({ grant_type: 'client_credentials' })
        .expect(200);
      clients.set(authority, res.body.access_token);
    }
    return clients.get(authority)!;
  }

  function nextStep(def: JourneyDefinition, exploration: Exploration, snapshot: AnyMachineSnapshot): JourneyEvent | undefined {
    const paths = getShortestPaths(exploration.logic, {
      fromState: snapshot,
      events: (s) => exploration.events.filter((e) => !AVOID.has(e.type) && s.can(e)),
      serializeState: serializeJourneySnapshot,
      toState: (s) => s.status === 'done',
      limit: 100_000,
    }).sort((a, b) => a.steps.length - b.steps.length);
    return paths[0]?.steps.find((s) => s.event.type !== 'xstate.init')?.event;
  }

  /** 200, or 409 when a worker moved the journey on between our read and our send (then we look again). */
  function accepted(res: request.Response): void {
    if (res.status === 409 && res.body.code === 'EVENT_NOT_ALLOWED') return;
    if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
    // Whoever sent it, the answer says what happened; the stored row (snapshot, citizen id) stays inside.
    expect(Object.keys(res.body.result).sort()).toEqual(['duplicate', 'journeyId', 'seq', 'state']);
    expect(JSON.stringify(res.body)).not.toMatch(/citizen_id|"snapshot"/);
  }

  async function sendAs(def: JourneyDefinition, journeyId: string, citizen: string, event: JourneyEvent, n: number): Promise<void> {
    const { type, ...data } = event;
    const actors = def.events[type].actors;
    const body = { type, data, idempotencyKey: `drive-${n}` };
    // A caseworker or system event is sent by the authority of the step it decides.
    const owner = def.events[type].steps.map((id) => def.steps.find((s) => s.id === id)?.system).find(Boolean)!;
    if (actors.includes('citizen')) {
      accepted(await http.post(`/api/journeys/${journeyId}/events`).set('Authorization', `Bearer ${citizen}`).send(body));
    } else if (actors.includes('caseworker')) {
      const token = await devToken({ role: 'caseworker', subject: 'cw-1', authority: owner, name: 'Test Sagsbehandler' });
      accepted(await http.post(`/api/caseworker/journeys/${journeyId}/events`).set('Authorization', `Bearer ${token}`).send(body));
    } else {
      accepted(
        await http
          .post(`/api/self-service/journeys/${journeyId}/events`)
          .set('Authorization', `Bearer ${await systemToken(owner)}`)
          .send(body),
      );
    }
  }

  it.each([
    'moving',
    'divorce',
    'starting-education',
    'new-job',
    'moving-abroad',
    'moving-to-denmark',
    'losing-a-job',
    'becoming-a-parent',
  ])('%s starts through POST /api/journeys, with register facts looked up in CPR', async (type) => {
    const def = allDefinitions().find((d) => d.id === type)!;
    const citizen = await devToken({ role: 'citizen', subject: `0202${String(8000 + ++serial).padStart(6, '0')}` });
    const res = await http.post('/api/journeys').set('Authorization', `Bearer ${citizen}`).send({ type, answers: def.startExamples[0] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type, status: 'active' });
    const [row] = await sql.query('SELECT snapshot FROM journey WHERE id = $1', [res.body.id]);
    // Only the facts the journey declares, from the sandboxed CPR.
    const declared = JSON.stringify(def.factsSchema ?? {});
    for (const key of Object.keys(row.snapshot.context.facts ?? {})) expect(declared).toContain(`"${key}"`);
  });

  it.each(allDefinitions().map((d) => [d.id, d] as const))(
    '%s reaches a final state',
    async (_id, def) => {
      const input = exampleInputs(def)[0];
      const exploration = explore(def, input);
      const cpr = `0101${String(7000 + ++serial).padStart(6, '0')}`;
      const citizenId = await app.get(CitizenRepository).idFor(cpr);
      const citizen = await devToken({ role: 'citizen', subject: cpr });
      // Started with the exploration's exact facts so the pure machine's paths apply; starting through
      // POST /api/journeys (above) and the register feed (register-feed-journeys.spec.ts) is tested apart.
      const { journeyId } = await app.get(StartJourneyUseCase).execute({
        citizenId,
        type: def.id,
        answers: input.answers,
        facts: input.facts,
        startedAt: input.startedAt,
        actor: { kind: 'citizen', id: citizenId },
      });

      for (let n = 0; n < 60; n++) {
        const [row] = await sql.query('SELECT status, snapshot, version FROM journey WHERE id = $1', [journeyId]);
        if (row.status !== 'active') break;
        const snapshot = def.machine.resolveState({
          value: row.snapshot.value,
          context: row.snapshot.context,
          historyValue: row.snapshot.historyValue,
        });
        const event = nextStep(def, exploration, snapshot);
        if (!event) throw new Error(`${def.id}: no way to a final state from ${JSON.stringify(row.snapshot.value)}`);
        if (FROM_ENGINE.has(event.type)) {
          // The workers bring it: wait until the journey moves on.
          const until = Date.now() + 10_000;
          while (
            Date.now() < until &&
            (await sql.query('SELECT version FROM journey WHERE id = $1', [journeyId]))[0].version === row.version
          ) {
            await new Promise((r) => setTimeout(r, 50));
          }
          continue;
        }
        await sendAs(def, journeyId, citizen, event, n);
      }
      const view = await http.get(`/api/journeys/${journeyId}`).set('Authorization', `Bearer ${citizen}`).expect(200);
      expect(view.body.status).toBe('completed');
      expect(view.body.steps.every((s: { status: string }) => s.status === 'done' || s.status === 'skipped')).toBe(true);
    },
    // Finding the shortest way on from each state explores the machine again: CPU-bound, and slow on a busy machine.
    180_000,
  );

  it('kept every journey’s caseworker scope in step with its authorities and status on the way', async () => {
    expect(await scopeDrift(sql)).toEqual([]);
  });
});
