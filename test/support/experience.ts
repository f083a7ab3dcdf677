import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { DataSource } from 'typeorm';
import { SendEventUseCase } from '../../src/engine/use-cases/send-event.use-case';
import { ownerActor } from './app';

/** Test helpers for the citizen and caseworker surfaces (on the errand fixture journey). */
export { UnusedGateway } from './unused-gateway';

/** Gives a power of attorney as a citizen does: the pending grant, then its confirmation. Returns the grant. */
export async function grantProxy(
  http: ReturnType<typeof request>,
  token: string,
  body: { proxyCpr: string; access: 'read' | 'act'; expiresAt: string; journeyId?: string },
): Promise<{ id: string } & Record<string, unknown>> {
  const pending = await http.post('/api/me/proxies/pending').set(bearer(token)).send(body).expect(201);
  const grant = await http.post('/api/me/proxies').set(bearer(token)).send({ pendingId: pending.body.pendingId }).expect(201);
  return grant.body;
}

export async function tokenFor(
  http: ReturnType<typeof request>,
  subject: string,
  role = 'citizen',
  authority?: string,
  name?: string,
): Promise<string> {
  const res = await http.post('/api/dev/token').send({ role, subject, authority, name }).expect(201);
  return res.body.token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function startErrand(http: ReturnType<typeof request>, token: string): Promise<string> {
  const res = await http.post('/api/journeys').set(bearer(token)).send({ type: 'moving' }).expect(201);
  return res.body.id;
}

/** What the workers would do: the authority answered (or gave up on) the errand's task. */
export async function engineEvent(app: INestApplication, journeyId: string, type: string, data: Record<string, unknown>): Promise<void> {
  await app.get(SendEventUseCase).execute({ origin: 'engine', journeyId, type, data, actor: { kind: 'engine', id: 'engine' } });
}

/** The errand done: the authority answered its task, and then its citizen confirmed. */
export async function completeErrand(app: INestApplication, journeyId: string): Promise<void> {
  await engineEvent(app, journeyId, 'integration.completed', { step: 'ask', task: 'order-health-card', output: {} });
  await app
    .get(SendEventUseCase)
    .execute({ origin: 'client', journeyId, type: 'confirm', data: { answer: 'yes' }, actor: await ownerActor(app, journeyId) });
}

export async function failTask(app: INestApplication, journeyId: string): Promise<string> {
  const sql = app.get(DataSource);
  const [task] = await sql.query(
    `UPDATE integration_task SET status = 'dead', attempts = 3 WHERE journey_id = $1 AND status = 'queued' RETURNING id`,
    [journeyId],
  );
  await engineEvent(app, journeyId, 'integration.failed', { step: 'ask', task: 'order-health-card', code: 'UNAVAILABLE' });
  return task[0].id;
}
