import type { z } from 'zod';
import type { PermissionName } from './permissions.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call an endpoint.
 * - `public`: anyone, signed in or not;
 * - `user`: any signed-in, enabled user (optionally holding one permission);
 * - `admin`: users with the admin role.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user'; permission?: PermissionName }
  | { kind: 'admin' };

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** One HTTP endpoint: the single source for server validation, the web client and the OpenAPI document. */
export interface Endpoint {
  readonly method: HttpMethod;
  /** Express-style path below `/api/v1` unless `absolute` is set, e.g. `/auth/sessions/:id`. */
  readonly path: string;
  readonly absolute?: boolean;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly access: Access;
  readonly params?: AnyObject;
  readonly query?: AnyObject;
  readonly body?: z.ZodType;
  /** The success response's media type when it is not JSON (e.g. `text/csv`); the handler streams it itself. */
  readonly produces?: string;
  /** Status → response body schema; `null` means an empty body (204). */
  readonly responses: Readonly<Record<number, z.ZodType | null>>;
}

export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
}

type SuccessStatus<E extends Endpoint> = Extract<keyof E['responses'], 200 | 201 | 202 | 204>;

/** The body of the endpoint's success response, as the client receives it. */
export type ResponseOf<E extends Endpoint> =
  E['responses'][SuccessStatus<E>] extends infer S
    ? S extends z.ZodType
      ? z.output<S>
      : void
    : never;

export type BodyOf<E extends Endpoint> = E['body'] extends z.ZodType ? z.input<E['body']> : undefined;
export type QueryOf<E extends Endpoint> = E['query'] extends AnyObject ? z.input<E['query']> : undefined;
export type ParamsOf<E extends Endpoint> = E['params'] extends AnyObject ? z.input<E['params']> : undefined;

/** Fill `:name` segments of an endpoint path. */
export function buildPath(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}

export const API_PREFIX = '/api/v1';

export function fullPath(endpoint: Pick<Endpoint, 'path' | 'absolute'>): string {
  return endpoint.absolute ? endpoint.path : `${API_PREFIX}${endpoint.path}`;
}
