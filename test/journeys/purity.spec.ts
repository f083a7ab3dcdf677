/**
 * Journeys must stay pure: the engine replays them from persisted snapshots, so a machine that
 * reads the clock, the environment or the network would behave differently on replay. The check
 * walks the TypeScript syntax tree, so strings and comments cannot trigger it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const JOURNEYS_DIR = resolve(__dirname, '../../journeys');
const ALLOWED_PACKAGES = new Set(['xstate']);
const FORBIDDEN_GLOBALS = new Set(['process', 'require', 'fetch', 'setTimeout', 'setInterval']);

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Returns one message per violation in `source` (a file at `filePath` inside `journeysDir`). */
function purityViolations(filePath: string, source: string, journeysDir = JOURNEYS_DIR): string[] {
  const file = ts.createSourceFile(filePath, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const violations: string[] = [];
  const report = (node: ts.Node, message: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    violations.push(`${relative(journeysDir, filePath)}:${line + 1}: ${message}`);
  };
  const checkSpecifier = (node: ts.Node, specifier: string) => {
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(filePath), specifier);
      if (relative(journeysDir, target).startsWith('..')) report(node, `imports "${specifier}" from outside journeys/`);
    } else if (!ALLOWED_PACKAGES.has(specifier)) {
      report(node, `imports "${specifier}" (only xstate and journeys/ files are allowed)`);
    }
  };

  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) checkSpecifier(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node)) {
      report(node, 'uses import = require()');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      report(node, 'uses dynamic import()');
    } else if (ts.isNewExpression(node) && node.expression.getText(file) === 'Date' && !node.arguments?.length) {
      report(node, 'reads the clock with new Date() (time comes from input.startedAt or event data)');
    } else if (ts.isPropertyAccessExpression(node) && node.getText(file) === 'Date.now') {
      report(node, 'reads the clock with Date.now()');
    } else if (ts.isPropertyAccessExpression(node) && node.getText(file) === 'Math.random') {
      report(node, 'uses Math.random() (replays must be deterministic)');
    } else if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text) && isFreeReference(node)) {
      report(node, `uses the global ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return violations;
}

/** True when the identifier refers to a variable (not a property name, key or declaration of that name). */
function isFreeReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent)) && parent.name === node)
    return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return false;
  return true;
}

describe('journey purity', () => {
  const files = typeScriptFiles(JOURNEYS_DIR);

  it('finds the journey sources', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [relative(JOURNEYS_DIR, f), f]))('%s imports only xstate and journeys/ and does no I/O', (_name, file) => {
    expect(purityViolations(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('catches the forbidden patterns', () => {
    const bad = [
      "import { Injectable } from '@nestjs/common';",
      "import { readFileSync } from 'node:fs';",
      "export * from '../../src/engine';",
      "import type { X } from '../../src/x';",
      'const now = Date.now();',
      'const today = new Date();',
      'const env = process.env.X;',
      "const m = require('x');",
      "void fetch('https://example.org');",
      "void import('./x');",
    ].join('\n');
    const ok = [
      "import { setup } from 'xstate';",
      "import { x } from '../shared/kit';",
      'const d = new Date(Date.UTC(2025, 0, 1));',
      "const s = 'Date.now() and process.env in a string';",
      '// new Date() in a comment',
      'const o = { process: 1, fetch: 2 }; o.process;',
    ].join('\n');
    const file = join(JOURNEYS_DIR, 'moving', 'sample.ts');
    expect(purityViolations(file, bad)).toHaveLength(10);
    expect(purityViolations(file, ok)).toEqual([]);
  });
});
