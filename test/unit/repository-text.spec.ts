import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository speaks of the product alone: docs, comments and test names say what the code is
 * and why, never in which work period something was done or tried. A history phrase is an ordinal
 * or relative word followed by the name of a work period; it may run across a line break or a
 * comment marker, so the whole text is searched and the line where the phrase starts is reported.
 */
const WHEN = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'this',
  'last',
  'previous',
  'next',
  'earlier',
  'later',
];
const PERIOD = ['session', 'sprint', 'iteration', 'work\\s+period'];
const HISTORY = new RegExp(`\\b(?:${WHEN.join('|')})(?:[\\s-]|\\*|//|#|>)+(?:${PERIOD.join('|')})s?\\b`, 'gi');

const ROOT = path.resolve(__dirname, '../..');
/** Generated, and names packages rather than describing the product. */
const SKIPPED = new Set(['package-lock.json']);

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\0').filter((f) => f && !SKIPPED.has(path.basename(f)));
}

/** Every history phrase in `text`, as `file:line: the line`. */
export function historyPhrases(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(HISTORY)) {
    const lineNo = text.slice(0, match.index).split('\n').length;
    found.push(`${file}:${lineNo}: ${text.split('\n')[lineNo - 1].trim()}`);
  }
  return found;
}

describe('repository text', () => {
  it('finds a history phrase however it is written, and leaves ordinary text alone', () => {
    const phrase = (...words: string[]) => words.join(' ');
    expect(historyPhrases('a.md', `Measured in the ${phrase('fifth', 'session')}.`)).toEqual([
      `a.md:1: Measured in the ${phrase('fifth', 'session')}.`,
    ]);
    expect(historyPhrases('b.ts', `// as in the ${phrase('Previous', 'Sprint')}`)).toHaveLength(1);
    expect(historyPhrases('c.ts', `/**\n * tried in the fourth\n * session\n */`)).toEqual(['c.ts:2: * tried in the fourth']);
    expect(historyPhrases('d.md', `since the ${phrase('second', 'work', 'period')} and ${phrase('earlier', 'iterations')}`)).toHaveLength(
      2,
    );
    expect(historyPhrases('e.md', 'writes per session and window; the first step; the next page; a session token')).toEqual([]);
  });

  it('has no history phrase in any tracked file', () => {
    const offending: string[] = [];
    for (const file of trackedFiles()) {
      const full = path.join(ROOT, file);
      if (!fs.existsSync(full) || !fs.statSync(full).isFile()) continue;
      const bytes = fs.readFileSync(full);
      if (bytes.subarray(0, 8000).includes(0)) continue; // binary
      offending.push(...historyPhrases(file, bytes.toString('utf8')));
    }
    expect(offending).toEqual([]);
  });
});
