import { AUTHORITY_SYSTEMS } from '../../../journeys/shared/authority-tasks';
import type { AuthoritySystemId, JourneyDefinition, Text } from '../../../journeys/shared/contract';
import type { Actor } from '../../engine/actor';
import { historyTitle, timerStep } from '../../engine/queries/event-titles';
import type { Lang } from './i18n';

/**
 * What the engine records (event types, actors, access-log actions, timer keys) in words a person
 * reads: citizen pages never show an event id, a state-node id or an actor kind.
 */
const say = (lang: Lang, da: string, en: string) => (lang === 'da' ? da : en);

export const authorityName = (lang: Lang, id: string | null | undefined) =>
  id ? (AUTHORITY_SYSTEMS[id as AuthoritySystemId]?.name[lang] ?? say(lang, 'en myndighed', 'an authority')) : '';

export function stepTitle(lang: Lang, def: JourneyDefinition | undefined, stepId: unknown): string {
  const step = typeof stepId === 'string' ? def?.steps.find((s) => s.id === stepId) : undefined;
  return step ? step.title[lang] : say(lang, 'et trin', 'a step');
}

export { timerStep };

/** One history row: what happened, in words (the same words as the API's history, never an event id). */
export function eventWords(lang: Lang, def: JourneyDefinition | undefined, type: string, data: Record<string, unknown> = {}): string {
  return historyTitle(def, type, data)[lang];
}

/** Who did it, as the citizen (or their proxy) reads it. */
export function actorWords(lang: Lang, actor: Actor, ownerViewing: boolean): string {
  switch (actor.kind) {
    case 'citizen':
      return ownerViewing ? say(lang, 'Dig', 'You') : say(lang, 'Borgeren selv', 'The citizen');
    case 'proxy':
      return ownerViewing
        ? say(lang, 'En person med fuldmagt fra dig', 'Someone holding your power of attorney')
        : say(lang, 'En person med fuldmagt', 'Someone holding a power of attorney');
    case 'caseworker':
      return say(
        lang,
        `En sagsbehandler hos ${authorityName(lang, actor.authority)}`,
        `A caseworker at ${authorityName(lang, actor.authority)}`,
      );
    case 'system':
      return say(lang, `${authorityName(lang, actor.authority)} (selvbetjening)`, `${authorityName(lang, actor.authority)} (self-service)`);
    case 'register':
      return say(lang, 'CPR-registret', 'The civil register (CPR)');
    default:
      return say(lang, 'Livsforløb (automatisk)', 'Life journeys (automatic)');
  }
}

const ACTIONS: Record<string, Text> = {
  view: { da: 'Så forløbet', en: 'Saw the journey' },
  list: { da: 'Så listen over forløb', en: 'Saw the list of journeys' },
  note: { da: 'Skrev en note', en: 'Wrote a note' },
  diagram: { da: 'Så forløbets oversigt', en: 'Saw the journey overview' },
  timeline: { da: 'Så forløbets tidslinje', en: "Saw the journey's timeline" },
  history: { da: 'Så forløbets historik', en: "Saw the journey's history" },
  'view-steps': { da: 'Så forløbets trin', en: "Saw the journey's steps" },
  retry: { da: 'Bad myndigheden prøve igen', en: 'Asked the authority to try again' },
  event: { da: 'Registrerede en handling', en: 'Recorded an action' },
  consents: { da: 'Så forløbets samtykker', en: "Saw the journey's consents" },
  'consent:give': { da: 'Gav samtykke', en: 'Gave consent' },
  'consent:withdraw': { da: 'Trak et samtykke tilbage', en: 'Withdrew a consent' },
  stream: { da: 'Fulgte med i forløbet', en: 'Followed the journey' },
  overview: { da: 'Så dit overblik', en: 'Saw your overview' },
  'correction:request': { da: 'Bad om at få rettet en oplysning', en: 'Asked for a fact to be corrected' },
  'correction:read': { da: 'Læste en anmodning om at rette en oplysning', en: 'Read a request to correct a fact' },
  'correction:corrected': { da: 'Rettede en oplysning, der var bedt om at få rettet', en: 'Corrected a fact as asked' },
  'correction:rejected': { da: 'Afviste en anmodning om at rette en oplysning', en: 'Turned down a request to correct a fact' },
};

/** The access-log actions that have words of their own (`event:<type>` takes the event's title). */
export const ACCESS_ACTIONS = Object.keys(ACTIONS);

/** An access-log action (`view`, `event:move.reported`) in words. */
export function accessAction(lang: Lang, action: string, def: JourneyDefinition | undefined): string {
  if (action.startsWith('event:')) {
    const spec = def?.events[action.slice(6)];
    return spec ? say(lang, `Handlede: ${spec.title.da}`, `Acted: ${spec.title.en}`) : ACTIONS.event[lang];
  }
  return ACTIONS[action]?.[lang] ?? say(lang, 'Anden handling', 'Other action');
}
