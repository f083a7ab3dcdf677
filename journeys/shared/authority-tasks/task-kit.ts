/**
 * The building blocks of the authority task catalogue (`../authority-tasks.ts`): a JSON Schema builder that
 * keeps the TypeScript type of the values a schema accepts, the task definition, and the schemas
 * and examples several authorities share (persons are never named by CPR number; see the catalogue).
 */
import type { JourneyTypeId, JsonSchema, Text } from '../contract';

// --- A JSON Schema builder that keeps the TypeScript type of the values a schema accepts. ---------

declare const VALUE: unique symbol;
export type Schema<T> = JsonSchema & { readonly [VALUE]?: T };
export type Infer<S> = S extends Schema<infer T> ? T : never;
type Props = Record<string, Schema<unknown>>;
type Flat<T> = { [K in keyof T]: T[K] } & {};
type ObjectOf<P extends Props> = Flat<
  { [K in keyof P as K extends `${string}?` ? never : K]: Infer<P[K]> } & {
    [K in keyof P as K extends `${infer N}?` ? N : never]?: Infer<P[K]>;
  }
>;

const s = <T>(schema: JsonSchema): Schema<T> => schema;
export const STR = s<string>({ type: 'string', minLength: 1, maxLength: 200 });
export const CVR = s<string>({ type: 'string', pattern: '^[0-9]{8}$' });
export const DATE = s<string>({ type: 'string', format: 'date' });
export const MONTH = s<string>({ type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
export const UUID = s<string>({ type: 'string', format: 'uuid' });
export const REF = s<string>({ type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]{2,63}$' });
export const COUNTRY = s<string>({ type: 'string', pattern: '^[A-Z]{2}$' });
export const MUNICIPALITY = s<string>({ type: 'string', pattern: '^[0-9]{4}$' });
export const BOOL = s<boolean>({ type: 'boolean' });
export const AMOUNT = s<number>({ type: 'number', minimum: 0 });
export const int = (minimum = 0, maximum?: number) => s<number>({ type: 'integer', minimum, maximum });
export const oneOf = <const V extends string>(...values: V[]) => s<V>({ type: 'string', enum: values });
export const list = <T>(items: Schema<T>, minItems = 1, maxItems?: number) => s<T[]>({ type: 'array', items, minItems, maxItems });
export function obj<P extends Props>(props: P, extra: JsonSchema = {}): Schema<ObjectOf<P>> {
  const names = Object.keys(props).map((k) => [k.replace(/\?$/, ''), k] as const);
  return {
    type: 'object',
    additionalProperties: false,
    required: names.filter(([name, k]) => name === k).map(([name]) => name),
    properties: Object.fromEntries(names.map(([name, k]) => [name, props[k]])),
    ...extra,
  };
}

// --- Task definitions ---------------------------------------------------------------------------

/** `journey/step` ids from docs/journeys.md that request the task. */
export type StepRef = `${JourneyTypeId}/${string}`;
/** Parts of the service outside the journeys that ask an authority directly (docs/experience.md). */
export const SERVICE_USERS = ['service/powers-of-attorney'] as const;
/** What asks for a task: journey steps, or a part of the service named in `SERVICE_USERS`. */
export type UsedBy = StepRef | (typeof SERVICE_USERS)[number];
type Output = Record<string, unknown>;

export interface TaskDefinition<I = Record<string, unknown>, O extends Output = Output> {
  /** `read` never changes anything at the authority; `write` is a side effect applied at most once per key. */
  effect: 'read' | 'write';
  title: Text;
  usedBy: UsedBy[];
  input: Schema<I>;
  inputExample: I;
  /** An example output: every output of the task has exactly these keys. */
  output: O;
}

export type AnyTaskDefinition = Omit<TaskDefinition, 'input' | 'inputExample'> & { input: JsonSchema; inputExample: unknown };

export const task =
  (effect: 'read' | 'write') =>
  <I, O extends Output>(da: string, en: string, usedBy: UsedBy[], input: Schema<I>, inputExample: NoInfer<I>, output: O) =>
    ({ effect, title: { da, en }, usedBy, input, inputExample, output }) satisfies TaskDefinition<I, O>;
export const read = task('read');
export const write = task('write');

export const ADDR = '0a3f50a0-75e9-32b8-e044-0003ba298018';
export const EMPLOYER = '12345678';

// --- The subject and other persons: never by CPR number (see the top of the file). --------------

/** A task about the subject that needs nothing else: the subject travels beside the input. */
export const SUBJECT_ONLY = obj({});
/** Someone moving with the subject, by relation; `birthDate` tells children (or others) apart. */
export const MOVER = obj({ relation: oneOf('self', 'spouse', 'partner', 'child', 'other'), 'birthDate?': DATE });
/** One of the subject's children as CPR relates them: its birth date; `sequence` tells twins apart (1 = first listed). */
export const CHILD = obj({ birthDate: DATE, 'sequence?': int(1, 9) });
/** The child's other parent (besides the subject), by role. */
export const OTHER_PARENT = oneOf('mother', 'father', 'co-mother');
/** Who signs: the subject and/or persons related to the subject. */
export const SIGNER = oneOf('self', 'spouse', 'other-parent');
/** A deceased person, by relation to the subject (the bereaved). */
export const DECEASED_RELATION = oneOf('spouse', 'partner', 'parent', 'child', 'sibling');
export const A_CHILD = { birthDate: '2025-01-01' };
export const DECEASED = { deceasedRelation: 'spouse', dateOfDeath: '2025-03-01' } as const;

export const caseStatus = (da: string, usedBy: StepRef[]) =>
  read(
    `Sagsstatus (${da})`,
    `Case status (${da})`,
    usedBy,
    obj({ caseRef: REF }),
    { caseRef: 'SAG-2025-001234' },
    { caseRef: 'SAG-2025-001234', status: 'decided', decision: 'granted', decidedOn: '2025-03-24' },
  );

/**
 * What a paying system grants the subject and pays next (Mit overblik): one entry per benefit with
 * its amount per payment, the period it covers and the next payment date. A read on demand; nothing
 * read is passed to another authority.
 */
export const listBenefits = (
  da: string,
  en: string,
  usedBy: StepRef[],
  benefit: string,
  amount: number,
  caseRef: string,
  frequency: 'monthly' | 'quarterly' = 'monthly',
) =>
  read(
    `Bevilgede ydelser og næste udbetaling (${da})`,
    `Granted benefits and next payment (${en})`,
    usedBy,
    SUBJECT_ONLY,
    {},
    {
      benefits: [{ benefit, amount, frequency, periodFrom: '2025-01-01', periodTo: '2025-12-31', nextPaymentDate: '2025-03-31', caseRef }],
    },
  );
