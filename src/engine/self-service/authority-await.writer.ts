import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { AwaitAuthorityCommand } from '../../../journeys/shared/contract';
import { SecretBox, sealContext } from '../../platform/crypto/secret-box';
import type { OutboxPayload } from '../../platform/queue/outbox';
import type { Sql } from '../persistence/journey.repository';
import { newTaskToken } from './secrets';
import { SelfServiceLinks } from './self-service-links';
import { WebhookFanout } from './webhook-fanout';

const DAY_MS = 86_400_000;

/**
 * `authority.await`: mints the step's task token on the event's transaction and queues
 * `step.awaiting` to the system's subscribers. The token leaves the service only inside those
 * deliveries. The database keeps its SHA-256 hash (to recognise it) and, while deliveries still
 * have to carry it, the token sealed with the secret box: the stored delivery bodies leave
 * `task.token` and the hook URLs empty, and the processor fills them in when it sends. Sealing
 * rather than deriving the token from a key at send time keeps it plain random bytes, and the sealed
 * copy is deleted when the last delivery ends, so nothing that yields the token outlives them.
 */
@Injectable()
export class AuthorityAwaitWriter {
  private readonly logger = new Logger(AuthorityAwaitWriter.name);

  constructor(
    private readonly fanout: WebhookFanout,
    private readonly links: SelfServiceLinks,
    private readonly box: SecretBox,
  ) {}

  async write(tx: Sql, journeyId: string, command: AwaitAuthorityCommand): Promise<OutboxPayload[]> {
    const { token, hash } = newTaskToken();
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + command.expiresInDays * DAY_MS);
    // One live token per step: awaiting the step again supersedes the earlier token.
    await tx.query(
      `UPDATE task_token SET status = 'closed', resolved_at = now() WHERE journey_id = $1 AND step = $2 AND status = 'awaiting'`,
      [journeyId, command.step],
    );
    await tx.query(
      `INSERT INTO task_token (id, token_hash, journey_id, step, system, complete_event, fail_event, status, expires_at, token_sealed)
       VALUES ($1,$2,$3,$4,$5,$6,$7,'awaiting',$8,$9)`,
      [
        id,
        hash,
        journeyId,
        command.step,
        command.system,
        command.complete,
        command.fail ?? null,
        expiresAt,
        this.box.seal(token, sealContext.taskToken(id)),
      ],
    );
    const [journey]: { type: string }[] = await tx.query('SELECT type FROM journey WHERE id = $1', [journeyId]);
    const payloads = await this.fanout.queue(
      tx,
      journeyId,
      command.system,
      'step.awaiting',
      {
        journey: { id: journeyId, type: journey?.type },
        step: { id: command.step, system: command.system, status: 'active' },
        task: {
          token: null,
          expiresAt: expiresAt.toISOString(),
          completeEvent: command.complete,
          failEvent: command.fail ?? null,
          completeUrl: null,
          failUrl: null,
        },
        links: {
          returnUrl: this.links.journeyPage(journeyId),
          selfService: this.links.forStep({ id: command.step, system: command.system }, journeyId) ?? null,
        },
      },
      undefined,
      id,
    );
    if (payloads.length === 0) {
      // Nothing will carry the token: do not keep it.
      await tx.query('UPDATE task_token SET token_sealed = NULL WHERE id = $1', [id]);
      this.logger.warn(
        { journeyId, step: command.step, system: command.system },
        'no webhook subscription: the task token cannot reach the self-service solution',
      );
    }
    return payloads;
  }
}
