import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions of the pages. The browser holds a random id; only its SHA-256 is stored, so
 * a copy of this table signs nobody in. A citizen's session refers to the citizen row (the one
 * table with CPR numbers). `sign_in_attempt` keeps the PKCE verifier, `state` and `nonce` of a
 * sign-in between the redirect to the provider and its answer; each row is used once.
 */
export class CreatePageSessions1795700850000 implements MigrationInterface {
  name = 'CreatePageSessions1795700850000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE page_session (
        id_hash       text PRIMARY KEY,
        provider      text NOT NULL,
        role          text NOT NULL CHECK (role IN ('citizen', 'caseworker')),
        citizen_id    uuid REFERENCES citizen (id) ON DELETE CASCADE,
        subject       text,
        authority     text,
        name          text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        last_seen_at  timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'citizen') = (citizen_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX page_session_last_seen ON page_session (last_seen_at)`);
    await q.query(`CREATE INDEX page_session_created ON page_session (created_at)`);
    await q.query(`
      CREATE TABLE sign_in_attempt (
        id_hash        text PRIMARY KEY,
        provider       text NOT NULL,
        state          text NOT NULL,
        nonce          text NOT NULL,
        code_verifier  text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sign_in_attempt_created ON sign_in_attempt (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_attempt`);
    await q.query(`DROP TABLE page_session`);
  }
}
