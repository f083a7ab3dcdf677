import type { NestExpressApplication } from '@nestjs/platform-express';
import { allDefinitions } from '../../journeys';
import { createTestApp, type CapturedResponse } from '../support/app';
import { OpenApiContract } from '../support/openapi-contract';
import { createTestDatabase } from '../support/database';
import { AcceptingGateway, movingAnswers, selfServiceHelpers } from '../support/self-service';
import { csrfOf, signInAs } from '../support/sign-in';

/**
 * The contract an integrator reads: journey types with who starts them, register facts and events;
 * the refusal to start by hand what only a register starts; a system's next actions; bad input.
 */
describe('integration contract', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let h: ReturnType<typeof selfServiceHelpers>;
  const answers: CapturedResponse[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('integration_contract');
    app = await createTestApp({
      databaseUrl: db.url,
      backend: 'postgres',
      definitions: allDefinitions(),
      gateway: new AcceptingGateway(),
      role: 'api',
      namespace: 'integration_contract',
      captureResponses: answers,
    });
    h = selfServiceHelpers(app);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('lists every journey type with who starts it and where its full contract is', async () => {
    const list = (await h.http().get('/api/journey-types').expect(200)).body as {
      id: string;
      startedBy: string[];
      register: { eventType: string } | null;
      href: string;
    }[];
    expect(list).toHaveLength(11);
    const by = Object.fromEntries(list.map((t) => [t.id, [t.startedBy, t.register?.eventType ?? null]]));
    expect(by).toMatchObject({
      moving: [['citizen'], null],
      retiring: [['register'], 'pension-age-approaching'],
      'losing-a-relative': [['register'], 'death'],
      'digital-citizen': [['register'], 'birthday-15'],
      'becoming-a-parent': [['citizen', 'register'], 'birth'],
    });
    for (const t of list) expect(t.href).toBe(`/api/journey-types/${t.id}`);
    expect(list[0]).not.toHaveProperty('events');
  });

  it(
    'publishes for one journey type its register facts with an example per branch, and every event with its steps and ' + 'authority',
    async () => {
      const retiring = (await h.http().get('/api/journey-types/retiring').expect(200)).body;
      expect(retiring.register).toEqual({
        eventType: 'pension-age-approaching',
        dateFact: 'pensionAgeDate',
        startsWhen: { da: expect.stringMatching(/^Starter automatisk, når /), en: expect.stringMatching(/^Starts by itself when /) },
      });
      expect(retiring.facts.schema.anyOf[0].properties).toHaveProperty('stillWorking');
      expect(retiring.facts.examples.length).toBeGreaterThanOrEqual(2);
      const decided = retiring.events.find((e: { type: string }) => e.type === 'folkepension.decided');
      expect(decided).toEqual({
        type: 'folkepension.decided',
        title: { da: 'Afgørelse om folkepension', en: 'State pension decision' },
        actors: ['system', 'caseworker'],
        steps: [
          { id: 'apply-folkepension', title: expect.objectContaining({ da: expect.any(String) }), authority: 'udbetaling-danmark-pension' },
        ],
        schema: expect.objectContaining({ type: 'object', required: ['decidedOn', 'granted'] }),
        examples: expect.arrayContaining([{ decidedOn: '2025-07-10', granted: false }]),
      });
      const types = retiring.events.map((e: { type: string }) => e.type);
      for (const engineEvent of [
        'integration.completed',
        'integration.failed',
        'integration.retry',
        'timer.fired',
        'journey.linked-completed',
      ])
        expect(types).not.toContain(engineEvent);
    },
  );

  it('serves the webhooks’ AsyncAPI document, linked from the OpenAPI document', async () => {
    const asyncapi = (await h.http().get('/api/asyncapi.json').expect(200)).body;
    expect(asyncapi.asyncapi).toBe('3.0.0');
    expect(
      Object.values(asyncapi.channels)
        .map((c) => (c as { address: string }).address)
        .sort(),
    ).toEqual(['correction.requested', 'step.awaiting', 'step.completed', 'step.failed']);
    expect(JSON.stringify(asyncapi)).toContain('x-livsforloeb-signature');
    const openapi = (await h.http().get('/api/docs-json').expect(200)).body;
    expect(openapi.externalDocs.url).toBe('/api/asyncapi.json');
  });

  it('answers an unknown journey type with 404 and the list of types', async () => {
    const res = await h.http().get('/api/journey-types/space-travel').expect(404);
    expect(res.body).toMatchObject({ code: 'JOURNEY_TYPE_UNKNOWN', types: expect.arrayContaining(['moving', 'retiring']) });
    expect(res.body.types).toHaveLength(11);
    expect(res.body.message).toContain('space-travel');
    await h.http().get('/api/journey-types/space-travel/diagram').expect(404);
  });

  it.each(['retiring', 'losing-a-relative', 'digital-citizen'])(
    'refuses to start %s by hand: it starts by itself when the register says so',
    async (type) => {
      const citizen = await h.devToken({ role: 'citizen', subject: '1111701234' });
      const res = await h.http().post('/api/journeys').set('Authorization', `Bearer ${citizen}`).send({ type, answers: {} }).expect(409);
      expect(res.body).toMatchObject({
        code: 'STARTED_BY_REGISTER',
        startsWhen: { da: expect.stringMatching(/^Starter automatisk, når /), en: expect.stringMatching(/^Starts by itself when /) },
      });
      expect(res.body.message).toMatch(/Starts by itself when/);
      expect(res.body.message).not.toMatch(/facts/);
    },
  );

  it('lists register-only journeys on the start page as starting by themselves, in the reader’s language', async () => {
    const anna = await signInAs(app, 'anna');
    const list = await anna.get('/journeys/new').expect(200);
    expect(list.text).toContain('href="/journeys/new/moving"');
    expect(list.text).not.toContain('href="/journeys/new/retiring"');
    expect(list.text).toContain('Starter automatisk, når du er et halvt år fra din folkepensionsalder.');
    const page = await anna.get('/journeys/new/retiring').expect(200);
    expect(page.text).toContain('Starter automatisk, når');
    expect(page.text).not.toContain('<form method="post" action="/journeys/new/retiring"');
    const posted = await anna
      .post('/journeys/new/retiring')
      .type('form')
      .send({ _csrf: csrfOf(list.text) })
      .expect(409);
    expect(posted.text).toContain('Starter automatisk, når');
    expect(posted.text).not.toMatch(/skal udfyldes|anyOf/);
    const en = await anna.get('/journeys/new?lang=en').expect(200);
    expect(en.text).toContain('Starts by itself when you turn 15.');
  });

  it('shows the start forms and the actions in the reader’s language only, and the history by event title', async () => {
    const anna = await signInAs(app, 'anna');
    const escape = (t: string) =>
      t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    /** Every da/en text of a schema (labels, hints, choices) whose two languages differ. */
    const texts = (schema: unknown): { da: string; en: string }[] => {
      const out: { da: string; en: string }[] = [];
      const visit = (node: unknown) => {
        if (!node || typeof node !== 'object') return;
        const n = node as Record<string, unknown>;
        for (const key of ['x-title', 'x-description']) if (n[key]) out.push(n[key] as { da: string; en: string });
        for (const t of Object.values((n['x-enum-titles'] ?? {}) as Record<string, { da: string; en: string }>)) out.push(t);
        const properties = (n.properties ?? {}) as Record<string, unknown>;
        // An address is searched for, not typed: its register id and municipality code are derived, never shown as fields.
        const address = 'darAddressId' in properties && 'municipalityCode' in properties;
        Object.entries(properties).forEach(([key, child]) =>
          address && (key === 'darAddressId' || key === 'municipalityCode') ? undefined : visit(child),
        );
      };
      visit(schema);
      return out.filter((t) => t.da !== t.en);
    };
    for (const type of allDefinitions().filter((d) => !d.startedBy || d.startedBy.includes('citizen'))) {
      const da = (await anna.get(`/journeys/new/${type.id}?lang=da`).expect(200)).text;
      const en = (await anna.get(`/journeys/new/${type.id}?lang=en`).expect(200)).text;
      for (const t of texts(type.startSchema)) {
        expect({ type: type.id, da: da.includes(escape(t.da)), en: da.includes(escape(t.en)) }).toEqual({
          type: type.id,
          da: true,
          en: false,
        });
        expect({ type: type.id, da: en.includes(escape(t.da)), en: en.includes(escape(t.en)) }).toEqual({
          type: type.id,
          da: false,
          en: true,
        });
      }
    }
    const form = await anna.get('/journeys/new/moving?lang=da').expect(200);
    expect(form.text).toContain('Flyttedato');
    expect(form.text).not.toContain('The day the household moves in');
    const started = await anna
      .post('/journeys/new/moving')
      .type('form')
      .send({
        // The address as the search's pick carries it: register id and municipality code, never typed.
        _csrf: csrfOf(form.text),
        movingDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        'newAddress._pick': '0a3f50a0-4b7c-32b8-e044-0003ba298018|0101',
        othersRegisteredAtNewAddress: 'false',
        renting: 'false',
        childrenMoving: 'false',
        childLeavesJointCustodyHome: 'false',
        wantsAddressProtection: 'false',
      })
      .expect(303);
    const page = await anna.get(started.headers.location).expect(200);
    expect(page.text).toContain('Dagen, flytningen blev anmeldt på borger.dk');
    expect(page.text).not.toContain('Day the move was reported on borger.dk');
    expect(page.text).toContain('Forløbet er startet');
    expect(page.text).not.toContain('<code>journey.started</code>');
    const english = await anna.get(`${started.headers.location}?lang=en`).expect(200);
    expect(english.text).toContain('Journey started');
    expect(english.text).not.toContain('Dagen, flytningen blev anmeldt');
  });

  it('gives a self-service system the events its authority may send now, with schema and example', async () => {
    const { journeyId, citizen } = await h.reportedMove('0505705678', movingAnswers({ hearing: true }));
    const history = (await h.http().get(`/api/journeys/${journeyId}/history`).set('Authorization', `Bearer ${citizen}`).expect(200)).body;
    expect(history.slice(0, 2).map((e: { event: string; title: object }) => [e.event, e.title])).toEqual([
      ['journey.started', { da: 'Forløbet er startet', en: 'Journey started' }],
      ['move.reported', { da: 'Flytning anmeldt', en: 'Move reported' }],
    ]);
    const municipality = await h.clientToken(await h.createClient('municipality'));
    const view = (await h.http().get(`/api/self-service/journeys/${journeyId}`).set('Authorization', `Bearer ${municipality}`).expect(200))
      .body;
    const events = view.nextActions.map((a: { event: string }) => a.event).sort();
    expect(events).toEqual(['child-move-hearing.decided', 'logivaert.decided']);
    const action = view.nextActions.find((a: { event: string }) => a.event === 'logivaert.decided');
    expect(action).toMatchObject({
      title: { da: expect.any(String), en: expect.any(String) },
      schema: { type: 'object' },
      example: { confirmed: expect.any(Boolean) },
    });
    await h
      .http()
      .post(`/api/self-service/journeys/${journeyId}/events`)
      .set('Authorization', `Bearer ${municipality}`)
      .send({ type: 'logivaert.decided', data: action.example })
      .expect(200);
    const after = (await h.http().get(`/api/self-service/journeys/${journeyId}`).set('Authorization', `Bearer ${municipality}`).expect(200))
      .body;
    expect(after.nextActions.map((a: { event: string }) => a.event)).toEqual(['child-move-hearing.decided']);

    const skat = await h.clientToken(await h.createClient('skattestyrelsen'));
    const skatView = (await h.http().get(`/api/self-service/journeys/${journeyId}`).set('Authorization', `Bearer ${skat}`).expect(200))
      .body;
    expect(skatView.nextActions.map((a: { event: string }) => a.event)).not.toContain('child-move-hearing.decided');
    const refused = await h
      .http()
      .post(`/api/self-service/journeys/${journeyId}/events`)
      .set('Authorization', `Bearer ${skat}`)
      .send({ type: 'child-move-hearing.decided', data: { registrationMayProceed: true, decidedOn: '2026-05-23' } })
      .expect(403);
    expect(refused.body).toMatchObject({
      code: 'FORBIDDEN',
      actor: 'system',
      authority: 'skattestyrelsen',
      event: 'child-move-hearing.decided',
    });
    const bad = await h
      .http()
      .post(`/api/self-service/journeys/${journeyId}/events`)
      .set('Authorization', `Bearer ${municipality}`)
      .send({ type: 'child-move-hearing.decided', data: { registrationMayProceed: 'maybe' } })
      .expect(400);
    expect(bad.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'data.registrationMayProceed', reason: 'must be boolean' },
        { field: 'data.decidedOn', reason: 'is required' },
      ]),
    );
  });

  it('rejects one person of a register event whose facts fail the journey’s schema, and starts the others', async () => {
    const feed = await h.clientToken(await h.createClient('cpr'));
    const facts = (await h.http().get('/api/journey-types/retiring').expect(200)).body.facts.examples[0];
    const { stillWorking: _missing, ...incomplete } = facts;
    const res = await h
      .http()
      .post('/api/register-events')
      .set('Authorization', `Bearer ${feed}`)
      .send({
        id: 'cpr-pension-contract-1',
        type: 'pension-age-approaching',
        occurredOn: facts.pensionAgeDate,
        persons: [
          { cpr: '0808581234', facts },
          { cpr: '0909581234', facts: incomplete },
        ],
      })
      .expect(200);
    expect(res.body.outcomes).toEqual([
      { person: 0, result: 'started', journeyId: expect.any(String) },
      { person: 1, result: 'rejected', reason: expect.stringContaining('facts.stillWorking is required') },
    ]);
  });

  it('answered every request above as the OpenAPI document says, errors included', async () => {
    const contract = new OpenApiContract((await h.http().get('/api/docs-json').expect(200)).body);
    const checked = answers.filter((a) => !a.path.startsWith('/api/dev/') && a.path !== '/api/docs-json');
    expect(checked.length).toBeGreaterThan(15);
    expect(checked.flatMap((a) => contract.problems(a))).toEqual([]);
    expect([...new Set(checked.map((a) => a.status))].sort()).toEqual([200, 400, 403, 404, 409]);
  });
});
