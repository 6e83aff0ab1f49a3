import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Hashes and checks local passwords. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password or an unreadable hash; never throws for either. */
  verify(passwordHash: string, password: string): Promise<boolean>;
}

/**
 * argon2id (the library's default algorithm) with OWASP's minimum parameters: 19 MiB, 2 passes,
 * 1 lane. Hashes are PHC strings, so stronger parameters later still verify older hashes.
 */
export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  async verify(passwordHash, password) {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  },
};

/**
 * Checks a password against a hash nobody has, so that an unknown username costs as much time as a
 * known one (no account enumeration by timing).
 */
export class DecoyHash {
  private decoy: Promise<string> | undefined;

  constructor(private readonly hasher: PasswordHasher) {}

  async burn(password: string): Promise<void> {
    this.decoy ??= this.hasher.hash(randomBytes(16).toString('hex'));
    await this.hasher.verify(await this.decoy, password);
  }
}
