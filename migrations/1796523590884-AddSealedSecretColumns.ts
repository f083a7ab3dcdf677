import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets the service must read back are kept sealed (AES-256-GCM, src/platform/crypto/secret-box.ts)
 * instead of in clear: webhook signing secrets in `secret_sealed`, and a task token that waits for
 * its webhook deliveries in `task_token.token_sealed`, which the deliveries reference instead of
 * carrying the token in their body. The key is configuration (SECRETS_KEY), not something SQL can
 * see, so the service seals rows written before this migration when it starts
 * (src/engine/self-service/stored-secrets.ts); the clear `secret` column is then empty.
 *
 * Down puts the columns back only while no secret exists solely in sealed form: the database cannot
 * unseal them, and dropping them would silently break every subscription's signatures.
 */
export class AddSealedSecretColumns1796523590884 implements MigrationInterface {
  name = 'AddSealedSecretColumns1796523590884';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_subscription ADD COLUMN secret_sealed text, ALTER COLUMN secret DROP NOT NULL`);
    await q.query(
      `ALTER TABLE webhook_subscription
         ADD CONSTRAINT webhook_subscription_secret_kept CHECK (secret IS NOT NULL OR secret_sealed IS NOT NULL)`,
    );
    await q.query(`ALTER TABLE task_token ADD COLUMN token_sealed text`);
    await q.query(`ALTER TABLE webhook_delivery ADD COLUMN task_token_id uuid REFERENCES task_token(id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX webhook_delivery_task_token ON webhook_delivery (task_token_id) WHERE task_token_id IS NOT NULL`);
    // What the start-up pass looks at on every start: pending deliveries and the tokens still sealed.
    await q.query(`CREATE INDEX webhook_delivery_pending ON webhook_delivery (id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX task_token_sealed ON task_token (id) WHERE token_sealed IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM webhook_subscription WHERE secret IS NULL AND deleted_at IS NULL)
           OR EXISTS (SELECT 1 FROM webhook_delivery WHERE task_token_id IS NOT NULL AND status = 'pending') THEN
          RAISE EXCEPTION '` +
        'sealed webhook secrets or pending deliveries of sealed task tokens exist; ' +
        `the database cannot unseal them (the key is SECRETS_KEY), so this migration is not reverted';
        END IF;
      END $$`,
    );
    await q.query(`UPDATE webhook_subscription SET secret = '' WHERE secret IS NULL`);
    await q.query(`DROP INDEX task_token_sealed`);
    await q.query(`DROP INDEX webhook_delivery_pending`);
    await q.query(`DROP INDEX webhook_delivery_task_token`);
    await q.query(`ALTER TABLE webhook_delivery DROP COLUMN task_token_id`);
    await q.query(`ALTER TABLE task_token DROP COLUMN token_sealed`);
    await q.query(
      `ALTER TABLE webhook_subscription
         DROP CONSTRAINT webhook_subscription_secret_kept, DROP COLUMN secret_sealed, ALTER COLUMN secret SET NOT NULL`,
    );
  }
}
