import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { basePaths, coerce, loadSpec, rebase, type Json } from './spec-files.js';

export { SPECS_DIR } from './spec-files.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

export interface HttpRequestLike {
  method: string;
  /** Path without the query string, as sent (`/api/v2/pins/42`, `/library/sections/1/all`). */
  path: string;
  query?: Record<string, string>;
  /** Header names in any case. */
  headers?: Record<string, string>;
  body?: unknown;
}

export interface HttpResponseLike extends HttpRequestLike {
  status: number;
  /** The response's Content-Type (JSON bodies are validated; others are reported as not validated). */
  contentType?: string;
  /** The response body: parsed JSON, or the text. */
  responseBody: unknown;
}

/**
 * A known mistake of a spec file, where the upstream's real behaviour (upstream-apis.md) differs: matching
 * errors become notes. Each has its reason, so the list stays reviewable.
 */
export interface Erratum {
  operation: string;
  where: 'request' | 'response';
  match: RegExp;
  reason: string;
}

export interface ContractResult {
  ok: boolean;
  /** `operationId` (or `METHOD template`) of the matched operation. */
  operation?: string;
  /** The spec file that matched. */
  spec?: string;
  errors: string[];
  /** Things not checked (XML body, undocumented error status), for information. */
  notes: string[];
}

interface Operation {
  spec: string;
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  literal: number;
  pointer: string;
  op: Json;
  pathItem: Json;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Checks requests and responses against OpenAPI documents with Ajv (2020-12 for OpenAPI 3.1, draft-07 with
 * `nullable` for 3.0). Operations are matched by method and path (server base paths included, literal
 * segments preferred over parameters); documents are tried in the order given.
 */
export class OpenApiContract {
  private operations: Operation[] | undefined;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly docs = new Map<string, { doc: Json; ajv: Ajv }>();

  constructor(
    readonly name: string,
    private readonly files: string[],
    private readonly options: {
      headerParamsAlsoInQuery?: RegExp;
      errata?: Erratum[];
      /** Paths rewritten before matching (`[/^\/library\/collections\/([^/]+)\/children$/, '/library/collections/$1/items']`). */
      aliases?: [RegExp, string][];
    } = {},
  ) {}

  /** The errata this contract applies (for documentation and review). */
  get errata(): Erratum[] {
    return this.options.errata ?? [];
  }

  private finish(label: string, spec: string, where: 'request' | 'response', errors: string[], notes: string[]): ContractResult {
    const kept: string[] = [];
    for (const error of errors) {
      const erratum = this.errata.find((e) => e.operation === label && e.where === where && e.match.test(error));
      if (erratum) notes.push(`erratum (${erratum.reason}): ${error}`);
      else kept.push(error);
    }
    return { ok: kept.length === 0, operation: label, spec, errors: kept, notes };
  }

