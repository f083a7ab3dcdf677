import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { DataSource } from 'typeorm';
import { SendEventUseCase } from '../../src/engine/use-cases/send-event.use-case';
import { AuthorityGateway } from '../../src/authorities/ports/authority-gateway.port';

/** Test helpers for the citizen and caseworker surfaces (on the errand fixture journey). */
export class UnusedGateway extends AuthorityGateway {
  execute(): Promise<never> {
    return Promise.reject(new Error('not expected in this suite'));
  }
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

export async function failTask(app: INestApplication, journeyId: string): Promise<string> {
  const sql = app.get(DataSource);
  const [task] = await sql.query(
    `UPDATE integration_task SET status = 'dead', attempts = 3 WHERE journey_id = $1 AND status = 'queued' RETURNING id`,
    [journeyId],
  );
  await engineEvent(app, journeyId, 'integration.failed', { step: 'ask', task: 'order-health-card', code: 'UNAVAILABLE' });
  return task[0].id;
}
