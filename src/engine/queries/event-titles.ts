import type { JourneyDefinition, Text } from '../../../journeys/shared/contract';

/** History entries the engine writes itself, in the words a citizen reads. */
const ENGINE_TITLES: Record<string, Text> = {
  'journey.started': { da: 'Forløbet er startet', en: 'Journey started' },
  'journey.dismissed': { da: 'Forløbet er afsluttet af borgeren', en: 'Journey ended by the citizen' },
  'journey.migrated': { da: 'Forløbet er flyttet til en ny udgave', en: 'Journey moved to a new version' },
  'journey.redacted': { da: 'Personoplysninger er slettet', en: 'Personal data deleted' },
  'journey.linked-completed': { da: 'Et tilknyttet forløb er færdigt', en: 'A linked journey is finished' },
  'integration.completed': { da: 'Svar fra en myndighed', en: 'An authority answered' },
  'integration.failed': { da: 'En myndighed kunne ikke svare', en: 'An authority could not answer' },
  'integration.retry': { da: 'Ny forespørgsel til en myndighed', en: 'An authority asked again' },
  'authority.failed': {
    da: 'En myndigheds løsning kunne ikke gøre trinnet færdigt',
    en: 'An authority’s solution could not complete the step',
  },
  'consent.given': {
    da: 'Samtykke givet: oplysningerne til trinnet må hentes',
    en: 'Consent given: the information for the step may be fetched',
  },
  'consent.withdrawn': {
    da: 'Samtykke trukket tilbage: intet hentes, før der gives samtykke igen',
    en: 'Consent withdrawn: nothing is fetched until consent is given again',
  },
  'timer.fired': { da: 'Påmindelse eller frist', en: 'Reminder or deadline' },
};

/** The title of a history entry: the journey's own event title, or the engine's; the type itself as a last resort. */
export function eventTitle(def: JourneyDefinition | undefined, type: string): Text {
  return def?.events[type]?.title ?? (Object.hasOwn(ENGINE_TITLES, type) ? ENGINE_TITLES[type] : { da: type, en: type });
}

/** Whether the engine or a definition has words for this history entry (else it has only its type). */
export function hasEventTitle(type: string, def?: JourneyDefinition): boolean {
  return Object.hasOwn(ENGINE_TITLES, type) || !!def?.events[type];
}
