export { LibraryService, posterPath, type LibraryPlexServer, type LibraryServiceDeps } from './library.service.js';
export { registerLibraryRoutes } from './library.routes.js';
