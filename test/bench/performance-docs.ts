import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './processes';

/** The markers around a block a bench run rewrites: `<!-- bench:NAME -->` … `<!-- /bench:NAME -->`. */
export const markers = (name: string) => ({ start: `<!-- bench:${name} -->`, end: `<!-- /bench:${name} -->` });

/**
 * `text` with the block between the markers of `name` replaced by `body`; everything outside the
 * markers stays as it is. Refuses a text without exactly one start marker followed by one end marker.
 */
export function replaceMarkedBlock(text: string, name: string, body: string): string {
  const { start, end } = markers(name);
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`the text has no ${start} … ${end} block`);
  if (to < from) throw new Error(`${end} comes before ${start}`);
  if (text.indexOf(start, from + 1) !== -1 || text.indexOf(end, to + 1) !== -1)
    throw new Error(`the text has more than one ${start} block`);
  return `${text.slice(0, from)}${start}\n${body.trim()}\n${text.slice(to)}`;
}

const performanceDocs = () => path.join(repoRoot(), 'docs/performance.md');

/** Throws unless docs/performance.md has the blocks: worth knowing before a long run rather than after it. */
export function checkPerformanceDocs(names: string[]): void {
  const text = fs.readFileSync(performanceDocs(), 'utf8');
  for (const name of names) replaceMarkedBlock(text, name, '');
}

/** Rewrites the named blocks of docs/performance.md (all or none). */
export function updatePerformanceDocs(blocks: Record<string, string>): void {
  const file = performanceDocs();
  let text = fs.readFileSync(file, 'utf8');
  for (const [name, body] of Object.entries(blocks)) text = replaceMarkedBlock(text, name, body);
  fs.writeFileSync(file, text);
}

/** The commit measured, short, with `+` when the working tree has changes. */
export function headCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot(), encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot(), encoding: 'utf8' }).trim();
    return dirty ? `${head}+` : head;
  } catch {
    return 'unknown';
  }
}
