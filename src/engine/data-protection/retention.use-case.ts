import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../platform/config/app.config';
import type { Actor } from '../actor';
import { CitizenRepository } from '../persistence/citizen.repository';
import { JourneyRepository } from '../persistence/journey.repository';
import { ProxyRepository } from '../proxies/proxy.repository';
import { redactDeep, redactSnapshot } from './redact';

const RETENTION_ACTOR: Actor = { kind: 'engine', id: 'retention' };
const BATCH = 100;
/** Free text that may name the citizen: replaced, not emptied, so a reader sees something was there. */
const TEXT = '[redacted]';

export interface RetentionResult {
  journeys: number;
  /** "Er det forkert?" requests whose description and answer were redacted. */
  corrections: number;
  citizens: number;
  /** Powers of attorney never confirmed: gone with the person they named. */
  pendingGrants: number;
  /** CPR name lookup counts of past days. */
  lookupCounts: number;
}

/**
 * Data minimisation over time: personal data of journeys finished (completed or dismissed) more
 * than RETENTION_DAYS ago is pseudonymised in place. The history keeps every row, event type,
 * actor, state and time; only values go. A `journey.redacted` history row records it.
 * A correction request ("Er det forkert?") follows its journey: once the journey is redacted (or
 * gone) and the authority answered more than RETENTION_DAYS ago, its description and answer go.
 * A citizen whose journeys and correction requests are all redacted and who holds or gave no valid
 * power of attorney keeps the row (the access log and grants refer to it) with the CPR number replaced by a random token.
 * Powers of attorney left unconfirmed past their time go, with the person looked up for them, and
 * so do the CPR name lookup counts of past days.
 */
@Injectable()
export class RetentionUseCase {
  private readonly logger = new Logger(RetentionUseCase.name);

  constructor(
    private readonly repo: JourneyRepository,
    private readonly proxies: ProxyRepository,
    private readonly config: AppConfig,
    private readonly citizens: CitizenRepository,
  ) {}

  async execute(now = new Date()): Promise<RetentionResult> {
    const finishedBefore = new Date(now.getTime() - this.config.retention.days * 86_400_000);
    let journeys = 0;
    for (;;) {
      const due: { id: string }[] = await this.repo.dataSource.query(
        `SELECT id FROM journey WHERE ended_at < $1 AND redacted_at IS NULL ORDER BY ended_at LIMIT $2`,
        [finishedBefore, BATCH],
      );
      let changed = 0;
      for (const { id } of due) if (await this.repo.transaction((tx) => this.redactJourney(tx, id, finishedBefore))) changed++;
      journeys += changed;
      // A batch that changed nothing would come back the same: stop rather than spin.
      if (due.length < BATCH || changed === 0) break;
    }
    const corrections = await this.redactCorrections(finishedBefore);
    const citizens = await this.pseudonymiseCitizens(finishedBefore);
    const { pendingGrants, lookupCounts } = await this.proxies.pruneLapsed();
    const result = { journeys, corrections, citizens, pendingGrants, lookupCounts };
    if (Object.values(result).some((n) => n > 0))
      this.logger.log({ ...result, retentionDays: this.config.retention.days }, 'retention: personal data pseudonymised or removed');
    return result;
  }

  private async redactJourney(tx: EntityManager, id: string, finishedBefore: Date): Promise<boolean> {
    const j = await this.repo.lock(tx, id);
    if (!j || (j as { redacted_at?: Date | null }).redacted_at || !['completed', 'dismissed'].includes(j.status)) return false;
    await tx.query(`UPDATE journey SET snapshot = $2, version = version + 1, redacted_at = now(), updated_at = now() WHERE id = $1`, [
      id,
      redactSnapshot(j.snapshot),
    ]);
    const history: { seq: number; event_data: unknown }[] = await tx.query(
      'SELECT seq, event_data FROM journey_history WHERE journey_id = $1',
      [id],
    );
    await tx.query(
      `UPDATE journey_history h SET event_data = v.data FROM jsonb_to_recordset($2::jsonb) AS v(seq int, data jsonb)
        WHERE h.journey_id = $1 AND h.seq = v.seq`,
      [id, JSON.stringify(history.map((h) => ({ seq: h.seq, data: redactDeep(h.event_data) })))],
    );
    await this.redactRows(tx, 'notification', 'params', id);
    await this.redactRows(tx, 'integration_task', 'input', id);
    await tx.query(`UPDATE integration_task SET last_error = $2 WHERE journey_id = $1 AND last_error IS NOT NULL`, [id, TEXT]);
    await tx.query(`UPDATE caseworker_note SET body = $2 WHERE journey_id = $1`, [id, TEXT]);
    await tx.query(`UPDATE task_token SET fail_reason = $2 WHERE journey_id = $1 AND fail_reason IS NOT NULL`, [id, TEXT]);
    await this.repo.appendHistory(tx, {
      journeyId: id,
      seq: j.version + 1,
      eventType: 'journey.redacted',
      eventData: { retentionDays: this.config.retention.days, finishedBefore: finishedBefore.toISOString() },
      actor: RETENTION_ACTOR,
      state: j.state,
    });
    return true;
  }

