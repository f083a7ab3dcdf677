import type { Text } from '../../../journeys/shared/contract';
import type { Lang } from './i18n';

/**
 * Danish and English labels for fields and choices of the journeys' JSON Schemas, which describe
 * their data in English only. A schema's own `title` ({da, en} under `x-title`, or a string)
 * wins, so journeys can carry their labels themselves; unknown names are spelled out from camelCase.
 */
const FIELDS: Record<string, Text> = {
  movingDate: { da: 'Flyttedato', en: 'Moving date' },
  newAddress: { da: 'Ny adresse', en: 'New address' },
  darAddressId: { da: 'Adressens id i Danmarks Adresseregister (DAR)', en: 'Address id in the Danish Address Register (DAR)' },
  municipalityCode: { da: 'Kommunekode (4 cifre)', en: 'Municipality code (4 digits)' },
  careOf: { da: 'c/o-navn', en: 'c/o name' },
  othersRegisteredAtNewAddress: { da: 'Bor der allerede andre på den nye adresse?', en: 'Are others already registered at the new address?' },
  renting: { da: 'Lejer du den nye bolig?', en: 'Do you rent the new home?' },
  childrenMoving: { da: 'Flytter der børn under 18 år med?', en: 'Are children under 18 moving with you?' },
  childLeavesJointCustodyHome: { da: 'Flytter et barn fra forældrenes fælles bopæl, hvor I har fælles forældremyndighed?', en: "Is a child leaving the parents' joint home, with joint custody?" },
  wantsAddressProtection: { da: 'Vil du søge om adressebeskyttelse?', en: 'Do you want to apply for address protection?' },
  reportedOn: { da: 'Dato for anmeldelsen', en: 'Date of the report' },
  choice: { da: 'Dit valg', en: 'Your choice' },
  appliedOn: { da: 'Dato for ansøgningen', en: 'Date of the application' },
  changed: { da: 'Har du rettet forskudsopgørelsen?', en: 'Did you change the preliminary assessment?' },
  daycare: { da: 'Dagtilbud', en: 'Daycare' },
  school: { da: 'Skole', en: 'School' },
  decidedOn: { da: 'Dato for afgørelsen', en: 'Date of the decision' },
  confirmed: { da: 'Bekræftet?', en: 'Confirmed?' },
  registrationMayProceed: { da: 'Må barnets flytning registreres?', en: "May the child's move be registered?" },
  provider: { da: 'Log-ind-tjeneste', en: 'Sign-in service' },
  limit: { da: 'Antal pr. side', en: 'Results per page' },
  cursor: { da: 'Side', en: 'Page' },
  proxyCpr: { da: 'Fuldmagtshaverens CPR-nummer', en: "The proxy's CPR number" },
  expiresAt: { da: 'Gælder til og med', en: 'Valid until' },
  journeyId: { da: 'Forløb', en: 'Journey' },
  body: { da: 'Tekst', en: 'Text' },
};

const CHOICES: Record<string, Text> = {
  'keep-current': { da: 'Behold min nuværende læge', en: 'Keep my current doctor' },
  'new-doctor': { da: 'Vælg en ny læge', en: 'Choose a new doctor' },
  'keep-current-place': { da: 'Behold den nuværende plads', en: 'Keep the current place' },
  'join-new-waiting-list': { da: 'Skriv op på en ny venteliste', en: 'Join a new waiting list' },
  'not-needed': { da: 'Ikke nødvendigt', en: 'Not needed' },
  'enrol-at-new-district-school': { da: 'Indskriv på den nye distriktsskole', en: 'Enrol at the new district school' },
  'stay-at-current-school': { da: 'Bliv på den nuværende skole', en: 'Stay at the current school' },
};

const spell = (name: string) => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_.]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function fieldLabel(lang: Lang, name: string, schema: Record<string, unknown>): string {
  const own = schema['x-title'] as Text | undefined;
  if (own?.[lang]) return own[lang];
  if (typeof schema.title === 'string') return schema.title;
  return FIELDS[name]?.[lang] ?? spell(name);
}

