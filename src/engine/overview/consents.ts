import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { consentBasisOf, type Text } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import { isUuid } from '../../platform/ids';
import type { Actor } from '../actor';
import { DefinitionCatalog } from '../definitions/definition-catalog';
import { CommandWriter } from '../persistence/command-writer';
import type { Sql } from '../persistence/journey.repository';

type By = 'citizen' | 'proxy';

interface LockedJourney {
  id: string;
  type: string;
  definition_version: number;
  status: string;
  state: string;
  version: number;
}

export interface ConsentView {
  id: string;
  journey: { id: string; type: string; title: Text };
  step: { id: string; title: Text };
  /** What is fetched, from whom, and for what: the words the consent was given to. */
  fetches: Text;
  from: Text;
  purpose: Text;
  givenAt: string;
  givenBy: By;
  withdrawnAt: string | null;
  withdrawnBy: By | null;
  valid: boolean;
}

interface ConsentRow {
  id: string;
  citizen_id: string;
  journey_id: string;
  step: string;
  given_at: Date;
  given_by: By;
  withdrawn_at: Date | null;
  withdrawn_by: By | null;
  type: string;
  definition_version: number;
}

/** A step whose integration waits for the citizen's consent, as the journey page offers the choice. */
export interface ConsentRequest {
  step: string;
  fetches: Text;
  from: Text;
  purpose: Text;
  /** The event that fills the same data in by hand ("Udfyld selv"). */
  fillInYourself: string;
}

const invalid = (field: string, reason: string) => new DomainError('VALIDATION_FAILED', 'Invalid consent', { fields: [{ field, reason }] });
const byOf = (actor: Actor): By => (actor.kind === 'proxy' ? 'proxy' : 'citizen');

/**
 * Consents (samtykker). A step whose definition names consent as the legal basis of its integration
 * gets that integration `held` (CommandWriter) until a consent for the journey's step exists. Giving
 * one queues the held task on the same transaction; withdrawing it holds again, at once, every task
 * of the step that has not started (a new generation: a job already queued finds it stale and skips
 * it). Both are written in the journey's history and lock the journey row, so they serialise with
 * the transitions that request integrations.
 */
