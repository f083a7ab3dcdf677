import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { JourneyDefinition } from '../../../journeys/shared/contract';
import { assertPure } from '../runtime/journey-runtime';
import { SCHEMA_TEXT_KEYWORDS } from '../../../journeys/shared/kit';
import { DomainError, type FieldProblem } from '../../platform/errors/domain-error';
import { UNSTORABLE_REASON, unstorablePath } from '../../platform/text/storable';

/** Token for the list of definitions the engine runs (every version of every journey). */
export const JOURNEY_DEFINITIONS = Symbol('JOURNEY_DEFINITIONS');

/**
 * Every loadable definition version, with its JSON Schemas compiled once. Old versions stay
 * loadable for as long as journeys run on them.
 */
export class DefinitionCatalog {
  private readonly byKey = new Map<string, JourneyDefinition>();
  private readonly latestByType = new Map<string, JourneyDefinition>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: false });
  /** `system/task` of every integration some step runs only with the citizen's consent. */
  readonly consentTasks = new Set<string>();

  constructor(definitions: JourneyDefinition[]) {
    addFormats(this.ajv);
    this.ajv.addVocabulary([...SCHEMA_TEXT_KEYWORDS]);
    for (const given of definitions) {
      // Event names arrive from callers: with a null prototype, `constructor` or `__proto__` is no
      // event (a plain object had them, and `events[type].actors` threw: a 500).
      const def: JourneyDefinition = { ...given, events: Object.assign(Object.create(null) as JourneyDefinition['events'], given.events) };
      const key = `${def.id}@${def.version}`;
      if (this.byKey.has(key)) throw new Error(`Journey definition ${key} registered twice`);
      try {
        assertPure(def.machine);
      } catch (e) {
        throw new Error(`Journey definition ${key}: ${(e as Error).message}`, { cause: e });
      }
      this.byKey.set(key, def);
      const latest = this.latestByType.get(def.id);
      if (!latest || latest.version < def.version) this.latestByType.set(def.id, def);
      this.validators.set(`${key}#start`, this.ajv.compile(def.startSchema));
      this.validators.set(`${key}#facts`, this.ajv.compile(def.factsSchema ?? { type: 'object' }));
      for (const step of def.steps)
        if (step.legalBasis?.kind === 'consent') this.consentTasks.add(`${step.legalBasis.system}/${step.legalBasis.task}`);
      for (const [type, spec] of Object.entries(def.events)) this.validators.set(`${key}#${type}`, this.ajv.compile(spec.schema));
    }
  }

  latest(type: string): JourneyDefinition | undefined {
    return this.latestByType.get(type);
  }

  get(type: string, version: number): JourneyDefinition | undefined {
    return this.byKey.get(`${type}@${version}`);
  }

  /** The latest version of every journey type. */
  types(): JourneyDefinition[] {
    return [...this.latestByType.values()];
  }

  versions(type: string): JourneyDefinition[] {
    return [...this.byKey.values()].filter((d) => d.id === type).sort((a, b) => a.version - b.version);
  }

  /** Throws VALIDATION_FAILED naming each field and its reason. */
  validateStart(def: JourneyDefinition, answers: unknown): void {
    this.check(`${def.id}@${def.version}#start`, answers, 'answers');
  }

  validateFacts(def: JourneyDefinition, facts: unknown): void {
    this.check(`${def.id}@${def.version}#facts`, facts, 'facts');
  }

  validateEventData(def: JourneyDefinition, eventType: string, data: unknown): void {
    this.check(`${def.id}@${def.version}#${eventType}`, data, 'data');
  }

  private check(key: string, value: unknown, root: string): void {
    const validate = this.validators.get(key);
    if (!validate) throw new Error(`No schema compiled for ${key}`);
    // Answers, facts and data are stored as jsonb, also when they come from a register lookup rather than a request.
    const unstorable = unstorablePath(value, root);
    if (unstorable !== undefined) {
      throw new DomainError('VALIDATION_FAILED', `Invalid ${root}: ${unstorable} ${UNSTORABLE_REASON}`, {
        fields: [{ field: unstorable, reason: UNSTORABLE_REASON }],
      });
    }
    if (!validate(value)) {
      const fields = toFieldProblems(validate.errors ?? [], root);
      throw new DomainError('VALIDATION_FAILED', `Invalid ${root}: ${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}`, { fields });
    }
  }
}

export function toFieldProblems(errors: ErrorObject[], root: string): FieldProblem[] {
  return errors.slice(0, 20).map((e) => {
    const path = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required') path.push(String((e.params as { missingProperty: string }).missingProperty));
    if (e.keyword === 'additionalProperties') path.push(String((e.params as { additionalProperty: string }).additionalProperty));
    const reason =
      e.keyword === 'additionalProperties'
        ? 'is not an allowed field'
        : e.keyword === 'required'
          ? 'is required'
          : (e.message ?? 'is invalid');
    return { field: [root, ...path].join('.'), reason };
  });
}

/** 404 JOURNEY_TYPE_UNKNOWN naming the journey types there are, for a type that is none of them. */
export function unknownJourneyType(type: string, known: JourneyDefinition[], details: { fields?: FieldProblem[] } = {}): DomainError {
  const types = [...new Set(known.map((d) => d.id))];
  return new DomainError('JOURNEY_TYPE_UNKNOWN', `Unknown journey type "${String(type).slice(0, 60)}"; known types: ${types.join(', ')}`, {
    ...details,
    types,
  });
}
