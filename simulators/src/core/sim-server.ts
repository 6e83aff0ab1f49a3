import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultController, type Fault } from './faults.js';
import { compilePattern, matchPattern, type CompiledPattern } from './pattern.js';

/** One request as a simulator received it. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/library/sections/1/all`. */
  path: string;
  /** Query parameters (the last value wins when a name repeats). */
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, form fields for a form, else the text (undefined when empty). */
  body: unknown;
  /** Milliseconds since the epoch. */
  receivedAt: number;
}

export interface SimRequest extends RecordedRequest {
  params: Record<string, string>;
  rawBody: string;
  /** True when the `Accept` header names this media type. */
  accepts(mediaType: string): boolean;
  header(name: string): string | undefined;
  /** For handlers that must take over the raw socket response (streams, ranges). */
  raw: { req: IncomingMessage; res: ServerResponse };
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Set when the handler wrote the response itself through `raw.res`. */
  handled?: boolean;
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** Called after each answer (not for hang/reset/truncated): contract checks hook in here. */
export type ResponseObserver = (req: RecordedRequest, res: SimResponse) => void;

export interface SimServerOptions {
  name: string;
  /** Fixed port; default 0 (an ephemeral one). The host is always 127.0.0.1. */
  port?: number;
  /** The body a fault or an unknown route answers with, in the upstream's own error style. */
  errorResponse?: (status: number, message: string) => SimResponse;
}

interface Route {
  pattern: CompiledPattern;
  handler: Handler;
}

/**
 * The shared machinery of every simulator: a `node:http` server on 127.0.0.1, a small router,
 * the request log, fault injection, and stop/resume on the same port.
 */
export class SimServer {
  readonly name: string;
  readonly faults = new FaultController();
  /** Every request received, oldest first. */
  readonly received: RecordedRequest[] = [];
  readonly server: Server;
  private readonly routes: Route[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly observers: ResponseObserver[] = [];
  private readonly errorResponse: (status: number, message: string) => SimResponse;
  private portNumber: number;
  private listening = false;

  constructor(options: SimServerOptions) {
    this.name = options.name;
    this.portNumber = options.port ?? 0;
    this.errorResponse =
      options.errorResponse ??
      ((status, message) => ({
        status,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ error: message }),
      }));
    this.server = createServer((req, res) => {
      void this.dispatch(req, res);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return `http://127.0.0.1:${this.portNumber}`;
  }

  get port(): number {
    return this.portNumber;
  }

  get isListening(): boolean {
    return this.listening;
  }

  /** Registers a route; `pattern` as in `compilePattern` (`GET /library/metadata/{ids}`). */
  route(pattern: string, handler: Handler): this {
    this.routes.push({ pattern: compilePattern(pattern), handler });
    this.routes.sort((a, b) => b.pattern.specificity - a.pattern.specificity);
    return this;
  }

  observe(observer: ResponseObserver): void {
    this.observers.push(observer);
  }

  /** Requests whose path matches a pattern (`GET /api/v2/pins/{id}`). */
  requestsTo(pattern: string): RecordedRequest[] {
    const compiled = compilePattern(pattern);
    return this.received.filter((r) => matchPattern(compiled, r.method, r.path));
  }

  clearReceived(): void {
    this.received.length = 0;
  }

  async listen(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(this.portNumber, '127.0.0.1', () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.portNumber = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  /** Stops accepting and cuts every open connection: clients get "connection refused" until `resumeListening`. */
  async stopListening(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await closed;
  }

  /** Listens again on the same port. */
  async resumeListening(): Promise<void> {
    await this.listen();
  }

  async close(): Promise<void> {
    await this.stopListening();
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] = value;
    const method = (req.method ?? 'GET').toUpperCase();
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query,
      headers,
      body: parseBody(rawBody, headers['content-type']),
      receivedAt: Date.now(),
    };
    this.received.push(recorded);

    const fault = this.faults.pick(method, url.pathname);
    if (fault?.kind === 'hang') return; // the socket stays open until the client or close() ends it
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'latency') await delay(fault.ms);
    if (fault?.kind === 'status') {
      this.send(res, recorded, this.errorResponse(fault.status, fault.message ?? `Injected fault: ${fault.status}`));
      return;
    }
    if (fault?.kind === 'rateLimit') {
      const response = this.errorResponse(429, 'Too Many Requests');
      response.headers = { ...response.headers, 'Retry-After': String(fault.retryAfterSeconds) };
      this.send(res, recorded, response);
      return;
    }

    let response: SimResponse;
    try {
      response = await this.handle({ ...recorded, params: {}, rawBody, raw: { req, res }, ...helpers(headers) });
    } catch (error) {
      response = this.errorResponse(500, `Simulator ${this.name} failed: ${(error as Error).message}`);
    }
    if (response.handled) return;
    this.sendWithFault(res, recorded, response, fault);
  }

  private async handle(request: SimRequest): Promise<SimResponse> {
    for (const route of this.routes) {
      const params = matchPattern(route.pattern, request.method, request.path);
      if (params) return route.handler({ ...request, params });
    }
    return this.errorResponse(404, `No route for ${request.method} ${request.path}`);
  }

  private sendWithFault(res: ServerResponse, recorded: RecordedRequest, response: SimResponse, fault?: Fault): void {
    if (fault?.kind === 'malformed') {
      const text = response.body === undefined ? '' : response.body.toString();
      const broken = text.length > 2 ? text.slice(0, Math.ceil(text.length / 2)) + '<<garbage' : '{"broken":';
      this.send(res, recorded, { ...response, status: 200, body: broken });
      return;
    }
    if (fault?.kind === 'schema') {
      this.send(res, recorded, { ...response, body: breakSchema(response.body, fault.path, fault.value, 'value' in fault) });
      return;
    }
    if (fault?.kind === 'truncated') {
      const body = Buffer.from(response.body ?? '');
      res.writeHead(response.status, { ...response.headers, 'Content-Length': String(Math.max(body.length, 2)) });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setImmediate(() => res.socket?.destroy());
      return;
    }
    this.send(res, recorded, response);
  }

  private send(res: ServerResponse, recorded: RecordedRequest, response: SimResponse): void {
    const body = response.body ?? '';
    const headers: Record<string, string | number> = { ...response.headers };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    res.writeHead(response.status, headers);
    res.end(recorded.method === 'HEAD' ? undefined : body);
    for (const observer of this.observers) observer(recorded, response);
  }
}

function helpers(headers: Record<string, string>): Pick<SimRequest, 'accepts' | 'header'> {
  return {
    accepts: (mediaType) => (headers.accept ?? '').toLowerCase().includes(mediaType.toLowerCase()),
    header: (name) => headers[name.toLowerCase()],
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string | number> = {}): SimResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

export function html(status: number, body: string, headers: Record<string, string | number> = {}): SimResponse {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body };
}

export function text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): SimResponse {
  return { status, headers: { 'Content-Type': contentType }, body };
}

/** The JSON body with the value at a dotted path replaced (or removed): well-formed, but off-schema. */
function breakSchema(body: SimResponse['body'], dottedPath: string, value: unknown, replace: boolean): string {
  const text = body === undefined ? '' : body.toString();
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return text;
  }
  const keys = dottedPath.split('.');
  let node = document as Record<string, unknown> | undefined;
  for (const key of keys.slice(0, -1)) {
    const next = node?.[key];
    if (typeof next !== 'object' || next === null) return JSON.stringify(document);
    node = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (node) {
    if (replace) node[last] = value;
    else delete node[last];
  }
  return JSON.stringify(document);
}
