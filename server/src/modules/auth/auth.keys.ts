import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint } from 'jose';

/** The file in the data directory that holds the token-signing keys (mode 0600). */
export const SIGNING_KEYS_FILE = 'auth-keys.json';
/** How many signing keys the file keeps: the current one and older ones whose tokens may still be live. */
const KEPT_KEYS = 3;

interface StoredKey {
  kid: string;
  createdAt: string;
  privateJwk: JsonWebKey;
}

interface StoredKeys {
  version: 1;
  /** HMAC key for CSRF tokens, base64. */
  csrfSecret: string;
  /** Oldest first; the last one signs. */
  keys: StoredKey[];
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: { kty: string; crv: string; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
}

async function newKey(): Promise<StoredKey> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicJwk = publicKey.export({ format: 'jwk' });
  return {
    kid: await calculateJwkThumbprint({ kty: publicJwk.kty!, crv: publicJwk.crv!, x: publicJwk.x! }),
    createdAt: new Date().toISOString(),
    privateJwk: privateKey.export({ format: 'jwk' }),
  };
}

function writeAtomically(file: string, content: StoredKeys, exclusive: boolean): void {
  const text = `${JSON.stringify(content, null, 2)}\n`;
  if (exclusive) {
    // 'wx': two processes starting at once on a fresh data dir must not both write keys.
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return;
  }
  const partial = `${file}.${process.pid}.tmp`;
  const fd = openSync(partial, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}

function readStored(file: string): StoredKeys {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as StoredKeys;
  if (parsed.version !== 1 || !Array.isArray(parsed.keys) || parsed.keys.length === 0 || !parsed.csrfSecret) {
    throw new Error(`${file} is not a MediaNest signing-key file. Move it away to have new keys generated.`);
  }
  return parsed;
}

/**
 * The EdDSA (Ed25519) key pairs that sign access tokens, generated into the data directory on first
 * start. The newest key signs; older ones still verify (and stay in the JWKS) until they are rotated out.
 * Every API instance must see the same file (a shared data directory) so their tokens verify everywhere.
 */
export class SigningKeys {
  private readonly byKid: Map<string, SigningKey>;

  private constructor(
    private readonly keys: SigningKey[],
    readonly csrfSecret: Buffer,
    readonly file: string,
  ) {
    this.byKid = new Map(keys.map((key) => [key.kid, key]));
  }

  static async loadOrCreate(dataDir: string): Promise<{ keys: SigningKeys; generated: boolean }> {
    const file = path.join(dataDir, SIGNING_KEYS_FILE);
    let generated = false;
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      try {
        writeAtomically(file, { version: 1, csrfSecret: randomBytes(32).toString('base64'), keys: [await newKey()] }, true);
        generated = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return { keys: SigningKeys.fromStored(readStored(file), file), generated };
  }

  private static fromStored(stored: StoredKeys, file: string): SigningKeys {
    const keys = stored.keys.map((entry): SigningKey => {
      const privateKey = createPrivateKey({ key: entry.privateJwk, format: 'jwk' });
      const publicKey = createPublicKey(privateKey);
      const jwk = publicKey.export({ format: 'jwk' });
      return {
        kid: entry.kid,
        privateKey,
        publicKey,
        publicJwk: { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, kid: entry.kid, alg: 'EdDSA', use: 'sig' },
      };
    });
    return new SigningKeys(keys, Buffer.from(stored.csrfSecret, 'base64'), file);
  }

  /** The key new tokens are signed with. */
  get current(): SigningKey {
    return this.keys[this.keys.length - 1]!;
  }

  verificationKey(kid: string | undefined): KeyObject | undefined {
    return kid ? this.byKid.get(kid)?.publicKey : undefined;
  }

  jwks(): SigningKey['publicJwk'][] {
    return this.keys.map((key) => key.publicJwk).reverse();
  }
}

/**
 * Adds a new signing key (it signs from the next start of each instance) and keeps the previous ones
 * for verification, dropping the oldest beyond three. Run `medianest auth rotate-signing-key`.
 */
export async function rotateSigningKey(dataDir: string): Promise<{ kid: string; kept: string[] }> {
  const file = path.join(dataDir, SIGNING_KEYS_FILE);
  const { keys } = await SigningKeys.loadOrCreate(dataDir);
  const stored = readStored(keys.file);
  const added = await newKey();
  const next: StoredKeys = { ...stored, keys: [...stored.keys, added].slice(-KEPT_KEYS) };
  writeAtomically(file, next, false);
  return { kid: added.kid, kept: next.keys.map((key) => key.kid) };
}
