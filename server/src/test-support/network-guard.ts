import net from 'node:net';

/**
 * Tests never reach the internet: every upstream is a simulator on loopback. A connection to any
 * other host fails at once with a message naming it, instead of hanging until a timeout.
 * Names under `.invalid` (RFC 2606: never resolvable) pass through, for DNS-failure tests.
 */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1', '0.0.0.0']);

function targetOf(args: unknown[]): { host?: string; port?: unknown; path?: string } {
  const [first, second] = args;
  if (Array.isArray(first)) return targetOf(first);
  if (typeof first === 'object' && first !== null) return first as { host?: string; port?: unknown; path?: string };
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { port: first, host: typeof second === 'string' ? second : 'localhost' };
}

const original = net.Socket.prototype.connect;
const guarded = function (this: net.Socket, ...args: unknown[]) {
  const target = targetOf(args);
  const host = target.host ?? 'localhost';
  if (!target.path && !LOOPBACK.has(host) && !host.endsWith('.invalid') && !host.startsWith('127.')) {
    const error = Object.assign(
      new Error(`Outbound network is disabled in tests: something tried to reach ${host}:${String(target.port)}`),
      { code: 'ETESTNETWORK' },
    );
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
};
net.Socket.prototype.connect = guarded as typeof net.Socket.prototype.connect;
