import type { AnyMachineSnapshot } from 'xstate';
import {
  handlingSystem,
  type JourneyDefinition,
  type LegalSource,
  type StepDefinition,
  type StepStatus,
  type Text,
} from '../../../journeys/shared/contract';
import { sendableEvents } from '../access/event-policy';
import type { JourneyRow } from '../persistence/journey.repository';
import * as runtime from '../runtime/journey-runtime';

export interface StepView {
  id: string;
  kind: string;
  system?: string;
  title: Text;
  guidance: Text;
  deadlineRule?: Text;
  legalSource?: LegalSource;
  optional: boolean;
  status: StepStatus;
  deadline?: string;
  overdue: boolean;
  /** A citizen step that is open, done in the authority's own self-service solution: the link returns to this journey. */
  selfService?: { url: string };
  /** For a skipped step, why it does not apply to this citizen (the definition's line for the skip reason). */
  notRelevant?: Text;
}

export interface NextActionView {
  event: string;
  title: Text;
  schema: Record<string, unknown>;
  example: Record<string, unknown>;
}

export interface JourneyView {
  id: string;
  type: string;
  title: Text;
  definitionVersion: number;
  status: string;
  state: string;
  brokenReason?: string;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
  nextDeadline?: string;
  steps: StepView[];
  nextActions: NextActionView[];
  links: {
    parent?: { id: string; type: string; step: string | null };
    children: { id: string; type: string; status: string; step: string | null }[];
  };
}

export const today = (): string => new Date().toISOString().slice(0, 10);
const OPEN: StepStatus[] = ['active', 'late', 'failed'];

/**
 * The events `viewer` may send now: allowed by the event policy and accepted by the current state
 * with one of the event's examples (so guards are honoured), each with schema and that example.
 * An example's dates lie in the past the definition was written in, so a guard on a date ("not
 * earlier than 6 months before the pension age") would hide an event that is open today: each
 * example is also tried with its dates set to today.
 */
export function nextActionsOf(
  def: JourneyDefinition,
  row: Pick<JourneyRow, 'status' | 'citizen_id' | 'systems' | 'snapshot'>,
  snapshot: AnyMachineSnapshot,
  viewer: { kind: 'citizen' | 'caseworker' | 'system'; authority?: string },
  now = today(),
): NextActionView[] {
  if (row.status !== 'active') return [];
  const actions: NextActionView[] = [];
  const handled = runtime.handledEvents(def.machine, snapshot);
  for (const event of sendableEvents(def, row, viewer)) {
    // No state the journey is in has a transition for it: no example could be accepted.
    if (handled && !handled.has(event)) continue;
    const spec = def.events[event];
    const examples = spec.examples.length ? spec.examples : [{}];
    const dated = dateFields(spec.schema);
    const candidates = dated.length ? [...examples, ...examples.map((example) => datedToday(dated, example, now))] : examples;
    const accepted = candidates.find((example) => runtime.accepts(snapshot, { ...example, type: event }));
    if (accepted) actions.push({ event, title: spec.title, schema: spec.schema, example: accepted });
  }
  return actions;
}

/** The date fields of an event's schema (top level), kept per schema. */
const dateFieldsOf = new WeakMap<Record<string, unknown>, string[]>();
function dateFields(schema: Record<string, unknown>): string[] {
  let fields = dateFieldsOf.get(schema);
  if (!fields) {
    const properties = (schema.properties ?? {}) as Record<string, { format?: string }>;
    fields = Object.entries(properties)
      .filter(([, p]) => p.format === 'date')
      .map(([name]) => name);
    dateFieldsOf.set(schema, fields);
  }
  return fields;
}

/** The example with the given date fields set to `day`. */
function datedToday(fields: string[], example: Record<string, unknown>, day: string): Record<string, unknown> {
  return { ...example, ...Object.fromEntries(fields.map((name) => [name, day])) };
}

/** Whom a view is for: the citizen (or their proxy), or a caseworker of an authority. */
export type ViewAs = 'citizen' | { kind: 'caseworker'; authority: string };

/** The deep link into a step's self-service solution, when its system has one (SelfServiceLinks). */
export type SelfServiceLinkOf = (step: StepDefinition) => string | undefined;

/**
 * What a person sees of a journey: every step with status and deadline, and the actions the
 * current state accepts from them under the event policy (a caseworker is offered only their own
 * authority's decisions), with the JSON Schema of the data and an example.
 */
export function journeyView(
  def: JourneyDefinition,
  row: JourneyRow,
  viewAs: ViewAs,
  options: {
    links?: JourneyView['links'];
    selfServiceLink?: SelfServiceLinkOf;
    /** The day the view is for (UTC, `YYYY-MM-DD`): what is overdue, and which dated actions are open. */
    day?: string;
    /** The next actions of this row for this viewer on this day, when they are known (NextActionsCache). */
    knownActions?: NextActionView[];
  } = {},
): JourneyView {
  const { links = { children: [] }, selfServiceLink, knownActions } = options;
  let snapshot: AnyMachineSnapshot | undefined;
  // Known next actions need no machine.
  if (row.status !== 'broken' && !knownActions) {
    try {
      // A row just written by a transition comes with the snapshot it was written from.
      snapshot = runtime.liveSnapshotOf(row) ?? runtime.restore(def, row.snapshot as runtime.PersistedSnapshot);
    } catch {
      snapshot = undefined;
    }
  }
  const context = (row.snapshot as runtime.PersistedSnapshot).context ?? { steps: {} };
  const now = options.day ?? today();
  const steps: StepView[] = def.steps.map((step) => {
    const state = context.steps?.[step.id] ?? { status: 'pending' };
    // The law may route this citizen's step to another authority than the definition's.
    const system = handlingSystem(step, state);
    const selfService =
      viewAs === 'citizen' && step.kind === 'citizen' && OPEN.includes(state.status) ? selfServiceLink?.({ ...step, system }) : undefined;
    const reasons = state.status === 'skipped' ? step.notRelevant : undefined;
    const notRelevant = reasons && state.reason && Object.hasOwn(reasons, state.reason) ? reasons[state.reason] : undefined;
    return {
      id: step.id,
      kind: step.kind,
      system,
      title: step.title,
      guidance: step.guidance,
      deadlineRule: step.deadlineRule,
      legalSource: step.legalSource,
      optional: step.optional ?? false,
      status: state.status,
      deadline: state.deadline,
      overdue: !!state.deadline && state.deadline < now && state.status !== 'done' && state.status !== 'skipped',
      ...(selfService ? { selfService: { url: selfService } } : {}),
      ...(notRelevant ? { notRelevant } : {}),
    };
  });
  const viewer = viewAs === 'citizen' ? ({ kind: 'citizen' } as const) : viewAs;
  const nextActions = knownActions ?? (snapshot ? nextActionsOf(def, row, snapshot, viewer, now) : []);
  return {
    id: row.id,
    type: row.type,
    title: def.title,
    definitionVersion: row.definition_version,
    status: row.status,
    state: row.state,
    brokenReason: row.broken_reason ?? undefined,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : undefined,
    nextDeadline: row.next_deadline ?? undefined,
    steps,
    nextActions,
    links,
  };
}
