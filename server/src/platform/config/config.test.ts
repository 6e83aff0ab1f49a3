import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from './config.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mn-config-'));
const noFile = path.join(dir, 'absent.json');

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('starts with no configuration at all', () => {
    const config = loadConfig({ env: {}, file: noFile });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.trustedProxies).toEqual([]);
  });

  it('names the variable and the rule when a value is wrong', () => {
    const problems = problemsOf(() => loadConfig({ env: { PORT: 'abc' }, file: noFile }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT="abc": /);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf(() =>
      loadConfig({ env: { PORT: '70000', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://r', LOG_LEVEL: 'loud' }, file: noFile }),
    );
    expect(problems.map((p) => p.split('=')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });

  it('reads medianest.config.json, with the environment winning', () => {
    const file = path.join(dir, 'medianest.config.json');
    writeFileSync(file, JSON.stringify({ port: 9000, host: '127.0.0.1', trustedProxies: 'loopback, 10.0.0.0/8' }));
    const fromFile = loadConfig({ env: {}, file });
    expect(fromFile.port).toBe(9000);
    expect(fromFile.trustedProxies).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig({ env: { PORT: '9100' }, file }).port).toBe(9100);
  });

  it('names the file key when the file holds a bad value, and refuses unknown keys', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ port: 'eighty' }));
    expect(problemsOf(() => loadConfig({ env: {}, file }))[0]).toMatch(/^port in bad\.json="eighty"/);
    writeFileSync(file, JSON.stringify({ prot: 80 }));
    expect(problemsOf(() => loadConfig({ env: {}, file }))[0]).toContain('unknown key "prot"');
    writeFileSync(file, '{ not json');
    expect(problemsOf(() => loadConfig({ env: {}, file }))[0]).toContain('is not valid JSON');
  });

  it('accepts a 32-byte secret key as base64 or hex only', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ env: { MEDIANEST_SECRET_KEY: hex }, file: noFile }).secretKey).toBe(hex);
    expect(problemsOf(() => loadConfig({ env: { MEDIANEST_SECRET_KEY: 'short' }, file: noFile }))[0]).toMatch(
      /^MEDIANEST_SECRET_KEY=/,
    );
  });

  it('reads per-upstream client policies as JSON, and names what is wrong', () => {
    const config = loadConfig({ env: { MEDIANEST_UPSTREAM_POLICIES: '{"overseerr":{"timeoutMs":5000,"ratePerSecond":10}}' }, file: noFile });
    expect(config.upstreamPolicies).toEqual({ overseerr: { timeoutMs: 5000, ratePerSecond: 10 } });
    expect(loadConfig({ env: {}, file: noFile }).upstreamPolicies).toBeUndefined();
    expect(problemsOf(() => loadConfig({ env: { MEDIANEST_UPSTREAM_POLICIES: '{oops' }, file: noFile }))[0]).toMatch(
      /^MEDIANEST_UPSTREAM_POLICIES=.*must be a JSON object/,
    );
    expect(problemsOf(() => loadConfig({ env: { MEDIANEST_UPSTREAM_POLICIES: '{"sonarr":{}}' }, file: noFile }))).toHaveLength(1);
    expect(problemsOf(() => loadConfig({ env: { MEDIANEST_UPSTREAM_POLICIES: '{"tmdb":{"retries":-1}}' }, file: noFile }))).toHaveLength(1);
  });

  it('describes every variable for --help', () => {
    const lines = describeConfig();
    expect(lines.some((line) => line.startsWith('PORT'))).toBe(true);
    expect(lines.some((line) => line.startsWith('DATABASE_URL'))).toBe(true);
  });
});
