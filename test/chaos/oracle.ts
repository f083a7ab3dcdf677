import { consentBasisOf, type JourneyCommand, type JourneyDefinition, type JourneyEvent } from '../../journeys/shared/contract';
import { parseCpr } from '../../journeys/shared/cpr';
import { PortAuthorityGateway } from '../../src/authorities/authority-gateway';
import { errorFromResponse } from '../../src/authorities/http/error-mapping';
import { AuthorityError } from '../../src/authorities/ports/authority-gateway.port';
import { bindPorts } from '../../src/authorities/ports/port-binding';
import { SandboxStore } from '../../src/authorities/sandbox/sandbox-store';
import { TaskSimulator } from '../../src/authorities/sandbox/task-simulator';
import { factsFromCprPerson } from '../../src/engine/facts/register-facts';
import { declaredFacts } from '../../src/engine/definitions/declared-facts';
import { DefinitionCatalog } from '../../src/engine/definitions/definition-catalog';
import { DomainError } from '../../src/platform/errors/domain-error';
import type { JourneyRow } from '../../src/engine/persistence/journey.repository';
import { journeyView } from '../../src/engine/queries/journey-view';
import * as runtime from '../../src/engine/runtime/journey-runtime';
import { shiftDates, type Scenario } from './scenarios';

/** One way a scenario can end, computed without the system under test. */
export interface Outcome {
  /** The journey row's status, or `rejected` when the start is refused (then `state` says why). */
  status: string;
  /** The state with parallel regions in a canonical order (see `canonicalState`). */
  state: string;
  /** Events in the driven journey's history, by type (`journey.started` included). */
  events: Record<string, number>;
  /** Citizen events the driver sends (same bound as the driver). */
  citizenEvents: number;
  /** Integration tasks of the driven journey. */
  tasks: number;
  /** Journeys started by `journey.link`: type, status and canonical state, sorted. */
  children: string[];
}

/** Every outcome some order of the work in flight leads to (usually one). */
export interface Expectation {
  outcomes: Outcome[];
  /** Timers that fall due while the run lasts (so the outcomes include their firing at any point, or not at all). */
  unstable?: string;
}

/** The driver's bound on citizen events per journey (a machine that offers actions forever stops here). */
export const MAX_CITIZEN_EVENTS = 12;
/** Timers due before this much time after the start may fire while the run lasts (a run crossing 07:00 UTC). */
const RUN_HORIZON_MS = 30 * 60_000;
/** Interleavings explored per scenario at most (distinct model states; far above what the journeys need). */
const MAX_STATES = 20_000;

interface ModelJourney {
  id: string;
  def: JourneyDefinition;
  status: string;
  state: string;
  snapshot: runtime.PersistedSnapshot;
  parent?: { id: string; step: string };
  events: Record<string, number>;
  tasks: number;
  timers: Record<string, { dueAt: string; generation: number; status: 'scheduled' | 'fired' | 'cancelled' }>;
}

type Work =
  | { kind: 'integration'; journeyId: string; command: Extract<JourneyCommand, { type: 'integration.request' }>; taskId: string }
  | { kind: 'timer'; journeyId: string; key: string; generation: number; later?: boolean }
  | { kind: 'deliver'; journeyId: string; event: JourneyEvent };

/** The world of one citizen: their journeys, the work in flight, the driver's progress. */
interface Model {
  journeys: ModelJourney[];
  queue: Work[];
  citizenEvents: number;
}

/** Model states that are the same world (the definitions left out: they are the same everywhere). */
const keyOf = (m: Model) =>
  JSON.stringify([m.citizenEvents, m.queue, m.journeys.map((j) => [j.id, j.status, j.snapshot, j.events, j.tasks, j.timers])]);

const clone = (m: Model): Model => ({
  journeys: m.journeys.map((j) => ({
    ...j,
    events: { ...j.events },
    timers: Object.fromEntries(Object.entries(j.timers).map(([k, t]) => [k, { ...t }])),
  })),
  queue: [...m.queue],
  citizenEvents: m.citizenEvents,
});

