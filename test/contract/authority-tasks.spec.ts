import {
  AUTHORITY_SYSTEMS,
  AUTHORITY_TASK_CATALOGUE,
  AUTHORITY_TASKS,
  findTask,
} from '../../journeys/shared/authority-tasks';
import { AUTHORITY_SYSTEM_IDS, JOURNEY_TYPE_IDS } from '../../journeys/shared/contract';
import { allDefinitions } from '../../journeys';
import { PORT_CLASSES } from '../../src/authorities/ports';
import { bindPorts } from '../../src/authorities/ports/port-binding';
import { methodName } from '../../src/authorities/ports/port-types';
import { taskInputProblem } from '../../src/authorities/task-validation';
import { exampleInput } from '../../src/authorities/sandbox/outputs';

const named = AUTHORITY_TASKS.map((t) => [`${t.system}/${t.task}`, t] as const);

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
    const ports = bindPorts(async (system, task) => (seen.push(`${system}/${task}`), { ok: true }));
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
    const problem = taskInputProblem(t, { ...(t.inputExample as object), cpr: '1503901234567' });
    expect(problem).toContain('/cpr');
    expect(problem).not.toContain('1503901234567');
    expect(taskInputProblem(t, { ...(t.inputExample as object), extra: 1 })).toContain('extra');
  });

  it('refers to journeys and steps that exist', () => {
    const definitions = allDefinitions();
    for (const t of AUTHORITY_TASKS) {
      expect(t.usedBy.length).toBeGreaterThan(0);
      for (const ref of t.usedBy) {
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
