import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { allDefinitions } from '../../journeys';
import type { JsonSchema } from '../../journeys/shared/contract';
import { SCHEMA_TEXT_KEYWORDS } from '../../journeys/shared/kit';

type Node = Record<string, unknown>;
const isText = (t: unknown) =>
  !!t &&
  typeof t === 'object' &&
  ['da', 'en'].every((l) => typeof (t as Node)[l] === 'string' && ((t as Node)[l] as string).trim().length > 0);

/** Every field of a schema with the problems of its words: a label in both languages, hints and choices too. */
function textProblems(schema: JsonSchema | undefined, path: string): string[] {
  if (!schema) return [];
  const problems: string[] = [];
  const visit = (node: Node, at: string, isField: boolean) => {
    if (isField && !isText(node['x-title'])) problems.push(`${at}: x-title needs da and en`);
    if (node['x-description'] !== undefined && !isText(node['x-description'])) problems.push(`${at}: x-description needs da and en`);
    if (Array.isArray(node.enum)) {
      const titles = (node['x-enum-titles'] ?? {}) as Node;
      for (const value of node.enum) if (!isText(titles[String(value)])) problems.push(`${at}: choice "${String(value)}" needs da and en`);
    }
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) visit(child, `${at}.${key}`, true);
    for (const branch of ['anyOf', 'oneOf', 'allOf'] as const)
      (node[branch] as Node[] | undefined)?.forEach((b, i) => visit(b, `${at}.${branch}[${i}]`, false));
    if (node.items && typeof node.items === 'object') visit(node.items as Node, `${at}[]`, false);
  };
  visit(schema, path, false);
  return problems;
}

describe.each(allDefinitions().map((d) => [`${d.id} v${d.version}`, d] as const))('%s speaks Danish and English', (_name, def) => {
  it('gives every field, hint and choice of its start, facts and event schemas a Danish and an English text', () => {
    const problems = [
      ...textProblems(def.startSchema, 'start'),
      ...textProblems(def.factsSchema, 'facts'),
      ...Object.entries(def.events).flatMap(([type, spec]) => [
        ...(isText(spec.title) ? [] : [`${type}: title needs da and en`]),
        ...textProblems(spec.schema, type),
      ]),
    ];
    expect(problems).toEqual([]);
  });

  it('keeps its schemas valid for Ajv in strict mode with the text keywords registered', () => {
    const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
    ajv.addVocabulary([...SCHEMA_TEXT_KEYWORDS]);
    for (const schema of [def.startSchema, def.factsSchema ?? {}, ...Object.values(def.events).map((e) => e.schema)])
      expect(() => ajv.compile(schema)).not.toThrow();
  });
});

describe('the text check itself', () => {
  it('finds a field without Danish', () => {
    expect(textProblems({ type: 'object', properties: { a: { type: 'string', 'x-title': { en: 'A' } } } }, 's')).toEqual([
      's.a: x-title needs da and en',
    ]);
  });
});
