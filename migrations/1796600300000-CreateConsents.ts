import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consents (samtykker): a citizen's consent that a journey step's integration may fetch data only
 * they may release (the step's legal basis `consent` in its definition). A consent is given by the
 * citizen or by a proxy acting for them, and withdrawn at most once; the row stays as the record.
 *
 * An integration task whose step needs a consent and has none is written `held`: no outbox row,
 * nothing queued. Giving the consent queues it; withdrawing it holds again every such task that has
 * not started (a new generation, so a job already queued skips it). A task the citizen no longer
 * needs, because they filled the data in themselves or the step closed, becomes `cancelled`.
 */
export class CreateConsents1796600300000 implements MigrationInterface {
  name = 'CreateConsents1796600300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consent (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id     uuid NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
        journey_id     uuid NOT NULL REFERENCES journey (id) ON DELETE CASCADE,
        step           text NOT NULL,
        system         text NOT NULL,
        task           text NOT NULL,
        given_at       timestamptz NOT NULL DEFAULT now(),
        given_by       text NOT NULL CHECK (given_by IN ('citizen', 'proxy')),
        given_by_id    uuid NOT NULL,
        withdrawn_at   timestamptz,
        withdrawn_by   text CHECK (withdrawn_by IN ('citizen', 'proxy')),
        withdrawn_by_id uuid
      )`);
    await q.query(`CREATE INDEX consent_citizen ON consent (citizen_id, given_at)`);
    // At most one valid consent per journey step.
    await q.query(`CREATE UNIQUE INDEX consent_valid ON consent (journey_id, step) WHERE withdrawn_at IS NULL`);
    await q.query(`ALTER TABLE integration_task DROP CONSTRAINT integration_task_status_check`);
    await q.query(`ALTER TABLE integration_task ADD CONSTRAINT integration_task_status_check
      CHECK (status IN ('held','queued','running','completed','failed','dead','cancelled'))`);
    await q.query(`CREATE INDEX integration_task_held ON integration_task (journey_id, step) WHERE status = 'held'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX integration_task_held`);
    await q.query(`DELETE FROM integration_task WHERE status IN ('held','cancelled')`);
    await q.query(`ALTER TABLE integration_task DROP CONSTRAINT integration_task_status_check`);
    await q.query(`ALTER TABLE integration_task ADD CONSTRAINT integration_task_status_check
      CHECK (status IN ('queued','running','completed','failed','dead'))`);
    await q.query(`DROP TABLE consent`);
  }
}
