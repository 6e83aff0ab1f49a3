import { createRequire } from 'node:module';
import path from 'node:path';
import { buildOpenApiDocument, getHealth, getReadiness, getSystemStatus } from '@medianest/contracts';
import express from 'express';
import { reply, type ApiRouter } from '../../platform/http/router.js';
import type { ReadinessRegistry } from '../../platform/readiness.js';

export interface SystemRoutesDeps {
  readiness: ReadinessRegistry;
  version: string;
  /** Every router whose endpoints belong in the OpenAPI document. */
  routers: () => ApiRouter[];
}

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MediaNest API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const docsInit = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

export function registerSystemRoutes(router: ApiRouter, deps: SystemRoutesDeps): void {
  const startedAt = Date.now();
  router.handle(getHealth, () => ({ status: 'ok' as const, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }));
  router.handle(getReadiness, async () => {
    const report = await deps.readiness.report();
    return reply(report.status === 'ready' ? 200 : 503, report);
  });
  router.handle(getSystemStatus, () => deps.readiness.report());

  let document: unknown;
  router.router.get('/api/v1/openapi.json', (req, res) => {
    req.routeTemplate = '/api/v1/openapi.json';
    document ??= buildOpenApiDocument(
      deps.routers().flatMap((r) => r.endpoints),
      { title: 'MediaNest API', version: deps.version, description: 'Generated from the zod schemas in @medianest/contracts.' },
    );
    res.json(document);
  });

  const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  router.router.use('/api/docs/assets', express.static(swaggerDir, { maxAge: '7d', index: false }));
  router.router.get('/api/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(docsInit);
  });
  router.router.get('/api/docs', (req, res) => {
    req.routeTemplate = '/api/docs';
    res.type('html').send(docsPage);
  });
}
