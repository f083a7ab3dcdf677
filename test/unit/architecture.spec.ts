/**
 * The dependency direction of src/, as docs/architecture.md draws it: api and workers use the
 * engine; the engine uses platform, authorities' ports and journeys; platform uses none of the
 * layers above it; and no two files of src/ import each other, directly or round a longer loop.
 * Imports are read from the TypeScript syntax tree (type-only imports count: a cycle of types is a
 * knot a reader has to untie too).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

/** Layer → the layers it must not import. */
const FORBIDDEN: Record<string, string[]> = {
  engine: ['api', 'workers', 'outbox'],
  platform: ['engine', 'api', 'workers', 'outbox', 'authorities'],
  authorities: ['engine', 'api', 'workers', 'outbox'],
  outbox: ['engine', 'api', 'workers'],
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative imports of a file, resolved to files (`./x` → `x.ts` or `x/index.ts`). */
function importsOf(file: string, source = readFileSync(file, 'utf8')): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(file), s))
    .map((p) => [`${p}.ts`, join(p, 'index.ts')].find((c) => existsSync(c)))
    .filter((p): p is string => !!p);
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0].replace(/\.ts$/, '');

function layerViolations(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (!to.startsWith(SRC)) continue;
      if (FORBIDDEN[layerOf(from)]?.includes(layerOf(to))) found.push(`${relative(ROOT, from)} imports ${relative(ROOT, to)}`);
    }
  }
  return found;
}

/** Strongly connected components of more than one file (Tarjan), each as a sorted list. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(relative(ROOT, w));
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

/** SQL statements in a file's source: the workers take their reads and writes from the engine's repositories. */
function sqlIn(source: string): string[] {
  return [...source.matchAll(/\b(SELECT\s.+?\sFROM|INSERT INTO|UPDATE\s+\w+\s+SET|DELETE FROM)\b/g)].map((m) => m[1]);
}

describe('architecture of src/', () => {
  const graph = new Map(files(SRC).map((f) => [f, importsOf(f)] as const));

  it(
    'keeps every dependency pointing one way: engine not to api, workers or outbox; platform and authorities not to the layers ' + 'above',
    () => {
      expect(layerViolations(graph)).toEqual([]);
    },
  );

  it('has no import cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps SQL out of the workers: it lives in the engine’s repositories', () => {
    const found = files(join(SRC, 'workers')).flatMap((f) => sqlIn(readFileSync(f, 'utf8')).map((q) => `${relative(ROOT, f)}: ${q}`));
    expect(found).toEqual([]);
    expect(sqlIn('await db.query(`UPDATE webhook_delivery SET attempts = $2`)')).toEqual(['UPDATE webhook_delivery SET']);
  });

  it('does see a forbidden import and a cycle when there is one', () => {
    const engine = join(SRC, 'engine/use-cases/x.ts');
    const api = join(SRC, 'api/x.ts');
    const fake = new Map([
      [engine, [api]],
      [api, [engine]],
    ]);
    expect(layerViolations(fake)).toEqual(['src/engine/use-cases/x.ts imports src/api/x.ts']);
    expect(cycles(fake)).toEqual([['src/api/x.ts', 'src/engine/use-cases/x.ts']]);
    expect(importsOf(join(SRC, 'engine/y.ts'), "import type { A } from '../platform/ids';\nconst b = import('./actor');")).toEqual([
      join(SRC, 'platform/ids.ts'),
      join(SRC, 'engine/actor.ts'),
    ]);
  });
});
