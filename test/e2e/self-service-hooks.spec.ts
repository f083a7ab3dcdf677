import { createHash } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { allDefinitions } from '../../journeys';
import { SendEventUseCase } from '../../src/engine/use-cases/send-event.use-case';
import { createTestApp } from '../support/app';
import { contractCheck } from '../support/openapi-contract';
import { createTestDatabase } from '../support/database';
import { waitFor } from '../support/private-redis';
import { AcceptingGateway, movingAnswers, selfServiceHelpers } from '../support/self-service';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const moving = allDefinitions().filter((d) => d.id === 'moving');
const SELF_SERVICE = 'https://selvbetjening.example.dk/flyt';
const PUBLIC = 'https://livsforloeb.example.dk';

/** Task tokens, client credentials and authority scoping, end to end through HTTP, workers and webhooks. */
describe('self-service hooks', () => {
  const contract = contractCheck();
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let receiver: WebhookReceiver;
  let h: ReturnType<typeof selfServiceHelpers>;
  let sql: DataSource;
  let municipality: { clientId: string; clientSecret: string };
  let municipalityToken: string;
  let journey: { journeyId: string; citizen: string };

  /** The task token of a step, as the municipality's solution received it. */
  async function tokenFor(journeyId: string, step: string): Promise<string> {
    const find = () => receiver.ofType('step.awaiting').find((b) => b.data.journey.id === journeyId && b.data.step.id === step);
    await waitFor(() => !!find(), 10_000);
    return find()!.data.task.token;
  }
  const hook = (token: string, action: 'complete' | 'fail', bearer: string, body: object) =>
    h.http().post(`/api/hooks/tasks/${token}/${action}`).set('Authorization', `Bearer ${bearer}`).send(body);
  const view = async (j: { journeyId: string; citizen: string }) =>
    (await h.http().get(`/api/journeys/${j.journeyId}`).set('Authorization', `Bearer ${j.citizen}`).expect(200)).body;
  const stepOf = (v: { steps: { id: string }[] }, id: string) => v.steps.find((s) => s.id === id) as Record<string, any>;

  beforeAll(async () => {
    db = await createTestDatabase('self_service_hooks');
    receiver = await startWebhookReceiver();
    app = await createTestApp({
      contract,
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: moving,
      gateway: new AcceptingGateway(),
      namespace: `self_service_hooks_${process.pid}`,
      env: { SELF_SERVICE_LINKS: JSON.stringify({ municipality: SELF_SERVICE }), PUBLIC_BASE_URL: PUBLIC, WEBHOOK_BACKOFF_MS: '20' },
    });
    h = selfServiceHelpers(app);
    sql = app.get(DataSource);
    municipality = await h.createClient('municipality');
    municipalityToken = await h.clientToken(municipality);
    await h
      .http()
      .post('/api/self-service/webhooks')
      .set('Authorization', `Bearer ${municipalityToken}`)
      .send({ url: receiver.url, events: ['step.awaiting'] })
      .expect(201);
    journey = await h.reportedMove('0101901234', movingAnswers({ hearing: true, addressProtection: true }));
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('issues client-credential tokens and stores the secret only as a scrypt hash', async () => {
    const client = await h.createClient('skattestyrelsen');
    const form = await h
      .http()
      .post('/api/oauth/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })
      .expect(200);
    expect(form.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 600 });
    expect(form.headers['cache-control']).toBe('no-store');
    const wrong = await h
      .http()
      .post('/api/oauth/token')
      .auth(client.clientId, `${client.clientSecret}x`)
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(401);
    expect(wrong.body).toMatchObject({ code: 'UNAUTHENTICATED', error: 'invalid_client' });
    await h
      .http()
      .post('/api/oauth/token')
      .auth('nobody-000000000000', 'whatever')
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(401);
    const grant = await h
      .http()
      .post('/api/oauth/token')
      .auth(client.clientId, client.clientSecret)
      .type('form')
      .send({ grant_type: 'password' })
      .expect(400);
    expect(grant.body.error).toBe('unsupported_grant_type');

    // A disabled client is refused at once, even with a token that has not expired.
    const access = form.body.access_token as string;
    await h.http().get('/api/self-service/webhooks').set('Authorization', `Bearer ${access}`).expect(200);
    await sql.query('UPDATE system_client SET disabled_at = now() WHERE client_id = $1', [client.clientId]);
    await h.http().get('/api/self-service/webhooks').set('Authorization', `Bearer ${access}`).expect(401);
    await h
      .http()
      .post('/api/oauth/token')
      .auth(client.clientId, client.clientSecret)
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(401);

    const [row] = await sql.query('SELECT secret_hash FROM system_client WHERE client_id = $1', [client.clientId]);
    expect(row.secret_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    // The raw secret is in no column of any table of any schema (queues included).
    const tables: { schema: string; name: string }[] = await sql.query(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    for (const t of tables) {
      const [hit] = await sql.query(`SELECT count(*)::int AS n FROM "${t.schema}"."${t.name}" x WHERE x::text LIKE $1`, [
        `%${client.clientSecret}%`,
      ]);
      expect({ table: `${t.schema}.${t.name}`, rows: hit.n }).toEqual({ table: `${t.schema}.${t.name}`, rows: 0 });
    }
  });

  it('completes an awaited step with its task token: 400 naming the field, then 200 once, then 409', async () => {
    const token = await tokenFor(journey.journeyId, 'logivaert-check');
    expect(token).toMatch(/^lft_/);
    const [stored] = await sql.query(
      `SELECT token_hash, system, complete_event, status FROM task_token WHERE journey_id = $1 AND step = 'logivaert-check'`,
      [journey.journeyId],
    );
    expect(stored).toEqual({
      token_hash: createHash('sha256').update(token).digest('hex'),
      system: 'municipality',
      complete_event: 'logivaert.decided',
      status: 'awaiting',
    });
    const [rawAtRest] = await sql.query(`SELECT count(*)::int AS n FROM task_token t WHERE t::text LIKE $1`, [`%${token}%`]);
    expect(rawAtRest.n).toBe(0);

    const bad = await hook(token, 'complete', municipalityToken, { data: { confirmed: 'yes' } }).expect(400);
    expect(bad.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'data.confirmed', reason: 'must be boolean' },
        { field: 'data.decidedOn', reason: 'is required' },
      ]),
    );
    const done = await hook(token, 'complete', municipalityToken, { data: { confirmed: true, decidedOn: '2026-05-22' } }).expect(200);
    expect(done.body).toMatchObject({ journeyId: journey.journeyId, step: 'logivaert-check', event: 'logivaert.decided' });
    expect(stepOf(await view(journey), 'logivaert-check').status).toBe('done');
    const history = await sql.query(`SELECT actor FROM journey_history WHERE journey_id = $1 AND event_type = 'logivaert.decided'`, [
      journey.journeyId,
    ]);
    expect(history).toEqual([{ actor: { kind: 'system', id: municipality.clientId, authority: 'municipality' } }]);

    const again = await hook(token, 'complete', municipalityToken, { data: { confirmed: true, decidedOn: '2026-05-22' } }).expect(409);
    expect(again.body).toMatchObject({ code: 'TASK_TOKEN_USED', message: expect.stringContaining('already been used') });
    await hook(token, 'fail', municipalityToken, { reason: 'too late' }).expect(409);
    await hook('lft_unknown', 'complete', municipalityToken, { data: {} }).expect(404);
  });

  it("keeps a system to its own authority's journeys and steps", async () => {
    const token = await tokenFor(journey.journeyId, 'child-move-hearing');
    const skat = await h.clientToken(await h.createClient('skattestyrelsen'));
    const other = await hook(token, 'complete', skat, { data: { registrationMayProceed: true, decidedOn: '2026-05-23' } }).expect(403);
    expect(other.body.message).toBe('This task token belongs to a step of another authority');
    await hook(token, 'fail', skat, { reason: 'not ours' }).expect(403);

    const own = await h
      .http()
      .get(`/api/self-service/journeys/${journey.journeyId}`)
      .set('Authorization', `Bearer ${municipalityToken}`)
      .expect(200);
    expect(own.body.steps.map((s: { id: string }) => s.id)).toEqual(['logivaert-check', 'child-move-hearing', 'address-protection']);
    expect(own.body.steps[1]).toMatchObject({
      status: 'active',
      awaiting: { completeEvent: 'child-move-hearing.decided', failEvent: null },
    });
    const skatView = await h
      .http()
      .get(`/api/self-service/journeys/${journey.journeyId}`)
      .set('Authorization', `Bearer ${skat}`)
      .expect(200);
    expect(skatView.body.steps.map((s: { id: string }) => s.id)).toEqual(['update-preliminary-tax']);
    const jobnet = await h.clientToken(await h.createClient('jobnet'));
    await h.http().get(`/api/self-service/journeys/${journey.journeyId}`).set('Authorization', `Bearer ${jobnet}`).expect(404);

    // Only client-credential tokens: a development token with role system is refused.
    const dev = await h.devToken({ role: 'system', subject: 'municipality-dev', authority: 'municipality' });
    await hook(token, 'complete', dev, { data: { registrationMayProceed: true, decidedOn: '2026-05-23' } }).expect(403);
    const citizen = await h
      .http()
      .post(`/api/hooks/tasks/${token}/complete`)
      .set('Authorization', `Bearer ${journey.citizen}`)
      .send({ data: {} });
    expect(citizen.status).toBe(403);
    expect(stepOf(await view(journey), 'child-move-hearing').status).toBe('active');
  });

  it('flags a step for caseworkers when the solution fails it and the journey has no fail event', async () => {
    const token = await tokenFor(journey.journeyId, 'child-move-hearing');
    const failed = await hook(token, 'fail', municipalityToken, { reason: 'The other parent could not be reached' }).expect(200);
    expect(failed.body).toMatchObject({ step: 'child-move-hearing', event: 'authority.failed', flagged: true });
    const [row] = await sql.query('SELECT has_failed_step FROM journey WHERE id = $1', [journey.journeyId]);
    expect(row.has_failed_step).toBe(true);
    const [entry] = await sql.query(`SELECT event_data FROM journey_history WHERE journey_id = $1 AND event_type = 'authority.failed'`, [
      journey.journeyId,
    ]);
    expect(entry.event_data).toEqual({ step: 'child-move-hearing', reason: 'The other parent could not be reached' });
    await hook(token, 'fail', municipalityToken, { reason: 'again' }).expect(409);

    // The flag survives the journey's next event, and goes when a caseworker decides the step.
    await h
      .http()
      .post(`/api/journeys/${journey.journeyId}/events`)
      .set('Authorization', `Bearer ${journey.citizen}`)
      .send({ type: 'gp-choice.made', data: { choice: 'keep-current' } })
      .expect(200);
    expect((await sql.query('SELECT has_failed_step FROM journey WHERE id = $1', [journey.journeyId]))[0].has_failed_step).toBe(true);
    await app.get(SendEventUseCase).execute({
      origin: 'client',
      journeyId: journey.journeyId,
      type: 'child-move-hearing.decided',
      data: { registrationMayProceed: true, decidedOn: '2026-05-28' },
      actor: { kind: 'caseworker', id: 'cw-1', authority: 'municipality' },
    });
    expect((await sql.query('SELECT has_failed_step FROM journey WHERE id = $1', [journey.journeyId]))[0].has_failed_step).toBe(false);
    expect(stepOf(await view(journey), 'child-move-hearing').status).toBe('done');
  });

  it('applies a token once when a solution sends it twice at the same time', async () => {
    const fourth = await h.reportedMove('0404904567');
    const token = await tokenFor(fourth.journeyId, 'logivaert-check');
    const send = () => hook(token, 'complete', municipalityToken, { data: { confirmed: true, decidedOn: '2026-05-22' } });
    const statuses = (await Promise.all([send(), send(), send()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    expect(
      await sql.query(`SELECT count(*)::int AS n FROM journey_history WHERE journey_id = $1 AND event_type = 'logivaert.decided'`, [
        fourth.journeyId,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('refuses an expired token with 410', async () => {
    const second = await h.reportedMove('0202902345');
    const token = await tokenFor(second.journeyId, 'logivaert-check');
    await sql.query(`UPDATE task_token SET expires_at = now() - interval '1 minute' WHERE journey_id = $1`, [second.journeyId]);
    const expired = await hook(token, 'complete', municipalityToken, { data: { confirmed: true, decidedOn: '2026-05-22' } }).expect(410);
    expect(expired.body).toMatchObject({ code: 'TASK_TOKEN_EXPIRED', message: 'This task token has expired' });
    expect(stepOf(await view(second), 'logivaert-check').status).toBe('active');
  });

  it('links an open citizen step into the authority’s solution with a return URL to the journey', async () => {
    const third = await h.reportedMove('0303903456', movingAnswers({ addressProtection: true }));
    const v = await view(third);
    const url = new URL(stepOf(v, 'address-protection').selfService.url);
    expect(`${url.origin}${url.pathname}`).toBe(SELF_SERVICE);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      journey: third.journeyId,
      step: 'address-protection',
      returnUrl: `${PUBLIC}/journeys/${third.journeyId}`,
    });
    // Not for caseworker steps, steps of systems without a solution, or steps that are closed.
    expect(stepOf(v, 'logivaert-check').selfService).toBeUndefined();
    expect(stepOf(v, 'gp-choice').selfService).toBeUndefined();
    // Back from the solution, the journey shows the step's new state, and a closed step links nowhere.
    await h
      .http()
      .post(`/api/journeys/${third.journeyId}/events`)
      .set('Authorization', `Bearer ${third.citizen}`)
      .send({ type: 'address-protection.applied', data: { appliedOn: '2026-05-21' } })
      .expect(200);
    const back = stepOf(await view(third), 'address-protection');
    expect([back.status, back.selfService]).toEqual(['done', undefined]);
    // The announcement is a webhook: it arrives when its job has run.
    const announced = () => receiver.ofType('step.awaiting').find((b) => b.data.journey.id === third.journeyId);
    await waitFor(() => !!announced(), 10_000);
    const awaiting = announced()!;
    expect(awaiting.data.links).toEqual({
      returnUrl: `${PUBLIC}/journeys/${third.journeyId}`,
      selfService: expect.stringContaining('step=logivaert-check'),
    });
    expect(awaiting.data.task.completeUrl).toBe(`${PUBLIC}/api/hooks/tasks/${awaiting.data.task.token}/complete`);
  });

  it('audits every system call with client, route, journey and status, and shows system reads to the citizen', async () => {
    const calls = async () =>
      sql.query(`SELECT client_id, route, journey_id, status FROM system_call_audit WHERE journey_id = $1 ORDER BY id`, [
        journey.journeyId,
      ]);
    await waitFor(async () => (await calls()).length >= 8, 5_000);
    const rows: { client_id: string; route: string; status: number }[] = await calls();
    const mine = rows.filter((r) => r.client_id === municipality.clientId).map((r) => `${r.route} ${r.status}`);
    expect(mine).toEqual(
      expect.arrayContaining([
        '/api/hooks/tasks/:token/complete 400',
        '/api/hooks/tasks/:token/complete 200',
        '/api/hooks/tasks/:token/complete 409',
        '/api/hooks/tasks/:token/fail 200',
      ]),
    );
    expect(rows.filter((r) => r.status === 403 && r.client_id.startsWith('skattestyrelsen-'))).toHaveLength(2);
    const [tokenCall] = await sql.query(
      `SELECT status FROM system_call_audit WHERE client_id = $1 AND route = '/api/oauth/token' ORDER BY id LIMIT 1`,
      [municipality.clientId],
    );
    expect(tokenCall.status).toBe(200);
    // No URL with a task token is ever stored.
    expect((await sql.query(`SELECT count(*)::int AS n FROM system_call_audit WHERE route LIKE '%lft_%'`))[0].n).toBe(0);

    const access = await sql.query(
      `SELECT viewer_kind, viewer_id, authority, action FROM access_log WHERE journey_id = $1 ORDER BY created_at`,
      [journey.journeyId],
    );
    expect(access).toEqual(
      expect.arrayContaining([
        { viewer_kind: 'system', viewer_id: municipality.clientId, authority: 'municipality', action: 'event:logivaert.decided' },
        { viewer_kind: 'system', viewer_id: municipality.clientId, authority: 'municipality', action: 'view-steps' },
      ]),
    );
  });

  it('delivered only what the published AsyncAPI document describes (/api/asyncapi.json)', () => {
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.contractProblems).toEqual([]);
  });
});
