import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { CONTRACT_SCHEMAS, withRequestLimits } from './contract/openapi-contract';
import { AppConfig } from '../platform/config/app.config';

/** HTTP settings shared by the service and the e2e tests, so tests see what users see. Returns the OpenAPI document it serves. */
export function configureHttp(app: NestExpressApplication): OpenAPIObject {
  app.useBodyParser('json', { limit: '100kb' });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.disable('x-powered-by');
  // The client address (rate limits, logs) is the socket's unless reverse proxies are trusted to forward it.
  app.set('trust proxy', app.get(AppConfig).security.trustProxy);
  // Security headers everywhere but the Swagger UI (it needs inline scripts). Pages load only
  // same-origin CSS and fonts (Det Fælles Designsystem from node_modules) and one same-origin
  // script, the journey page's live update (src/api/pages/assets/journey-live.ts).
  const headers = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, scriptSrc: ["'self'"] } } });
  // Answers carry personal data: neither a browser nor a proxy keeps them, unless a route that serves
  // public files says otherwise (the design system's assets, the journey page's script). With no
  // cache there is nothing for an ETag to validate, so none is computed (a SHA-1 of every answer).
  app.set('etag', false);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const at = req.path;
    if (at.startsWith('/api/docs')) return next();
    if (!at.startsWith('/assets/')) res.setHeader('Cache-Control', 'no-store');
    headers(req, res, next);
  });
  app.useStaticAssets(path.join(path.dirname(require.resolve('dkfds')), '..'), { prefix: '/assets/dkfds/', maxAge: '1d', index: false });
  const document = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return withRequestLimits(document);
}

/** The OpenAPI document the service serves at /api/docs-json: every API route with its answers and errors. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Livsforløb')
      .setDescription('Life-event journeys across Danish public authorities: citizens, self-service systems and caseworkers')
      .setVersion('0.1.0')
      // The webhooks are not HTTP endpoints of this service: their contract is an AsyncAPI document.
      .setExternalDoc(
        'Webhooks: AsyncAPI 3 document (step.awaiting, step.completed, step.failed; payloads; signature)',
        '/api/asyncapi.json',
      )
      .addBearerAuth()
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...(CONTRACT_SCHEMAS as NonNullable<typeof document.components>['schemas']) },
  };
  return withRequestLimits(document);
}
