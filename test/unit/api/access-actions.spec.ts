/**
 * "Hvem har set mine data" says what each reader did in words. Every action the service writes to
 * the access log (read from the source: the last string argument of the calls that log an access)
 * has its own words in Danish and English, not the catch-all "Anden handling".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { movingV1 } from '../../../journeys/moving';
import { ACCESS_ACTIONS, accessAction } from '../../../src/api/pages/plain-words';

const SRC = resolve(__dirname, '../../../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * `asCaseworker(viewer, id, 'case-handling', 'view')`, `recordProxy(…, 'overview')`, `record(caller, {…}, 'correction:read')`,
 * `actAsCaseworker(viewer, id, 'case-handling', 'note', (sql) => …)`.
 */
const LOGGING_CALL = /\b(?:asCaseworker|actAsCaseworker|asProxy|recordProxy|reach|accessLog\.record)\(((?:[^()]|\([^()]*\))*)\)/g;
/** The last string argument, before the write a call may end with. */
const LAST_STRING = /,\s*'([a-z:-]+)'\s*(?:,\s*\(\w*\)\s*=>[^']*)?,?\s*$/;
/** Actions written from a template: the values the template takes. */
const TEMPLATED = ['correction:corrected', 'correction:rejected'];

function loggedActions(): string[] {
  const found = new Set<string>(TEMPLATED);
  for (const file of files(SRC))
    for (const call of readFileSync(file, 'utf8').matchAll(LOGGING_CALL)) {
      const action = LAST_STRING.exec(call[1])?.[1];
      if (action) found.add(action);
    }
  return [...found].sort();
}

describe('access-log actions in words', () => {
  it('does find the actions the service logs (the source scan works)', () => {
    expect(loggedActions()).toEqual(expect.arrayContaining(['view', 'note', 'retry', 'list', 'stream', 'overview', 'correction:request']));
  });

  it.each(loggedActions())('does give "%s" its own words in Danish and English', (action) => {
    expect(ACCESS_ACTIONS).toContain(action);
    const da = accessAction('da', action, movingV1);
    const en = accessAction('en', action, movingV1);
    expect(da).not.toBe('Anden handling');
    expect(en).not.toBe('Other action');
    expect(da).not.toBe(en);
    expect([da, en]).not.toContain(action);
  });

  it('does name an event by its title, and an event outside the journey in general words', () => {
    expect(accessAction('da', 'event:move.reported', movingV1)).toMatch(/^Handlede: [A-ZÆØÅ]/);
    expect(accessAction('en', 'event:move.reported', movingV1)).toMatch(/^Acted: [A-Z]/);
    expect(accessAction('da', 'event:unknown.thing', movingV1)).toBe('Registrerede en handling');
  });
});
