import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const list = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 (any free port) and 65535')
  .max(65535, 'must be between 0 (any free port) and 65535');

const url = z.url({ error: 'must be a full URL such as https://example.com' });

const ms = z.number().int().min(0).max(3_600_000);
/** Overrides of one upstream's client policy (timeouts, retries, breaker, token bucket); see integrations/http. */
const upstreamPolicy = z
  .strictObject({
    timeoutMs: z.number().int().min(100).max(120_000),
    retries: z.number().int().min(0).max(10),
    backoffBaseMs: ms,
    backoffMaxMs: ms,
    maxRetryAfterMs: ms,
    breakerFailures: z.number().int().min(1).max(1_000_000),
    breakerHalfOpenAfterMs: ms,
    ratePerSecond: z.number().positive(),
    rateBurst: z.number().min(1),
    rateLimitMaxWaitMs: ms,
  })
  .partial();
const upstreamPolicies = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return 'not JSON';
    }
  },
  z.partialRecord(z.enum(['plextv', 'plex', 'overseerr', 'uptime-kuma', 'tmdb', 'checks']), upstreamPolicy, {
    error: 'must be a JSON object such as {"overseerr":{"timeoutMs":5000,"ratePerSecond":10}} (upstreams: plextv, plex, overseerr, uptime-kuma, tmdb, checks)',
  }),
);

/**
 * Every setting read at start-up: its environment variable, its key in medianest.config.json, and its rule.
 * Settings a person changes while MediaNest runs (service URLs, API keys, quotas) live in the database instead.
 */
const fields = {
  port: { env: 'PORT', schema: port.default(8080) },
  host: { env: 'HOST', schema: z.string().min(1).default('0.0.0.0') },
  dataDir: { env: 'MEDIANEST_DATA_DIR', schema: z.string().min(1).default('./data') },
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  },
  databasePoolMax: { env: 'DATABASE_POOL_MAX', schema: z.coerce.number().int().min(1).max(200).default(10) },
  redisUrl: {
    env: 'REDIS_URL',
    schema: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  },
  redisKeyPrefix: { env: 'REDIS_KEY_PREFIX', schema: z.string().default('medianest:') },
  logLevel: {
    env: 'LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },
  publicUrl: { env: 'MEDIANEST_PUBLIC_URL', schema: url.optional() },
  secretKey: {
    env: 'MEDIANEST_SECRET_KEY',
    schema: z
      .string()
      .regex(/^([A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/, 'must be 32 bytes as base64 (44 characters) or hex (64 characters)')
      .optional(),
  },
  /**
   * Keys that may still open secrets sealed before a rotation (decrypt only), comma-separated; for the
   * transition after `medianest secrets rotate` when the key is given in MEDIANEST_SECRET_KEY.
   */
  previousSecretKeys: {
    env: 'MEDIANEST_PREVIOUS_SECRET_KEYS',
    schema: list.pipe(
      z.array(
        z.string().regex(/^([A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/, 'each must be 32 bytes as base64 (44 characters) or hex (64 characters)'),
      ),
    ).default([]),
  },
  trustedProxies: { env: 'MEDIANEST_TRUSTED_PROXIES', schema: list.default([]) },
  corsOrigins: { env: 'MEDIANEST_CORS_ORIGINS', schema: list.default([]) },
  bodyLimit: {
    env: 'MEDIANEST_BODY_LIMIT',
    schema: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb')
      .default('1mb'),
  },
  metricsToken: { env: 'MEDIANEST_METRICS_TOKEN', schema: z.string().min(16, 'must be at least 16 characters').optional() },
  webDir: { env: 'MEDIANEST_WEB_DIR', schema: z.string().optional() },
  shutdownTimeoutMs: { env: 'MEDIANEST_SHUTDOWN_TIMEOUT_MS', schema: z.coerce.number().int().min(0).default(10_000) },
  /** How often the delivery worker looks for outbound notifications to send; 0 turns it off (tests drive it). */
  notificationsPollMs: { env: 'MEDIANEST_NOTIFICATIONS_POLL_MS', schema: z.coerce.number().int().min(0).max(3_600_000).default(2_000) },
  plexTvUrl: { env: 'MEDIANEST_PLEX_TV_URL', schema: url.default('https://plex.tv') },
  plexAppUrl: { env: 'MEDIANEST_PLEX_APP_URL', schema: url.default('https://app.plex.tv') },
  ytDlpPath: { env: 'YTDLP_PATH', schema: z.string().default('yt-dlp') },
  ffmpegPath: { env: 'FFMPEG_PATH', schema: z.string().default('ffmpeg') },
  upstreamPolicies: { env: 'MEDIANEST_UPSTREAM_POLICIES', schema: upstreamPolicies.optional() },
} as const;

type Fields = typeof fields;
export type Config = { -readonly [K in keyof Fields]: z.output<Fields[K]['schema']> };
export type ConfigInput = { [K in keyof Fields]?: z.input<Fields[K]['schema']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`MediaNest cannot start: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of the optional JSON file; default `MEDIANEST_CONFIG` or `./medianest.config.json`. */
  file?: string;
  /** Values that win over both (tests, CLI flags). */
  overrides?: ConfigInput;
}

function readFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`${file} is not valid JSON: ${(error as Error).message}`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([`${file} must hold a JSON object`]);
  }
  const unknownKeys = Object.keys(parsed).filter((key) => !(key in fields));
  if (unknownKeys.length > 0) {
    throw new ConfigError(unknownKeys.map((key) => `${file}: unknown key "${key}" (known: ${Object.keys(fields).join(', ')})`));
  }
  return parsed as Record<string, unknown>;
}

/** Reads the configuration once, at start. Fails with every bad setting named by its variable. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const file = path.resolve(options.file ?? env.MEDIANEST_CONFIG ?? 'medianest.config.json');
  const fromFile = readFile(file);
  const problems: string[] = [];
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const envValue = env[field.env];
    const override = options.overrides?.[key as keyof Config];
    let raw: unknown;
    let source: string;
    if (override !== undefined) {
      raw = override;
      source = key;
    } else if (envValue !== undefined && envValue !== '') {
      raw = envValue;
      source = field.env;
    } else {
      raw = fromFile[key];
      source = raw === undefined ? field.env : `${key} in ${path.basename(file)}`;
    }
    const parsed = (field.schema as z.ZodType).safeParse(raw);
    if (parsed.success) {
      result[key] = parsed.data;
    } else {
      const message = parsed.error.issues[0]?.message ?? 'is invalid';
      problems.push(`${source}=${JSON.stringify(raw)}: ${message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const config = result as Config;
  config.dataDir = path.resolve(config.dataDir);
  return config;
}

/** For `--help`: each variable and what it does. */
export function describeConfig(): string[] {
  return Object.entries(fields).map(([key, field]) => `${field.env.padEnd(30)} (${key})`);
}
