import { Injectable } from '@nestjs/common';
import { handlingSystem, type StepStatus, type Text } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import { DefinitionCatalog } from '../definitions/definition-catalog';
import { JourneyRepository } from '../persistence/journey.repository';
import type { JourneyDefinition } from '../../../journeys/shared/contract';
import { nextActionsOf, type NextActionView } from '../queries/journey-view';
import type { JourneyRow } from '../persistence/journey.repository';
import * as runtime from '../runtime/journey-runtime';
import type { PersistedSnapshot } from '../runtime/journey-runtime';
import { SystemAccessLog } from './system-access-log';
import type { CallAudit, SystemCaller } from './system-caller';

export interface SystemStepView {
  id: string;
  kind: string;
  title: Text;
  status: StepStatus;
  deadline?: string;
  reason?: string;
  /** The open task token of the step, if any (the token itself is only ever in `step.awaiting`). */
  awaiting: { expiresAt: string; completeEvent: string; failEvent: string | null } | null;
}

/**
 * What an authority's system may read of a journey: its own authority's steps that apply to this
 * citizen, nothing else. A journey without such a step looks exactly like a missing one.
 */
@Injectable()
export class SystemJourneyQueries {
  constructor(
    private readonly journeys: JourneyRepository,
    private readonly catalog: DefinitionCatalog,
    private readonly accessLog: SystemAccessLog,
  ) {}

  async steps(caller: SystemCaller, journeyId: string, audit?: CallAudit) {
    const row = await this.journeys.find(this.journeys.dataSource, journeyId);
    const def = row && this.catalog.get(row.type, row.definition_version);
    const states = ((row?.snapshot as PersistedSnapshot | undefined)?.context?.steps ?? {}) as Record<
      string,
      { status: StepStatus; deadline?: string; reason?: string; system?: string }
    >;
    // A skipped step is not the authority's business in this journey (the same rule as the journey's `systems`).
    const own = def
      ? def.steps.filter((s) => handlingSystem(s, states[s.id]) === caller.authority && states[s.id]?.status !== 'skipped')
      : [];
    if (!row || own.length === 0) throw new DomainError('NOT_FOUND', 'Journey not found');
    if (audit) audit.journeyId = row.id;
    const open: { step: string; expires_at: Date; complete_event: string; fail_event: string | null }[] =
      await this.journeys.dataSource.query(
        `SELECT step, expires_at, complete_event, fail_event FROM task_token
          WHERE journey_id = $1 AND status = 'awaiting' AND expires_at > now()`,
        [row.id],
      );
    const steps: SystemStepView[] = own.map((s) => {
      const state = states[s.id] ?? { status: 'pending' };
      const token = open.find((t) => t.step === s.id);
      return {
        id: s.id,
        kind: s.kind,
        title: s.title,
        status: state.status,
        deadline: state.deadline,
        reason: state.reason,
        awaiting: token
          ? { expiresAt: new Date(token.expires_at).toISOString(), completeEvent: token.complete_event, failEvent: token.fail_event }
          : null,
      };
    });
    await this.accessLog.record(caller, { id: row.id, citizenId: row.citizen_id }, 'view-steps');
    return { id: row.id, type: row.type, status: row.status, steps, nextActions: this.nextActions(def!, row, caller.authority) };
  }

  /** What this authority's system may send now: the same policy and state check as the people's views. */
  private nextActions(def: JourneyDefinition, row: JourneyRow, authority: string): NextActionView[] {
    if (row.status !== 'active') return [];
    let snapshot;
    try {
      snapshot = runtime.restore(def, row.snapshot as runtime.PersistedSnapshot);
    } catch {
      return [];
    }
    return nextActionsOf(def, row, snapshot, { kind: 'system', authority });
  }
}