  /** jsonb columns keyed by row id: each value redacted with its shape kept. */
  private async redactRows(
    tx: EntityManager,
    table: 'notification' | 'integration_task',
    column: 'params' | 'input',
    journeyId: string,
  ): Promise<void> {
    const rows: { id: string; value: unknown }[] = await tx.query(`SELECT id, ${column} AS value FROM ${table} WHERE journey_id = $1`, [
      journeyId,
    ]);
    if (!rows.length) return;
    await tx.query(
      `UPDATE ${table} t SET ${column} = v.value FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, value jsonb) WHERE t.id = v.id`,
      [JSON.stringify(rows.map((r) => ({ id: r.id, value: redactDeep(r.value) })))],
    );
  }

  /**
   * Answered correction requests of redacted (or deleted) journeys, answered before the retention
   * period: description and answer become `[redacted]`, and so does the description in the
   * `correction.requested` webhook deliveries that ended. A request still awaiting its answer stays
   * whole: the authority needs it.
   */
  private async redactCorrections(answeredBefore: Date): Promise<number> {
    return this.repo.transaction(async (tx) => {
      const [rows]: [{ id: string }[], number] = await tx.query(
        `UPDATE correction_request r SET description = $2, answer = CASE WHEN r.answer IS NULL THEN NULL ELSE $2 END, redacted_at = now()
          WHERE r.redacted_at IS NULL AND r.status <> 'awaiting' AND r.answered_at < $1
            AND NOT EXISTS (SELECT 1 FROM journey j WHERE j.id = r.journey_id AND j.redacted_at IS NULL)
          RETURNING r.id`,
        [answeredBefore, TEXT],
      );
      if (!rows.length) return 0;
      await tx.query(
        `UPDATE webhook_delivery SET body = jsonb_set(body::jsonb, '{data,correction,description}', to_jsonb($2::text))::text
          WHERE event = 'correction.requested' AND status <> 'pending' AND (body::jsonb #>> '{data,correction,id}') = ANY($1::text[])`,
        [rows.map((r) => r.id), TEXT],
      );
      return rows.length;
    });
  }

  /**
   * The CPR number goes when nothing of the citizen's is still kept in full: every journey redacted
   * (or none, for a row older than the retention period) and no valid power of attorney either way.
   * The token starts with a letter, so it can never parse as (or collide with) a CPR number. Every
   * process's citizen cache is emptied (CitizenCache).
   */
  private async pseudonymiseCitizens(finishedBefore: Date): Promise<number> {
    // The notification commits with the change, so no process learns of one without the other.
    const count = await this.repo.transaction(async (tx) => {
      const [, n]: [unknown[], number] = await tx.query(
        `UPDATE citizen c
          SET cpr = 'P' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 9)), birth_date = NULL, name = NULL,
              pseudonymised_at = now()
        WHERE c.pseudonymised_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM journey j WHERE j.citizen_id = c.id AND j.redacted_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM correction_request r WHERE r.citizen_id = c.id AND r.redacted_at IS NULL)
          AND (EXISTS (SELECT 1 FROM journey j WHERE j.citizen_id = c.id) OR c.created_at < $1)
          AND NOT EXISTS (SELECT 1 FROM proxy_grant g WHERE (g.citizen_id = c.id OR g.proxy_citizen_id = c.id)
                            AND g.revoked_at IS NULL AND g.expires_at > now())
        RETURNING c.id`,
        [finishedBefore],
      );
      // No process may go on answering a replaced CPR number with the row it used to name.
      if (n > 0) await this.citizens.forgetCachedCitizens(tx);
      return n;
    });
    // And this process again, after the commit: a request may have read a row meanwhile.
    if (count > 0) void this.citizens.forgetCachedCitizens();
    return count;
  }
}
