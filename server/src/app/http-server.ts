import { createServer, type Server } from 'node:http';
import type { Express } from 'express';

export function startHttpServer(app: Express, port: number, host: string): Promise<Server> {
  const server = createServer(app);
  // Slow clients must not hold sockets forever; keep-alive stays above common proxy timeouts.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * Stops accepting connections, lets in-flight requests finish, and after `timeoutMs` cuts
 * whatever is still open.
 */
export function stopHttpServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    // A keep-alive connection becomes idle once its in-flight response is sent: close it then.
    const sweeper = setInterval(() => server.closeIdleConnections(), 25);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweeper);
      resolve();
    });
    server.closeIdleConnections();
  });
}