export function choiceLabel(lang: Lang, value: string): string {
  return CHOICES[value]?.[lang] ?? spell(value);
}

const REASONS_DA: [RegExp, string][] = [
  [/^is not a configured sign-in service$/, 'vælg en af log-ind-tjenesterne'],
  [/^is required$/, 'skal udfyldes'],
  [/^must match format "date"$/, 'skal være en dato (åååå-mm-dd)'],
  [/^must match format "uuid"$/, 'skal være et id på formen xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'],
  [/^must be equal to one of the allowed values$/, 'vælg en af mulighederne'],
  [/^must be boolean$/, 'vælg ja eller nej'],
  [/^must match pattern/, 'har ikke det rigtige format'],
  [/^must be integer$/, 'skal være et helt tal'],
  [/^must be number$/, 'skal være et tal'],
  [/^must NOT have more than (\d+) characters$/, 'må højst være $1 tegn'],
  [/^must NOT have fewer than (\d+) characters$/, 'skal være mindst $1 tegn'],
  [/^is not an allowed field$/, 'er ikke et tilladt felt'],
  [/^must be a CPR number \(DDMMYY-SSSS\)$/, 'skal være et CPR-nummer (DDMMÅÅ-SSSS)'],
  [/^must be in the future$/, 'skal ligge efter i dag'],
  [/^must be at most (\d+) years ahead$/, 'må højst ligge $1 år ude i fremtiden'],
  [/^must be someone other than yourself$/, 'skal være en anden end dig selv'],
  [/^is not one of your journeys$/, 'er ikke et af dine forløb'],
  [/^must be a date \(YYYY-MM-DD\) or an ISO timestamp$/, 'skal være en dato'],
  [/^must be 1-(\d+) characters$/, 'skal være 1-$1 tegn'],
  [/^must not contain NUL characters or unpaired surrogates$/, 'må ikke indeholde NUL-tegn eller ufuldstændige Unicode-tegn'],
  [/^must be a nextCursor from a previous page$/, 'skal være et link til næste side fra en tidligere søgning'],
  [/^must be a UUID$/, 'skal være et id på formen xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'],
  [/^is not a test persona$/, 'er ikke en af testpersonerne'],
  [/^must be one of the following values: (.*)$/, 'skal være en af: $1'],
  [/^must not be greater than (\d+)$/, 'må højst være $1'],
  [/^must not be less than (\d+)$/, 'skal være mindst $1'],
  [/^must be an integer number$/, 'skal være et helt tal'],
  [/^must be a boolean value$/, 'skal være true eller false'],
  [/^must be a string$/, 'skal være tekst'],
  [/^must be shorter than or equal to (\d+) characters$/, 'må højst være $1 tegn'],
];

/** The engine's reasons are English; Danish pages show them in Danish. */
export function reasonText(lang: Lang, reason: string): string {
  if (lang === 'en') return reason;
  for (const [pattern, text] of REASONS_DA) if (pattern.test(reason)) return reason.replace(pattern, text);
  return reason;
}

/**
 * A refused field as an instruction the person can follow: "Indtast flyttedato", "Svar på
 * spørgsmålet: Lejer du den nye bolig?", or the label with the reason ("Kommunekode: skal være …").
 */
export function instruction(lang: Lang, label: string, reason: string, schema: Record<string, unknown> = {}): string {
  // A journey's own instruction (a full sentence in the page's language) stands as written.
  if (/[.!]$/.test(reason)) return reason;
  if (reason === 'is required') {
    const choice = schema.type === 'boolean' || Array.isArray(schema.enum);
    if (choice) return lang === 'da' ? `Svar på spørgsmålet: ${label}` : `Answer the question: ${label}`;
    const lower = label.charAt(0).toLowerCase() + label.slice(1);
    return lang === 'da' ? `Indtast ${lower}` : `Enter the ${lower}`;
  }
  if (reason === 'must match format "date"') return lang === 'da' ? `Indtast ${label.toLowerCase()} som en dato, fx 2027-03-01` : `Enter ${label.toLowerCase()} as a date, e.g. 2027-03-01`;
  return `${label}: ${reasonText(lang, reason)}`;
}
