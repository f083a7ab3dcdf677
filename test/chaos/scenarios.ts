import { CATALOGUE_EXAMPLE_DATE } from '../../journeys/shared/authority-tasks';
import { addDays, addMonths, daysBetween, isIsoDate } from '../../journeys/shared/calendar';
import type { JourneyDefinition, JourneyTypeId } from '../../journeys/shared/contract';

/**
 * How a journey comes into being:
 * - `citizen`: `POST /api/journeys` as the citizen (the API adds the CPR birth date as the only fact);
 * - `register`: the CPR register feed, `POST /api/register-events` (idempotent by event id), with
 *   the register facts of the definition's facts example;
 * - `engine`: `StartJourneyUseCase` in the runner, standing in for the register look-up that no
 *   route does yet (divorce needs civil status and children, starting-education citizenship).
 */
export type StartChannel = 'citizen' | 'register' | 'engine';

export type RegisterEventType = 'birth' | 'death' | 'birthday-15' | 'pension-age-approaching';

/** One citizen and the journey the driver takes them through. */
export interface Scenario {
  index: number;
  type: JourneyTypeId;
  channel: StartChannel;
  /** Which start example and facts example the scenario uses. */
  example: number;
  cpr: string;
  answers: Record<string, unknown>;
  /** Facts for `register` (the person's facts) and `engine` starts. */
  facts: Record<string, unknown>;
  register?: { id: string; type: RegisterEventType; occurredOn: string; dateFact: string };
  /** Days every example date moves by (answers, facts, and the data of the citizen's events). */
  shiftDays: number;
}

const REGISTER_STARTS: Partial<Record<JourneyTypeId, { type: RegisterEventType; dateFact: string }>> = {
  'digital-citizen': { type: 'birthday-15', dateFact: 'birthdayDate' },
  'losing-a-relative': { type: 'death', dateFact: 'dateOfDeath' },
  retiring: { type: 'pension-age-approaching', dateFact: 'pensionAgeDate' },
};
const ENGINE_STARTS: JourneyTypeId[] = ['divorce', 'starting-education'];
/** Birth dates the generator hands out: every day of 1940–1999 (28 a month). */
const BIRTH_DAYS = 60 * 12 * 28;

/**
 * The definitions' examples are written around the catalogue's example day (2025-03-03). Every date
 * in them moves by the same number of days so that the example day becomes `today`: the journeys
 * then start where their examples meant them to, with deadlines and timers ahead instead of a year
 * of overdue timers firing at once.
 */
export function shiftDates<T>(value: T, days: number): T {
  const walk = (v: unknown): unknown =>
    typeof v === 'string' && isIsoDate(v)
      ? addDays(v, days)
      : Array.isArray(v)
        ? v.map(walk)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return walk(value) as T;
}

/**
 * A CPR number with the given birth date whose serial carries the scenario index, so numbers are
 * unique within a run of up to 2,000 journeys. Digit 7 places the year in its century.
 */
export function cprFor(birthDate: string, index: number): string {
  const [year, month, day] = birthDate.split('-');
  const yy = Number(year.slice(2));
  let serial: number;
  if (year.startsWith('19'))
    serial = 1 + (index % 3999); // digit 7: 0–3; never 0000 (the sandbox's unknown person)
  else if (year.startsWith('20') && yy <= 36)
    serial = (index % 2 === 0 ? 4000 : 9000) + (Math.floor(index / 2) % 1000); // 4 or 9
  else throw new Error(`no CPR century rule for ${birthDate}`);
  return `${day}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

/**
 * The workload: the eleven types in turn, each type's examples in turn, one citizen each. `seed`
 * picks the birth dates of citizens whose facts do not fix one; the same seed and day give the
 * same workload.
 */
export function scenarios(
  definitions: JourneyDefinition[],
  count: number,
  seed: number,
  today = new Date().toISOString().slice(0, 10),
): Scenario[] {
  const types = latest(definitions);
  return Array.from({ length: count }, (_, index) => {
    const def = types[index % types.length];
    const round = Math.floor(index / types.length);
    const shift = daysBetween(CATALOGUE_EXAMPLE_DATE, today);
    const example = round % Math.max(1, def.startExamples.length);
    const factsExamples = def.factsExamples ?? [];
    const facts: Record<string, unknown> = factsExamples.length
      ? shiftDates(structuredClone(factsExamples[round % factsExamples.length]), shift)
      : {};
    const answers = shiftDates(structuredClone(def.startExamples[example] ?? {}), shift);
    // A birth date of the citizen's own where the facts do not fix one (one per index: numbers never meet).
    const day = (index + seed * 7919) % BIRTH_DAYS;
    const fixed = typeof facts.birthDate === 'string';
    const birthDate = fixed
      ? (facts.birthDate as string)
      : `19${40 + Math.floor(day / 336)}-${pad(1 + (Math.floor(day / 28) % 12))}-${pad(1 + (day % 28))}`;
    // Every fifth round, a citizen with a birth date of their own is unknown to the authorities (the
    // sandbox refuses serial 0000 with PERSON_NOT_FOUND): their integrations fail for good, and the
    // journeys must show the failed steps to caseworkers.
    const unknown = !fixed && round % 5 === 4;
    const cpr = unknown ? `${birthDate.slice(8, 10)}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}0000` : cprFor(birthDate, index);
    const scenario: Scenario = { index, type: def.id, channel: 'citizen', example, cpr, answers, facts: {}, shiftDays: shift };
    const register = REGISTER_STARTS[def.id];
    if (register) {
      const occurredOn =
        register.type === 'birthday-15'
          ? addMonths(birthDate, 15 * 12)
          : typeof facts[register.dateFact] === 'string'
            ? (facts[register.dateFact] as string)
            : today;
      const { [register.dateFact]: _fromRegister, ...personFacts } = facts;
      return {
        ...scenario,
        channel: 'register',
        answers: {},
        facts: personFacts,
        register: { id: `chaos-${seed}-${index}`, type: register.type, occurredOn, dateFact: register.dateFact },
      };
    }
    if (ENGINE_STARTS.includes(def.id)) return { ...scenario, channel: 'engine', facts };
    return scenario;
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

function latest(definitions: JourneyDefinition[]): JourneyDefinition[] {
  const byType = new Map<string, JourneyDefinition>();
  for (const def of definitions) if ((byType.get(def.id)?.version ?? 0) < def.version) byType.set(def.id, def);
  return [...byType.values()].sort((a, b) => a.id.localeCompare(b.id));
}
