import { timingSafeEqual } from 'node:crypto';
import cors from 'cors';
import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { apiNotFound, errorHandler } from './error-handler.js';
import { AppError } from './errors.js';
import { observeRequests } from './observe.js';
import { requestId } from './request-context.js';
import type { ApiRouter } from './router.js';
import { webApp } from './web-static.js';

export interface HttpAppOptions {
  logger: Logger;
  metrics: Metrics;
  routers: ApiRouter[];
  bodyLimit: string;
  trustedProxies: string[];
  /** Origins allowed to call the API from a browser on another origin (same-origin needs none). */
  corsOrigins: () => string[];
  metricsToken: string | undefined;
  webDir: string | undefined;
}

function bearerMatches(req: Request, token: string): boolean {
  const header = req.header('authorization') ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Assembles the Express app: platform middleware first, then the API, the web app, the error handler. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustedProxies.length > 0 ? options.trustedProxies : false);
  app.set('query parser', 'simple');

  app.use(requestId());
  app.use(observeRequests(options.logger, options.metrics));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'upgrade-insecure-requests': null,
        },
      },
      // Served over plain http on a LAN as often as behind TLS: HSTS belongs to the proxy that terminates TLS.
      strictTransportSecurity: false,
    }),
  );
  app.use(
    '/api',
    cors({
      credentials: true,
      origin: (origin, callback) => callback(null, origin !== undefined && options.corsOrigins().includes(origin)),
    }),
  );

  app.get('/metrics', async (req, res, next) => {
    try {
      if (options.metricsToken && !bearerMatches(req, options.metricsToken)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        throw new AppError('UNAUTHENTICATED', 'The metrics endpoint needs the bearer token set in MEDIANEST_METRICS_TOKEN.');
      }
      req.routeTemplate = '/metrics';
      res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
    } catch (error) {
      next(error);
    }
  });

  app.use('/api', express.json({ limit: options.bodyLimit }));
  for (const router of options.routers) app.use(router.router);
  app.use('/api', apiNotFound());
  if (options.webDir) app.use(webApp(options.webDir));
  app.use(errorHandler(options.logger));
  return app;
}
