/**
 * The contract between a journey definition (pure, in `journeys/`) and the engine (in `src/engine`).
 *
 * A journey machine never performs I/O. It *emits* commands (XState `emit`) that the engine turns
 * into outbox rows, and it receives the outcome as events. Everything here is plain data so that it
 * can be persisted, diffed and shown to people.
 */
import type { AnyStateMachine } from 'xstate';
import type { JourneyCommand } from './commands';
import type { AuthoritySystemId, JourneyTypeId } from './ids';

export * from './ids';
export * from './commands';

/** Danish first (primary), English second. */
export interface Text {
  da: string;
  en: string;
}

/** Who performs a step: the citizen, a register flow nobody acts on, an authority's system, or a caseworker. */
export type StepKind = 'citizen' | 'automatic' | 'authority' | 'caseworker';

/**
 * - `pending`: not reached yet (or its branch is not decided yet)
 * - `active`: open now (the citizen must act, or we wait for an authority/register)
 * - `done`: completed
 * - `skipped`: not relevant for this citizen (a branch not taken, or optional and declined)
 * - `failed`: an integration failed after its last attempt: a caseworker must help
 * - `late`: an awaited confirmation (register flow) did not arrive in time: flagged, still open
 */
export type StepStatus = 'pending' | 'active' | 'done' | 'skipped' | 'failed' | 'late';

export interface StepState {
  status: StepStatus;
  /** ISO date (YYYY-MM-DD) by which the step must be done, when the law or practice sets one. */
  deadline?: string;
  /** ISO date from which the step can be done, when earlier is not allowed (a move is reported at most 28 days ahead). */
  availableFrom?: string;
  /** Short machine-readable reason for `failed`/`late`/`skipped`. */
  reason?: string;
  /**
   * The authority handling the step for this citizen when the law routes it elsewhere than the
   * definition's `system` (one of the step's `alternativeSystems`): a death in South Jutland is
   * reported to the municipality, not the parish.
   */
  system?: AuthoritySystemId;
}

/** A legal or official source for a rule, e.g. "Lov om boligstøtte § 48" or a borger.dk address. */
export interface LegalSource {
  title: string;
  url?: string;
  /** The language of the title, when the source is not Danish (a newcomer's English guide): pages mark it so. */
  lang?: 'en';
}

/**
 * A rule a citizen acts on (a deadline, an age, an amount threshold, the authority to turn to),
 * with the source it rests on and when it was last compared with that source. Kept beside the rule
 * in the journey's `*.rules.ts` and listed in docs/journeys.md.
 */
export interface RuleSource {
  /** The rule in one plain sentence, as the code applies it. */
  rule: string;
  source: LegalSource;
  /** ISO date the rule was last checked against the source, or `unverified` when nobody could. */
  checked: `${number}-${number}-${number}` | 'unverified';
}

/**
 * Why the engine may fetch what a step's integration fetches. Most steps rest on a law (the
 * authority's own legal basis, named here when a step declares it). A step whose integration
 * reads data only the citizen may release declares `consent`: what is fetched, from whom and for
 * what, in the words the citizen agrees to. The engine queues that integration only while a valid
 * consent exists; without one the step asks the citizen to give consent or to fill in the data
 * themselves with the event `fillInYourself` (docs/overview.md, "Samtykker").
 */
export type LegalBasis =
  | {
      kind: 'consent';
      /** The catalogue operation the consent releases. */
      system: AuthoritySystemId;
      task: string;
      fetches: Text;
      from: Text;
      purpose: Text;
      /** The citizen event that gives the same data by hand ("Udfyld selv"). */
      fillInYourself: string;
      /** Where the practice of asking for consent is described. */
      source: LegalSource;
    }
  | { kind: 'law'; law: LegalSource };

export type ConsentBasis = Extract<LegalBasis, { kind: 'consent' }>;

/** The consent a step of the definition asks for before its integration runs, if any. */
export function consentBasisOf(definition: Pick<JourneyDefinition, 'steps'>, step: string): ConsentBasis | undefined {
  const basis = definition.steps.find((s) => s.id === step)?.legalBasis;
  return basis?.kind === 'consent' ? basis : undefined;
}

