import type { Text } from '../../../journeys/shared/contract';
import type { Lang } from './i18n';

/**
 * The words of a form field in the reader's language. The journeys' schemas carry their own
 * (`x-title`, `x-description`, `x-enum-titles`, each with da and en); the spelled-out camelCase
 * name only serves schemas without them (such as test fixtures).
 */
/** Fields of the service's own forms and queries (journey fields carry their words in their schemas' `x-title`). */
const FIELDS: Record<string, Text> = {
  provider: { da: 'Log-ind-tjeneste', en: 'Sign-in service' },
  limit: { da: 'Antal pr. side', en: 'Results per page' },
  cursor: { da: 'Side', en: 'Page' },
  proxyCpr: { da: 'Fuldmagtshaverens CPR-nummer', en: "The proxy's CPR number" },
  expiresAt: { da: 'Gælder til og med', en: 'Valid until' },
  journeyId: { da: 'Forløb', en: 'Journey' },
  body: { da: 'Tekst', en: 'Text' },
};

const spell = (name: string) => {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function fieldLabel(lang: Lang, name: string, schema: Record<string, unknown>): string {
  const own = schema['x-title'] as Text | undefined;
  if (own?.[lang]) return own[lang];
  if (typeof schema.title === 'string') return schema.title;
  return FIELDS[name]?.[lang] ?? spell(name);
}

/**
 * The hint under a field: the schema's `x-description` in the reader's language, or none (never the English `description`
 * on a Danish page).
 */
export function fieldHint(lang: Lang, schema: Record<string, unknown>): string | undefined {
  const own = schema['x-description'] as Text | undefined;
  if (own?.[lang]) return own[lang];
  return lang === 'en' && !schema['x-title'] && typeof schema.description === 'string' ? schema.description : undefined;
}

export function choiceLabel(lang: Lang, value: string, schema: Record<string, unknown> = {}): string {
  const own = (schema['x-enum-titles'] as Record<string, Text> | undefined)?.[value];
  return own?.[lang] ?? spell(value);
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
  if (reason === 'must match format "date"')
    return lang === 'da'
      ? `Indtast ${label.toLowerCase()} som en dato, fx 2027-03-01`
      : `Enter ${label.toLowerCase()} as a date, e.g. 2027-03-01`;
  return `${label}: ${reasonText(lang, reason)}`;
}
