import { html, type SimRequest, type SimResponse } from '../core/sim-server.js';
import { xmlDocument } from '../core/xml.js';
import type { PlexObject } from './render.js';

const VIDEO_TYPES = new Set(['movie', 'episode', 'clip', 'trailer']);

/** Plex names a `Metadata` child `Video` or `Directory` in XML, by type. */
export function plexElementName(key: string, value: Record<string, unknown>): string {
  if (key !== 'Metadata') return key;
  if (typeof value.type === 'string' && VIDEO_TYPES.has(value.type)) return 'Video';
  return 'Directory';
}

/**
 * A `MediaContainer` answer: JSON (with `Content-Type: application/json` exactly, as real clients expect)
 * when the client accepts JSON, XML otherwise.
 */
export function container(req: SimRequest, fields: PlexObject, headers: Record<string, string | number> = {}): SimResponse {
  if (req.accepts('application/json')) {
    return { status: 200, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ MediaContainer: fields }) };
  }
  return {
    status: 200,
    headers: { 'Content-Type': 'text/xml;charset=utf-8', ...headers },
    body: xmlDocument('MediaContainer', fields, plexElementName),
  };
}

/** PMS errors are small HTML pages. */
export function plexError(status: number, message: string): SimResponse {
  const titles: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' };
  const title = titles[status] ?? message;
  return html(status, `<html><head><title>${title}</title></head><body><h1>${status} ${title}</h1></body></html>`);
}

export interface Paging {
  start: number;
  size: number | undefined;
}

/** `X-Plex-Container-Start`/`-Size` from headers or query parameters. */
export function paging(req: SimRequest): Paging {
  const read = (name: string) => req.header(name) ?? req.query[name];
  const start = Number(read('X-Plex-Container-Start') ?? 0);
  const sizeRaw = read('X-Plex-Container-Size');
  const size = sizeRaw === undefined ? undefined : Number(sizeRaw);
  return { start: Number.isFinite(start) && start > 0 ? Math.floor(start) : 0, size: size !== undefined && Number.isFinite(size) && size >= 0 ? Math.floor(size) : undefined };
}

/** One page of `items` with Plex's paging fields and headers. `limit=` caps without a real total. */
export function page<T>(
  req: SimRequest,
  items: T[],
): { slice: T[]; fields: { offset: number; size: number; totalSize: number }; headers: Record<string, string> } {
  const { start, size } = paging(req);
  const limit = req.query.limit !== undefined ? Number(req.query.limit) : undefined;
  const capped = limit !== undefined && Number.isFinite(limit) && limit >= 0 ? items.slice(0, limit) : items;
  const slice = size === 0 ? [] : capped.slice(start, size === undefined ? undefined : start + size);
  const totalSize = capped.length;
  return {
    slice,
    fields: { offset: start, size: slice.length, totalSize },
    headers: { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Total-Size': String(totalSize) },
  };
}
