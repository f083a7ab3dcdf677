import type { EventActor, JourneyDefinition, JourneyStarter, JsonSchema, Text } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import { registerStartOf } from '../use-cases/register-event.use-case';

/**
 * What an integrator needs to drive a journey type, read from its definition: who starts it, the
 * register facts it reads, and every event a person or system may send. Engine events (integration
 * results, timers, linked completions) are never in a definition's `events`, so never here.
 */
export interface JourneyTypeSummary {
  id: string;
  version: number;
  title: Text;
  description: Text;
  startedBy: JourneyStarter[];
  /** Present when a register starts it: the feed's event type, the fact its date becomes, and when that is in words. */
  register: { eventType: string; dateFact: string; startsWhen: Text } | null;
  startSchema: JsonSchema;
  startExample: Record<string, unknown>;
  steps: JourneyDefinition['steps'];
  links: string[];
  href: string;
}

export interface JourneyEventContract {
  type: string;
  title: Text;
  actors: EventActor[];
  /** The steps the event decides, each with the authority system that handles it (null for the citizen's own steps). */
  steps: { id: string; title: Text; authority: string | null }[];
  schema: JsonSchema;
  examples: Record<string, unknown>[];
}

export interface JourneyTypeContract extends JourneyTypeSummary {
  startExamples: Record<string, unknown>[];
  /** The register facts the journey reads, and one example per branch they decide. */
  facts: { schema: JsonSchema | null; examples: Record<string, unknown>[] };
  events: JourneyEventContract[];
}

export function startersOf(def: Pick<JourneyDefinition, 'startedBy'>): JourneyStarter[] {
  return [...(def.startedBy ?? ['citizen'])];
}

export function journeyTypeSummary(def: JourneyDefinition): JourneyTypeSummary {
  const starters = startersOf(def);
  const feed = starters.includes('register') ? registerStartOf(def.id) : undefined;
  return {
    id: def.id,
    version: def.version,
    title: def.title,
    description: def.description,
    startedBy: starters,
    register: feed ? { ...feed, startsWhen: startsByItself(def) } : null,
    startSchema: def.startSchema,
    startExample: def.startExamples[0] ?? {},
    steps: def.steps,
    links: [...(def.links ?? [])],
    href: `/api/journey-types/${def.id}`,
  };
}

export function journeyTypeContract(def: JourneyDefinition): JourneyTypeContract {
  return {
    ...journeyTypeSummary(def),
    startExamples: def.startExamples,
    facts: { schema: def.factsSchema ?? null, examples: def.factsExamples ?? [] },
    events: Object.entries(def.events).map(([type, spec]) => ({
      type,
      title: spec.title,
      actors: [...spec.actors],
      steps: spec.steps.map((id) => {
        const step = def.steps.find((s) => s.id === id);
        return { id, title: step?.title ?? { da: id, en: id }, authority: step?.system ?? null };
      }),
      schema: spec.schema,
      examples: spec.examples,
    })),
  };
}

/** "Starts by itself when …" in both languages, from the definition's `startsWhen`. */
export function startsByItself(def: Pick<JourneyDefinition, 'startsWhen'>): Text {
  const when = def.startsWhen ?? { da: 'en registerhændelse kommer', en: 'a register event arrives' };
  return { da: `Starter automatisk, når ${when.da}.`, en: `Starts by itself when ${when.en}.` };
}

/**
 * A citizen (or a client for one) may start only journeys that list `citizen`: the others need
 * facts only a register has, so starting them by hand could only fail on fields nobody asked for.
 */
export function assertCitizenMayStart(def: JourneyDefinition): void {
  if (startersOf(def).includes('citizen')) return;
  const text = startsByItself(def);
  throw new DomainError('STARTED_BY_REGISTER', `${def.title.en} is not started by hand. ${text.en}`, {
    startsWhen: text,
    registerEvent: registerStartOf(def.id)?.eventType ?? null,
  });
}
