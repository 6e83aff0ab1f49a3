/**
 * Route patterns shared by the routers and the fault controller:
 * - `/library/metadata/{ids}`: `{name}` matches one path segment (literal `:` is fine: `/photo/:/transcode`);
 * - `/t/p/{size}/{file+}`: `{name+}` matches the rest of the path;
 * - a trailing `*` matches any rest (`/library/*`);
 * - an optional method prefix: `GET /identity`, `POST|PUT /request`.
 */
export interface CompiledPattern {
  source: string;
  methods: Set<string> | undefined;
  regex: RegExp;
  names: string[];
  /** For ordering: literal characters count more than parameters. */
  specificity: number;
}

export function compilePattern(pattern: string): CompiledPattern {
  const trimmed = pattern.trim();
  let methods: Set<string> | undefined;
  let pathPart = trimmed;
  const space = trimmed.indexOf(' ');
  if (space > 0 && !trimmed.startsWith('/')) {
    methods = new Set(trimmed.slice(0, space).toUpperCase().split('|'));
    pathPart = trimmed.slice(space + 1).trim();
  }
  if (pathPart === '*') return { source: pattern, methods, regex: /^.*$/, names: [], specificity: 0 };
  const names: string[] = [];
  let regex = '^';
  let specificity = 0;
  const tokens = pathPart.split(/(\{[A-Za-z_][A-Za-z0-9_]*\+?\})/);
  for (const token of tokens) {
    const param = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/.exec(token);
    if (param) {
      names.push(param[1]!);
      regex += param[2] ? '(.+)' : '([^/]+)';
      continue;
    }
    if (token.endsWith('*')) {
      regex += escapeRegex(token.slice(0, -1)) + '.*';
      specificity += token.length - 1;
    } else {
      regex += escapeRegex(token);
      specificity += token.length * 2;
    }
  }
  regex += '/?$';
  return { source: pattern, methods, regex: new RegExp(regex), names, specificity };
}

export function matchPattern(
  compiled: CompiledPattern,
  method: string,
  path: string,
): Record<string, string> | undefined {
  if (compiled.methods && !compiled.methods.has(method.toUpperCase())) return undefined;
  const match = compiled.regex.exec(path);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  compiled.names.forEach((name, i) => {
    params[name] = safeDecode(match[i + 1] ?? '');
  });
  return params;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
