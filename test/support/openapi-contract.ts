import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { CapturedResponse } from './app';

type Header = { required?: boolean; schema?: { type?: string } };
type Operation = { responses?: Record<string, { headers?: Record<string, Header>; content?: Record<string, { schema?: unknown }> }> };
type Doc = { paths: Record<string, Record<string, Operation>> };

/**
 * OpenAPI 3.0 schema as JSON Schema for checking: `nullable: true` lets the value be null, and every
 * object that lists its properties is closed (unless it says `additionalProperties: true`, as free
 * JSON does), so a field the document does not describe fails the check. Callers are told to ignore
 * fields they do not know; the service must not send one the document does not name.
 */
function jsonSchemaOf(node: unknown, closed: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => jsonSchemaOf(n, closed));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'example' || k === 'examples' ? v : jsonSchemaOf(v, closed);
  if (closed && out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else return { anyOf: [out, { type: 'null' }] };
  }
  delete out.nullable;
  return out;
}

/** A header the document says an answer always carries, missing or not of its type. */
function headerProblems(
  where: string,
  documented: Record<string, Header> | undefined,
  sent: Record<string, unknown> | undefined,
): string[] {
  if (!sent) return [];
  return Object.entries(documented ?? {}).flatMap(([name, header]) => {
    const value = sent[name.toLowerCase()];
    if (value === undefined) return header.required ? [`${where}: no ${name} header`] : [];
    const integer = (typeof value === 'string' && /^\d+$/.test(value)) || Number.isInteger(value);
    return header.schema?.type === 'integer' && !integer ? [`${where}: ${name} is not an integer`] : [];
  });
}

/**
 * Checks real answers against the OpenAPI document the app serves: the status must be documented
 * for the route, the headers it documents as required must be sent, and a documented JSON schema
 * must accept the body, without fields it does not describe.
 */
export class OpenApiContract {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly routes: { template: string; pattern: RegExp; literal: number }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    private readonly doc: Doc,
    { closed = true }: { closed?: boolean } = {},
  ) {
    this.ajv.addSchema(jsonSchemaOf(doc, closed) as object, 'openapi');
    this.routes = Object.keys(doc.paths)
      .map((template) => ({
        template,
        // A parameter may be empty: Express routes `/api/journeys//events` to `{id}` = '' (answered 400 or 404).
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]*')}$`),
        literal: template.replace(/\{[^}]+\}/g, '').length,
      }))
      .sort((a, b) => b.literal - a.literal);
  }

  problems(r: CapturedResponse): string[] {
    // Express serves `/api/journeys/` as `/api/journeys`.
    const path = r.path.length > 1 ? r.path.replace(/\/$/, '') : r.path;
    // The most literal route with this method, as Express picks it: `DELETE /api/me/proxies/pending` is
    // `DELETE /api/me/proxies/{id}` with id "pending", although `POST /api/me/proxies/pending` exists.
    const matching = this.routes.filter((x) => x.pattern.test(path));
    const route = matching.find((x) => this.doc.paths[x.template][r.method.toLowerCase()]) ?? matching[0];
    const where = `${r.method} ${r.path} ${r.status}`;
    const operation = route && this.doc.paths[route.template][r.method.toLowerCase()];
    // A path or method the service does not serve answers 404 (or 405) whatever the document says.
    if (!operation && (r.status === 404 || r.status === 405)) return [];
    if (!route) return [`${where}: route not in the OpenAPI document`];
    if (!operation) return [`${where}: method not in the OpenAPI document`];
    const operationName = `${r.method} ${route.template}`;
    const response = operation.responses?.[String(r.status)];
    if (!response) return [`${where}: status not documented for ${operationName} (${Object.keys(operation.responses ?? {}).join(', ')})`];
    const headers = headerProblems(where, response.headers, r.headers);
    if (headers.length) return headers;
    if (r.body === undefined) return [];
    if (!response.content?.['application/json']?.schema) return [`${where}: ${operationName} documents no JSON body for ${r.status}`];
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
    if (validate(r.body)) return [];
    const errors = (validate.errors ?? []).map((e) => {
      const extra = (e.params as { additionalProperty?: string }).additionalProperty;
      return `body${e.instancePath} ${e.message ?? 'is invalid'}${extra ? ` (${extra})` : ''}`;
    });
    return [`${where} (${operationName}): ${[...new Set(errors)].join('; ')}`];
  }
}

/**
 * Records every answer of an app made by `createTestApp({ contract })` and, after the suite, checks
 * each against the OpenAPI document the app serves (`OpenApiContract`): a status, a field or a shape
 * the document does not describe fails the suite with the operation, the status and the schema error.
 */
export class ContractCheck {
  readonly answers: CapturedResponse[] = [];
  private document?: Doc;

  /** Called by createTestApp with the document it serves. */
  useDocument(document: unknown): void {
    this.document ??= document as Doc;
  }

  record(answer: CapturedResponse): void {
    // The development token route exists in AUTH_MODE=dev only; the Swagger UI is not a JSON API.
    if (answer.path.startsWith('/api/dev/') || answer.path.startsWith('/api/docs')) return;
    this.answers.push(answer);
  }

  problems(): string[] {
    if (!this.document) return this.answers.length ? ['no OpenAPI document: was the app made by createTestApp({ contract })?'] : [];
    const contract = new OpenApiContract(this.document);
    return [...new Set(this.answers.flatMap((a) => contract.problems(a)))];
  }
}

/** A ContractCheck whose verdict fails the suite after its last test (call inside the suite's describe). */
export function contractCheck(): ContractCheck {
  const check = new ContractCheck();
  afterAll(() => {
    const problems = check.problems();
    if (problems.length) throw new Error(`Answers the OpenAPI document does not describe:\n${problems.join('\n')}`);
  });
  return check;
}
