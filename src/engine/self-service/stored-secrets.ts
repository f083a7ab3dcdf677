import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SecretBox, SecretBoxError, sealContext } from '../../platform/crypto/secret-box';
import { forgetSealedToken, takeTaskToken } from './delivery-task-token';
import { hashTaskToken } from './secrets';

/** Another advisory lock than the migrations' (4215151): starters seal one after another. */
const SEAL_LOCK = 4215152;

/**
 * Runs when a process starts, after the migrations and before workers or HTTP: everything the
 * service keeps to read back ends up sealed with the current key. It seals webhook secrets kept in
 * clear, moves task tokens out of the bodies of pending deliveries into sealed form, and seals
 * values sealed with an older key again with the newest, so a retired key can leave SECRETS_KEY
 * after one start with both. This happens here and not in a migration because the key is
 * configuration: SQL cannot see it, and it must also run whenever the keys rotate.
 */
@Injectable()
export class StoredSecrets implements OnModuleInit {
  private readonly logger = new Logger(StoredSecrets.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  async onModuleInit(): Promise<void> {
    const counts = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
      return {
        secrets: await this.sealWebhookSecrets(tx),
        moved: await this.moveTokensOutOfBodies(tx),
        tokens: await this.resealTaskTokens(tx),
      };
    });
    if (counts.secrets || counts.moved || counts.tokens) {
      this.logger.log(
        `sealed with key "${this.box.currentKeyId}": ${counts.secrets} webhook secrets, ` +
          `${counts.moved} task tokens taken out of pending deliveries, ${counts.tokens} task tokens sealed again`,
      );
    }
  }

  private async sealWebhookSecrets(tx: EntityManager): Promise<number> {
    const rows: { id: string; secret: string | null; secret_sealed: string | null }[] = await tx.query(
      `SELECT id, secret, secret_sealed FROM webhook_subscription
        WHERE secret IS NOT NULL OR split_part(secret_sealed, '.', 2) <> $1`,
      [this.box.currentKeyId],
    );
    let sealed = 0;
    for (const row of rows) {
      const context = sealContext.webhookSecret(row.id);
      const plain = row.secret ?? this.tryOpen(row.secret_sealed!, context, `webhook subscription ${row.id}`);
      if (plain === undefined) continue;
      await tx.query('UPDATE webhook_subscription SET secret_sealed = $2, secret = NULL WHERE id = $1', [
        row.id,
        this.box.seal(plain, context),
      ]);
      sealed += 1;
    }
    return sealed;
  }

  /** Pending deliveries written when the body carried the token: the token goes to its task_token row, sealed. */
  private async moveTokensOutOfBodies(tx: EntityManager): Promise<number> {
    const rows: { id: string; body: string }[] = await tx.query(
      `SELECT id, body FROM webhook_delivery WHERE status = 'pending' AND task_token_id IS NULL AND body LIKE '%"token":"lft\\_%'`,
    );
    let moved = 0;
    for (const row of rows) {
      const taken = takeTaskToken(row.body);
      if (!taken) continue;
      const [task]: { id: string; token_sealed: string | null }[] = await tx.query(
        'SELECT id, token_sealed FROM task_token WHERE token_hash = $1',
        [hashTaskToken(taken.token)],
      );
      if (task && !task.token_sealed) {
        await tx.query('UPDATE task_token SET token_sealed = $2 WHERE id = $1', [
          task.id,
          this.box.seal(taken.token, sealContext.taskToken(task.id)),
        ]);
      }
      await tx.query('UPDATE webhook_delivery SET body = $2, task_token_id = $3 WHERE id = $1', [row.id, taken.body, task?.id ?? null]);
      moved += 1;
    }
    return moved;
  }

  private async resealTaskTokens(tx: EntityManager): Promise<number> {
    // Sealed copies no pending delivery needs any more (two deliveries that ended at once may leave one).
    const idle: { id: string }[] = await tx.query(
      `SELECT t.id FROM task_token t WHERE t.token_sealed IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.task_token_id = t.id AND d.status = 'pending')`,
    );
    if (idle.length)
      await forgetSealedToken(
        tx,
        idle.map((r) => r.id),
      );
    const rows: { id: string; token_sealed: string }[] = await tx.query(
      `SELECT id, token_sealed FROM task_token WHERE token_sealed IS NOT NULL AND split_part(token_sealed, '.', 2) <> $1`,
      [this.box.currentKeyId],
    );
    let sealed = 0;
    for (const row of rows) {
      const context = sealContext.taskToken(row.id);
      const plain = this.tryOpen(row.token_sealed, context, `task token ${row.id}`);
      if (plain === undefined) continue;
      await tx.query('UPDATE task_token SET token_sealed = $2 WHERE id = $1', [row.id, this.box.seal(plain, context)]);
      sealed += 1;
    }
    return sealed;
  }

  /** A value no configured key opens stays as it is: deliveries that need it fail and say so, the service still starts. */
  private tryOpen(sealed: string, context: string, what: string): string | undefined {
    try {
      return this.box.open(sealed, context);
    } catch (e) {
      if (!(e instanceof SecretBoxError)) throw e;
      this.logger.error(`${what}: ${e.message}; keep the key that sealed it in SECRETS_KEY`);
      return undefined;
    }
  }
}
