import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Er det forkert?": a citizen's request to correct a register fact their journeys used. It goes to
 * the authority that keeps the fact as a task (webhook `correction.requested` with a task token,
 * stored only as its SHA-256) and shows its status until the authority answers. The journey is the
 * one that used the fact; the request outlives it.
 */
export class CreateCorrectionRequests1796600100000 implements MigrationInterface {
  name = 'CreateCorrectionRequests1796600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE correction_request (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id    uuid NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
        journey_id    uuid REFERENCES journey (id) ON DELETE SET NULL,
        fact          text NOT NULL,
        authority     text NOT NULL,
        description   text NOT NULL,
        requested_by  text NOT NULL CHECK (requested_by IN ('citizen', 'proxy')),
        status        text NOT NULL CHECK (status IN ('awaiting', 'corrected', 'rejected')),
        answer        text,
        answered_by   text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        answered_at   timestamptz
      )`);
    await q.query(`CREATE INDEX correction_request_citizen ON correction_request (citizen_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE correction_request`);
  }
}
