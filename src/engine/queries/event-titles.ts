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

/** An entry neither the journey nor the engine has words for: never its event id. */
const UPDATE: Text = { da: 'Opdatering af forløbet', en: 'Update to the journey' };

const stepText = (def: JourneyDefinition | undefined, stepId: unknown): Text =>
  (typeof stepId === 'string' ? def?.steps.find((s) => s.id === stepId)?.title : undefined) ?? { da: 'et trin', en: 'a step' };

/** The step a timer key names (`reminder:<step>:7d`, `watchdog:<step>`), when it names one. */
export function timerStep(def: JourneyDefinition | undefined, key: unknown): string | undefined {
  if (typeof key !== 'string') return undefined;
  return def?.steps.find((s) => key.split(':').includes(s.id))?.id;
}

/** The title of an event type: the journey's own event title, or the engine's; never the event id. */
export function eventTitle(def: JourneyDefinition | undefined, type: string): Text {
  return def?.events[type]?.title ?? (Object.hasOwn(ENGINE_TITLES, type) ? ENGINE_TITLES[type] : UPDATE);
}

/**
 * The title of one history entry in Danish and English, as the API's history and timeline and the
 * pages show it: the journey's event title, or what the engine did, naming the step it did it for.
 */
export function historyTitle(def: JourneyDefinition | undefined, type: string, data: Record<string, unknown> = {}): Text {
  const spec = def?.events[type];
  if (spec) return spec.title;
  const step = stepText(def, data.step);
  switch (type) {
    case 'integration.completed':
      return { da: `Svar fra myndigheden: ${step.da}`, en: `Answer from the authority: ${step.en}` };
    case 'integration.failed':
      return { da: `Myndigheden kunne ikke svare: ${step.da}`, en: `The authority could not answer: ${step.en}` };
    case 'integration.retry':
      return { da: `Nyt forsøg hos myndigheden: ${step.da}`, en: `New attempt at the authority: ${step.en}` };
    case 'timer.fired': {
      const key = typeof data.key === 'string' ? data.key : '';
      const s = stepText(def, timerStep(def, key));
      return key.startsWith('reminder')
        ? { da: `Påmindelse: ${s.da}`, en: `Reminder: ${s.en}` }
        : { da: `Frist nået: ${s.da}`, en: `Deadline reached: ${s.en}` };
    }
    default:
      return eventTitle(def, type);
  }
}
