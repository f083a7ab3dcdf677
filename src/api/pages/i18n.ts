import type { Text } from '../../../journeys/shared/contract';

export type Lang = 'da' | 'en';

/** Danish first; English on the toggle. Journey texts come with both from the definitions. */
export const TEXTS = {
  appName: { da: 'Livsforløb', en: 'Life journeys' },
  skip: { da: 'Gå til sidens indhold', en: 'Skip to content' },
  otherLang: { da: 'English', en: 'Dansk' },
  otherLangLabel: { da: 'Switch to English', en: 'Skift til dansk' },
  myJourneys: { da: 'Mine forløb', en: 'My journeys' },
  startJourney: { da: 'Start et forløb', en: 'Start a journey' },
  notifications: { da: 'Beskeder', en: 'Notifications' },
  accessLog: { da: 'Hvem har set mine data', en: 'Who has seen my data' },
  proxies: { da: 'Fuldmagter', en: 'Powers of attorney' },
  search: { da: 'Søg forløb', en: 'Search journeys' },
  logout: { da: 'Log ud', en: 'Sign out' },
  login: { da: 'Log ind', en: 'Sign in' },
  mainNav: { da: 'Hovedmenu', en: 'Main menu' },
  status: { da: 'Status', en: 'Status' },
  deadline: { da: 'Frist', en: 'Deadline' },
  step: { da: 'Trin', en: 'Step' },
  nextDeadline: { da: 'Næste frist', en: 'Next deadline' },
  none: { da: 'Ingen', en: 'None' },
  open: { da: 'Åbn', en: 'Open' },
  send: { da: 'Send', en: 'Send' },
  start: { da: 'Start', en: 'Start' },
  yes: { da: 'Ja', en: 'Yes' },
  no: { da: 'Nej', en: 'No' },
  whatNow: { da: 'Det skal du gøre nu', en: 'What to do now' },
  nothingNow: {
    da: 'Du skal ikke gøre noget lige nu. Vi giver besked, når der er noget.',
    en: 'Nothing to do right now. We will tell you when there is.',
  },
  steps: { da: 'Trin og frister', en: 'Steps and deadlines' },
  diagram: { da: 'Forløbets trin og hvem der gør hvad', en: 'The steps of the journey and who does what' },
  history: { da: 'Historik', en: 'History' },
  errorSummary: { da: 'Der er fejl i formularen', en: 'There is a problem' },
  saved: { da: 'Gemt.', en: 'Saved.' },
  journeyUpdated: { da: 'Forløbet er blevet opdateret.', en: 'The journey has been updated.' },
  showUpdated: { da: 'Vis det opdaterede forløb', en: 'Show the updated journey' },
  overdue: { da: 'Overskredet', en: 'Overdue' },
  when: { da: 'Tidspunkt', en: 'When' },
  who: { da: 'Hvem', en: 'Who' },
  role: { da: 'Rolle', en: 'Role' },
  authority: { da: 'Myndighed', en: 'Authority' },
  purpose: { da: 'Formål', en: 'Purpose' },
  journey: { da: 'Forløb', en: 'Journey' },
  journeyNoun: { da: 'forløb', en: 'journey' },
  action: { da: 'Handling', en: 'Action' },
  noAccess: { da: 'Ingen andre har set dine data.', en: 'Nobody else has seen your data.' },
  noJourneys: { da: 'Du har ingen forløb endnu.', en: 'You have no journeys yet.' },
  noNotifications: { da: 'Du har ingen beskeder.', en: 'You have no notifications.' },
  markRead: { da: 'Markér som læst', en: 'Mark as read' },
  read: { da: 'Læst', en: 'Read' },
  unread: { da: 'Ulæst', en: 'Unread' },
  delivery: { da: 'Digital Post', en: 'Digital Post' },
  represented: { da: 'Forløb jeg har fuldmagt til', en: 'Journeys I hold a power of attorney for' },
  grantProxy: { da: 'Giv fuldmagt', en: 'Grant a power of attorney' },
  proxyCpr: { da: 'Fuldmagtshaverens CPR-nummer', en: "The proxy's CPR number" },
  proxyCprHint: { da: 'Skriv 10 cifre, fx 010190-1234.', en: 'Write 10 digits, e.g. 010190-1234.' },
  proxyScope: { da: 'Hvilke forløb', en: 'Which journeys' },
  allJourneys: { da: 'Alle mine forløb', en: 'All my journeys' },
  proxyAccess: { da: 'Adgang', en: 'Access' },
  accessRead: { da: 'Må se', en: 'May see' },
  accessAct: { da: 'Må se og handle', en: 'May see and act' },
  expiresAt: { da: 'Gælder til og med', en: 'Valid until' },
  revoke: { da: 'Tilbagekald', en: 'Revoke' },
  grantedByMe: { da: 'Fuldmagter jeg har givet', en: 'Powers of attorney I gave' },
  receivedByMe: { da: 'Fuldmagter jeg har fået', en: 'Powers of attorney I hold' },
  counterpart: { da: 'Person', en: 'Person' },
  active: { da: 'Aktiv', en: 'Active' },
  inactive: { da: 'Ikke aktiv', en: 'Not active' },
  filter: { da: 'Filtrér', en: 'Filter' },
  type: { da: 'Type', en: 'Type' },
  state: { da: 'Tilstand', en: 'State' },
  any: { da: 'Alle', en: 'Any' },
  onlyOverdue: { da: 'Kun overskredne frister', en: 'Only overdue' },
  onlyFailed: { da: 'Kun fejlede integrationer', en: 'Only failed integrations' },
  onlyBroken: { da: 'Kun fejlramte forløb', en: 'Only broken journeys' },
  nextPage: { da: 'Næste side', en: 'Next page' },
  noResults: { da: 'Ingen forløb matcher.', en: 'No journeys match.' },
  timeline: { da: 'Tidslinje', en: 'Timeline' },
  tasks: { da: 'Integrationer', en: 'Integrations' },
  timers: { da: 'Tidsfrister og påmindelser', en: 'Timers and reminders' },
  notes: { da: 'Noter', en: 'Notes' },
  addNote: { da: 'Tilføj note', en: 'Add a note' },
  note: { da: 'Note', en: 'Note' },
  retry: { da: 'Prøv igen', en: 'Retry' },
  attempts: { da: 'Forsøg', en: 'Attempts' },
  event: { da: 'Hændelse', en: 'Event' },
  actor: { da: 'Udført af', en: 'By' },
  signInIntro: {
    da: 'Borgere logger ind med MitID. Medarbejdere hos en myndighed logger ind med deres organisations log-ind.',
    en: 'Citizens sign in with MitID. Staff of an authority sign in with their organisation’s sign-in.',
  },
  citizens: { da: 'Borgere', en: 'Citizens' },
  caseworkers: { da: 'Sagsbehandlere', en: 'Caseworkers' },
  signInWith: { da: 'Log ind med', en: 'Sign in with' },
  signInFailed: { da: 'Du blev ikke logget ind', en: 'You were not signed in' },
  signInAgain: { da: 'Prøv at logge ind igen', en: 'Try signing in again' },
  refusedState: {
    da:
      'Svaret fra log-ind-tjenesten hørte ikke til et log-ind, du har startet her ' +
      '(eller log-ind tog mere end 10 minutter). Start forfra.',
    en:
      'The answer from the sign-in service did not belong to a sign-in you started here ' +
      '(or the sign-in took more than 10 minutes). Start again.',
  },
  refusedToken: {
    da: 'Svaret fra log-ind-tjenesten kunne ikke godkendes, så vi har ikke logget dig ind. Start forfra.',
    en: 'The answer from the sign-in service could not be verified, so we did not sign you in. Start again.',
  },
  refusedCancelled: {
    da: 'Log-ind blev afbrudt eller afvist hos log-ind-tjenesten.',
    en: 'The sign-in was cancelled or refused at the sign-in service.',
  },
  refusedLoa: {
    da: 'Dit log-ind har ikke et højt nok sikringsniveau. Log ind med MitID på niveau betydelig eller høj.',
    en: 'Your sign-in does not have a high enough level of assurance. Sign in with MitID at level substantial or high.',
  },
  refusedCpr: {
    da: 'Log-ind-tjenesten oplyste ikke dit CPR-nummer, så vi ved ikke, hvem du er.',
    en: 'The sign-in service did not tell us your CPR number, so we do not know who you are.',
  },
  refusedAuthority: {
    da: 'Din organisation er ikke tilsluttet Livsforløb via dette log-ind. Kontakt din it-afdeling.',
    en: 'Your organisation is not connected to Life journeys through this sign-in. Contact your IT department.',
  },
  refusedUnavailable: {
    da: 'Log-ind-tjenesten svarer ikke lige nu. Prøv igen om lidt.',
    en: 'The sign-in service is not answering right now. Try again shortly.',
  },
  error: { da: 'Noget gik galt', en: 'Something went wrong' },
  badRequest: { da: 'Forespørgslen kunne ikke bruges', en: 'The request could not be used' },
  formExpired: { da: 'Formularen er udløbet. Genindlæs siden, og prøv igen.', en: 'The form has expired; reload the page and try again.' },
  errorPrefix: { da: 'Fejl', en: 'Error' },
  back: { da: 'Tilbage', en: 'Back' },
  onBehalfOf: { da: 'På vegne af', en: 'On behalf of' },
  yourAccess: { da: 'Din adgang', en: 'Your access' },
  startedOn: { da: 'Startet', en: 'Started' },
  activeState: { da: '(her er forløbet nu)', en: '(the journey is here now)' },
  optional: { da: '(valgfri)', en: '(optional)' },
} as const satisfies Record<string, Text>;
const T = TEXTS;