interface StepDefinitionBase {
  id: string;
  kind: StepKind;
  /** The authority system handling the step (absent for purely private steps). */
  system?: AuthoritySystemId;
  title: Text;
  /** Plain language: what happens, what the citizen must do, and why. */
  guidance: Text;
  /** Human description of the deadline rule, e.g. "28 days before to 5 days after moving in". */
  deadlineRule?: Text;
  legalSource?: LegalSource;
  /** What the step's integration rests on: a law, or the citizen's consent. */
  legalBasis?: LegalBasis;
  optional?: boolean;
  /** Authorities that handle the step instead for some citizens; the step's state names which (`StepState.system`). */
  alternativeSystems?: AuthoritySystemId[];
  /** The citizen's task as an imperative for the task list ("Anmeld flytningen på borger.dk"); defaults to `title`. */
  task?: Text;
  /**
   * Why the step does not apply, one line for each reason the machine gives when it skips the step
   * (`StepState.reason`): `{ 'not-renting': { da: 'Du har svaret, at du ikke lejer den nye bolig.', en: … } }`.
   */
  notRelevant?: Record<string, Text>;
}

/**
 * A step of a journey. The task list needs two texts the title cannot give, and the type demands
 * them where it can tell: a step the citizen carries out has its imperative (`task`), and an
 * optional step has its reasons for not applying (`notRelevant`). Where only the machine knows (a
 * citizen event on an automatic step, a branch that skips a step), test/journeys/model-based.spec.ts
 * checks the same.
 */
export type StepDefinition = StepDefinitionBase &
  ({ kind: 'citizen'; task: Text } | { kind: Exclude<StepKind, 'citizen'> }) &
  ({ optional: true; notRelevant: Record<string, Text> } | { optional?: false });

/** The authority that handles a step for this citizen: the one the law routes it to, else the definition's. */
export function handlingSystem(
  step: Pick<StepDefinition, 'system'>,
  state: { system?: string } | undefined,
): AuthoritySystemId | undefined {
  // A step state names only systems of the step's `alternativeSystems` (the machines write it).
  return (state?.system as AuthoritySystemId | undefined) ?? step.system;
}

/** A JSON Schema (draft 2020-12 subset that Ajv accepts). */
export type JsonSchema = Record<string, unknown>;

/**
 * Who may send an event: the citizen (and a proxy with access to act), a caseworker or a
 * self-service system of the authority of one of the event's steps, or the CPR register feed.
 */
export type EventActor = 'citizen' | 'caseworker' | 'system' | 'register';

/** An event the journey accepts from outside, with the schema of its data (validated by the API). */
export interface EventSpec<TStep extends string = string> {
  title: Text;
  /** Who may send it. Engine events (integration results, timers, linked completions) are never listed here. */
  actors: EventActor[];
  /**
   * The step(s) this event decides. A caseworker or system may send the event only for an authority
   * that is the `system` of one of these steps, and only while that step applies to the journey
   * (is not skipped): each authority decides its own steps and no other's.
   */
  steps: readonly TStep[];
  /** The citizen's confirmation in the first person, the form's button ("Jeg har anmeldt flytningen"); defaults to `title`. */
  confirm?: Text;
  /** JSON Schema of the event's `data`. */
  schema: JsonSchema;
  /**
   * Example `data` values. The first is shown to users; all are used by the model-based tests to
   * explore branches, so give one example per branch the data decides.
   */
  examples: Record<string, unknown>[];
}

/** An event as the machine sees it: the API's `{ type, data }` flattened to `{ type, ...data }`. */
export interface JourneyEvent {
  type: string;
  [key: string]: unknown;
}

