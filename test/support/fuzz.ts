import fc from 'fast-check';

/** Input that has broken services before: encodings, control and bidi characters, injections, CPR numbers. */
const NASTY = [
  '',
  ' ',
  '..',
  '%',
  '%00',
  '%E0%A4%A',
  '\u0000',
  '\u001b[31m',
  '🙂',
  '\uD800',
  '\uDFFF',
  'ǅ',
  '\u202Eevil',
  'ﬀ',
  'İ',
  'ß',
  '\uFEFF',
  '1503871234',
  '150387-1234',
  '3112999999',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  'moving',
  'integration.completed',
  'timer.fired',
];

/** CPR-like numbers the answers must never echo in an error. */
export const cprLike = fc
  .tuple(
    fc.integer({ min: 1, max: 28 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 9999 }),
    fc.boolean(),
  )
  .map(
    ([d, m, y, s, dash]) =>
      `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y).padStart(2, '0')}` +
      `${dash ? '-' : ''}${String(s).padStart(4, '0')}`,
  );

export const junkString = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: cprLike },
  { weight: 1, arbitrary: fc.string({ minLength: 2000, maxLength: 20_000, unit: 'grapheme-ascii' }) },
);

const scalar = fc.oneof(junkString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String));
/** Any JSON value, CPR numbers and huge or deep ones included. */
export const junkJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue() },
  { weight: 3, arbitrary: scalar },
  { weight: 2, arbitrary: fc.dictionary(junkString, scalar, { maxKeys: 8 }) },
  { weight: 1, arbitrary: fc.array(scalar, { minLength: 1000, maxLength: 5000 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 50, max: 3000 }).map((depth) => {
      let v: unknown = 'x';
      for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
      return v;
    }),
  },
);

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; example?: unknown; $ref?: string };

/** A value for a schema: mostly of the right shape, often of the wrong type, sometimes with unknown fields. */
export function fromSchema(schema: Schema | undefined, resolve: (ref: string) => Schema): fc.Arbitrary<unknown> {
  if (!schema) return junkJson;
  if (schema.$ref) return fromSchema(resolve(schema.$ref), resolve);
  const typed: fc.Arbitrary<unknown> = (() => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'object': {
        const props = Object.entries(schema.properties ?? {});
        if (!props.length) return fc.dictionary(junkString, junkJson, { maxKeys: 6 });
        const shaped = fc.record(Object.fromEntries(props.map(([k, s]) => [k, fromSchema(s, resolve)])), { requiredKeys: [] });
        return fc
          .tuple(shaped, fc.dictionary(junkString, junkJson, { maxKeys: 3 }), fc.boolean())
          .map(([o, extra, add]) => (add ? { ...o, ...extra } : o));
      }
      case 'array':
        return fc.array(fromSchema(schema.items, resolve), { maxLength: 20 });
      case 'integer':
      case 'number':
        return fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 53, 1e308));
      case 'boolean':
        return fc.boolean();
      default:
        return junkString;
    }
  })();
  const example = schema.example !== undefined ? [fc.constant(schema.example)] : [];
  return fc.oneof(
    { weight: 5, arbitrary: typed },
    { weight: 2, arbitrary: junkJson },
    ...example.map((a) => ({ weight: 2, arbitrary: a })),
  );
}

/** Every byte percent-encoded: any string, lone surrogates included, becomes a valid path segment. */
export const pathSegment = (s: string) =>
  s === '' ? '' : [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** Bodies that are not the JSON they claim to be, or not JSON at all. */
export const rawBody = fc.tuple(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-16',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
  ),
  fc.oneof(
    fc.string(),
    fc.constantFrom(
      '{',
      '{"type":',
      '[1,2',
      '{"a":1}garbage',
      'null',
      '"\\ud800"',
      '{"__proto__":{"admin":true}}',
      '\uFEFF{}',
      'a=1&a=2&b[c]=d',
    ),
    cprLike.map((c) => `{"proxyCpr":"${c}",`),
  ),
);
