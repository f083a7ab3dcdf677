/**
 * Text PostgreSQL cannot store: U+0000 (refused by `text` and by `jsonb`'s `\u0000`) and a surrogate
 * without its pair (not encodable as UTF-8; `jsonb` refuses its `\ud800` escape). Such a string
 * reaching a query fails the whole statement, so it is refused where it enters (client input) or
 * cleaned where a trusted source supplies it (identity-provider claims).
 */
// eslint-disable-next-line no-control-regex -- matching NUL is what this expression is for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export const UNSTORABLE_REASON = 'must not contain NUL characters or unpaired surrogates';

export function isStorable(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** NUL dropped, a lone surrogate replaced by U+FFFD (what a UTF-8 encoder writes for it). */
export function storableText(text: string): string {
  return isStorable(text) ? text : text.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\uFFFD'));
}

/** A field name as the error names it: a bad character spelled as its escape, so the name itself can be shown and stored. */
const spelled = (key: string) => key.replace(UNSTORABLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The dotted path of the first string or object key in `value` that cannot be stored (`root`
 * itself when that is the string), or undefined. Walked without recursion: the value is the caller's and may nest deeply.
 */
export function unstorablePath(value: unknown, root = ''): string | undefined {
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorable(v)) return path;
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    const entries = Object.entries(v);
    for (const [key] of entries) if (!isStorable(key)) return join(path, spelled(key));
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], join(path, entries[i][0])]);
  }
  return undefined;
}