/**
 * Replays a scenario through the same pure pieces the service uses (catalogue validation, the
 * runtime's restore → transition, the citizen's journey view, the authority gateway in front of the
 * sandbox's simulator), with the driver's rule: the citizen acts only when nothing is in flight
 * (integrations answered, due timers fired, linked journeys reported), and then sends the first next
 * action's first accepted example. Work in flight runs concurrently in the service (an integration
 * and a watchdog timer that is already due race), so the oracle explores every order of it and
 * accepts any outcome one of them reaches.
 */
export class Oracle {
  private readonly catalog: DefinitionCatalog;
  private readonly gateway: PortAuthorityGateway;

  constructor(
    definitions: JourneyDefinition[],
    seed: number,
    private readonly reminderDays: number[] = [7, 2],
  ) {
    this.catalog = new DefinitionCatalog(definitions);
    const simulator = new TaskSimulator(new SandboxStore(), { seed, latencyScale: 0, credentials: {}, now: () => new Date() }, {});
    this.gateway = new PortAuthorityGateway(
      bindPorts(async (system, task, input, ctx) => {
        const answer = await simulator.simulate({
          system,
          task,
          idempotencyKey: ctx.idempotencyKey,
          body: JSON.stringify({ input, ...(ctx.subject ? { subject: ctx.subject } : {}), journeyRef: ctx.journeyId, step: ctx.step }),
        });
        if (answer.status !== 200) {
          throw await errorFromResponse(
            new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers }),
            `${system}/${task}`,
          );
        }
        // The adapter reads the answer off the wire.
        return JSON.parse(JSON.stringify(answer.body.output)) as Record<string, unknown>;
      }),
    );
  }

  /** A citizen's start looks the citizen up in CPR when the journey declares facts (RegisterFacts). */
  private async lookedUpFacts(scenario: Scenario, def: JourneyDefinition, startedAt: string): Promise<Record<string, unknown>> {
    if (scenario.channel !== 'citizen' || declaredFacts(def).size === 0) return {};
    try {
      const { output } = await this.gateway.execute({
        system: 'cpr',
        task: 'lookup-person',
        input: {},
        idempotencyKey: `lookup-${scenario.cpr}`,
        journeyId: 'journey-start',
        step: 'start',
        subject: { cpr: scenario.cpr },
      });
      return factsFromCprPerson(output, startedAt.slice(0, 10));
    } catch {
      return {};
    }
  }

  async expect(scenario: Scenario, startedAt = new Date().toISOString()): Promise<Expectation> {
    const now = Date.parse(startedAt);
    const unstable = new Set<string>();
    const def = this.catalog.latest(scenario.type)!;

    const start = (
      m: Model,
      d: JourneyDefinition,
      answers: Record<string, unknown>,
      facts: Record<string, unknown>,
      parent?: ModelJourney['parent'],
    ) => {
      this.catalog.validateStart(d, answers);
      const declared = declaredFacts(d);
      const kept = Object.fromEntries(Object.entries(facts).filter(([key]) => declared.has(key)));
      this.catalog.validateFacts(d, kept);
      const result = runtime.start(d, { answers, facts: kept, startedAt, reminderDays: this.reminderDays });
      const j: ModelJourney = {
        id: `journey-${m.journeys.length + 1}`,
        def: d,
        status: result.status,
        state: result.state,
        snapshot: result.snapshot,
        parent,
        events: { 'journey.started': 1 },
        tasks: 0,
        timers: {},
      };
      m.journeys.push(j);
      afterTransition(m, j, result);
    };

    const afterTransition = (m: Model, j: ModelJourney, result: runtime.TransitionResult) => {
      for (const command of result.commands) {
        switch (command.type) {
          case 'integration.request': {
            // The n-th task of a journey has the same key in every order explored, so the sandbox answers it the same way.
            const taskId = `${scenario.index}-${j.id}-task-${++j.tasks}`;
            // A fetch whose step rests on consent is held (CommandWriter): the driver's citizen never consents, so it never runs.
            const basis = consentBasisOf(j.def, command.step);
            if (basis?.system === command.system && basis.task === command.task) break;
            m.queue.push({ kind: 'integration', journeyId: j.id, command, taskId });
            break;
          }
          case 'timer.schedule': {
            const generation = (j.timers[command.key]?.generation ?? 0) + 1;
            j.timers[command.key] = { dueAt: command.dueAt, generation, status: 'scheduled' };
            const due = Date.parse(command.dueAt);
            if (due <= now) m.queue.push({ kind: 'timer', journeyId: j.id, key: command.key, generation });
            else if (due <= now + RUN_HORIZON_MS) {
              m.queue.push({ kind: 'timer', journeyId: j.id, key: command.key, generation, later: true });
              unstable.add(`${j.def.id}: timer ${command.key} due ${command.dueAt}`);
            }
            break;
          }
          case 'timer.cancel': {
            const timer = j.timers[command.key];
            if (timer?.status === 'scheduled') timer.status = 'cancelled';
            break;
          }
          case 'journey.link':
            if (!m.journeys.some((x) => x.def.id === command.journeyType && x.status === 'active')) {
              start(m, this.catalog.latest(command.journeyType)!, command.answers ?? {}, {}, { id: j.id, step: command.step });
            }
            break;
          default:
            break; // notifications and task tokens change no state
        }
      }
      if (result.status === 'completed') {
        for (const timer of Object.values(j.timers)) if (timer.status === 'scheduled') timer.status = 'cancelled';
        if (j.parent) {
          m.queue.push({
            kind: 'deliver',
            journeyId: j.parent.id,
            event: { type: 'journey.linked-completed', step: j.parent.step, journeyType: j.def.id },
          });
        }
      }
    };

    /** SendEventUseCase: false when the event was refused (engine events are then dropped). */
    const send = (m: Model, j: ModelJourney, event: JourneyEvent): boolean => {
      if (j.status !== 'active') return false;
      let result: runtime.TransitionResult;
      try {
        result = runtime.apply(j.def, j.snapshot, event);
      } catch (e) {
        if (e instanceof runtime.EventNotAcceptedError) return false;
        if (e instanceof runtime.BrokenSnapshotError) {
          j.status = 'broken';
          return false;
        }
        throw e;
      }
      j.snapshot = result.snapshot;
      j.state = result.state;
      j.status = result.status;
      j.events[event.type] = (j.events[event.type] ?? 0) + 1;
      afterTransition(m, j, result);
      return true;
    };

    const run = async (m: Model, work: Work) => {
      const j = m.journeys.find((x) => x.id === work.journeyId)!;
      if (work.kind === 'integration') {
        const { step, task, system, input } = work.command;
        let event: JourneyEvent;
        try {
          const { output } = await this.gateway.execute({
            system,
            task,
            input,
            idempotencyKey: work.taskId,
            journeyId: j.id,
            step,
            subject: { cpr: scenario.cpr },
          });
          event = { type: 'integration.completed', step, task, output };
        } catch (e) {
          const error = e instanceof AuthorityError ? e : new AuthorityError('ADAPTER_ERROR', true, (e as Error).message);
          if (error.retryable) unstable.add(`${system}/${task} answered ${error.code} (retryable)`);
          event = { type: 'integration.failed', step, task, code: error.code };
        }
        send(m, j, event);
      } else if (work.kind === 'timer') {
        const timer = j.timers[work.key];
        if (timer?.status !== 'scheduled' || timer.generation !== work.generation) return;
        send(m, j, { type: 'timer.fired', key: work.key });
        timer.status = 'fired';
      } else {
        send(m, j, work.event);
      }
    };

    const initial: Model = { journeys: [], queue: [], citizenEvents: 0 };
    const facts = { ...startFacts(scenario), ...(await this.lookedUpFacts(scenario, def, startedAt)) };
    try {
      start(initial, def, scenario.answers, facts);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return { outcomes: [{ status: 'rejected', state: `${e.code}: ${e.message}`, events: {}, citizenEvents: 0, tasks: 0, children: [] }] };
    }

    const outcomes = new Map<string, Outcome>();
    const seen = new Set<string>();
    const explore = async (m: Model): Promise<void> => {
      const key = keyOf(m);
      if (seen.has(key)) return;
      seen.add(key);
      if (seen.size > MAX_STATES) throw new Error(`oracle: scenario #${scenario.index} has more than ${MAX_STATES} interleavings`);
      // Any piece of work in flight may be the next to finish.
      for (let i = 0; i < m.queue.length; i++) {
        const next = clone(m);
        const [work] = next.queue.splice(i, 1);
        await run(next, work);
        await explore(next);
      }
      // A timer that falls due during the run may fire at any point, or only after the checks:
      // it does not hold the citizen back, and the run may end without it.
      if (m.queue.some((w) => !(w.kind === 'timer' && w.later))) return;
      const driven = m.journeys[0];
      const action =
        driven.status === 'active' && m.citizenEvents < MAX_CITIZEN_EVENTS
          ? journeyView(def, rowOf(driven), 'citizen').nextActions[0]
          : undefined;
      if (!action) {
        const outcome: Outcome = {
          status: driven.status,
          state: canonicalState(driven.state),
          events: driven.events,
          citizenEvents: m.citizenEvents,
          tasks: driven.tasks,
          children: m.journeys
            .slice(1)
            .map((c) => `${c.def.id} ${c.status} ${canonicalState(c.state)}`)
            .sort(),
        };
        outcomes.set(JSON.stringify(outcome), outcome);
        return;
      }
      const next = clone(m);
      if (!send(next, next.journeys[0], { ...shiftDates(action.example, scenario.shiftDays), type: action.event })) {
        throw new Error(`oracle: ${action.event} offered but refused`);
      }
      next.citizenEvents++;
      await explore(next);
    };
    await explore(initial);
    return { outcomes: [...outcomes.values()], ...(unstable.size ? { unstable: [...unstable].join('; ') } : {}) };
  }
}

