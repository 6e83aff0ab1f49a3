export { LibraryService, type LibraryPlexServer, type LibraryServiceDeps } from './library.service.js';
export { registerLibraryRoutes } from './library.routes.js';
