/** Building blocks of the contract's schemas (OpenAPI 3.0 schema objects; the package does not export their type). */
export type SchemaObject = Record<string, unknown>;

export const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });

/** A component that may also be null. */
export const nullableRef = (name: string, description?: string): SchemaObject => ({
  allOf: [ref(name)],
  nullable: true,
  ...(description ? { description } : {}),
});

/** Free JSON: event data, JSON Schemas, examples. Its fields are whatever the journey defines. */
export const anyObject: SchemaObject = { type: 'object', additionalProperties: true };

export const uuid: SchemaObject = { type: 'string', format: 'uuid' };
export const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
export const date: SchemaObject = { type: 'string', format: 'date' };
export const nullable = (schema: SchemaObject, description?: string): SchemaObject => ({
  ...schema,
  nullable: true,
  ...(description ? { description } : {}),
});
export const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items });

/** An object whose listed properties are all required unless named in `optional`. */
export function object(properties: Record<string, SchemaObject>, optional: string[] = [], extra: SchemaObject = {}): SchemaObject {
  return { type: 'object', required: Object.keys(properties).filter((k) => !optional.includes(k)), properties, ...extra };
}

export const stepStatus: SchemaObject = { type: 'string', enum: ['pending', 'active', 'done', 'skipped', 'failed', 'late'] };