  private load(): Operation[] {
    if (this.operations) return this.operations;
    const operations: Operation[] = [];
    for (const file of this.files) {
      const doc = loadSpec(file);
      const is31 = String(doc.openapi ?? '').startsWith('3.1');
      const ajv = is31
        ? (new Ajv2020({ strict: false, allErrors: true, validateSchema: false }) as unknown as Ajv)
        : new Ajv({ strict: false, allErrors: true, validateSchema: false });
      addFormats(ajv);
      // Only the components are registered (what `$ref`s point at); operation schemas are compiled one by one.
      ajv.addSchema({ components: doc.components ?? {} }, file);
      this.docs.set(file, { doc, ajv });
      for (const [template, pathItem] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
        for (const method of METHODS) {
          const op = pathItem[method] as Json | undefined;
          if (!op) continue;
          for (const base of basePaths(op.servers ?? pathItem.servers ?? doc.servers)) {
            const names: string[] = [];
            const pattern = `${base}${template}`
              .split(/(\{[^}]+\})/)
              .map((part) => {
                const param = /^\{([^}]+)\}$/.exec(part);
                if (param) {
                  names.push(param[1]!);
                  return '([^/]+)';
                }
                return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
              })
              .join('');
            operations.push({
              spec: file, method: method.toUpperCase(), template: `${base}${template}`, regex: new RegExp(`^${pattern}/?$`), names,
              literal: `${base}${template}`.replace(/\{[^}]+\}/g, '').length, pointer: `/paths/${escapePointer(template)}/${method}`, op, pathItem,
            });
          }
        }
      }
    }
    // More literal characters win (`/children` over `/{element}`), then the earlier spec.
    operations.sort((a, b) => b.literal - a.literal || this.files.indexOf(a.spec) - this.files.indexOf(b.spec));
    this.operations = operations;
    return operations;
  }

  /** The operation a request maps to, with its path parameters. */
  find(method: string, rawPath: string): { operation: Operation; params: Record<string, string> } | undefined {
    const alias = this.options.aliases?.find(([pattern]) => pattern.test(rawPath));
    const requestPath = alias ? rawPath.replace(alias[0], alias[1]) : rawPath;
    for (const operation of this.load()) {
      if (operation.method !== method.toUpperCase()) continue;
      const match = operation.regex.exec(requestPath);
      if (!match) continue;
      const params: Record<string, string> = {};
      operation.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? '')));
      return { operation, params };
    }
    return undefined;
  }

  /** Whether some operation documents this method and path. */
  covers(method: string, requestPath: string): boolean {
    return this.find(method, requestPath) !== undefined;
  }

  private resolve(spec: string, value: unknown, pointer: string): { value: Json; pointer: string } {
    let current = value as Json;
    let at = pointer;
    for (let depth = 0; depth < 10 && typeof current?.$ref === 'string'; depth += 1) {
      at = (current.$ref as string).replace(/^#/, '');
      current = at.split('/').slice(1).reduce<unknown>((node, key) => (node as Json)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], this.docs.get(spec)!.doc) as Json;
    }
    return { value: current, pointer: at };
  }

  private validator(spec: string, pointer: string): ValidateFunction {
    const key = `${spec}#${pointer}`;
    let fn = this.validators.get(key);
    if (!fn) {
      const { doc, ajv } = this.docs.get(spec)!;
      const schema = pointer.split('/').slice(1).reduce<unknown>((node, part) => (node as Json)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      fn = ajv.compile(rebase(schema, spec) as Json);
      this.validators.set(key, fn);
    }
    return fn;
  }

  private check(spec: string, pointer: string, value: unknown, where: string, errors: string[]): void {
    const validate = this.validator(spec, pointer);
    if (!validate(value)) {
      for (const e of validate.errors ?? []) errors.push(`${where}${e.instancePath} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
    }
  }

  validateRequest(request: HttpRequestLike): ContractResult {
    const found = this.find(request.method, request.path);
    if (!found) return { ok: false, errors: [`${this.name}: no operation documents ${request.method.toUpperCase()} ${request.path}`], notes: [] };
    const { operation, params } = found;
    const errors: string[] = [];
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const query = request.query ?? {};
    const declared = [...((operation.pathItem.parameters as unknown[]) ?? []), ...((operation.op.parameters as unknown[]) ?? [])];
    const basePointer = operation.pointer;
    declared.forEach((raw, i) => {
      const fromPathItem = i < ((operation.pathItem.parameters as unknown[]) ?? []).length;
      const ownPointer = fromPathItem ? `${basePointer.replace(/\/[a-z]+$/, '')}/parameters/${i}` : `${basePointer}/parameters/${i - ((operation.pathItem.parameters as unknown[]) ?? []).length}`;
      const { value: param, pointer } = this.resolve(operation.spec, raw, ownPointer);
      const name = String(param.name);
      let value: string | undefined;
      if (param.in === 'path') value = params[name];
      else if (param.in === 'query') value = query[name];
      else if (param.in === 'header') {
        value = headers[name.toLowerCase()];
        if (value === undefined && this.options.headerParamsAlsoInQuery?.test(name)) value = query[name];
      } else return;
      if (value === undefined) {
        if (param.required === true) errors.push(`${param.in} parameter "${name}" is required`);
        return;
      }
      if (param.schema) {
        const resolve = (schema: unknown) => this.resolve(operation.spec, schema, '').value;
        this.check(operation.spec, `${pointer}/schema`, coerce(value, resolve(param.schema), resolve), `${param.in} parameter "${name}"`, errors);
      }
    });
    const bodyRef = operation.op.requestBody;
    if (bodyRef) {
      const { value: body, pointer } = this.resolve(operation.spec, bodyRef, `${basePointer}/requestBody`);
      const content = (body.content ?? {}) as Record<string, unknown>;
      if (request.body === undefined || request.body === '') {
        if (body.required === true) errors.push('request body is required');
      } else if (content['application/json'] && typeof request.body === 'object') {
        this.check(operation.spec, `${pointer}/content/application~1json/schema`, request.body, 'body', errors);
      }
    }
    return this.finish(String(operation.op.operationId ?? `${operation.method} ${operation.template}`), operation.spec, 'request', errors, []);
  }

  validateResponse(response: HttpResponseLike): ContractResult {
    const found = this.find(response.method, response.path);
    if (!found) return { ok: false, errors: [`${this.name}: no operation documents ${response.method.toUpperCase()} ${response.path}`], notes: [] };
    const { operation } = found;
    const label = String(operation.op.operationId ?? `${operation.method} ${operation.template}`);
    const responses = (operation.op.responses ?? {}) as Record<string, unknown>;
    const status = String(response.status);
    const key = [status, `${status[0]}XX`, 'default'].find((k) => responses[k] !== undefined);
    const notes: string[] = [];
    if (!key) {
      if (response.status < 300) return { ok: false, operation: label, spec: operation.spec, errors: [`status ${status} is not documented for ${label}`], notes };
      return { ok: true, operation: label, spec: operation.spec, errors: [], notes: [`status ${status} is not documented; body not checked`] };
    }
    const { value: documented, pointer } = this.resolve(operation.spec, responses[key], `${operation.pointer}/responses/${key}`);
    const content = (documented.content ?? {}) as Record<string, Json>;
    const jsonKey = Object.keys(content).find((type) => type.includes('json'));
    const errors: string[] = [];
    const isJson = (response.contentType ?? '').includes('json');
    if (!jsonKey || !content[jsonKey]!.schema) {
      notes.push('no JSON schema documented for this response');
    } else if (!isJson) {
      notes.push(`body is ${response.contentType ?? 'untyped'}, not JSON: not checked against the schema`);
    } else {
      let body = response.responseBody;
      if (typeof body === 'string') {
        try {
          body = JSON.parse(body) as unknown;
        } catch {
          errors.push('body is not valid JSON');
        }
      }
      if (errors.length === 0) this.check(operation.spec, `${pointer}/content/${escapePointer(jsonKey)}/schema`, body, 'body', errors);
    }
    return this.finish(label, operation.spec, 'response', errors, notes);
  }
}

