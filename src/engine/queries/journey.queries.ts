import { Injectable } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error';
import { DefinitionCatalog } from '../definitions/definition-catalog';
import { JourneyRepository, type HistoryRow, type JourneyChild, type JourneyRow } from '../persistence/journey.repository';
import { SelfServiceLinks } from '../self-service/self-service-links';
import type { Text } from '../../../journeys/shared/contract';
import { historyTitle } from './event-titles';
import { journeyView, today, type JourneyView, type ViewAs } from './journey-view';
import { NextActionsCache } from './next-actions-cache';

/** Read side: journey views, lists and history. Callers decide who may read (see the API guards). */
@Injectable()
export class JourneyQueries {
  constructor(
    private readonly repo: JourneyRepository,
    private readonly catalog: DefinitionCatalog,
    private readonly selfServiceLinks: SelfServiceLinks,
    private readonly nextActions: NextActionsCache,
  ) {}

  /** The journey with its linked journeys (what a view needs), or NOT_FOUND. */
  async row(id: string): Promise<JourneyRow & { children: JourneyChild[] }> {
    const row = await this.repo.findWithChildren(this.repo.dataSource, id);
    if (!row) throw new DomainError('NOT_FOUND', 'Journey not found');
    return row;
  }

  /** A citizen's own journey; someone else's looks exactly like a missing one. */
  async ownedRow(id: string, citizenId: string): Promise<JourneyRow & { children: JourneyChild[] }> {
    const row = await this.repo.findWithChildren(this.repo.dataSource, id);
    if (!row || row.citizen_id !== citizenId) throw new DomainError('NOT_FOUND', 'Journey not found');
    return row;
  }

  /** A row read with its children (`row()`) saves a query here. */
  async view(row: JourneyRow & { children?: JourneyChild[] }, viewAs: ViewAs): Promise<JourneyView> {
    const def = this.catalog.get(row.type, row.definition_version);
    if (!def) throw new Error(`definition ${row.type}@${row.definition_version} is not loaded`);
    const children = row.children ?? (await this.repo.children(this.repo.dataSource, row.id));
    let parent: JourneyView['links']['parent'];
    if (row.parent_journey_id) {
      const p = await this.repo.find(this.repo.dataSource, row.parent_journey_id);
      if (p) parent = { id: p.id, type: p.type, step: row.linked_step };
    }
    const day = today();
    const knownActions = this.nextActions.get(row, viewAs, day);
    const view = journeyView(def, row, viewAs, {
      links: { parent, children: children.map((c) => ({ id: c.id, type: c.type, status: c.status, step: c.linked_step })) },
      selfServiceLink: (step) => this.selfServiceLinks.forStep(step, row.id),
      day,
      knownActions,
    });
    if (!knownActions) this.nextActions.set(row, viewAs, day, view.nextActions);
    return view;
  }

  async listForCitizen(citizenId: string): Promise<JourneyView[]> {
    const rows = await this.repo.listForCitizen(this.repo.dataSource, citizenId);
    return Promise.all(rows.map((r) => this.view(r, 'citizen')));
  }

  /** The history with each entry's title in both languages (the journey's own event titles, or the engine's). */
  async history(journeyId: string): Promise<(HistoryRow & { title: Text })[]> {
    const journey = await this.repo.find(this.repo.dataSource, journeyId);
    const def = journey && this.catalog.get(journey.type, journey.definition_version);
    const rows = await this.repo.history(this.repo.dataSource, journeyId);
    return rows.map((h) => ({ ...h, title: historyTitle(def, h.event_type, h.event_data) }));
  }

  /**
   * The reminders a citizen gets about a journey: planned (a scheduled reminder timer) and sent
   * (a deadline-reminder notification), oldest first.
   */
  async reminders(journeyId: string): Promise<{ step: string | null; at: string; sent: boolean }[]> {
    const rows: { step: string | null; at: Date; sent: boolean }[] = await this.repo.dataSource.query(
      `SELECT step, due_at AS at, false AS sent FROM journey_timer WHERE journey_id = $1 AND purpose = 'reminder' AND status = 'scheduled'
       UNION ALL
       SELECT step, created_at AS at, true AS sent FROM notification WHERE journey_id = $1 AND template = 'deadline-reminder'
       ORDER BY at`,
      [journeyId],
    );
    return rows.map((r) => ({ step: r.step, at: new Date(r.at).toISOString(), sent: r.sent }));
  }

  /** The reminders planned for all of a citizen's journeys, soonest first. */
  async plannedReminders(
    citizenId: string,
  ): Promise<{ journeyId: string; type: string; version: number; step: string | null; at: string }[]> {
    const rows: { journey_id: string; type: string; definition_version: number; step: string | null; due_at: Date }[] =
      await this.repo.dataSource.query(
        `SELECT t.journey_id, j.type, j.definition_version, t.step, t.due_at FROM journey_timer t JOIN journey j ON j.id = t.journey_id
        WHERE j.citizen_id = $1 AND j.status = 'active' AND t.purpose = 'reminder' AND t.status = 'scheduled' ORDER BY t.due_at LIMIT 100`,
        [citizenId],
      );
    return rows.map((r) => ({
      journeyId: r.journey_id,
      type: r.type,
      version: r.definition_version,
      step: r.step,
      at: new Date(r.due_at).toISOString(),
    }));
  }
}
