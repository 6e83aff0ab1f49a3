import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretKey, parseKey, SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  it('seals with a fresh IV each time and opens what it sealed', () => {
    const box = new SecretBox(randomBytes(32));
    const a = box.seal('plex-token-123');
    const b = box.seal('plex-token-123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('plex-token-123');
    expect(box.open(a)).toBe('plex-token-123');
    expect(box.open(b)).toBe('plex-token-123');
  });

  it('refuses a tampered value', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('forged!').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => box.open('not sealed')).toThrow('Not a sealed secret');
  });

  it('opens values of a previous key and marks them stale', () => {
    const oldKey = randomBytes(32);
    const sealedOld = new SecretBox(oldKey).seal('kept');
    const rotated = new SecretBox(randomBytes(32), [oldKey]);
    expect(rotated.open(sealedOld)).toBe('kept');
    expect(rotated.isStale(sealedOld)).toBe(true);
    expect(rotated.isStale(rotated.seal('kept'))).toBe(false);
    expect(() => new SecretBox(randomBytes(32)).open(sealedOld)).toThrow(/unknown key/);
  });

  it('generates a key file readable only by its owner on first start, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mn-key-'));
    const first = loadSecretKey(undefined, dir);
    expect(first.source).toBe('generated');
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    const second = loadSecretKey(undefined, dir);
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
    expect(parseKey(readFileSync(first.file, 'utf8')).equals(first.key)).toBe(true);
    const hex = 'cd'.repeat(32);
    expect(loadSecretKey(hex, dir)).toMatchObject({ source: 'env' });
    expect(loadSecretKey(hex, dir).key.toString('hex')).toBe(hex);
  });
});
