import fc from 'fast-check';
import { safeUrl } from '../../../src/platform/logging/redact';
import { cprLike } from '../../support/fuzz';

const hex = (b: number, lower: boolean) => `%${b.toString(16).padStart(2, '0')[lower ? 'toLowerCase' : 'toUpperCase']()}`;
const bytes = (s: string) => [...Buffer.from(s, 'utf8')];
/** One character of a URL path, written in any of the ways a client or a proxy may write it. */
const spelling = (c: string) =>
  fc.constantFrom('raw', 'escaped', 'lower', 'twice', 'fullwidth', 'fullwidth-escaped').map((how) => {
    const fullwidth = /\d/.test(c) ? String.fromCharCode(0xff10 + Number(c)) : c;
    switch (how) {
      case 'escaped':
        return bytes(c)
          .map((b) => hex(b, false))
          .join('');
      case 'lower':
        return bytes(c)
          .map((b) => hex(b, true))
          .join('');
      case 'twice':
        return bytes(c)
          .map((b) => `%25${hex(b, false).slice(1)}`)
          .join('');
      case 'fullwidth':
        return fullwidth;
      case 'fullwidth-escaped':
        return bytes(fullwidth)
          .map((b) => hex(b, false))
          .join('');
      default:
        return c;
    }
  });
/** A zero-width space or a soft hyphen a reader does not see, escaped as it would be in a URL, or nothing. */
const invisible = fc.constantFrom('', '', '', '%E2%80%8B', '%C2%AD', '%EF%BB%BF');

/** The test's own reading of a logged path: every escape decoded, compatibility forms folded, invisible characters dropped. */
function read(text: string): string {
  let out = text;
  for (let i = 0; i < 5; i++)
    out = out.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  return out.normalize('NFKC').replace(/\p{Cf}/gu, '');
}

describe('safeUrl', () => {
  it('logs a hook URL without its task token', () => {
    expect(safeUrl('/api/hooks/tasks/lft_AbC-123_xyz/complete')).toBe('/api/hooks/tasks/[task-token]/complete');
    // A token written with escapes is the same token to the server, and masked the same.
    expect(safeUrl('/api/hooks/tasks/lft%5FAbC-123_xyz/complete')).toBe('/api/hooks/tasks/[task-token]/complete');
    expect(safeUrl('/api/hooks/tasks/%6Cft_AbC-123_xyz/complete')).toBe('/api/hooks/tasks/[task-token]/complete');
  });

  it('drops query strings and masks CPR-like numbers in the path', () => {
    expect(safeUrl('/api/journeys/0101901234?x=1')).toBe('/api/journeys/[cpr]?…');
  });

  it('does mask a CPR number however its characters are encoded in the path', () => {
    const encoded = cprLike.chain((cpr) =>
      fc.tuple(
        fc.constant(cpr),
        fc.tuple(...[...cpr].map((c) => fc.tuple(spelling(c), invisible))),
        fc.constantFrom('/api/journeys/', '/journeys/', '/caseworker/journeys/x-'),
        fc.constantFrom('', '/events', '?cpr=1'),
      ),
    );
    fc.assert(
      fc.property(encoded, ([cpr, parts, prefix, suffix]) => {
        const url = `${prefix}${parts.map(([c, gap], i) => (i ? gap : '') + c).join('')}${suffix}`;
        const logged = read(safeUrl(url));
        expect(logged).not.toContain(cpr);
        expect(logged).not.toContain(cpr.replace('-', ''));
        expect(logged).toContain('[cpr]');
      }),
      { numRuns: 500 },
    );
  });

  it('does log a path without a CPR number as it came, escapes and all', () => {
    expect(safeUrl('/journeys/new/moving%20x')).toBe('/journeys/new/moving%20x');
    expect(safeUrl('/api/journeys/%E0%A4%A')).toBe('/api/journeys/%E0%A4%A');
  });
});
