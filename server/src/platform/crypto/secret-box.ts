import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Encrypts secrets at rest (Plex tokens, API keys of upstreams) with AES-256-GCM.
 * A sealed value reads `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts); the key id lets
 * `medianest secrets rotate` tell which values still use an old key.
 */
export class SecretBox {
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(key: Buffer, previousKeys: Buffer[] = []) {
    if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
    this.keyId = SecretBox.idOf(key);
    this.keys.set(this.keyId, key);
    for (const old of previousKeys) this.keys.set(SecretBox.idOf(old), old);
  }

  static idOf(key: Buffer): string {
    return createHash('sha256').update(key).digest('base64url').slice(0, 8);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.keyId)!, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', this.keyId, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || ciphertext === undefined) {
      throw new Error('Not a sealed secret');
    }
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Secret was sealed with an unknown key (${keyId})`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.keyId;
  }
}

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  return /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
}

export interface LoadedKey {
  key: Buffer;
  /** Where it came from; `generated` means a new file was written just now. */
  source: 'env' | 'file' | 'generated';
  file: string;
}

/** Where `medianest secrets rotate` writes the new key before it re-seals anything (see rotatePendingKey). */
export const pendingKeyFile = (dataDir: string) => path.join(dataDir, 'secret.key.next');

/**
 * The key of a rotation that was interrupted after the database was re-sealed but before the key file
 * was replaced: it must still open secrets until `medianest secrets rotate` is run again to finish.
 */
export function loadPendingKey(dataDir: string): Buffer | undefined {
  const file = pendingKeyFile(dataDir);
  return existsSync(file) ? parseKey(readFileSync(file, 'utf8')) : undefined;
}

/** The key from `MEDIANEST_SECRET_KEY`, else `<dataDir>/secret.key`, generated on first start. */
export function loadSecretKey(configured: string | undefined, dataDir: string): LoadedKey {
  const file = path.join(dataDir, 'secret.key');
  if (configured) return { key: parseKey(configured), source: 'env', file };
  if (existsSync(file)) return { key: parseKey(readFileSync(file, 'utf8')), source: 'file', file };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, source: 'generated', file };
}