@Injectable()
export class Consents {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: DefinitionCatalog,
    private readonly commands: CommandWriter,
  ) {}

  async list(citizenId: string, journeyId?: string): Promise<ConsentView[]> {
    const rows: ConsentRow[] = await this.dataSource.query(
      `SELECT c.*, j.type, j.definition_version FROM consent c JOIN journey j ON j.id = c.journey_id
        WHERE c.citizen_id = $1 AND ($2::uuid IS NULL OR c.journey_id = $2) ORDER BY c.given_at DESC LIMIT 200`,
      [citizenId, journeyId ?? null],
    );
    return rows.map((r) => this.view(r));
  }

  /** The steps of a journey whose integration is held for want of a consent. */
  async requested(journey: { id: string; type: string; definition_version: number }): Promise<ConsentRequest[]> {
    const definition = this.catalog.get(journey.type, journey.definition_version);
    if (!definition || !definition.steps.some((s) => s.legalBasis?.kind === 'consent')) return [];
    const rows: { step: string }[] = await this.dataSource.query(
      `SELECT DISTINCT step FROM integration_task WHERE journey_id = $1 AND status = 'held'`,
      [journey.id],
    );
    return rows.flatMap(({ step }) => {
      const basis = consentBasisOf(definition, step);
      return basis
        ? [{ step, fetches: basis.fetches, from: basis.from, purpose: basis.purpose, fillInYourself: basis.fillInYourself }]
        : [];
    });
  }

  /** Gives consent for a step of the citizen's journey (by the citizen, or a proxy acting for them). */
  async give(citizenId: string, input: { journeyId: unknown; step: unknown }, actor: Actor): Promise<ConsentView> {
    if (typeof input.journeyId !== 'string' || !isUuid(input.journeyId)) throw invalid('journeyId', 'must be a journey id (uuid)');
    if (typeof input.step !== 'string' || !input.step) throw invalid('step', 'must name a step of the journey');
    const journeyId = input.journeyId;
    const step = input.step;
    return this.dataSource.transaction(async (tx) => {
      const journey = await this.lockJourney(tx, journeyId, citizenId);
      if (!journey) throw new DomainError('NOT_FOUND', 'Journey not found');
      const definition = this.catalog.get(journey.type, journey.definition_version);
      const basis = definition && consentBasisOf(definition, step);
      if (!basis) throw invalid('step', 'is not a step of this journey that asks for consent');
      if (journey.status !== 'active') throw new DomainError('JOURNEY_NOT_ACTIVE', `The journey is ${journey.status}`);
      const [row]: ConsentRow[] = await tx.query(
        `INSERT INTO consent (citizen_id, journey_id, step, system, task, given_by, given_by_id) VALUES ($1,$2,$3,$4,$5,$6,$7)
         ON CONFLICT (journey_id, step) WHERE withdrawn_at IS NULL DO NOTHING RETURNING *`,
        [citizenId, journeyId, step, basis.system, basis.task, byOf(actor), actor.id],
      );
      if (!row) throw new DomainError('CONSENT_ALREADY_GIVEN', 'A valid consent for this step exists already', { step });
      const seq = await this.record(tx, journey, 'consent.given', { consentId: row.id, step, by: byOf(actor) }, actor);
      const released: { id: string; generation: number; system: string; task: string }[] = await tx.query(
        `WITH released AS (UPDATE integration_task SET status = 'queued', updated_at = now()
                            WHERE journey_id = $1 AND step = $2 AND status = 'held' RETURNING id, generation, system, task)
         SELECT * FROM released`,
        [journeyId, step],
      );
      for (const t of released) {
        await this.commands.outbox(
          tx,
          { journeyId, citizenId, seq },
          this.commands.runPayload(journeyId, t.id, t.generation, t.system, t.task),
        );
      }
      return this.view({ ...row, type: journey.type, definition_version: journey.definition_version });
    });
  }

  /** Withdraws a consent: at once for work not yet started. Another citizen's consent is a missing one. */
  async withdraw(citizenId: string, consentId: string, actor: Actor, journeyId?: string): Promise<ConsentView> {
    return this.dataSource.transaction(async (tx) => {
      const [found]: ConsentRow[] = await tx.query(
        `SELECT c.*, j.type, j.definition_version FROM consent c JOIN journey j ON j.id = c.journey_id
          WHERE c.id = $1 AND c.citizen_id = $2 AND ($3::uuid IS NULL OR c.journey_id = $3) FOR UPDATE OF c`,
        [consentId, citizenId, journeyId ?? null],
      );
      if (!found) throw new DomainError('NOT_FOUND', 'Consent not found');
      if (found.withdrawn_at) throw new DomainError('CONSENT_ALREADY_WITHDRAWN', 'The consent is withdrawn already');
      const journey = (await this.lockJourney(tx, found.journey_id, citizenId))!;
      const [row]: ConsentRow[] = await tx.query(
        `WITH withdrawn AS (UPDATE consent SET withdrawn_at = now(), withdrawn_by = $2, withdrawn_by_id = $3 WHERE id = $1 RETURNING *)
         SELECT * FROM withdrawn`,
        [consentId, byOf(actor), actor.id],
      );
      // Not started yet: held again, under a new generation that a queued job does not run.
      await tx.query(
        `UPDATE integration_task SET status = 'held', generation = generation + 1, updated_at = now()
          WHERE journey_id = $1 AND step = $2 AND status IN ('queued', 'failed')`,
        [found.journey_id, found.step],
      );
      await this.record(tx, journey, 'consent.withdrawn', { consentId, step: found.step, by: byOf(actor) }, actor);
      return this.view({ ...row, type: found.type, definition_version: found.definition_version });
    });
  }

  private async lockJourney(tx: Sql, journeyId: string, citizenId: string): Promise<LockedJourney | undefined> {
    const [journey] = await tx.query<LockedJourney[]>(
      `SELECT id, type, definition_version, status, state, version FROM journey WHERE id = $1 AND citizen_id = $2 FOR UPDATE`,
      [journeyId, citizenId],
    );
    return journey;
  }

  /** The history row, under the journey's next version (a consent changes what the journey may do). */
  private async record(
    tx: Sql,
    journey: { id: string; state: string; version: number },
    eventType: 'consent.given' | 'consent.withdrawn',
    data: Record<string, unknown>,
    actor: Actor,
  ): Promise<number> {
    const seq = journey.version + 1;
    await tx.query(`UPDATE journey SET version = version + 1, updated_at = now() WHERE id = $1`, [journey.id]);
    await tx.query(`INSERT INTO journey_history (journey_id, seq, event_type, event_data, actor, state) VALUES ($1,$2,$3,$4,$5,$6)`, [
      journey.id,
      seq,
      eventType,
      data,
      actor,
      journey.state,
    ]);
    journey.version = seq;
    return seq;
  }

  private view(r: ConsentRow): ConsentView {
    const definition = this.catalog.get(r.type, r.definition_version);
    const stepDef = definition?.steps.find((s) => s.id === r.step);
    const basis = definition && consentBasisOf(definition, r.step);
    const none = { da: '', en: '' };
    return {
      id: r.id,
      journey: { id: r.journey_id, type: r.type, title: definition?.title ?? { da: r.type, en: r.type } },
      step: { id: r.step, title: stepDef?.title ?? { da: r.step, en: r.step } },
      fetches: basis?.fetches ?? none,
      from: basis?.from ?? none,
      purpose: basis?.purpose ?? none,
      givenAt: new Date(r.given_at).toISOString(),
      givenBy: r.given_by,
      withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
      withdrawnBy: r.withdrawn_by,
      valid: !r.withdrawn_at,
    };
  }
}
