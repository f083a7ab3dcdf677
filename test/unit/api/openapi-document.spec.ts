import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { allDefinitions } from '../../../journeys';
import { ROLES_KEY } from '../../../src/api/auth/auth.guard';
import { CONTRACT_SCHEMAS } from '../../../src/api/contract/openapi-contract';
import { openApiDocument } from '../../../src/api/configure-http';
import { AppModule } from '../../../src/app.module';
import { ERROR_STATUS } from '../../../src/platform/errors/domain-error';
import { testConfig } from '../../support/app';
import { AcceptingGateway } from '../../support/self-service';

type Response = {
  description?: string;
  headers?: Record<string, { required?: boolean; schema?: { type?: string; minimum?: number } }>;
  content?: Record<string, { schema?: { $ref?: string }; example?: unknown; examples?: object }>;
};
type Operation = { responses: Record<string, Response> };

interface Route {
  method: string;
  path: string;
  signedIn: boolean;
}

/** Every route the app's controllers serve under /api and /health, with whether it needs sign-in (`@Roles`). */
function servedRoutes(app: NestExpressApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler));
        const path = `/${[base, sub].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
        if (!/^\/(api|health)\//.test(path)) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        routes.push({ method, path, signedIn: !!(Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller)) });
      }
    }
  }
  return routes;
}

/**
 * The OpenAPI document as the service builds it (the app in preview mode: its controllers, no
 * database), checked for what an integrator needs: every served route, each success answer with its
 * schema, and each error an endpoint can give with the error body schema and its codes.
 */
describe('the OpenAPI document', () => {
  let app: NestExpressApplication;
  let doc: OpenAPIObject;
  let routes: Route[];
  // The API's operations; /health/* are the orchestrator's probes, documented by @nestjs/terminus.
  const operations = () =>
    Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) =>
        Object.entries(ops as Record<string, Operation>).map(([method, op]) => ({
          where: `${method.toUpperCase()} ${path}`,
          path,
          method,
          op,
        })),
      );

  beforeAll(async () => {
    const config = testConfig({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', backend: 'postgres', namespace: 'openapi_document' });
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot(config, { definitions: allDefinitions(), gateway: new AcceptingGateway() }),
      { preview: true, logger: false, abortOnError: false },
    );
    doc = openApiDocument(app);
    routes = servedRoutes(app);
  });
  afterAll(() => app?.close());

  it('lists every route the service serves, and none it does not', () => {
    expect(routes.length).toBeGreaterThan(40);
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)));
    const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
  });

  it('gives every operation its success answer with a schema', () => {
    const problems = operations().flatMap(({ where, op }) => {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) return [`${where}: no success status`];
      return success.flatMap(([status, response]) => {
        if (status === '204') return response.content ? [`${where} 204: a body on No Content`] : [];
        const media = Object.values(response.content ?? {});
        return media.length && media.every((m) => m.schema) ? [] : [`${where} ${status}: no schema`];
      });
    });
    expect(problems).toEqual([]);
  });

  it('gives 400 to every operation, 401 and 403 where sign-in is needed, and 404 where the path names something', () => {
    const problems = operations().flatMap(({ where, path, method, op }) => {
      const route = routes.find((r) => r.path === path && r.method === method);
      const needed = ['400', ...(route?.signedIn ? ['401', '403'] : []), ...(path.includes('{') ? ['404'] : [])];
      return needed.filter((status) => !op.responses[status]).map((status) => `${where}: no ${status}`);
    });
    expect(problems).toEqual([]);
  });

  it('describes every error answer with the error body, its codes and an example of each code', () => {
    const known = new Set<string>([...Object.keys(ERROR_STATUS), 'UNSUPPORTED_MEDIA_TYPE']);
    const problems = operations().flatMap(({ where, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400)
        .flatMap(([status, response]) => {
          const json = response.content?.['application/json'];
          if (json?.schema?.$ref !== '#/components/schemas/Error') return [`${where} ${status}: not the Error schema`];
          const codes = (response.description ?? '').split(', ');
          const wrong = codes.filter(
            (code) => !known.has(code) || (code in ERROR_STATUS && ERROR_STATUS[code as keyof typeof ERROR_STATUS] !== Number(status)),
          );
          if (wrong.length) return [`${where} ${status}: codes ${wrong.join(', ')} do not answer ${status}`];
          return json.example || json.examples ? [] : [`${where} ${status}: no example`];
        }),
    );
    expect(problems).toEqual([]);
  });

  it('says in every 429 when to come back: a Retry-After header in whole seconds', () => {
    const limited = operations().filter(({ op }) => op.responses['429']);
    expect(limited.length).toBeGreaterThan(20);
    const problems = limited.flatMap(({ where, op }) => {
      const header = op.responses['429'].headers?.['Retry-After'];
      return header?.required && header.schema?.type === 'integer' && header.schema.minimum === 1 ? [] : [`${where} 429: no Retry-After`];
    });
    expect(problems).toEqual([]);
  });

  it('has examples its own schemas accept, and every schema it refers to', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect([...new Set(refs)].filter((name) => !doc.components?.schemas?.[name])).toEqual([]);
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    ajv.addSchema(doc, 'openapi');
    const problems: string[] = [];
    const check = (where: string, schema: string, value: unknown) => {
      const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
      if (!validate(value)) problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    };
    for (const [name, schema] of Object.entries(CONTRACT_SCHEMAS)) if (schema.example) check(`${name} example`, name, schema.example);
    for (const { where, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        const json = response.content?.['application/json'];
        if (Number(status) < 400 || !json) continue;
        const examples = json.examples
          ? Object.values(json.examples as Record<string, { value: unknown }>).map((e) => e.value)
          : [json.example];
        for (const example of examples) check(`${where} ${status} example`, 'Error', example);
      }
    }
    expect(problems).toEqual([]);
  });
});