/** What the engine passes as the machine's input when a journey starts. */
export interface JourneyInput {
  /** Answers from the citizen at start, validated against `startSchema`. */
  answers: Record<string, unknown>;
  /** Register data known at start (age, marital status, children, municipality, ...). */
  facts: Record<string, unknown>;
  /** ISO timestamp of the start: the machine's only notion of "now" at start. */
  startedAt: string;
  /** Days before each deadline that reminders are scheduled (default [7, 2]). */
  reminderDays: number[];
}

/** The context every journey machine keeps (it may add its own fields). */
export interface JourneyContextBase {
  answers: Record<string, unknown>;
  facts: Record<string, unknown>;
  startedAt: string;
  reminderDays: number[];
  /** The anchor date of the journey (moving date, birth date, ...), ISO YYYY-MM-DD, once known. */
  anchorDate?: string;
  steps: Record<string, StepState>;
}

/**
 * Who starts a journey: the citizen themselves (the start page, `POST /api/journeys`), or a register
 * event (`POST /api/register-events`, the feed the engine maps to journeys).
 */
export type JourneyStarter = 'citizen' | 'register';

/** A migration of persisted snapshots from an earlier definition version. */
export interface SnapshotMigration {
  from: number;
  to: number;
  description: string;
  /**
   * Receives the persisted snapshot JSON (as `getPersistedSnapshot()` produced it) and returns the
   * snapshot for version `to`, or throws an Error whose message says why it cannot be migrated.
   */
  migrate(snapshot: Record<string, unknown>): Record<string, unknown>;
  /**
   * Commands the engine runs when it moves a journey (optional): timers rescheduled to deadlines the
   * migration recomputed. Receives the migrated snapshot and the moment of the move (ISO timestamp).
   */
  commands?(snapshot: Record<string, unknown>, now: string): JourneyCommand[];
}

export interface JourneyDefinition<TMachine extends AnyStateMachine = AnyStateMachine> {
  id: JourneyTypeId;
  version: number;
  title: Text;
  description: Text;
  machine: TMachine;
  steps: StepDefinition[];
  /**
   * Who may start it; absent means the citizen only. A journey whose facts only a register knows
   * (a death, a 15th birthday, the pension age) lists `register` alone, and the citizen is told
   * when it starts instead of being shown a form that cannot succeed.
   */
  startedBy?: readonly JourneyStarter[];
  /** When a register starts it, in words that follow "starts by itself when" / "starter automatisk, når". */
  startsWhen?: Text;
  /** JSON Schema of the start answers; examples drive the model-based tests' branches. */
  startSchema: JsonSchema;
  startExamples: Record<string, unknown>[];
  /** JSON Schema of the register facts the machine reads (documents what the engine must look up). */
  factsSchema?: JsonSchema;
  /** Example facts; the model-based tests start the machine with every start example × facts example. */
  factsExamples?: Record<string, unknown>[];
  /** Events accepted from outside the engine (citizen, caseworker, self-service system). */
  events: Record<string, EventSpec>;
  /**
   * State values (as `JSON.stringify(snapshot.value)`-free dotted paths, e.g. `waiting.registration`)
   * where a journey may legitimately rest for a long time without being final.
   */
  waitingStates?: string[];
  /** Journey types this one can start (e.g. divorce → moving). */
  links?: JourneyTypeId[];
  migrations?: SnapshotMigration[];
  /** The rules a citizen acts on, with their sources and check dates (see `RuleSource`). */
  ruleSources?: Record<string, RuleSource>;
  /** How far from today a start answer's date may plausibly lie (the start form refuses or warns). */
  startDates?: StartDateRule[];
}

/**
 * A plausible window for a date among the start answers, in days from today: outside
 * [-refuseBeforeDays, +refuseAfterDays] the start is refused with `refused`; before -warnBeforeDays
 * (a deadline has already passed) it starts with the warning `warned`.
 */
export interface StartDateRule {
  /** Dotted answer field, e.g. `movingDate`. */
  field: string;
  refuseBeforeDays: number;
  refuseAfterDays: number;
  warnBeforeDays?: number;
  /** The instruction when refused ("Flyttedatoen skal ligge ..."). */
  refused: Text;
  warned?: Text;
}
