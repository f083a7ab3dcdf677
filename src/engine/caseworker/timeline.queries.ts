import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Text } from '../../../journeys/shared/contract';
import type { Actor } from '../actor';
import { DefinitionCatalog } from '../definitions/definition-catalog';
import { historyTitle } from '../queries/event-titles';
import type { IntegrationTaskRow } from '../persistence/integration-task.repository';
import type { HistoryRow } from '../persistence/journey.repository';

export interface Timeline {
  history: { seq: number; event: string; title: Text; data: Record<string, unknown>; actor: Actor; state: string; at: string }[];
  tasks: {
    id: string;
    step: string;
    task: string;
    system: string;
    status: string;
    attempts: number;
    lastError: string | null;
    createdAt: string;
    updatedAt: string;
    retryable: boolean;
  }[];
  timers: { key: string; step: string | null; purpose: string; status: string; dueAt: string; generation: number }[];
  notes: { id: string; author: string; authority: string; body: string; at: string }[];
}

type TaskRow = IntegrationTaskRow & { last_error: string | null; created_at: Date; updated_at: Date };
interface TimerRow {
  key: string;
  step: string | null;
  purpose: string;
  status: string;
  due_at: Date;
  generation: number;
}
interface NoteRow {
  id: string;
  author_id: string;
  author_name: string | null;
  authority: string;
  body: string;
  created_at: Date;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** One journey seen by a caseworker: events, every integration attempt, timers and notes. */
@Injectable()
export class TimelineQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: DefinitionCatalog,
  ) {}

  async timeline(journeyId: string): Promise<Timeline> {
    const [[journey], history, tasks, timers, notes] = await Promise.all([
      this.dataSource.query<{ type: string; definition_version: number }[]>('SELECT type, definition_version FROM journey WHERE id = $1', [
        journeyId,
      ]),
      this.dataSource.query<HistoryRow[]>('SELECT * FROM journey_history WHERE journey_id = $1 ORDER BY seq', [journeyId]),
      this.dataSource.query<TaskRow[]>('SELECT * FROM integration_task WHERE journey_id = $1 ORDER BY created_at, id', [journeyId]),
      this.dataSource.query<TimerRow[]>('SELECT * FROM journey_timer WHERE journey_id = $1 ORDER BY due_at, key', [journeyId]),
      this.dataSource.query<NoteRow[]>('SELECT * FROM caseworker_note WHERE journey_id = $1 ORDER BY created_at, id', [journeyId]),
    ]);
    const def = journey && this.catalog.get(journey.type, journey.definition_version);
    return {
      history: history.map((h) => ({
        seq: h.seq,
        event: h.event_type,
        title: historyTitle(def, h.event_type, h.event_data),
        data: h.event_data,
        actor: h.actor,
        state: h.state,
        at: iso(h.created_at),
      })),
      tasks: tasks.map((t) => ({
        id: t.id,
        step: t.step,
        task: t.task,
        system: t.system,
        status: t.status,
        attempts: t.attempts,
        lastError: t.last_error,
        createdAt: iso(t.created_at),
        updatedAt: iso(t.updated_at),
        retryable: t.status === 'dead',
      })),
      timers: timers.map((t) => ({
        key: t.key,
        step: t.step,
        purpose: t.purpose,
        status: t.status,
        dueAt: iso(t.due_at),
        generation: t.generation,
      })),
      notes: notes.map((n) => ({
        id: n.id,
        author: n.author_name ?? n.author_id,
        authority: n.authority,
        body: n.body,
        at: iso(n.created_at),
      })),
    };
  }
}
