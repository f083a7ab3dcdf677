import {
  AUTHORITY_SYSTEMS,
  AUTHORITY_TASK_CATALOGUE,
  AUTHORITY_TASKS,
  findTask,
  SERVICE_USERS,
} from '../../journeys/shared/authority-tasks';
import { AUTHORITY_SYSTEM_IDS, JOURNEY_TYPE_IDS } from '../../journeys/shared/contract';
import { allDefinitions } from '../../journeys';
import { PORT_CLASSES } from '../../src/authorities/ports';
import { bindPorts } from '../../src/authorities/ports/port-binding';
import { methodName } from '../../src/authorities/ports/port-types';
import { taskInputProblem } from '../../src/authorities/task-validation';
import { exampleInput } from '../../src/authorities/sandbox/outputs';
import { CPR_LIKE, CPR_VALUE } from './harness';

const named = AUTHORITY_TASKS.map((t) => [`${t.system}/${t.task}`, t] as const);

/** Every property name a JSON schema declares, at any depth (objects, array items, combinators). */
function propertyNames(schema: unknown, path = 'input'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => propertyNames(s, `${path}[${i}]`));
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const own = Object.entries((s.properties ?? {}) as Record<string, unknown>).flatMap(([name, sub]) => [
    `${path}.${name}`,
    ...propertyNames(sub, `${path}.${name}`),
  ]);
  const nested = ['items', 'prefixItems', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'not', 'if', 'then', 'else'].flatMap((k) =>
    k in s ? propertyNames(s[k], `${path}.${k}`) : [],
  );
  return [...own, ...nested, ...((s.required as string[] | undefined) ?? []).map((name) => `${path}.${name}`)];
}

/** Every leaf of a value (strings and numbers as text) with its path. */
function leaves(value: unknown, path: string): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => [[`${path}.${k}`, k] as [string, string], ...leaves(v, `${path}.${k}`)]);
  return typeof value === 'string' || typeof value === 'number' ? [[path, String(value)]] : [];
}

describe('authority task catalogue', () => {
  it('describes every authority system of the contract, and only those', () => {
    expect(Object.keys(AUTHORITY_SYSTEMS).sort()).toEqual([...AUTHORITY_SYSTEM_IDS].sort());
    expect(Object.keys(AUTHORITY_TASK_CATALOGUE).sort()).toEqual([...AUTHORITY_SYSTEM_IDS].sort());
    for (const id of AUTHORITY_SYSTEM_IDS) {
      expect(AUTHORITY_SYSTEMS[id].name.da.length).toBeGreaterThan(0);
      expect(AUTHORITY_SYSTEMS[id].name.en.length).toBeGreaterThan(0);
      expect(AUTHORITY_TASKS.some((t) => t.system === id)).toBe(true);
    }
  });

  it('names tasks in kebab-case, once per system', () => {
    const keys = AUTHORITY_TASKS.map((t) => `${t.system}/${t.task}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of AUTHORITY_TASKS) expect(t.task).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('binds a typed port method for every task, on an instance of the port class', async () => {
    const seen: string[] = [];
    const ports = bindPorts((system, task) => {
      seen.push(`${system}/${task}`);
      return Promise.resolve({ ok: true });
    });
    for (const t of AUTHORITY_TASKS) {
      const port = ports[t.system] as unknown as Record<string, (i: unknown, c: unknown) => Promise<unknown>>;
      expect(port).toBeInstanceOf(PORT_CLASSES[t.system]);
      await expect(port[methodName(t.task)]({}, {})).resolves.toEqual({ ok: true });
    }
    expect(seen).toEqual(AUTHORITY_TASKS.map((t) => `${t.system}/${t.task}`));
  });

  it.each(named)('%s: the example input matches the schema, also with its dates moved to today', (_name, t) => {
    expect(taskInputProblem(t, t.inputExample)).toBeUndefined();
    expect(taskInputProblem(t, exampleInput(t))).toBeUndefined();
    expect(Object.keys(t.output).length).toBeGreaterThan(0);
    expect(t.title.da && t.title.en).toBeTruthy();
  });

  it('rejects input the schema does not allow, without quoting the value', () => {
    const t = findTask('cpr', 'register-move')!;
    const problem = taskInputProblem(t, { ...(t.inputExample as object), moveDate: '1503901234567' });
    expect(problem).toContain('/moveDate');
    expect(problem).not.toContain('1503901234567');
    expect(taskInputProblem(t, { ...(t.inputExample as object), extra: 1 })).toContain('extra');
    // A CPR number slipped into the input is refused: the subject travels beside it, never in it.
    const slipped = taskInputProblem(t, { ...(t.inputExample as object), cpr: '150390-1234' });
    expect(slipped).toContain('(cpr)');
    expect(slipped).not.toMatch(CPR_LIKE);
  });

  describe('data minimisation: no CPR numbers in task inputs or outputs', () => {
    it('has no input property named like a CPR number, at any depth', () => {
      const offending = AUTHORITY_TASKS.flatMap((t) =>
        propertyNames(t.input)
          .filter((path) => /cpr/i.test(path.split('.').at(-1)!))
          .map((path) => `${t.system}/${t.task} ${path}`),
      );
      expect(offending).toEqual([]);
    });

    it('has no CPR-like value (or key) in any input example or output', () => {
      const offending = AUTHORITY_TASKS.flatMap((t) =>
        [...leaves(t.inputExample, 'inputExample'), ...leaves(t.output, 'output')]
          .filter(([, text]) => CPR_VALUE.test(text))
          .map(([path]) => `${t.system}/${t.task} ${path}`),
      );
      expect(offending).toEqual([]);
    });

    it('catches what it is meant to catch', () => {
      expect(
        propertyNames({ type: 'object', properties: { movers: { type: 'array', items: { properties: { childCpr: {} } } } } }),
      ).toContain('input.movers.items.childCpr');
      const found = (value: unknown) => leaves(value, 'x').some(([, text]) => CPR_VALUE.test(text));
      expect(found({ a: [{ b: 1503901234 }] })).toBe(true);
      expect(found({ note: 'for 150390-1234.' })).toBe(true);
      expect(found({ id: '2e431559-9374-456d-9941-466bc25d3cf0', ref: 'FLY-2025-004211' })).toBe(false);
    });
  });

  it('refers to journeys and steps that exist, or to a named part of the service', () => {
    const definitions = allDefinitions();
    for (const t of AUTHORITY_TASKS) {
      expect(t.usedBy.length).toBeGreaterThan(0);
      for (const ref of t.usedBy) {
        if ((SERVICE_USERS as readonly string[]).includes(ref)) continue;
        const [journey, step] = ref.split('/');
        expect(JOURNEY_TYPE_IDS).toContain(journey);
        // Only journeys already written can be checked step by step.
        const definition = definitions.find((d) => d.id === journey);
        if (definition) expect({ ref, known: definition.steps.some((s) => s.id === step) }).toEqual({ ref, known: true });
      }
    }
  });

  it('finds tasks by system and name, and nothing else', () => {
    expect(findTask('cpr', 'register-move')).toMatchObject({ system: 'cpr', task: 'register-move', effect: 'write' });
    expect(findTask('cpr', 'no-such-task')).toBeUndefined();
    expect(findTask('no-such-system', 'register-move')).toBeUndefined();
    expect(findTask('cpr', 'constructor')).toBeUndefined();
    expect(findTask('__proto__', 'toString')).toBeUndefined();
  });
});
