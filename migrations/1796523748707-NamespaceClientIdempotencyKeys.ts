import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys a client chose are stored per sender, as `client:<kind>:<authority>:<id>:<key>`,
 * apart from the keys the engine chooses (`retry:<task>`, `linked:<journey>`, `task:…`,
 * `task-token:…`) and from other senders' keys: a client can use up neither a key the engine needs
 * later nor another sender's. Keys already stored for events a person or system sent move into
 * their sender's namespace; the engine's keys for events it sent on someone's behalf (task tokens,
 * integration results, a caseworker's retry) stay where they are.
 */
export class NamespaceClientIdempotencyKeys1796523748707 implements MigrationInterface {
  name = 'NamespaceClientIdempotencyKeys1796523748707';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE journey_idempotency k
         SET key = 'client:' || (h.actor->>'kind') || ':' || coalesce(h.actor->>'authority', '') || ':' || (h.actor->>'id') || ':' || k.key
        FROM journey_history h
       WHERE h.journey_id = k.journey_id AND h.seq = k.seq
         AND h.actor->>'kind' IN ('citizen', 'proxy', 'caseworker', 'system')
         AND k.key NOT LIKE 'task-token:%' AND k.key NOT LIKE 'task:%' AND k.key NOT LIKE 'retry:%' AND k.key NOT LIKE 'client:%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    // What follows the sender's part: kind, authority and id are given by the history row again.
    await q.query(`
      UPDATE journey_idempotency k
         SET key = substr(k.key, length('client:' || (h.actor->>'kind') || ':' || coalesce(h.actor->>'authority', '') || ':'
                                        || (h.actor->>'id') || ':') + 1)
        FROM journey_history h
       WHERE h.journey_id = k.journey_id AND h.seq = k.seq AND k.key LIKE 'client:%'`);
  }
}
