import {
  ENGINE_EVENT_TYPES,
  handlingSystem,
  type EventSpec,
  type JourneyDefinition,
  type StepState,
} from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import type { Actor } from '../actor';

/**
 * The one answer to "may this actor send this event on this journey?", asked by every path that
 * applies an event (SendEventUseCase) and by the views that offer events. The rule is data in the
 * journey definitions: each event lists the actor kinds that may send it and the steps it decides,
 * and each step names the authority system that handles it.
 *
 * - The citizen, and a proxy acting for them, send citizen events on the citizen's own journeys.
 * - A caseworker or self-service system of authority X sends an event only when one of its steps
 *   is X's and applies to this journey (is not skipped): an authority decides its own steps only.
 * - The CPR register feed sends the events that list `register`.
 * - Engine events (integration results, timers, linked completions) come from the engine only;
 *   a caseworker's retry reaches the machine as an event the engine sends on their request, for a
 *   task of the caseworker's own authority.
 *
 * Who may *read* a journey (and the access log of every read) is JourneyAccess's; a proxy's grant
 * is checked there before an event reaches this policy.
 */

/** Where the event's type and data came from: a client's request, or the engine's own code. */
export type EventOrigin = 'client' | 'engine';

export interface PolicyJourney {
  citizen_id: string;
  /** Authority systems with a step in the journey (the journey row's `systems`). */
  systems: string[];
  snapshot: unknown;
}

const ENGINE_EVENTS: ReadonlySet<string> = new Set(ENGINE_EVENT_TYPES);

export function isEngineEvent(type: string): boolean {
  return ENGINE_EVENTS.has(type);
}

function stepStates(journey: Pick<PolicyJourney, 'snapshot'>): Record<string, StepState> {
  return (journey.snapshot as { context?: { steps?: Record<string, StepState> } } | null)?.context?.steps ?? {};
}

/** The authority handling a step of this journey (the law may route it away from the definition's). */
function systemOf(def: JourneyDefinition, steps: Record<string, StepState>, id: unknown): string | undefined {
  const step = def.steps.find((s) => s.id === id);
  return step ? handlingSystem(step, steps[step.id]) : undefined;
}

/** Whether `authority` handles one of the event's steps for this citizen and that step applies to this journey. */
function authorityDecides(
  def: JourneyDefinition,
  spec: EventSpec,
  steps: Record<string, StepState>,
  authority: string | undefined,
): boolean {
  if (!authority) return false;
  return spec.steps.some((id) => systemOf(def, steps, id) === authority && steps[id]?.status !== 'skipped');
}

function actorName(actor: Actor): string {
  switch (actor.kind) {
    case 'caseworker':
      return `A caseworker of ${actor.authority}`;
    case 'system':
      return `A self-service system of ${actor.authority}`;
    case 'proxy':
      return 'A proxy';
    case 'register':
      return 'The register feed';
    default:
      return `The ${actor.kind}`;
  }
}

function refuse(actor: Actor, type: string, why: string): never {
  const event = type.slice(0, 80);
  throw new DomainError('FORBIDDEN', `${actorName(actor)} may not send "${event}": ${why}`, {
    actor: actor.kind,
    ...(actor.authority ? { authority: actor.authority } : {}),
    event,
  });
}

const notFound = () => new DomainError('NOT_FOUND', 'Journey not found');

/**
 * Throws FORBIDDEN (naming actor and event) when the actor may not send the event, NOT_FOUND when
 * the journey is not the actor's to see at all (someone else's journey looks like a missing one).
 * An event the journey does not know is left to the caller (EVENT_NOT_ALLOWED).
 */
export function authorizeEvent(
  def: JourneyDefinition,
  journey: PolicyJourney,
  actor: Actor,
  type: string,
  data: Record<string, unknown> | undefined,
  origin: EventOrigin,
): void {
  if (origin === 'client') {
    if (actor.kind === 'citizen' && journey.citizen_id !== actor.id) throw notFound();
    if (actor.kind === 'proxy' && journey.citizen_id !== actor.onBehalfOf) throw notFound();
    if ((actor.kind === 'caseworker' || actor.kind === 'system') && !journey.systems.includes(actor.authority ?? '')) throw notFound();
    if (isEngineEvent(type)) refuse(actor, type, 'it comes from the engine only');
  } else if (isEngineEvent(type)) {
    // The engine chose it: an integration result (attributed to the system it called), a timer, a
    // linked completion, or a caseworker's retry, which must be of a task of their own authority:
    // one run at their system or belonging to one of their steps.
    if (actor.kind === 'caseworker') {
      const owns = data?.system === actor.authority || systemOf(def, stepStates(journey), data?.step) === actor.authority;
      if (!owns) refuse(actor, type, 'the task belongs to another authority');
    }
    return;
  }

  const spec = def.events[type];
  if (!spec) return;
  switch (actor.kind) {
    case 'citizen':
    case 'proxy':
      if (!spec.actors.includes('citizen')) refuse(actor, type, 'it is not sent by citizens or their proxies');
      return;
    case 'caseworker':
    case 'system':
      if (!spec.actors.includes(actor.kind))
        refuse(actor, type, `it is not sent by ${actor.kind === 'system' ? 'self-service systems' : 'caseworkers'}`);
      if (!authorityDecides(def, spec, stepStates(journey), actor.authority))
        refuse(actor, type, 'it decides a step of another authority, or a step that does not apply to this journey');
      return;
    case 'register':
      if (!spec.actors.includes('register')) refuse(actor, type, 'it is not sent by the register feed');
      return;
    case 'engine':
      refuse(actor, type, 'the engine sends engine events only');
  }
}

/** The events of the definition this viewer may send on this journey (before the state decides). */
export function sendableEvents(
  def: JourneyDefinition,
  journey: PolicyJourney,
  viewer: { kind: 'citizen' | 'caseworker' | 'system'; authority?: string },
): string[] {
  const steps = stepStates(journey);
  return Object.entries(def.events)
    .filter(
      ([, spec]) =>
        spec.actors.includes(viewer.kind) && (viewer.kind === 'citizen' || authorityDecides(def, spec, steps, viewer.authority)),
    )
    .map(([type]) => type);
}