/**
 * A flattened state (`a.(x:1,y:2)`) with parallel regions sorted by name. The engine's state column
 * lists regions in the order of the snapshot's keys, and a snapshot read back from jsonb has its
 * keys in jsonb's order, not the machine's: the same state can be written two ways.
 */
export function canonicalState(flat: string): string {
  let i = 0;
  const name = () => {
    const from = i;
    while (i < flat.length && !'.(),:'.includes(flat[i])) i++;
    return flat.slice(from, i);
  };
  const parse = (): string => {
    if (flat[i] === '(') {
      i++;
      const regions: string[] = [];
      for (;;) {
        const region = name();
        i++; // ':'
        regions.push(`${region}:${parse()}`);
        if (flat[i++] !== ',') break; // ')'
      }
      return `(${regions.sort().join(',')})`;
    }
    const head = name();
    if (flat[i] === '.') {
      i++;
      return `${head}.${parse()}`;
    }
    return head;
  };
  return parse();
}

/** The facts each start channel gives the journey (before the definition filters them to the declared ones). */
export function startFacts(scenario: Scenario): Record<string, unknown> {
  const parsed = parseCpr(scenario.cpr);
  const birthDate = parsed.ok ? { birthDate: parsed.birthDate } : {};
  switch (scenario.channel) {
    case 'citizen':
      return birthDate;
    case 'register':
      return { ...birthDate, ...scenario.facts, [scenario.register!.dateFact]: scenario.register!.occurredOn };
    case 'engine':
      return { ...birthDate, ...scenario.facts };
  }
}

function rowOf(j: ModelJourney): JourneyRow {
  const at = new Date(0);
  return {
    id: j.id,
    citizen_id: 'citizen',
    parent_journey_id: j.parent?.id ?? null,
    linked_step: j.parent?.step ?? null,
    waiting_journeys: null,
    type: j.def.id,
    definition_version: j.def.version,
    status: j.status as JourneyRow['status'],
    state: j.state,
    snapshot: j.snapshot,
    version: 1,
    broken_reason: null,
    next_deadline: null,
    has_failed_step: false,
    systems: [],
    created_at: at,
    updated_at: at,
    completed_at: null,
    started_by: null,
  };
}
