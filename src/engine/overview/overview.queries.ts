import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUTHORITY_SYSTEMS } from '../../../journeys/shared/authority-tasks';
import { answerTimeOf, answerTimeText } from '../../../journeys/shared/authority-tasks/answer-times';
import type { AuthoritySystemId, JourneyContextBase, StepKind, StepStatus, Text } from '../../../journeys/shared/contract';
import { DefinitionCatalog } from '../definitions/definition-catalog';
import type { JourneyRow } from '../persistence/journey.repository';
import { registerFactsOf, type RegisterFact } from './register-facts-used';

export interface OverviewDeadline {
  journey: { id: string; type: string; title: Text };
  step: { id: string; kind: StepKind; status: StepStatus; title: Text; guidance: Text };
  /** The authority system the step belongs to, when it has one. */
  authority: { id: string; name: Text } | null;
  deadline: string;
  overdue: boolean;
  /** The citizen must act (a citizen step that is open); otherwise the deadline is an authority's or a register's. */
  forYou: boolean;
  link: string;
}

export interface WaitingStep {
  journey: { id: string; type: string; title: Text };
  step: { id: string; status: StepStatus; title: Text };
  /** When the engine asked the authority (its task or task token), when known. */
  since: string | null;
  deadline: string | null;
  /** How long the authority normally takes to answer, when it publishes a figure (with its source). */
  expectedAnswer: ExpectedAnswer | null;
  link: string;
}

export interface ExpectedAnswer {
  measure: 'within' | 'average';
  amount: number;
  unit: 'working-days' | 'weeks';
  /** The figure in plain words: "Svar forventes normalt inden for 5 hverdage". */
  text: Text;
  source: { title: string; url: string | null; checked: string };
}

export interface AuthorityCases {
  authority: { id: string; name: Text };
  steps: WaitingStep[];
}

export interface JourneyOverview {
  generatedAt: string;
  /** Today in Denmark: what "overdue" is measured against. */
  today: string;
  runningJourneys: number;
  deadlines: OverviewDeadline[];
  cases: AuthorityCases[];
  facts: RegisterFact[];
}

const OPEN: StepStatus[] = ['active', 'late', 'failed'];
const WAITS_FOR_AUTHORITY: StepKind[] = ['authority', 'automatic', 'caseworker'];

/** Today's date in Denmark (YYYY-MM-DD), whatever the server's time zone. */
export const danishToday = (now = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(now);

function expectedAnswerOf(system: string, journeyType: string, stepId: string): ExpectedAnswer | null {
  const a = answerTimeOf(system, journeyType, stepId);
  if (!a) return null;
  return {
    measure: a.measure,
    amount: a.amount,
    unit: a.unit,
    text: answerTimeText(a),
    source: { title: a.source.title, url: a.source.url ?? null, checked: a.checked },
  };
}

const authorityOf = (id: string | undefined) =>
  id ? { id, name: (AUTHORITY_SYSTEMS[id as AuthoritySystemId]?.name ?? { da: id, en: id }) as Text } : null;

/**
 * Mit overblik, the journey part: the next deadlines across every running journey (overdue first,
 * then soonest), the steps that wait for an authority grouped by authority, and the register facts
 * the journeys used. One query whatever the number of journeys; the steps come from the snapshot
 * the journey row already holds, so no machine is restored. A step waits for an authority when it
 * is the authority's (authority, caseworker or register step) or when the authority was asked and
 * has not answered (an open integration task or an unused task token).
 */
@Injectable()
export class OverviewQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: DefinitionCatalog,
  ) {}

  async forCitizen(citizenId: string, now = new Date()): Promise<JourneyOverview> {
    const rows: (JourneyRow & { asked: { step: string; at: string }[] })[] = await this.dataSource.query(
      // Per journey, the steps an authority was asked about and not yet answered: an integration task
      // that is queued or running, or a task token a self-service solution has not used yet.
      `SELECT j.id, j.type, j.definition_version, j.status, j.snapshot,
              COALESCE((SELECT json_agg(json_build_object('step', a.step, 'at', a.at)) FROM (
                 SELECT step, created_at AS at FROM integration_task WHERE journey_id = j.id AND status IN ('queued', 'running', 'failed')
                 UNION ALL SELECT step, created_at FROM task_token WHERE journey_id = j.id AND status = 'awaiting') a), '[]') AS asked
         FROM journey j WHERE j.citizen_id = $1 AND j.status = 'active' ORDER BY j.created_at LIMIT 200`,
      [citizenId],
    );
    const today = danishToday(now);
    const deadlines: OverviewDeadline[] = [];
    const groups = new Map<string, WaitingStep[]>();
    for (const row of rows) {
      const def = this.catalog.get(row.type, row.definition_version);
      if (!def) continue;
      const context = (row.snapshot as { context?: JourneyContextBase }).context;
      const journey = { id: row.id, type: row.type, title: def.title };
      const asked = new Map<string, string>();
      for (const a of row.asked) if (!asked.has(a.step) || asked.get(a.step)! < a.at) asked.set(a.step, a.at);
      for (const step of def.steps) {
        const state = context?.steps?.[step.id];
        if (!state || state.status === 'done' || state.status === 'skipped') continue;
        const link = `/journeys/${row.id}#step-${step.id}`;
        const open = OPEN.includes(state.status);
        const waits = !!step.system && open && (WAITS_FOR_AUTHORITY.includes(step.kind) || asked.has(step.id));
        if (state.deadline) {
          deadlines.push({
            journey,
            step: { id: step.id, kind: step.kind, status: state.status, title: step.title, guidance: step.guidance },
            authority: authorityOf(step.system),
            deadline: state.deadline,
            overdue: state.deadline < today,
            forYou: open && !waits && step.kind === 'citizen',
            link,
          });
        }
        if (waits) {
          const since = asked.get(step.id);
          const entry = {
            journey,
            step: { id: step.id, status: state.status, title: step.title },
            since: since ? new Date(since).toISOString() : null,
            deadline: state.deadline ?? null,
            expectedAnswer: expectedAnswerOf(step.system!, row.type, step.id),
            link,
          };
          groups.set(step.system!, [...(groups.get(step.system!) ?? []), entry]);
        }
      }
    }
    deadlines.sort(
      (a, b) => Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline) || a.journey.id.localeCompare(b.journey.id),
    );
    const cases = [...groups].map(([id, steps]) => ({
      authority: authorityOf(id)!,
      steps: steps.sort((a, b) => (a.since ?? '').localeCompare(b.since ?? '')),
    }));
    cases.sort((a, b) => a.authority.name.da.localeCompare(b.authority.name.da, 'da'));
    return {
      generatedAt: now.toISOString(),
      today,
      runningJourneys: rows.length,
      deadlines,
      cases,
      facts: registerFactsOf(rows, (type, version) => this.catalog.get(type, version)),
    };
  }
}
