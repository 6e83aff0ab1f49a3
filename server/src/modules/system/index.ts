export { registerSystemRoutes, type SystemRoutesDeps } from './system.routes.js';
