import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', MEDIANEST_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mn-cli-')), ...env },
    timeout: 60_000,
  });

describe('medianest CLI', () => {
  it('prints help listing the commands and variables', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    for (const word of ['start', 'api', 'worker', 'migrate', 'DATABASE_URL', 'REDIS_URL', 'PORT']) {
      expect(result.stdout).toContain(word);
    }
  });

  it('exits 1 naming PORT when PORT is not a number', () => {
    const result = run(['start'], { PORT: 'abc' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT="abc"');
    expect(result.stderr).toContain('must be a number');
  });

  it('exits 2 on an unknown command', () => {
    const result = run(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
  });

  it('applies migrations with `migrate`', () => {
    const result = run(['migrate']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Migrations applied on pglite: (\d+) of \1/);
  });
});