export type TextKey = keyof typeof T;

export const t = (lang: Lang, key: TextKey): string => T[key][lang];
export const tx = (lang: Lang, text: Text | undefined): string => (text ? text[lang] : '');

/** "Anna Jensens", "Anna Jensen's": whose something is (Danish adds an apostrophe after s, x and z). */
export const possessive = (lang: Lang, name: string): string =>
  lang === 'en' ? `${name}’s` : /[sxzSXZ]$/.test(name) ? `${name}’` : `${name}s`;

const STEP_STATUS: Record<string, Text> = {
  pending: { da: 'Afventer', en: 'Not started' },
  active: { da: 'I gang', en: 'In progress' },
  done: { da: 'Færdig', en: 'Done' },
  skipped: { da: 'Ikke relevant', en: 'Not relevant' },
  failed: { da: 'Fejlet', en: 'Failed' },
  late: { da: 'Forsinket', en: 'Late' },
};
const JOURNEY_STATUS: Record<string, Text> = {
  active: { da: 'I gang', en: 'Active' },
  completed: { da: 'Afsluttet', en: 'Completed' },
  dismissed: { da: 'Fravalgt', en: 'Dismissed' },
  broken: { da: 'Kræver sagsbehandler', en: 'Needs a caseworker' },
};
const PURPOSES: Record<string, Text> = {
  'case-handling': { da: 'Sagsbehandling', en: 'Case handling' },
  'citizen-support': { da: 'Hjælp til dig', en: 'Helping you' },
  'integration-failure': { da: 'Fejl i en integration', en: 'Integration failure' },
  supervision: { da: 'Tilsyn', en: 'Supervision' },
  proxy: { da: 'Fuldmagt', en: 'Power of attorney' },
};
const VIEWER_KINDS: Record<string, Text> = {
  caseworker: { da: 'Sagsbehandler', en: 'Caseworker' },
  proxy: { da: 'Fuldmagtshaver', en: 'Proxy' },
  system: { da: 'System', en: 'System' },
};
const TEMPLATES: Record<string, Text> = {
  'deadline-reminder': { da: 'Påmindelse: en frist nærmer sig', en: 'Reminder: a deadline is coming up' },
  'step-needs-you': { da: 'Et trin venter på dig', en: 'A step needs you' },
  'step-late': { da: 'Et trin er forsinket', en: 'A step is late' },
  'journey-completed': { da: 'Dit forløb er afsluttet', en: 'Your journey is complete' },
};

const lookup = (table: Record<string, Text>, lang: Lang, key: string) => table[key]?.[lang] ?? key;
export const stepStatus = (lang: Lang, s: string) => lookup(STEP_STATUS, lang, s);
export const journeyStatus = (lang: Lang, s: string) => lookup(JOURNEY_STATUS, lang, s);
export const purpose = (lang: Lang, s: string) => lookup(PURPOSES, lang, s);
export const viewerKind = (lang: Lang, s: string) => lookup(VIEWER_KINDS, lang, s);
export const template = (lang: Lang, s: string) => lookup(TEMPLATES, lang, s);

/** Dates as people read them: 1. december 2026 / 1 December 2026 (Danish time). */
export function formatDate(lang: Lang, iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    timeZone: 'Europe/Copenhagen',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}
