import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Helpers of the OpenAPI contract: reading spec files, server base paths, `$ref` rebasing, parameter coercion. */
export type Json = Record<string, unknown>;

/** The folder of the saved OpenAPI files (`simulators/specs`), from `src/` and `dist/` alike. */
export const SPECS_DIR = fileURLToPath(new URL('../../specs/', import.meta.url));

/** The path prefixes of an operation's servers (`https://plex.tv/api/v2` → `/api/v2`, `{server}/api/v1` → `/api/v1`). */
export function basePaths(servers: unknown): string[] {
  if (!Array.isArray(servers) || servers.length === 0) return [''];
  return servers.map((server) => {
    const { url = '', variables = {} } = server as { url?: string; variables?: Record<string, { default?: string }> };
    const resolved = url.replace(/\{([^}]+)\}/g, (_, name: string) => variables[name]?.default ?? 'x');
    let pathname = /^[a-z]+:\/\//i.test(resolved) ? new URL(resolved.replace(/:x(?=\/|$)/, '')).pathname : resolved.replace(/^[^/]*/, '');
    pathname = pathname.replace(/\/$/, '');
    return pathname;
  });
}

/** A copy of a schema whose local `$ref`s point into the registered components of `spec`. */
export function rebase(schema: unknown, spec: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rebase(item, spec));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${spec}${value}` : rebase(value, spec);
  }
  return out;
}

/** Parses a spec file once per machine: the YAML is slow to parse, so a JSON copy is cached in the temp dir. */
export function loadSpec(file: string): Json {
  const source = readFileSync(path.join(SPECS_DIR, file), 'utf8');
  const cached = path.join(tmpdir(), `medianest-spec-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.json`);
  if (existsSync(cached)) {
    try {
      return JSON.parse(readFileSync(cached, 'utf8')) as Json;
    } catch {
      // a half-written cache file: parse the YAML again below
    }
  }
  const doc = parse(source, { maxAliasCount: -1 }) as Json;
  const partial = `${cached}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(doc));
  renameSync(partial, cached);
  return doc;
}

/** Query and header values are strings: turn them into what the parameter schema expects. */
export function coerce(value: string, schema: Json, resolve: (s: unknown) => Json): unknown {
  const parts = [schema, ...(((schema.allOf ?? schema.oneOf ?? schema.anyOf) as unknown[] | undefined) ?? []).map(resolve)];
  const typed = parts.find((p) => p.type !== undefined) ?? schema;
  const type = Array.isArray(typed.type) ? typed.type.find((t) => t !== 'null') : typed.type;
  if (type === 'integer' || type === 'number') return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  if (type === 'boolean') return value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
  if (type === 'array') return value.split(',');
  if (!type && (schema.enum as unknown[] | undefined)?.every((v) => typeof v === 'number')) return Number(value);
  return value;
}
