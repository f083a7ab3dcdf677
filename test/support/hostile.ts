import fc from 'fast-check';
import type request from 'supertest';
import type { accessWorld, Fixture } from './access-world';

/** Characters PostgreSQL cannot store: U+0000 and surrogates without their pair. */
export const UNSTORABLE_CHARS = ['\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D'] as const;

/** A string holding at least one of them, anywhere (the neighbours are ASCII, so no surrogate finds its pair). */
export const unstorable = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.array(fc.constantFrom(...UNSTORABLE_CHARS), { minLength: 1, maxLength: 3 }),
    fc.string({ maxLength: 8 }),
  )
  .map(([before, bad, after]) => `${before}${bad.join('x')}${after}`);

/** The test's own spelling of a field name that holds such a character, as an error names it. */
export const spelledKey = (key: string) =>
  // eslint-disable-next-line no-control-regex -- NUL is one of the characters to spell out
  key.replace(/[\u0000\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const SAFE = fc.constantFrom(...'ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ_-.!*'.split(''));
/**
 * A cookie whose value is not valid percent-encoding, or decodes to NUL: what a sibling domain may
 * plant. Neither side of the broken escape can repair it (no hex digit or `%` next to it).
 */
export const badCookie = fc
  .tuple(
    fc.constantFrom('lf_lang', 'lf_session', 'lf_csrf', 'other'),
    fc.string({ unit: SAFE, maxLength: 6 }),
    fc.constantFrom('%', '%E0%A4%A', '%G0', '%ZZ', '%ED%A0%80', '%C3', '%FF', '%00', '%E0%80%80', '%u0041'),
    fc.string({ unit: SAFE, maxLength: 6 }),
  )
  .map(([name, before, broken, after]) => `${name}=${before}${broken}${after}`);

const encodeForm = (form: Record<string, string>) =>
  Object.entries(form)
    .map(
      ([k, v]) =>
        `${encodeURIComponent(k)}=${Buffer.from(v, 'utf8')
          .toString('binary')
          .replace(/[^A-Za-z0-9_.~-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`,
    )
    .join('&');

/**
 * Posts a form as a browser does (urlencoded: a lone surrogate arrives as U+FFFD, NUL as itself) or
 * as JSON (where both arrive as they were).
 */
export function formBody(req: request.Test, form: Record<string, string>, json: boolean): request.Test {
  return json
    ? req.set('Content-Type', 'application/json').send(JSON.stringify(form))
    : req.set('Content-Type', 'application/x-www-form-urlencoded').send(encodeForm(form));
}

/** The parts of an OpenAPI document's schemas and operations the hostile-input suites read. */
export interface OpenApiSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  enum?: unknown[];
  example?: unknown;
  $ref?: string;
  allOf?: OpenApiSchema[];
}
export interface OpenApiOperation {
  parameters?: { name: string; in: string; schema?: OpenApiSchema }[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema } | undefined> };
}
type Schema = OpenApiSchema;
export type Operation = { method: string; path: string; params: { name: string; in: string }[]; body?: Schema };

/** A field a client writes, and how to send a value in it (the other fields left out: the value must be refused first). */
export interface WritableField {
  op: Operation;
  in: 'path' | 'query' | 'body';
  /** The field as the answer must name it, for the value sent. */
  name: (value: string) => string;
  request: (value: string) => { method: string; url: string; body?: unknown };
}

/** Every path parameter, query parameter and body field of the OpenAPI document, nested ones and free-form objects' keys included. */
export function writableFields(
  doc: { paths: Record<string, Record<string, OpenApiOperation>>; components: { schemas: Record<string, Schema> } },
  known: Record<string, string>,
): WritableField[] {
  const resolve = (s: Schema | undefined): Schema | undefined =>
    s?.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]) : s?.allOf?.length === 1 ? resolve(s.allOf[0]) : s;
  const ops: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method,
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
  const out: WritableField[] = [];
  for (const op of ops) {
    const url = (override?: [string, string], query = '') => {
      let p = op.path;
      for (const param of op.params.filter((x) => x.in === 'path')) {
        p = p.replace(
          `{${param.name}}`,
          encodeURIComponent(override?.[0] === param.name ? override[1] : (known[param.name] ?? '00000000-0000-4000-8000-000000000000')),
        );
      }
      return `${p}${query}`;
    };
    const hasBody = op.method !== 'get' && op.method !== 'delete';
    for (const param of op.params) {
      if (param.in === 'path')
        out.push({
          op,
          in: 'path',
          name: () => param.name,
          request: (v) => ({ method: op.method, url: url([param.name, v]), ...(hasBody ? { body: {} } : {}) }),
        });
      if (param.in === 'query')
        out.push({
          op,
          in: 'query',
          name: () => param.name,
          request: (v) => ({ method: op.method, url: url(undefined, `?${param.name}=${encodeURIComponent(v)}`) }),
        });
    }
    const paths: string[][] = [];
    const walk = (schema: Schema | undefined, at: string[], depth: number) => {
      const s = resolve(schema);
      if (!s || depth > 4) return;
      if (s.type === 'array') return walk(s.items, [...at, '0'], depth + 1);
      if (s.type === 'object' || s.properties) {
        const props = Object.entries(s.properties ?? {});
        if (!props.length && at.length) paths.push([...at, 'note'], [...at, 'nested', 'deep'], [...at, '\u0000key']);
        for (const [k, v] of props) walk(v, [...at, k], depth + 1);
        return;
      }
      if (at.length) paths.push(at);
    };
    walk(op.body, [], 0);
    for (const at of paths) {
      const keyed = at[at.length - 1] === '\u0000key';
      out.push({
        op,
        in: 'body',
        // A free-form object's key holds the bad character (its value is plain), or a value does.
        name: (v) => (keyed ? [...at.slice(0, -1), spelledKey(v)] : at).join('.'),
        request: (v) => ({ method: op.method, url: url(), body: nest(keyed ? [...at.slice(0, -1), v] : at, keyed ? 'plain' : v) }),
      });
    }
  }
  return out;
}

/** `['persons', '0', 'cpr']` and a value → `{ persons: [{ cpr: value }] }`. */
function nest(at: string[], value: unknown): unknown {
  if (!at.length) return value;
  const [head, ...rest] = at;
  return /^\d+$/.test(head) ? [nest(rest, value)] : { [head]: nest(rest, value) };
}

/** The bearer token each API route is for, so a value gets past the guard to the validation. */
export async function routeTokens(
  world: Awaited<ReturnType<typeof accessWorld>>,
  fx: Fixture,
): Promise<(path: string) => string | undefined> {
  const [caseworker, cprSystem, municipality, proxy] = await Promise.all([
    world.tokenOf('caseworkerIn', fx, 'municipality'),
    world.tokenOf('systemIn', fx, 'cpr'),
    world.tokenOf('systemIn', fx, 'municipality'),
    world.tokenOf('proxyAct', fx, 'municipality'),
  ]);
  return (path) => {
    if (path.startsWith('/api/caseworker')) return caseworker;
    if (path.startsWith('/api/register-events')) return cprSystem;
    if (/^\/api\/(hooks|self-service)/.test(path)) return municipality;
    if (path.startsWith('/api/me/represented')) return proxy;
    if (/^\/api\/(dev|oauth)\//.test(path)) return undefined;
    return fx.citizenA;
  };
}
