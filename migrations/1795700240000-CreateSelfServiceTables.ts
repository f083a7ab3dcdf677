import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-service hooks: the authorities' systems as OAuth clients, the task tokens that let them
 * complete a step, their webhook subscriptions with a delivery log, and an audit of every call.
 */
export class CreateSelfServiceTables1795700240000 implements MigrationInterface {
  name = 'CreateSelfServiceTables1795700240000';

  async up(q: QueryRunner): Promise<void> {
    // The secret is kept only as a scrypt hash: a database dump does not let anyone act as the system.
    await q.query(`
      CREATE TABLE system_client (
        client_id    text PRIMARY KEY,
        authority    text NOT NULL,
        name         text,
        secret_hash  text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        disabled_at  timestamptz
      )`);

    // One row per awaited step. The token itself is never stored, only its SHA-256 hash.
    await q.query(`
      CREATE TABLE task_token (
        id              uuid PRIMARY KEY,
        token_hash      text NOT NULL UNIQUE,
        journey_id      uuid NOT NULL REFERENCES journey(id) ON DELETE CASCADE,
        step            text NOT NULL,
        system          text NOT NULL,
        complete_event  text NOT NULL,
        fail_event      text,
        status          text NOT NULL CHECK (status IN ('awaiting','completed','failed','closed')),
        expires_at      timestamptz NOT NULL,
        used_at         timestamptz,
        used_by         text,
        fail_reason     text,
        resolved_at     timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX task_token_open ON task_token (journey_id, step) WHERE status = 'awaiting'`);
    // Failures without a fail event keep the journey flagged for caseworkers until the step moves on.
    await q.query(`CREATE INDEX task_token_flagged ON task_token (journey_id) WHERE status = 'failed' AND resolved_at IS NULL`);

    // The signing secret must be readable to sign deliveries (HMAC), so it is stored as issued.
    await q.query(`
      CREATE TABLE webhook_subscription (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id   text NOT NULL REFERENCES system_client(client_id),
        authority   text NOT NULL,
        url         text NOT NULL,
        events      text[] NOT NULL,
        secret      text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        deleted_at  timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_subscription_authority ON webhook_subscription (authority) WHERE deleted_at IS NULL`);

    // The body is the exact bytes signed and sent on every attempt; a task token in it is scrubbed once the delivery ends.
    await q.query(`
      CREATE TABLE webhook_delivery (
        id                uuid PRIMARY KEY,
        subscription_id   uuid NOT NULL REFERENCES webhook_subscription(id) ON DELETE CASCADE,
        journey_id        uuid REFERENCES journey(id) ON DELETE SET NULL,
        event             text NOT NULL,
        body              text NOT NULL,
        status            text NOT NULL CHECK (status IN ('pending','delivered','failed','cancelled')),
        attempts          int  NOT NULL DEFAULT 0,
        last_status_code  int,
        last_error        text,
        next_attempt_at   timestamptz,
        delivered_at      timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, created_at DESC)`);

    // Append-only; the route is the pattern (a task token in a URL never reaches this table).
    await q.query(`
      CREATE TABLE system_call_audit (
        id          bigserial PRIMARY KEY,
        client_id   text,
        authority   text,
        method      text NOT NULL,
        route       text NOT NULL,
        journey_id  uuid,
        status      int  NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX system_call_audit_client ON system_call_audit (client_id, created_at DESC)`);
    await q.query(`CREATE INDEX system_call_audit_journey ON system_call_audit (journey_id) WHERE journey_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE system_call_audit`);
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook_subscription`);
    await q.query(`DROP TABLE task_token`);
    await q.query(`DROP TABLE system_client`);
  }
}
