import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

/** Paths the SPA must never swallow: the API and the operational endpoints. */
const SERVER_PATHS = /^\/(api|healthz|readyz|metrics|socket\.io|\.well-known)(\/|$)/;

/**
 * Serves the built web app: hashed assets cached for a year, `index.html` for every client route
 * (SPA fallback) and never cached, so a new build is picked up at the next load.
 */
export function webApp(webDir: string): Router {
  const router = express.Router();
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index)) {
    router.get(/^(?!\/(api|healthz|readyz|metrics)).*/, (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send(`The web app is not built (no ${index}). Run "npm run build", then reload.`);
    });
    return router;
  }
  router.use(
    '/assets',
    express.static(path.join(webDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  router.use(express.static(webDir, { index: false, maxAge: '1h' }));
  router.get(/.*/, (req: Request, res: Response, next: NextFunction) => {
    if (SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
