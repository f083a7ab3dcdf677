import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../platform/errors/domain-error';
import type { Sql } from '../persistence/journey.repository';
import { hashTaskToken } from './secrets';
import type { CallAudit, SystemCaller } from './system-caller';

export interface TaskTokenRow {
  id: string;
  journey_id: string;
  step: string;
  system: string;
  complete_event: string;
  fail_event: string | null;
  status: 'awaiting' | 'completed' | 'failed' | 'closed';
  expires_at: Date;
  used_at: Date | null;
  journey_type: string;
  definition_version: number;
  citizen_id: string;
}

const TOKEN_SHAPE = /^lft_[A-Za-z0-9_-]{43}$/;

/** Task tokens by hash; the token itself is never stored or compared in plain text. */
@Injectable()
export class TaskTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The token's row if this caller may use it now. Refusals, in order: unknown token (404), another
   * authority's step (403), already used (409), superseded or decided elsewhere (410), expired (410).
   */
  async usable(token: string, caller: SystemCaller, audit?: CallAudit): Promise<TaskTokenRow> {
    const rows: TaskTokenRow[] = TOKEN_SHAPE.test(token)
      ? await this.dataSource.query(
          `SELECT t.*, j.type AS journey_type, j.definition_version, j.citizen_id
             FROM task_token t JOIN journey j ON j.id = t.journey_id WHERE t.token_hash = $1`,
          [hashTaskToken(token)],
        )
      : [];
    const task = rows[0];
    if (!task) throw new DomainError('NOT_FOUND', 'Unknown task token');
    if (audit) audit.journeyId = task.journey_id;
    if (task.system !== caller.authority) throw new DomainError('FORBIDDEN', 'This task token belongs to a step of another authority');
    const refusal = refusalOf(task);
    if (refusal) throw refusal;
    return task;
  }

  /**
   * Marks the token used, on the transaction that applies its event. Guarded on the row, so of two
   * concurrent uses exactly one commits; the other is told why it was refused.
   */
  async consume(
    tx: Sql,
    task: TaskTokenRow,
    outcome: 'completed' | 'failed',
    caller: SystemCaller,
    reason?: string,
    resolved = true,
  ): Promise<void> {
    const [rows]: [TaskTokenRow[], number] = await tx.query(
      `UPDATE task_token SET status = $2, used_at = now(), used_by = $3, fail_reason = $4, resolved_at = CASE WHEN $5 THEN now() END
        WHERE id = $1 AND status = 'awaiting' AND expires_at > now() RETURNING id`,
      [task.id, outcome, caller.clientId, reason ?? null, resolved],
    );
    if (rows.length) return;
    const current: TaskTokenRow[] = await tx.query('SELECT * FROM task_token WHERE id = $1', [task.id]);
    throw refusalOf(current[0]) ?? new DomainError('TASK_TOKEN_USED', 'This task token has already been used');
  }
}

function refusalOf(task: Pick<TaskTokenRow, 'status' | 'used_at' | 'expires_at'> | undefined): DomainError | undefined {
  if (!task) return new DomainError('NOT_FOUND', 'Unknown task token');
  if (task.used_at) {
    return new DomainError('TASK_TOKEN_USED', 'This task token has already been used; a token completes or fails its step once', {
      usedAt: new Date(task.used_at).toISOString(),
    });
  }
  if (task.status === 'closed') {
    return new DomainError(
      'TASK_TOKEN_CLOSED',
      'The step no longer waits for this token: it was decided elsewhere or a newer token replaced it',
    );
  }
  if (new Date(task.expires_at).getTime() <= Date.now()) {
    return new DomainError('TASK_TOKEN_EXPIRED', 'This task token has expired', { expiredAt: new Date(task.expires_at).toISOString() });
  }
  return undefined;
}
