export * from './endpoint.js';
export * from './errors.js';
export * from './permissions.js';
export * from './system.js';
export * from './users.js';
export * from './auth.js';
export { buildOpenApiDocument, type OpenApiInfo } from './openapi.js';
export * from './status.js';
export * from './services.js';
