import {
  hasPermission,
  type Endpoint,
  type FieldIssue,
  type ResponseOf,
} from '@medianest/contracts';
import express, { type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import type { Logger } from '../observability/logger.js';
import { AppError, rateLimited } from './errors.js';
import type { Principal, RequestAuthenticator } from './principal.js';
import type { RateLimiter, RateLimitPolicy } from './rate-limit.js';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerContext<E extends Endpoint> {
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
  principal: E['access'] extends { kind: 'public' } ? Principal | null : Principal;
  requestId: string;
  /** The client address: the socket's, or the one a trusted proxy reported. */
  ip: string;
  userAgent: string;
  req: Request;
  res: Response;
}

/** A response with an explicit status, for endpoints that answer with more than one. */
export class Reply<S extends number = number, B = unknown> {
  constructor(
    readonly status: S,
    readonly body: B,
  ) {}
}

type ReplyFor<E extends Endpoint> = {
  [S in keyof E['responses'] & number]: Reply<S, E['responses'][S] extends z.ZodType ? z.input<E['responses'][S]> : undefined>;
}[keyof E['responses'] & number];

export type HandlerResult<E extends Endpoint> = ResponseOf<E> | z.input<NonNullable<E['responses'][200]>> | ReplyFor<E>;

export type Handler<E extends Endpoint> = (ctx: HandlerContext<E>) => Promise<HandlerResult<E>> | HandlerResult<E>;

export type RateLimitKey = 'ip' | 'user' | ((ctx: { ip: string; principal: Principal | null; body: unknown }) => string);

export interface RouteOptions {
  rateLimit?: RateLimitPolicy & { by: RateLimitKey };
}

export interface ApiRouterDeps {
  authenticator: RequestAuthenticator;
  rateLimiter: RateLimiter;
  logger: Logger;
}

function issuesOf(where: string, error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

function validationError(issues: FieldIssue[]): AppError {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return new AppError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}${more}` : 'The request is invalid.', issues);
}

function successStatus(endpoint: Endpoint): number {
  const statuses = Object.keys(endpoint.responses)
    .map(Number)
    .filter((status) => status >= 200 && status < 300)
    .sort((a, b) => a - b);
  return statuses[0] ?? 200;
}

function accessError(endpoint: Endpoint, principal: Principal | null): AppError | undefined {
  const access = endpoint.access;
  if (access.kind === 'public') return undefined;
  if (!principal) return new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  if (access.kind === 'admin' && principal.role !== 'admin') {
    return new AppError('FORBIDDEN', 'Only an administrator can do this.');
  }
  if (access.kind === 'user' && access.permission && !hasPermission(principal.role, principal.permissions, access.permission)) {
    return new AppError('FORBIDDEN', `You need the ${access.permission} permission to do this. Ask the administrator.`);
  }
  return undefined;
}

/**
 * Registers endpoints defined in the contracts package. Every route runs the same pipeline:
 * authenticate → rate limit → authorize → validate (zod) → handler → response schema.
 */
export class ApiRouter {
  readonly router: Router = express.Router();
  readonly endpoints: Endpoint[] = [];

  constructor(private readonly deps: ApiRouterDeps) {}

  handle<E extends Endpoint>(endpoint: E, handler: Handler<E>, options: RouteOptions = {}): void {
    this.endpoints.push(endpoint);
    const status = successStatus(endpoint);
    const route = endpoint.absolute ? endpoint.path : `/api/v1${endpoint.path}`;
    this.router[endpoint.method](route, async (req, res, next) => {
      req.routeTemplate = route;
      try {
        const principal = await this.authenticate(endpoint, req);
        req.principal = principal;
        const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
        if (options.rateLimit) await this.limit(options.rateLimit, { ip, principal, body: req.body as unknown });
        const denied = accessError(endpoint, principal);
        if (denied) throw denied;
        const input = this.validate(endpoint, req);
        const result = await handler({
          ...input,
          principal: principal as HandlerContext<E>['principal'],
          requestId: req.requestId,
          ip,
          userAgent: req.header('user-agent') ?? '',
          req,
          res,
        } as HandlerContext<E>);
        if (res.headersSent) return;
        const reply = result instanceof Reply ? result : new Reply(status, result);
        this.send(endpoint, res, reply);
      } catch (error) {
        next(error);
      }
    });
  }

  private async authenticate(endpoint: Endpoint, req: Request): Promise<Principal | null> {
    if (endpoint.access.kind !== 'public') return this.deps.authenticator.authenticate(req);
    try {
      return await this.deps.authenticator.authenticate(req);
    } catch {
      // A stale cookie must not break a public page: treat the caller as signed out.
      return null;
    }
  }

  private async limit(
    policy: RateLimitPolicy & { by: RateLimitKey },
    ctx: { ip: string; principal: Principal | null; body: unknown },
  ): Promise<void> {
    const key =
      typeof policy.by === 'function' ? policy.by(ctx) : policy.by === 'user' ? (ctx.principal?.userId ?? ctx.ip) : ctx.ip;
    const verdict = await this.deps.rateLimiter.consume(policy, key);
    if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds);
  }

  private validate(endpoint: Endpoint, req: Request): { params: unknown; query: unknown; body: unknown } {
    const issues: FieldIssue[] = [];
    const parse = (where: string, schema: z.ZodType | undefined, value: unknown): unknown => {
      if (!schema) return undefined;
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      issues.push(...issuesOf(where, parsed.error));
      return undefined;
    };
    const sentBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (endpoint.body && sentBody && req.body === undefined && !req.is('application/json')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json.');
    }
    const result = {
      params: parse('params', endpoint.params, req.params),
      query: parse('query', endpoint.query, req.query),
      body: parse('body', endpoint.body, req.body ?? (endpoint.body ? {} : undefined)),
    };
    if (issues.length > 0) throw validationError(issues);
    return result;
  }

  private send(endpoint: Endpoint, res: Response, reply: Reply): void {
    const schema = endpoint.responses[reply.status];
    if (schema === undefined) {
      throw new Error(`Handler answered ${reply.status}, which ${endpoint.method.toUpperCase()} ${endpoint.path} does not declare`);
    }
    if (schema === null) {
      res.status(reply.status).end();
      return;
    }
    // Parsing the outgoing body strips every field the schema does not name: no row leaks by accident.
    const parsed = schema.safeParse(reply.body);
    if (!parsed.success) {
      this.deps.logger.error(
        { route: endpoint.path, issues: parsed.error.issues.slice(0, 5) },
        'response did not match its schema',
      );
      throw new Error(`Response of ${endpoint.method.toUpperCase()} ${endpoint.path} did not match its schema`);
    }
    res.status(reply.status).json(parsed.data);
  }
}

export const reply = <S extends number, B>(status: S, body: B) => new Reply(status, body);
