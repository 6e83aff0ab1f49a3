import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../platform/config/config.js';
import { SecretBox, parseKey } from '../platform/crypto/secret-box.js';
import { createMediaNest } from './composition.js';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
const dirs: string[] = [];
const newDataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mn-cli-auth-'));
  dirs.push(dir);
  return dir;
};
const run = (dataDir: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', MEDIANEST_DATA_DIR: dataDir, ...options.env },
    timeout: 90_000,
  });
const open = (dataDir: string, env: Record<string, string> = {}) =>
  createMediaNest({
    config: loadConfig({ env, file: path.join(dataDir, 'none.json'), overrides: { dataDir, logLevel: 'silent', port: 0, host: '127.0.0.1' } }),
  });

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('medianest admin', () => {
  it('creates a local admin from a password on standard input, once per name', async () => {
    const dataDir = newDataDir();
    const created = run(dataDir, ['admin', 'create', '--username', 'root'], { input: 'correct horse battery staple\n' });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Created the administrator "root"');

    const again = run(dataDir, ['admin', 'create', '--username', 'ROOT'], { input: 'correct horse battery staple\n' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('exists already');
    const weak = run(dataDir, ['admin', 'create', '--username', 'other'], { input: 'short\n' });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');
    const reset = run(dataDir, ['admin', 'password', 'root'], { env: { MEDIANEST_ADMIN_PASSWORD: 'another long password' } });
    expect(reset.status).toBe(0);

    const mediaNest = await open(dataDir);
    try {
      const root = await mediaNest.users.findByUsername('root');
      expect(root).toMatchObject({ role: 'admin' });
      expect(root?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await mediaNest.users.hasAdmin()).toBe(true);
      const signedIn = await mediaNest.auth.localLogin.login('root', 'another long password', { ip: null, userAgent: 'test' });
      expect(signedIn.user.username).toBe('root');
    } finally {
      await mediaNest.stop();
    }
  }, 120_000);
});

describe('medianest secrets rotate', () => {
  it('re-seals settings and Plex tokens under a new data-directory key and retires the old one', async () => {
    const dataDir = newDataDir();
    const first = await open(dataDir);
    const before = first.platform.secrets.keyId;
    await first.settings.set('services.overseerr.apiKey', 'overseerr-secret', { secret: true });
    const user = await first.users.create({ username: 'plexy', plexId: 7, plexTokenSealed: first.platform.secrets.seal('plex-token-7') });
    const channel = await first.notifications.channels.create(
      { kind: 'webhook', name: 'hook', url: 'https://hooks.example/t0ken', header: { name: 'X-Key', value: 'header-secret' } },
      { userId: user.id, ip: null },
    );
    await first.stop();

    const rotated = run(dataDir, ['secrets', 'rotate']);
    expect(rotated.stderr).toBe('');
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toContain('1 secret setting(s), 1 Plex token(s) and 1 notification channel(s)');
    expect(existsSync(path.join(dataDir, `secret.key.retired-${before}`))).toBe(true);
    expect(existsSync(path.join(dataDir, 'secret.key.next'))).toBe(false);

    const second = await open(dataDir);
    try {
      const box = second.platform.secrets;
      expect(box.keyId).not.toBe(before);
      expect(await second.settings.get('services.overseerr.apiKey', z.string())).toBe('overseerr-secret');
      const row = await second.users.findById(user.id);
      expect(box.isStale(row!.plexTokenSealed!)).toBe(false);
      expect(box.open(row!.plexTokenSealed!)).toBe('plex-token-7');
      // The old key alone can no longer open it.
      const oldKey = parseKey(readFileSync(path.join(dataDir, `secret.key.retired-${before}`), 'utf8'));
      expect(() => new SecretBox(oldKey).open(row!.plexTokenSealed!)).toThrow();
      const opened = second.notifications.channels.open(await second.notifications.channels.get(channel.id));
      expect(opened).toMatchObject({ url: 'https://hooks.example/t0ken', header: { name: 'X-Key', value: 'header-secret' } });
      expect(box.isStale((await second.notifications.channels.get(channel.id)).urlSealed)).toBe(false);
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('with MEDIANEST_SECRET_KEY, takes the new key from MEDIANEST_NEW_SECRET_KEY and says to swap it in', async () => {
    const dataDir = newDataDir();
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('hex');
    const first = await open(dataDir, { MEDIANEST_SECRET_KEY: oldKey });
    await first.settings.set('plex.server.token', 'srv', { secret: true });
    await first.stop();

    const bad = run(dataDir, ['secrets', 'rotate'], { env: { MEDIANEST_SECRET_KEY: oldKey, MEDIANEST_NEW_SECRET_KEY: 'nope' } });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('MEDIANEST_NEW_SECRET_KEY');
    const rotated = run(dataDir, ['secrets', 'rotate'], { env: { MEDIANEST_SECRET_KEY: oldKey, MEDIANEST_NEW_SECRET_KEY: newKey } });
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toContain('set MEDIANEST_SECRET_KEY');
    expect(readdirSync(dataDir).some((name) => name.startsWith('secret.key.retired'))).toBe(false);

    const withNew = await open(dataDir, { MEDIANEST_SECRET_KEY: newKey });
    try {
      expect(await withNew.settings.get('plex.server.token', z.string())).toBe('srv');
    } finally {
      await withNew.stop();
    }
  }, 120_000);
});

describe('medianest auth rotate-signing-key', () => {
  it('adds a signing key and keeps the old one verifying', async () => {
    const dataDir = newDataDir();
    const first = await open(dataDir);
    const user = await first.users.create({ username: 'u' });
    const issued = await first.auth.sessions.open(user, 'local', { ip: null, userAgent: 'test' });
    const oldKid = first.auth.keys.current.kid;
    await first.stop();

    const rotated = run(dataDir, ['auth', 'rotate-signing-key']);
    expect(rotated.status).toBe(0);
    const second = await open(dataDir);
    try {
      expect(second.auth.keys.current.kid).not.toBe(oldKid);
      expect(second.auth.keys.jwks().map((key) => key.kid)).toEqual([second.auth.keys.current.kid, oldKid]);
      expect((await second.auth.tokens.verify(issued.accessToken)).userId).toBe(user.id);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
