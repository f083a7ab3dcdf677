import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../platform/config/app.config';
import { DomainError } from '../../platform/errors/domain-error';
import { isUuid } from '../../platform/ids';
import { DefinitionCatalog } from '../definitions/definition-catalog';
import { CommandWriter } from '../persistence/command-writer';
import type { JourneyRow } from '../persistence/journey.repository';
import { SystemAccessLog } from '../self-service/system-access-log';
import type { SystemCaller } from '../self-service/system-caller';
import { WebhookFanout } from '../self-service/webhook-fanout';
import { CORRECTABLE_FACTS, registerFactsOf, type CorrectableFact } from './register-facts-used';

export const CORRECTION_MAX_LENGTH = 2000;

export type CorrectionStatus = 'awaiting' | 'corrected' | 'rejected';

export interface CorrectionView {
  id: string;
  fact: string;
  authority: string;
  description: string;
  requestedBy: 'citizen' | 'proxy';
  status: CorrectionStatus;
  answer: string | null;
  createdAt: string;
  answeredAt: string | null;
}

interface CorrectionRow {
  id: string;
  citizen_id: string;
  journey_id: string | null;
  fact: string;
  authority: string;
  description: string;
  requested_by: 'citizen' | 'proxy';
  status: CorrectionStatus;
  answer: string | null;
  created_at: Date;
  answered_at: Date | null;
}

const view = (r: CorrectionRow): CorrectionView => ({
  id: r.id,
  fact: r.fact,
  authority: r.authority,
  description: r.description,
  requestedBy: r.requested_by,
  status: r.status,
  answer: r.answer,
  createdAt: new Date(r.created_at).toISOString(),
  answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
});

const invalid = (field: string, reason: string) =>
  new DomainError('VALIDATION_FAILED', 'Invalid correction request', { fields: [{ field, reason }] });

/** The text of a request or an answer: 1 to 2,000 characters once trimmed. */
export function correctionText(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text || text.length > CORRECTION_MAX_LENGTH) throw invalid(field, `must be 1 to ${CORRECTION_MAX_LENGTH} characters`);
  return text;
}

/**
 * "Er det forkert?": a citizen says a register fact their journeys used is wrong. The request goes
 * to the authority that keeps the fact as a `correction.requested` webhook to its subscribers,
 * queued through the outbox on the request's transaction. The webhook names the request by its id,
 * and only a system of that authority, signed in with its client credentials, may read it (and
 * whom it concerns) and answer it, once: no bearer secret travels in the webhook, so none is kept
 * in a stored delivery body. The citizen sees the status until then.
 */
