import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A client's secret generation: rotating the secret counts it up, and each client token carries
 * the generation it was issued under, so tokens issued before a rotation are refused at their
 * next call rather than at their expiry (as disabling already does).
 */
export class AddClientSecretGeneration1795700870000 implements MigrationInterface {
  name = 'AddClientSecretGeneration1795700870000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE system_client ADD COLUMN secret_generation integer NOT NULL DEFAULT 1, ADD COLUMN secret_rotated_at timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE system_client DROP COLUMN secret_rotated_at, DROP COLUMN secret_generation`);
  }
}
