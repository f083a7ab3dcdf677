import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The engine's tables. A journey's truth is its row (snapshot + optimistic version) plus its
 * append-only history; side effects wait in the outbox until the relay has put them on a queue.
 */
export class CreateJourneyTables1795700000000 implements MigrationInterface {
  name = 'CreateJourneyTables1795700000000';

  async up(q: QueryRunner): Promise<void> {
    // CPR numbers are stored once, here; every other table references the internal id.
    await q.query(`
      CREATE TABLE citizen (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cpr         char(10) NOT NULL UNIQUE,
        birth_date  date,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE journey (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id          uuid NOT NULL REFERENCES citizen(id),
        parent_journey_id   uuid REFERENCES journey(id),
        linked_step         text,
        type                text NOT NULL,
        definition_version  int  NOT NULL,
        status              text NOT NULL CHECK (status IN ('active','completed','dismissed','broken')),
        state               text NOT NULL,
        snapshot            jsonb NOT NULL,
        version             int  NOT NULL DEFAULT 1,
        broken_reason       text,
        next_deadline       date,
        has_failed_step     boolean NOT NULL DEFAULT false,
        systems             text[] NOT NULL DEFAULT '{}',
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        completed_at        timestamptz
      )`);
    // One running journey per citizen and life event.
    await q.query(`CREATE UNIQUE INDEX journey_one_active_per_type ON journey (citizen_id, type) WHERE status = 'active'`);
    await q.query(`CREATE INDEX journey_citizen ON journey (citizen_id, created_at DESC)`);
    await q.query(`CREATE INDEX journey_type_status ON journey (type, status, updated_at DESC)`);
    await q.query(`CREATE INDEX journey_systems ON journey USING gin (systems)`);
    await q.query(`CREATE INDEX journey_deadline ON journey (next_deadline) WHERE status = 'active'`);
    await q.query(`CREATE INDEX journey_parent ON journey (parent_journey_id) WHERE parent_journey_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE journey_history (
        journey_id   uuid NOT NULL REFERENCES journey(id) ON DELETE CASCADE,
        seq          int  NOT NULL,
        event_type   text NOT NULL,
        event_data   jsonb NOT NULL DEFAULT '{}',
        actor        jsonb NOT NULL,
        state        text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (journey_id, seq)
      )`);

    await q.query(`
      CREATE TABLE journey_idempotency (
        journey_id   uuid NOT NULL REFERENCES journey(id) ON DELETE CASCADE,
        key          text NOT NULL,
        seq          int  NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (journey_id, key)
      )`);

    await q.query(`
      CREATE TABLE outbox (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id    uuid NOT NULL REFERENCES journey(id) ON DELETE CASCADE,
        seq           int  NOT NULL,
        command_type  text NOT NULL,
        payload       jsonb NOT NULL,
        available_at  timestamptz NOT NULL DEFAULT now(),
        created_at    timestamptz NOT NULL DEFAULT now(),
        relayed_at    timestamptz,
        relay_attempts int NOT NULL DEFAULT 0,
        last_error    text
      )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (available_at, created_at) WHERE relayed_at IS NULL`);
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(`
      CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);

    // What the engine asked of an authority, attempt by attempt: the caseworker's view of integrations.
    await q.query(`
      CREATE TABLE integration_task (
        id               uuid PRIMARY KEY,
        journey_id       uuid NOT NULL REFERENCES journey(id) ON DELETE CASCADE,
        step             text NOT NULL,
        task             text NOT NULL,
        system           text NOT NULL,
        input            jsonb NOT NULL DEFAULT '{}',
        status           text NOT NULL CHECK (status IN ('queued','running','completed','failed','dead')),
        attempts         int  NOT NULL DEFAULT 0,
        last_error       text,
        generation       int  NOT NULL DEFAULT 1,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX integration_task_journey ON integration_task (journey_id, created_at)`);
    await q.query(`CREATE INDEX integration_task_dead ON integration_task (status) WHERE status = 'dead'`);

    // Durable timers: the row is the truth, the delayed job only the alarm clock.
    await q.query(`
      CREATE TABLE journey_timer (
        journey_id   uuid NOT NULL REFERENCES journey(id) ON DELETE CASCADE,
        key          text NOT NULL,
        generation   int  NOT NULL DEFAULT 1,
        job_id       uuid,
        due_at       timestamptz NOT NULL,
        step         text,
        purpose      text NOT NULL,
        status       text NOT NULL CHECK (status IN ('scheduled','fired','cancelled')),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (journey_id, key)
      )`);
    await q.query(`CREATE INDEX journey_timer_due ON journey_timer (due_at) WHERE status = 'scheduled'`);

    // The citizen's in-app notification list (delivery through Digital Post is a separate job).
    await q.query(`
      CREATE TABLE notification (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id   uuid NOT NULL REFERENCES citizen(id),
        journey_id   uuid NOT NULL REFERENCES journey(id) ON DELETE CASCADE,
        template     text NOT NULL,
        step         text,
        params       jsonb NOT NULL DEFAULT '{}',
        created_at   timestamptz NOT NULL DEFAULT now(),
        read_at      timestamptz
      )`);
    await q.query(`CREATE INDEX notification_citizen ON notification (citizen_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE journey_timer`);
    await q.query(`DROP TABLE integration_task`);
    await q.query(`DROP TRIGGER outbox_inserted ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE journey_idempotency`);
    await q.query(`DROP TABLE journey_history`);
    await q.query(`DROP TABLE journey`);
    await q.query(`DROP TABLE citizen`);
  }
}
