import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calendar feed of Mit overblik: a phone's calendar subscribes with a token in the URL, so the
 * token is the only key. Only its SHA-256 is stored; a citizen has at most one live token, and a
 * revoked one stays (revoked_at set) so that its feed answers 404.
 */
export class CreateCalendarFeedTokens1796600000000 implements MigrationInterface {
  name = 'CreateCalendarFeedTokens1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_feed_token (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id  uuid NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
        token_hash  text NOT NULL UNIQUE,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX calendar_feed_token_one_live ON calendar_feed_token (citizen_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feed_token`);
  }
}
