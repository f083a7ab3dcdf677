import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys a client chose are stored as `client:<key>`, apart from the keys the engine
 * chooses (`retry:<task>`, `linked:<journey>`, `task:…`, `task-token:…`), so a client can never use
 * up a key the engine needs later. Keys already stored for events a person or system sent move
 * into that namespace; the engine's keys for system-attributed events (task tokens, integration
 * results) stay where they are.
 */
export class NamespaceClientIdempotencyKeys1796523748707 implements MigrationInterface {
  name = 'NamespaceClientIdempotencyKeys1796523748707';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE journey_idempotency k SET key = 'client:' || k.key
        FROM journey_history h
       WHERE h.journey_id = k.journey_id AND h.seq = k.seq
         AND h.actor->>'kind' IN ('citizen', 'proxy', 'caseworker', 'system')
         AND k.key NOT LIKE 'task-token:%' AND k.key NOT LIKE 'task:%' AND k.key NOT LIKE 'client:%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE journey_idempotency SET key = substr(key, 8) WHERE key LIKE 'client:%'`);
  }
}
