import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { CapturedResponse } from './app';

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };

/** OpenAPI 3.0's `nullable: true` as JSON Schema: the type may also be null. */
function jsonSchemaOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchemaOf);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = jsonSchemaOf(v);
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  return out;
}

/**
 * Checks real answers against the OpenAPI document the app serves: the status must be documented
 * for the route, and a documented JSON schema must accept the body.
 */
export class OpenApiContract {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly routes: { template: string; pattern: RegExp; literal: number }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Doc) {
    this.ajv.addSchema(jsonSchemaOf(doc) as object, 'openapi');
    this.routes = Object.keys(doc.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        literal: template.replace(/\{[^}]+\}/g, '').length,
      }))
      .sort((a, b) => b.literal - a.literal);
  }

  problems(r: CapturedResponse): string[] {
    const route = this.routes.find((x) => x.pattern.test(r.path));
    const where = `${r.method} ${r.path} ${r.status}`;
    if (!route) return [`${where}: route not in the OpenAPI document`];
    const operation = this.doc.paths[route.template][r.method.toLowerCase()];
    if (!operation) return [`${where}: method not in the OpenAPI document`];
    const response = operation.responses?.[String(r.status)];
    if (!response) return [`${where}: status not documented (${Object.keys(operation.responses ?? {}).join(', ')})`];
    if (!response.content?.['application/json']?.schema) return [];
    const key = `${route.template}|${r.method}|${r.status}`;
    if (!this.compiled.has(key)) {
      const pointer = [
        'paths',
        route.template,
        r.method.toLowerCase(),
        'responses',
        String(r.status),
        'content',
        'application/json',
        'schema',
      ]
        .map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1')))
        .join('/');
      this.compiled.set(key, this.ajv.compile({ $ref: `openapi#/${pointer}` }));
    }
    const validate = this.compiled.get(key)!;
    return validate(r.body) ? [] : [`${where}: ${this.ajv.errorsText(validate.errors)}`];
  }
}