@Injectable()
export class Corrections {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: DefinitionCatalog,
    private readonly fanout: WebhookFanout,
    private readonly commands: CommandWriter,
    private readonly accessLog: SystemAccessLog,
    private readonly config: AppConfig,
  ) {}

  async request(
    citizenId: string,
    input: { fact: unknown; description: unknown },
    by: { kind: 'citizen' } | { kind: 'proxy'; citizenId: string } = { kind: 'citizen' },
  ): Promise<CorrectionView> {
    if (typeof input.fact !== 'string' || !(CORRECTABLE_FACTS as readonly string[]).includes(input.fact)) {
      throw invalid('fact', `must be one of ${CORRECTABLE_FACTS.join(', ')}`);
    }
    const description = correctionText(input.description, 'description');
    const rows: JourneyRow[] = await this.dataSource.query(
      `SELECT id, type, definition_version, snapshot, version FROM journey
        WHERE citizen_id = $1 AND status = 'active' ORDER BY created_at LIMIT 200`,
      [citizenId],
    );
    const fact = registerFactsOf(rows, (type, version) => this.catalog.get(type, version)).find(
      (f) => f.fact === (input.fact as CorrectableFact),
    );
    if (!fact) throw invalid('fact', 'is not a register fact your running journeys used');
    const journey = rows.find((r) => r.id === fact.usedBy[fact.usedBy.length - 1].id)!;
    return this.dataSource.transaction(async (tx) => {
      const [open]: { id: string }[] = await tx.query(
        `SELECT id FROM correction_request WHERE citizen_id = $1 AND fact = $2 AND status = 'awaiting' FOR UPDATE`,
        [citizenId, fact.fact],
      );
      if (open)
        throw new DomainError('CORRECTION_PENDING', 'A correction of this fact is already waiting for the authority', { fact: fact.fact });
      const [row]: CorrectionRow[] = await tx.query(
        `INSERT INTO correction_request
           (citizen_id, journey_id, fact, authority, description, requested_by, requested_by_citizen_id, status)
         VALUES ($1,$2,$3,$4,$5,$6,$7,'awaiting') RETURNING *`,
        [citizenId, journey.id, fact.fact, fact.owner, description, by.kind, by.kind === 'proxy' ? by.citizenId : null],
      );
      const base = this.config.selfService.publicBaseUrl;
      const payloads = await this.fanout.queue(tx, journey.id, fact.owner, 'correction.requested', {
        correction: { id: row.id, fact: fact.fact, description, requestedAt: new Date(row.created_at).toISOString() },
        journey: { id: journey.id, type: journey.type },
        links: { detailsUrl: `${base}/api/hooks/corrections/${row.id}`, answerUrl: `${base}/api/hooks/corrections/${row.id}/answer` },
      });
      for (const payload of payloads) await this.commands.outbox(tx, { journeyId: journey.id, citizenId, seq: journey.version }, payload);
      return view(row);
    });
  }

  async list(citizenId: string): Promise<CorrectionView[]> {
    const rows: CorrectionRow[] = await this.dataSource.query(
      `SELECT * FROM correction_request WHERE citizen_id = $1 ORDER BY created_at DESC LIMIT 200`,
      [citizenId],
    );
    return rows.map(view);
  }

  /** One request, for the owning authority's system; the read is in the citizen's access log. */
  async details(id: string, caller: SystemCaller): Promise<CorrectionView & { subject: { cpr: string } }> {
    const row = await this.usable(id, caller);
    const [citizen]: { cpr: string }[] = await this.dataSource.query('SELECT cpr FROM citizen WHERE id = $1', [row.citizen_id]);
    if (row.journey_id) await this.accessLog.record(caller, { id: row.journey_id, citizenId: row.citizen_id }, 'correction:read');
    return { ...view(row), subject: { cpr: citizen.cpr } };
  }

  /** The authority's answer: once (409 after), only by the fact's authority (403). */
  async answer(id: string, caller: SystemCaller, outcome: unknown, message: unknown): Promise<CorrectionView> {
    if (outcome !== 'corrected' && outcome !== 'rejected') throw invalid('outcome', 'must be corrected or rejected');
    const text = correctionText(message, 'message');
    const row = await this.usable(id, caller);
    if (row.status !== 'awaiting') throw new DomainError('CORRECTION_ANSWERED', 'This correction request has already been answered');
    const [updated]: [CorrectionRow[], number] = await this.dataSource.query(
      `UPDATE correction_request SET status = $2, answer = $3, answered_by = $4, answered_at = now()
        WHERE id = $1 AND status = 'awaiting' RETURNING *`,
      [row.id, outcome, text, caller.clientId],
    );
    if (!updated.length) throw new DomainError('CORRECTION_ANSWERED', 'This correction request has already been answered');
    if (row.journey_id) await this.accessLog.record(caller, { id: row.journey_id, citizenId: row.citizen_id }, `correction:${outcome}`);
    return view(updated[0]);
  }

  private async usable(id: string, caller: SystemCaller): Promise<CorrectionRow> {
    const rows: CorrectionRow[] = isUuid(id) ? await this.dataSource.query('SELECT * FROM correction_request WHERE id = $1', [id]) : [];
    if (!rows[0]) throw new DomainError('NOT_FOUND', 'Unknown correction request');
    if (rows[0].authority !== caller.authority) throw new DomainError('FORBIDDEN', 'This correction request is for another authority');
    return rows[0];
  }
}
