import { z } from 'zod';
import { createDocument, type oas31, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { ErrorEnvelope, errorStatus } from './errors.js';
import { fullPath, type Endpoint } from './endpoint.js';

const reasons: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  400: 'Bad input',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  429: 'Too many requests',
  503: 'Unavailable',
};

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function operationFor(endpoint: Endpoint): ZodOpenApiOperationObject {
  type StatusKey = `${1 | 2 | 3 | 4 | 5}${string}`;
  const responses: ZodOpenApiOperationObject['responses'] = {};
  for (const [status, schema] of Object.entries(endpoint.responses)) {
    responses[status as StatusKey] = schema
      ? {
          description: reasons[Number(status)] ?? 'Response',
          content: { [Number(status) < 300 && endpoint.produces ? endpoint.produces : 'application/json']: { schema } },
        }
      : { description: reasons[Number(status)] ?? 'Response' };
  }
  const errorStatuses = new Set<number>([400, 500]);
  if (endpoint.params) errorStatuses.add(404);
  if (endpoint.access.kind !== 'public') {
    errorStatuses.add(401);
    errorStatuses.add(403);
  }
  for (const status of errorStatuses) {
    const key = String(status) as StatusKey;
    if (responses[key]) continue;
    const codes = Object.entries(errorStatus)
      .filter(([, s]) => s === status)
      .map(([code]) => code);
    responses[key] = {
      description: `${reasons[status] ?? 'Error'} (${codes.join(', ')})`,
      content: { 'application/json': { schema: ErrorEnvelope } },
    };
  }
  const operation: ZodOpenApiOperationObject = {
    summary: endpoint.summary,
    tags: [...endpoint.tags],
    responses,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    ...(endpoint.access.kind === 'public' ? { security: [] } : {}),
  };
  if (endpoint.params || endpoint.query) {
    operation.requestParams = {
      ...(endpoint.params ? { path: endpoint.params } : {}),
      ...(endpoint.query ? { query: endpoint.query } : {}),
    };
  }
  if (endpoint.body) {
    operation.requestBody = { content: { 'application/json': { schema: endpoint.body } } };
  }
  return operation;
}

export type OpenApiInfo = { title: string; version: string; description?: string };

/** Builds the OpenAPI 3.1 document from endpoint definitions; nothing is written by hand. */
export function buildOpenApiDocument(endpoints: readonly Endpoint[], info: OpenApiInfo): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const endpoint of endpoints) {
    const path = openApiPath(fullPath(endpoint));
    const item = (paths[path] ??= {});
    if (item[endpoint.method]) {
      throw new Error(`Two endpoints define ${endpoint.method.toUpperCase()} ${path}`);
    }
    item[endpoint.method] = operationFor(endpoint);
  }
  return createDocument({
    openapi: '3.1.0',
    info: { ...info },
    paths,
    components: {
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'mn_access' },
        bearer: { type: 'http', scheme: 'bearer', description: 'An access token or a personal API key' },
      },
    },
    security: [{ cookie: [] }, { bearer: [] }],
  });
}

export { z };
